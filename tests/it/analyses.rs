//! The reviewers' second pass (issue 28), over two years of data on both databases: column
//! titles that name institutes, needs and staff in both languages; charts that plot the staff
//! as well as the institutes, with whole legends and fills told apart; "no data" only before
//! anything is submitted; countries in the order of the page's language; the texts without a
//! choice beside them named as such; needs by country and field by format; the training
//! needs against the training offers with the capacity rule, counted by hand.
use crate::common::{self, TestApp};
use crate::html::Page;
use crate::review::{login_reviewer, year_before};
use rocket::http::Status;
use std::collections::BTreeMap;

/// A need: field, format, staff, language.
type Need = (&'static str, &'static str, &'static str, &'static str);
/// An offer: title, field, format, capacity, language.
type Offer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// Submits `needs` and `offers` (and, where given, the staff in other RMOs' programmes) from
/// `email`'s link.
async fn answer(
    t: &TestApp,
    mails: &BTreeMap<String, common::Mail>,
    email: &str,
    (needs, offers, other_rmo): (&[Need], &[Offer], Option<&str>),
) {
    let mut fields: Vec<(String, String)> = vec![
        ("_version".into(), "0".into()),
        ("_action".into(), "submit".into()),
        ("fields".into(), "TC 1.3".into()),
        ("needs._rows".into(), needs.len().to_string()),
        ("offers._rows".into(), offers.len().to_string()),
    ];
    for (i, (field, format, staff, lang)) in needs.iter().enumerate() {
        let at = |k: &str| format!("needs.{i}.{k}");
        fields.extend([
            (at("topic"), format!("Topic {i} of {email}")),
            (at("field"), field.to_string()),
            (at("format"), format.to_string()),
            (at("staff"), staff.to_string()),
            (at("language"), lang.to_string()),
        ]);
    }
    for (i, (title, field, format, capacity, lang)) in offers.iter().enumerate() {
        let at = |k: &str| format!("offers.{i}.{k}");
        fields.extend([
            (at("title"), title.to_string()),
            (at("field"), field.to_string()),
            (at("format"), format.to_string()),
            (at("capacity"), capacity.to_string()),
            (at("language"), lang.to_string()),
        ]);
    }
    if let Some(n) = other_rmo {
        fields.push(("staff_other_rmo".into(), n.into()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, page, _) = t.post_form(&mails[email].link_path(), &pairs).await;
    assert_eq!(status, Status::SeeOther, "{email}: {page}");
}

/// 2026: NBSM (Armenia), VNIIM (Russia) and BelGIM (Belarus) with needs and offers.
pub(crate) async fn year(t: &TestApp) -> i32 {
    let c = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(c).await;
    let nbsm: (&[Need], &[Offer], _) = (
        &[
            ("TC 1.3", "seminar", "3", "ru"),
            ("TC 1.1", "webinar", "2", "either"),
        ],
        &[
            ("Gauge blocks online", "TC 1.5", "webinar", "10", "en"),
            ("Flow forum", "TC 1.8", "conference", "50", "ru"),
        ],
        None,
    );
    let vniim: (&[Need], &[Offer], _) = (
        &[("TC 1.5", "webinar", "4", "en")],
        &[
            ("Thermometry school", "TC 1.3", "seminar", "2", "ru"),
            ("Mass week", "TC 1.1", "webinar", "20", "either"),
        ],
        None,
    );
    let belgim: (&[Need], &[Offer], _) = (
        &[
            ("TC 1.3", "seminar", "2", "either"),
            ("TC 1.6", "e-learning", "1", "en"),
        ],
        &[],
        Some("1"),
    );
    answer(t, &mails, "training.nbsm@example.org", nbsm).await;
    answer(t, &mails, "training.vniim@example.org", vniim).await;
    answer(t, &mails, "training.belgim@example.org", belgim).await;
    c
}

fn section(id: &str) -> String {
    format!("section[aria-labelledby=\"ind-training-needs-{id}\"]")
}

/// Every legend's lines, joined: each must be a whole column title of its table.
fn legends_whole(p: &Page, sect: &str, titles: &[String]) {
    for legend in p.texts(&format!("{sect} svg text.legend")) {
        assert!(
            titles
                .iter()
                .any(|t| t.split_whitespace().collect::<String>()
                    == legend.split_whitespace().collect::<String>()),
            "{legend:?} is not a whole title of {titles:?}"
        );
    }
}

#[rocket::async_test]
async fn needs_and_offers_read_right_in_both_languages() {
    on_every_backend!(|t| {
        let before = year_before(&t).await;
        let c = year(&t).await;
        let nothing = t.open_campaign("traineeship-offers", 2026).await;
        login_reviewer(&t).await;
        let (status, en) = t.get(&format!("/review/campaigns/{c}?lang=en")).await;
        assert_eq!(status, Status::Ok, "{en}");
        let (_, ru) = t.get(&format!("/review/campaigns/{c}?lang=ru")).await;
        let (en, ru) = (Page::parse(&en), Page::parse(&ru));

        // Column titles name what they count, in the survey's words.
        let head = |p: &Page, id: &str| p.table(&format!("{} table", section(id)))[0].clone();
        assert_eq!(
            head(&en, "needs-by-field"),
            ["", "institutes", "needs", "staff"]
        );
        assert_eq!(
            head(&ru, "needs-by-field"),
            ["", "институты", "потребности", "сотрудники"]
        );
        assert_eq!(
            head(&en, "offers-by-field"),
            ["", "institutes", "offers", "places"]
        );
        // Two charts: the institutes and the staff, each named by its caption.
        let captions = en.texts(&format!("{} figcaption", section("needs-by-format")));
        assert_eq!(captions.len(), 2, "{captions:?}");
        assert!(captions[0].contains("institutes") && captions[1].contains("staff"));
        let staff_bars = en.texts(&format!(
            "{} figure:nth-of-type(2) svg text",
            section("needs-by-format")
        ));
        assert!(
            staff_bars.contains(&"5".to_string()),
            "seminar: 3 + 2 staff: {staff_bars:?}"
        );

        // Needs by country, by hand: Armenia 1 institute, 2 needs, 5 staff; Belarus 1, 2, 3;
        // Russia 1, 1, 4.
        let by_country = en.table(&format!("{} table", section("needs-by-country")));
        assert_eq!(
            by_country[1..],
            [
                ["Armenia", "1", "2", "5"],
                ["Belarus", "1", "2", "3"],
                ["Russia", "1", "1", "4"],
                ["Total", "3", "5", "12"],
            ]
        );
        // Fields by format: needs, and staff.
        let cross = en.table(&format!("{} table", section("needs-field-format")));
        let cell = |t: &[Vec<String>], row: &str, col: &str| {
            let c = t[0].iter().position(|h| h == col).expect(col);
            t.iter().find(|r| r[0].starts_with(row)).expect(row)[c].clone()
        };
        assert_eq!(cell(&cross, "TC 1.3", "Seminar"), "2");
        assert_eq!(cell(&cross, "TC 1.3", "Webinar"), "0");
        assert_eq!(cell(&cross, "TC 1.5", "Webinar"), "1");
        assert_eq!(cell(&cross, "Total", "Total"), "5");
        let staff = en.table(&format!("{} table", section("needs-field-format-staff")));
        assert_eq!(cell(&staff, "TC 1.3", "Seminar"), "5");
        assert_eq!(cell(&staff, "TC 1.6", "E-learning course"), "1");
        assert_eq!(cell(&staff, "Total", "Total"), "12");
        legends_whole(&en, &section("needs-field-format"), &cross[0]);
        assert!(
            en.count(&format!(
                "{} svg text.legend",
                section("needs-field-format")
            )) >= 6
        );

        // "No data" only without submissions; otherwise who answered and who left it blank.
        let meta = en.texts(&format!("{} p.meta", section("other-rmo-participation")));
        assert!(meta[0].contains("1 answered, 2 left it blank"), "{meta:?}");
        let h3 = en.texts(&format!("{} h3", section("other-rmo-participation")));
        assert!(h3[0].ends_with(": 1"), "{h3:?}");
        let meta = ru.texts(&format!("{} p.meta", section("other-rmo-participation")));
        assert!(
            meta[0].contains("Ответили: 1, оставили без ответа: 2"),
            "{meta:?}"
        );
        let (_, old) = t.get(&format!("/review/campaigns/{before}?lang=en")).await;
        let old = Page::parse(&old);
        let said = old.texts(&format!("{} p.meta", section("other-rmo-participation")));
        assert!(
            said.iter()
                .any(|s| s.contains("0 answered, 1 left it blank")),
            "{said:?}"
        );
        assert!(said
            .iter()
            .any(|s| s == "Nobody who submitted answered this question."));
        assert!(!old
            .texts("p.meta")
            .iter()
            .any(|s| s == "No submitted answer yet."));
        let (_, none) = t.get(&format!("/review/campaigns/{nothing}?lang=en")).await;
        let none = Page::parse(&none);
        assert!(none
            .texts("p.meta")
            .iter()
            .any(|s| s == "No submitted answer yet."));
        assert!(!none
            .texts("p.meta")
            .iter()
            .any(|s| s.contains("left it blank")));

        // Countries by name in the page's language, not by code.
        let names = |p: &Page| -> Vec<String> {
            let rows = p.table(&format!("{} table", section("response-rate")));
            rows[1..rows.len() - 1]
                .iter()
                .map(|r| r[0].clone())
                .collect()
        };
        let (en_names, ru_names) = (names(&en), names(&ru));
        let at = |names: &[String], n: &str| names.iter().position(|x| x == n).expect(n);
        assert!(
            at(&en_names, "Georgia") < at(&en_names, "Germany"),
            "{en_names:?}"
        );
        assert!(at(&en_names, "Belarus") < at(&en_names, "Bosnia and Herzegovina"));
        assert!(
            at(&ru_names, "Азербайджан") < at(&ru_names, "Армения"),
            "{ru_names:?}"
        );
        assert!(
            at(&ru_names, "Германия") < at(&ru_names, "Грузия"),
            "{ru_names:?}"
        );
        let mut sorted = ru_names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(ru_names, sorted, "Russian alphabetical order");

        // The needs against the offers: field and format the same, the language fits.
        training_offers(&en, &ru);

        // The command line's JSON holds the texts the page and the API show.
        let (ok, out, err) =
            crate::cli::run(&t, &["indicators", &c.to_string(), "--format", "json"]);
        assert!(ok, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let topics = doc["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "need-topics")
            .expect("need-topics");
        let texts = topics["texts"].as_array().unwrap();
        assert_eq!(texts.len(), 5, "{topics}");
        assert!(texts
            .iter()
            .any(|q| q["text"] == "Topic 0 of training.nbsm@example.org"
                && q["by"] == serde_json::json!(["NBSM"])
                && q["group"].as_str().unwrap().starts_with("TC 1.3")));
        assert_eq!(topics["submitted"], 3);
    });
}

/// By hand: NBSM's thermometry seminar (3 staff, Russian) and BelGIM's (2, either) both fit
/// VNIIM's school of 2 places, which is asked for beyond them (5); NBSM's mass webinar (2,
/// either) fits VNIIM's mass week (20, either); VNIIM's gauge-block webinar (4, English) fits
/// NBSM's; BelGIM's e-learning need fits nothing; NBSM's flow forum fits no need.
fn training_offers(en: &Page, ru: &Page) {
    let sect = "section[aria-labelledby=\"match-training-offers\"]";
    let pairs = en.table(&format!("{sect} table"));
    assert_eq!(pairs.len(), 1 + 4, "four needs fit: {pairs:?}");
    let of = |unit: &str, field: &str| {
        pairs
            .iter()
            .find(|r| r[0].starts_with(unit) && r[0].contains(field))
            .unwrap_or_else(|| panic!("{unit} {field} in {pairs:?}"))
            .clone()
    };
    let thermometry = of("NBSM", "TC 1.3");
    assert!(thermometry[1].starts_with("VNIIM") && thermometry[1].contains("Thermometry school"));
    assert!(
        thermometry[1].contains("Capacity: 2; the 2 needs that fit it ask for 5"),
        "{thermometry:?}"
    );
    assert!(of("BelGIM", "TC 1.3")[1].contains("Thermometry school"));
    let mass = of("NBSM", "TC 1.1");
    assert!(
        mass[1].contains("Mass week") && !mass[1].contains("ask for"),
        "{mass:?}"
    );
    assert!(of("VNIIM", "TC 1.5")[1].starts_with("NBSM"));
    let lists = en.texts(&format!("{sect} ul"));
    assert_eq!(lists.len(), 3, "unmatched, unused, beyond: {lists:?}");
    assert!(lists[0].starts_with("BelGIM") && lists[0].contains("E-learning course"));
    assert!(lists[1].contains("Flow forum") && !lists[1].contains("Mass week"));
    assert!(lists[2].contains("Thermometry school") && !lists[2].contains("Mass week"));
    let intro = en.texts(&format!("{sect} p.meta"))[0].clone();
    assert!(
        intro.contains("the same “Field”") && intro.contains("“Format”"),
        "{intro}"
    );
    let said = ru.texts(&format!("{sect} ul"));
    assert!(
        said[2].contains("Число участников: 2, а подходящие потребности (2) запрашивают 5"),
        "{said:?}"
    );
}

#[rocket::async_test]
async fn a_traineeship_offer_asked_for_beyond_its_experts_says_so() {
    on_every_backend!(|t| {
        let needs = t.open_campaign("traineeship-needs", 2026).await;
        let offers = t.open_campaign("traineeship-offers", 2026).await;
        let need_mails = t.invite_and_send(needs).await;
        let offer_mails = t.invite_and_send(offers).await;
        let need = |experts: &'static str| {
            [
                ("_version", "0"),
                ("_action", "submit"),
                ("has_needs", "yes"),
                ("needs._rows", "1"),
                ("needs.0.field", "TC 1.5"),
                ("needs.0.topic", "Gauge blocks"),
                ("needs.0.experts", experts),
                ("needs.0.weeks", "2"),
                ("needs.0.language", "ru"),
                ("needs.0.funding", "own"),
            ]
        };
        // NBSM asks for 2 experts, AIM for 1: VNIIM hosts 2 a year.
        for (email, n) in [
            ("training.nbsm@example.org", "2"),
            ("training.aim@example.org", "1"),
        ] {
            let (status, page, _) = t.post_form(&need_mails[email].link_path(), &need(n)).await;
            assert_eq!(status, Status::SeeOther, "{page}");
        }
        let offer = [
            ("_version", "0"),
            ("_action", "submit"),
            ("has_offers", "yes"),
            ("offers._rows", "1"),
            ("offers.0.field", "TC 1.5"),
            ("offers.0.topic", "Interferometry"),
            ("offers.0.experts", "2"),
            ("offers.0.weeks", "2"),
            ("offers.0.languages", "ru"),
            ("offers.0.period", "Q3"),
            ("offers.0.conditions", "free"),
            ("offers.0.contact", "Training office"),
        ];
        let link = offer_mails["training.vniim@example.org"].link_path();
        let (status, page, _) = t.post_form(&link, &offer).await;
        assert_eq!(status, Status::SeeOther, "{page}");
        login_reviewer(&t).await;
        let (_, page) = t.get(&format!("/review/campaigns/{needs}?lang=en")).await;
        let p = Page::parse(&page);
        let sect = "section[aria-labelledby=\"match-offers\"]";
        let lists = p.texts(&format!("{sect} ul"));
        let beyond = lists.last().expect("the offers asked for beyond them");
        assert!(
            beyond.starts_with("VNIIM")
                && beyond.contains(
                    "Experts that can be hosted per year: 2; the 2 needs that fit it ask for 3"
                ),
            "{lists:?}"
        );
    });
}

/// An oiml-usage campaign of 2026: Armenia's sample answers, its second RLMO document naming
/// no organisation.
pub(crate) async fn oiml(t: &TestApp) -> i32 {
    let c = t.open_campaign("oiml-usage", 2026).await;
    let mails = t.invite_and_send(c).await;
    let form = t
        .app
        .forms
        .get(&t.app.db, "oiml-usage", None)
        .await
        .unwrap()
        .unwrap()
        .1;
    // Armenia and Azerbaijan, each publication in another status: every share appears.
    let statuses = form.choices(form.path("oiml.status").unwrap().1).to_vec();
    for (n, email) in ["research.nbsm@example.org", "research.aim@example.org"]
        .into_iter()
        .enumerate()
    {
        let mut answers = crate::paper::sample(&form);
        let grid = answers["oiml"].as_object_mut().unwrap();
        for (i, row) in grid.values_mut().enumerate() {
            let status = &statuses[(i + n * 2) % statuses.len()].value;
            row["status"] = serde_json::json!(status);
        }
        // Each country's first RLMO document its own; the second, the same for both, names no
        // organisation.
        answers["rlmo"][0]["document"] = serde_json::json!(format!("Guide {n}"));
        answers["rlmo"][1]
            .as_object_mut()
            .unwrap()
            .remove("organisation");
        crate::paper::submit(t, &mails[email].token(), &answers).await;
    }
    c
}

#[rocket::async_test]
async fn the_oiml_chart_tells_its_five_statuses_apart_and_names_texts_without_organisation() {
    on_every_backend!(|t| {
        let c = oiml(&t).await;
        login_reviewer(&t).await;
        for lang in ["en", "ru"] {
            let (_, page) = t.get(&format!("/review/campaigns/{c}?lang={lang}")).await;
            let p = Page::parse(&page);
            let sect = "section[aria-labelledby=\"ind-oiml-usage-oiml-status\"]";
            let titles = p.table(&format!("{sect} table"))[0].clone();
            let legends = p.texts(&format!("{sect} svg text.legend"));
            assert_eq!(legends.len(), 5, "{legends:?}");
            legends_whole(&p, sect, &titles);
            let fills: std::collections::BTreeSet<String> = p
                .attrs(&format!("{sect} svg rect[width=\"14\"]"), "fill")
                .into_iter()
                .collect();
            assert_eq!(fills.len(), 5, "five fills told apart: {fills:?}");
            assert_eq!(p.count(&format!("{sect} svg pattern")), 3);
            // The table scrolls in its own box, which the keyboard can reach.
            assert_eq!(
                p.count(&format!("{sect} div.table-scroll[tabindex=\"0\"] table")),
                1
            );
            let rlmo = p.table("section[aria-labelledby=\"ind-oiml-usage-rlmo-documents\"] table");
            let labels: Vec<&str> = rlmo.iter().map(|r| r[0].as_str()).collect();
            let none = match lang {
                "en" => "Organisation: not given",
                _ => "Организация: не указано",
            };
            assert!(labels.contains(&none), "{labels:?}");
            let total = rlmo.last().unwrap();
            assert_eq!(total[0], if lang == "en" { "Total" } else { "Всего" });
            // By hand: 2 documents of WELMEC, 1 without organisation (written by both).
            let row = |label: &str| rlmo.iter().find(|r| r[0] == label).unwrap()[1..].to_vec();
            assert_eq!(row(none), ["2", "1"], "{rlmo:?}");
            assert_eq!(total[1..], ["2", "3"], "the total is the total: {rlmo:?}");
        }
    });
}
