//! The reviewers' workspace: every figure on /review equals a hand count of the fixture, the
//! same indicator over two years with its change, charts that are well-formed SVG, downloads
//! of submitted responses only, and a per-contact survey that never shows a reviewer a name,
//! an address or a figure made of fewer answers than its threshold.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::directory::{staff, staff_user::Role};
use rocket::http::Status;

/// TC 4's reviewer account, tc4@example.org.
pub(crate) async fn add_reviewer(t: &TestApp) {
    staff::add_user(
        &t.app.db,
        "tc4@example.org",
        Role::Reviewer,
        "correct horse battery",
    )
    .await
    .unwrap();
}

pub(crate) async fn login_reviewer(t: &TestApp) {
    add_reviewer(t).await;
    let fields = [
        ("email", "tc4@example.org"),
        ("password", "correct horse battery"),
    ];
    let (status, _, _) = t.post_form("/admin/login", &fields).await;
    assert_eq!(status, Status::SeeOther);
}

/// 2025: VNIIM alone, one need (seminar, 4 staff) and one e-learning tool.
pub(crate) async fn year_before(t: &TestApp) -> i32 {
    let c = t.open_campaign("training-needs", 2025).await;
    let mails = t.invite_and_send(c).await;
    let fields = [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("fields.detail.2", "Calibration of PRTs"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Calibration of thermometers"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "seminar"),
        ("needs.0.staff", "4"),
        ("elearning_tools", "lms"),
        ("staff_coomet", "1"),
        ("_action", "submit"),
    ];
    let link = mails["training.vniim@example.org"].link_path();
    let (status, page, _) = t.post_form(&link, &fields).await;
    assert_eq!(status, Status::SeeOther, "{page}");
    c
}

/// Checks that `svg` is well-formed XML, as a browser's parser would need it.
pub(crate) fn well_formed(svg: &str) {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.read())",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut p| {
            use std::io::Write;
            p.stdin.take().unwrap().write_all(svg.as_bytes())?;
            p.wait_with_output()
        })
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}\n{svg}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An offer's field, experts and weeks.
type OfferRow = (&'static str, &'static str, &'static str);

/// A contact's address and the offers their institute submits.
type Offering = (&'static str, Vec<OfferRow>);

/// One traineeship offer row's fields, at index `i`.
fn offer_row(i: usize, field: &str, experts: &str, weeks: &str) -> Vec<(String, String)> {
    let at = |k: &str| format!("offers.{i}.{k}");
    [
        (at("field"), field),
        (at("topic"), "Calibration"),
        (at("experts"), experts),
        (at("weeks"), weeks),
        (at("languages"), "ru"),
        (at("period"), "Q3"),
        (at("conditions"), "free"),
        (at("contact"), "Training office"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

/// Traineeship offers: 2025 VNIIM TC 1.5 (2 experts x 4 weeks); 2026 VNIIM TC 1.5 (2 x 2) and
/// TC 1.6 (3 x 1), BelGIM TC 1.6 (1 x 2).
async fn offers_of_two_years(t: &TestApp) -> (i32, i32) {
    let mut ids = Vec::new();
    let years: [(i32, Vec<Offering>); 2] = [
        (
            2025,
            vec![("training.vniim@example.org", vec![("TC 1.5", "2", "4")])],
        ),
        (
            2026,
            vec![
                (
                    "training.vniim@example.org",
                    vec![("TC 1.5", "2", "2"), ("TC 1.6", "3", "1")],
                ),
                ("training.belgim@example.org", vec![("TC 1.6", "1", "2")]),
            ],
        ),
    ];
    for (year, by) in years {
        let c = t.open_campaign("traineeship-offers", year).await;
        let mails = t.invite_and_send(c).await;
        for (email, rows) in by {
            let n = rows.len().to_string();
            let mut fields: Vec<(String, String)> = vec![
                ("_version".into(), "0".into()),
                ("_action".into(), "submit".into()),
                ("has_offers".into(), "yes".into()),
                ("offers._rows".into(), n),
            ];
            for (i, (field, experts, weeks)) in rows.into_iter().enumerate() {
                fields.extend(offer_row(i, field, experts, weeks));
            }
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let (status, page, _) = t.post_form(&mails[email].link_path(), &pairs).await;
            assert_eq!(status, Status::SeeOther, "{email} {year}: {page}");
        }
        ids.push(c);
    }
    (ids[0], ids[1])
}

#[rocket::async_test]
async fn the_results_of_two_years_equal_a_hand_count_in_both_languages() {
    on_every_backend!(|t| {
        let before = year_before(&t).await;
        let c = crate::export::fixture(&t).await;
        let (_, offers) = offers_of_two_years(&t).await;
        login_reviewer(&t).await;
        let (status, home) = t.get("/review?lang=en").await;
        assert_eq!(status, Status::Ok, "{home}");
        let home = Page::parse(&home);
        let years = home.table("section[aria-labelledby=\"s-training-needs\"] table");
        let invited = coomet_surveys::campaigns::invited_units(&t.app.db, c)
            .await
            .unwrap()
            .len();
        assert_eq!(years[1][0], "2026");
        assert_eq!(years[1][2], invited.to_string());
        assert_eq!(years[1][3], "2");
        assert_eq!(years[2][0], "2025");
        assert_eq!(years[2][3], "1");

        let (status, page) = t.get(&format!("/review/campaigns/{c}?lang=en")).await;
        assert_eq!(status, Status::Ok, "{page}");
        let p = Page::parse(&page);
        // needs-by-format: seminar 2 institutes, 2 needs, 10 staff; webinar 1, 1, 5.
        let by_format =
            p.table("section[aria-labelledby=\"ind-training-needs-needs-by-format\"] table");
        let row = |label: &str| {
            by_format
                .iter()
                .find(|r| r[0] == label)
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(row("Seminar")[1..], ["2", "2", "10"], "{by_format:?}");
        assert_eq!(row("Webinar")[1..], ["1", "1", "5"], "{by_format:?}");
        // Distinct e-learning tools: 1 in 2025, 2 in 2026, +1.
        let over_years =
            p.table("section[aria-labelledby=\"ind-training-needs-elearning-tools\"] table.years");
        assert_eq!(over_years[1], ["2025", "1", "—"], "{over_years:?}");
        assert_eq!(over_years[2], ["2026", "2", "+1"], "{over_years:?}");
        let charts = p.count("svg[role=\"img\"]");
        assert!(charts >= 5, "{charts} charts");
        for start in page.match_indices("<svg").map(|(i, _)| i) {
            let end = page[start..].find("</svg>").unwrap() + start + 6;
            well_formed(&page[start..end]);
        }
        for label in p
            .attrs("svg[role=\"img\"]", "aria-labelledby")
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        {
            assert_eq!(
                p.count(&format!("[id=\"{label}\"]")),
                1,
                "{label} names the chart"
            );
        }
        for link in [p.attrs("[src]", "src"), p.attrs("[href]", "href")].concat() {
            assert!(
                link.starts_with('/') || link.starts_with('#'),
                "from elsewhere: {link}"
            );
        }

        let (_, ru) = t.get(&format!("/review/campaigns/{c}?lang=ru")).await;
        let ru = Page::parse(&ru);
        let by_format =
            ru.table("section[aria-labelledby=\"ind-training-needs-needs-by-format\"] table");
        assert!(
            by_format
                .iter()
                .any(|r| r[0] == "Семинар" && r[1..] == ["2", "2", "10"]),
            "{by_format:?}"
        );
        assert!(ru.texts("h1")[0].starts_with("Потребности"));

        // The topics of the needs by field, each with its institute, never a person.
        let topics = p.texts("section[aria-labelledby=\"ind-training-needs-need-topics\"] li");
        assert!(
            topics.contains(&"Calibration of AC power meters — VNIIM".to_string()),
            "{topics:?}"
        );
        assert!(
            topics
                .iter()
                .any(|q| q.starts_with("=HYPERLINK") && q.ends_with("— NBSM")),
            "{topics:?}"
        );
        let groups =
            p.texts("section[aria-labelledby=\"ind-training-needs-need-topics\"] .quotes h4");
        assert_eq!(groups.len(), 2, "TC 1.1 and TC 1.3: {groups:?}");
        // Needs by format over the years (institutes): seminar 1 in 2025, 2 in 2026; webinar
        // none, then 1.
        let formats = p.table(
            "section[aria-labelledby=\"ind-training-needs-needs-by-format\"] table.year-table",
        );
        assert_eq!(
            formats[0][1..],
            ["2025", "2026", "Change from the year before"]
        );
        assert!(
            formats.contains(&vec!["Seminar".into(), "1".into(), "2".into(), "+1".into()]),
            "{formats:?}"
        );
        assert!(
            formats.contains(&vec!["Webinar".into(), "0".into(), "1".into(), "+1".into()]),
            "{formats:?}"
        );
        // Traineeship offers of two years, by hand: 2 institutes offering in 2026 (1 in 2025);
        // by field TC 1.5 1 institute, 1 offer, 2 experts; TC 1.6 2, 2, 3 + 1 = 4; expert-weeks
        // TC 1.5 2 x 2 = 4, TC 1.6 3 x 1 + 1 x 2 = 5.
        let (_, o) = t.get(&format!("/review/campaigns/{offers}?lang=en")).await;
        let o = Page::parse(&o);
        let sect = |id: &str| format!("section[aria-labelledby=\"ind-traineeship-offers-{id}\"]");
        let offering = o.table(&format!("{} table.years", sect("institutes-offering")));
        assert_eq!(
            offering[1..],
            [vec!["2025", "1", "—"], vec!["2026", "2", "+1"]],
            "{offering:?}"
        );
        let row = |table: &[Vec<String>], label: &str| {
            table
                .iter()
                .find(|r| r[0].starts_with(label))
                .cloned()
                .unwrap_or_default()
        };
        let by_field = o.table(&format!("{} table", sect("offers-by-field")));
        assert_eq!(
            row(&by_field, "TC 1.5")[1..],
            ["1", "1", "2"],
            "{by_field:?}"
        );
        assert_eq!(
            row(&by_field, "TC 1.6")[1..],
            ["2", "2", "4"],
            "{by_field:?}"
        );
        let weeks = o.table(&format!("{} table", sect("expert-weeks-by-field")));
        assert_eq!(row(&weeks, "TC 1.5")[1..], ["1", "1", "4"], "{weeks:?}");
        assert_eq!(row(&weeks, "TC 1.6")[1..], ["2", "2", "5"], "{weeks:?}");
        let field_years = o.table(&format!("{} table.year-table", sect("offers-by-field")));
        assert_eq!(
            row(&field_years, "TC 1.5")[1..],
            ["1", "1", "0"],
            "{field_years:?}"
        );
        assert_eq!(
            row(&field_years, "TC 1.6")[1..],
            ["0", "2", "+2"],
            "{field_years:?}"
        );
        // The change of a rate is in percentage points.
        let rates =
            p.table("section[aria-labelledby=\"ind-training-needs-response-rate\"] table.years");
        assert!(rates[2][2].ends_with(" pp"), "{rates:?}");
        // The topical issues per field (a text per chosen field), with their institute.
        let (_, earlier) = t.get(&format!("/review/campaigns/{before}?lang=en")).await;
        let issues = Page::parse(&earlier)
            .texts("section[aria-labelledby=\"ind-training-needs-topical-issues\"] li");
        assert_eq!(issues, ["Calibration of PRTs — VNIIM"]);
        // The annual report holds the same figures, and writes the same from the command line.
        let (status, report) = t.get("/review/report/2026?lang=en").await;
        assert_eq!(status, Status::Ok, "{report}");
        let r = Page::parse(&report);
        assert_eq!(r.count("section.survey"), 2, "two surveys ran in 2026");
        let by_field =
            r.table("section[aria-labelledby=\"ind-traineeship-offers-offers-by-field\"] table");
        assert!(
            by_field.contains(&vec![
                "TC 1.6 Mass and related quantities".into(),
                "2".into(),
                "2".into(),
                "4".into()
            ]),
            "{by_field:?}"
        );
        let by_format =
            r.table("section[aria-labelledby=\"ind-training-needs-needs-by-format\"] table");
        assert!(by_format
            .iter()
            .any(|row| row[0] == "Seminar" && row[1..] == ["2", "2", "10"]));
        let (status, _) = t.get("/review/report/1999").await;
        assert_eq!(status, Status::NotFound);
        let file = t.dir.path().join("report-2026.html");
        let args = [
            "report",
            "--year",
            "2026",
            "--lang",
            "ru",
            "-o",
            file.to_str().unwrap(),
        ];
        let (ok, out, err) = crate::export::binary(&t, &t.database_url, &args);
        assert!(ok, "{out}{err}");
        let written = std::fs::read_to_string(&file).unwrap();
        let w = Page::parse(&written);
        assert_eq!(
            w.count("link[rel=stylesheet], script[src], img[src]"),
            0,
            "self-contained"
        );
        let by_format =
            w.table("section[aria-labelledby=\"ind-training-needs-needs-by-format\"] table");
        assert!(by_format
            .iter()
            .any(|row| row[0] == "Семинар" && row[1..] == ["2", "2", "10"]));
        assert!(w.texts("h1")[0].contains("2026"), "{written}");

        // The roadmap overview: Ind-e.1.6 from the distinct e-learning tools, 1 (not met) in
        // 2025 and 2 (met) in 2026; Ind-a.1.8 fed by no survey.
        let (status, roadmap) = t.get("/review/roadmap?lang=en").await;
        assert_eq!(status, Status::Ok, "{roadmap}");
        let m = Page::parse(&roadmap);
        let e16 = m.table("section[aria-labelledby=\"code-Ind-e.1.6\"] table");
        // Years after 2025 continue the roadmap's indicators, and say so.
        assert_eq!(e16[0][2], "2025", "{e16:?}");
        assert_eq!(e16[0][3], "2026after the roadmap", "{e16:?}");
        assert_eq!(e16[1][1], "2");
        assert!(
            e16[1][2].starts_with('1') && e16[1][2].contains("not met"),
            "{e16:?}"
        );
        assert!(
            e16[1][3].starts_with('2') && e16[1][3].contains("met"),
            "{e16:?}"
        );
        let e22 = m.table("section[aria-labelledby=\"code-Ind-e.2.2\"] table");
        let offering = e22
            .iter()
            .find(|r| r[0].starts_with("Institutes"))
            .expect("{e22:?}");
        assert_eq!(offering[2..], ["1", "2"], "{e22:?}");
        // Without a headline, the figure that matters: needs by format, its largest row.
        let e13 = m.table("section[aria-labelledby=\"code-Ind-e.1.3\"] table");
        let by_format = e13
            .iter()
            .find(|r| r[0].starts_with("Training needs by format"))
            .expect("{e13:?}");
        assert_eq!(by_format[1], "none in the roadmap", "{e13:?}");
        assert_eq!(by_format[3], "Seminar — institutes: 2", "{e13:?}");
        assert!(
            !roadmap.contains("see the table"),
            "every feed shows a figure"
        );
        let a18 = m.texts("section[aria-labelledby=\"code-Ind-a.1.8\"] p.hint");
        assert_eq!(
            a18,
            ["No survey measures this indicator: it comes from other monitoring."]
        );
        let codes = m.count("section.roadmap-code");
        assert_eq!(codes, 25, "every indicator of the roadmap");
        // Every code a form names is one of the roadmap's.
        let known = m.attrs("section.roadmap-code", "aria-labelledby");
        for form in t.app.forms.current(&t.app.db).await.unwrap().forms.values() {
            for ind in &form.indicators {
                for code in &ind.codes {
                    assert!(
                        known.contains(&format!("code-{code}")),
                        "{}: {code}",
                        form.id
                    );
                }
            }
        }

        // A reviewer's download holds the submitted responses only.
        let r = t
            .client
            .get(format!("/review/campaigns/{before}/export?format=json"))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Ok);
        let doc: serde_json::Value =
            serde_json::from_slice(&r.into_bytes().await.unwrap()).unwrap();
        assert_eq!(doc["responses"].as_array().unwrap().len(), 1);
        // The secretariat's pages stay the secretariat's.
        let r = t
            .client
            .get(format!("/admin/campaigns/{c}/export?format=json"))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Forbidden);
    });
}

#[rocket::async_test]
async fn a_per_contact_survey_shows_reviewers_no_name_and_no_small_cell() {
    on_every_backend!(|t| {
        let c = t.open_campaign("csb-satisfaction", 2026).await;
        let mails = t.invite_and_send(c).await;
        // Three contacts rate the first body (PC); one of them also rates the second alone.
        let mut names = Vec::new();
        for (n, (email, mail)) in mails.iter().take(3).enumerate() {
            names.push(email.clone());
            let rating = (3 + n).to_string();
            let mut fields = vec![
                ("_version", "0"),
                ("bodies.0.satisfaction", rating.as_str()),
            ];
            if n == 0 {
                fields.push(("bodies.1.satisfaction", "1"));
                fields.push(("bodies.1.comment", "Slow answers"));
            }
            // The same comment thrice, in other case and spacing: one text, merged (and
            // written by three people, enough to be shown).
            let comment = [
                ("bodies.0.comment", "Quick answers"),
                ("bodies.0.comment", " quick  ANSWERS"),
                ("bodies.0.comment", "quick answers"),
            ];
            fields.push(comment[n]);
            fields.push(("_action", "submit"));
            let (status, page, _) = t.post_form(&mail.link_path(), &fields).await;
            assert_eq!(status, Status::SeeOther, "{page}");
        }
        login_reviewer(&t).await;
        let (status, page) = t.get(&format!("/review/campaigns/{c}?lang=en")).await;
        assert_eq!(status, Status::Ok);
        for email in &names {
            assert!(!page.contains(email.as_str()), "{email} on the page");
        }
        let p = Page::parse(&page);
        let mean = p.table("section[aria-labelledby=\"ind-csb-satisfaction-satisfaction\"] table");
        let pc = mean
            .iter()
            .find(|r| r[0].contains("Presidential"))
            .expect("the PC row");
        assert_eq!(pc[1], "3", "three ratings");
        assert_eq!(pc[2], "4", "their mean");
        assert_eq!(mean.len(), 2, "the body rated once is not a row: {mean:?}");
        let heading = p.texts("h3#ind-csb-satisfaction-satisfaction");
        assert!(
            !heading[0].contains(':'),
            "no overall mean beside a withheld row: {heading:?}"
        );
        let note = p.texts("section[aria-labelledby=\"ind-csb-satisfaction-satisfaction\"] p.hint");
        assert!(note.iter().any(|n| n.contains("fewer than 3")), "{note:?}");
        let quotes = p.texts("section[aria-labelledby=\"ind-csb-satisfaction-comments\"] li");
        assert_eq!(quotes, ["Quick answers"], "merged, and without names");
        assert!(
            !page.contains("Slow answers"),
            "the one person who rated the second body is withheld, and so is their comment on it"
        );
        // The downloads offered: the indicators' workbook alone.
        let downloads = p.texts("ul.downloads li");
        assert_eq!(downloads, ["Spreadsheet (XLSX): the indicators"], "{page}");
        // The XLSX a reviewer downloads has no address either, and no one's row.
        let r = t
            .client
            .get(format!("/review/campaigns/{c}/export?format=xlsx"))
            .dispatch()
            .await;
        let bytes = r.into_bytes().await.unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).unwrap();
            for cell in range.used_cells() {
                let text = cell.2.to_string();
                assert!(!text.contains('@'), "{name}: {text}");
                assert!(!text.contains("Slow answers"), "{name}: {text}");
            }
        }
        assert_eq!(book.sheet_names(), ["Indicators"], "no sheet of rows");
        for format in ["csv", "json"] {
            let path = format!("/review/campaigns/{c}/export?format={format}");
            let r = t.client.get(path).dispatch().await;
            assert_eq!(r.status(), Status::NotFound, "{format}: rows only");
        }
        // The review API's indicators withhold the same comment.
        t.login_secretariat().await;
        let token = crate::api::make_token(&t, "reviewers", "review").await;
        let path = format!("/api/v1/campaigns/{c}/indicators?lang=en");
        let (status, json) = crate::api::api(&t, Some(&token), &path).await;
        assert_eq!(status, Status::Ok, "{json}");
        let text = json.to_string();
        assert!(
            text.contains("Quick answers") && !text.contains("Slow answers"),
            "{text}"
        );
    });
}

/// Posts `fields` (with `_version` 0 and submit) from `email`'s link of campaign `c`'s mails.
async fn submit_as(
    t: &TestApp,
    mails: &std::collections::BTreeMap<String, common::Mail>,
    email: &str,
    fields: &[(&str, &str)],
) {
    let mut all = vec![("_version", "0"), ("_action", "submit")];
    all.extend_from_slice(fields);
    let (status, page, _) = t.post_form(&mails[email].link_path(), &all).await;
    assert_eq!(status, Status::SeeOther, "{email}: {page}");
}

#[rocket::async_test]
async fn each_traineeship_need_is_shown_with_the_offers_that_fit_it() {
    on_every_backend!(|t| {
        let needs = t.open_campaign("traineeship-needs", 2026).await;
        let offers = t.open_campaign("traineeship-offers", 2026).await;
        let need_mails = t.invite_and_send(needs).await;
        let offer_mails = t.invite_and_send(offers).await;
        // NBSM: gauge blocks (TC 1.5, Russian, at VNIIM only); masses (TC 1.6, English).
        submit_as(
            &t,
            &need_mails,
            "training.nbsm@example.org",
            &[
                ("has_needs", "yes"),
                ("needs._rows", "2"),
                ("needs.0.field", "TC 1.5"),
                ("needs.0.topic", "Gauge blocks"),
                ("needs.0.experts", "2"),
                ("needs.0.weeks", "4"),
                ("needs.0.hosts", "VNIIM"),
                ("needs.0.language", "ru"),
                ("needs.0.funding", "cbkt"),
                ("needs.1.field", "TC 1.6"),
                ("needs.1.topic", "Masses E2"),
                ("needs.1.experts", "1"),
                ("needs.1.weeks", "2"),
                ("needs.1.language", "en"),
                ("needs.1.funding", "support"),
            ],
        )
        .await;
        let offer = |field: &'static str, topic: &'static str, lang: &'static str| {
            vec![
                ("has_offers", "yes"),
                ("offers._rows", "1"),
                ("offers.0.field", field),
                ("offers.0.topic", topic),
                ("offers.0.experts", "2"),
                ("offers.0.weeks", "2"),
                ("offers.0.languages", lang),
                ("offers.0.period", "Q3"),
                ("offers.0.conditions", "free"),
                ("offers.0.contact", "Training office"),
            ]
        };
        // VNIIM offers gauge blocks in Russian: fits. BelGIM too, but NBSM named VNIIM only.
        // PTB offers masses in Russian only: the English need finds nothing.
        submit_as(
            &t,
            &offer_mails,
            "training.vniim@example.org",
            &offer("TC 1.5", "Interferometry of gauge blocks", "ru"),
        )
        .await;
        submit_as(
            &t,
            &offer_mails,
            "training.belgim@example.org",
            &offer("TC 1.5", "Gauge blocks at BelGIM", "ru"),
        )
        .await;
        submit_as(
            &t,
            &offer_mails,
            "training.ptb@example.org",
            &offer("TC 1.6", "Mass standards", "ru"),
        )
        .await;
        t.login_secretariat().await;
        let (status, page) = t.get(&format!("/review/campaigns/{needs}?lang=en")).await;
        assert_eq!(status, Status::Ok, "{page}");
        let p = Page::parse(&page);
        let pairs = p.table("section[aria-labelledby=\"match-offers\"] table");
        assert_eq!(pairs.len(), 2, "one need fits: {pairs:?}");
        assert!(
            pairs[1][0].starts_with("NBSM") && pairs[1][0].contains("Gauge blocks"),
            "{pairs:?}"
        );
        assert!(
            pairs[1][1].starts_with("VNIIM") && pairs[1][1].contains("Interferometry"),
            "{pairs:?}"
        );
        let lists = p.texts("section[aria-labelledby=\"match-offers\"] ul");
        assert_eq!(lists.len(), 2, "{lists:?}");
        assert!(
            lists[0].contains("Masses E2"),
            "the need nothing fits: {lists:?}"
        );
        assert!(
            lists[1].contains("BelGIM") && lists[1].contains("PTB") && !lists[1].contains("VNIIM"),
            "unused: {lists:?}"
        );
        // The digest of the offers (Ind-e.2.3) tells NBSM which offers fit its needs.
        let sent = coomet_surveys::responses::digest::send(&t.app, &common::operator(), offers)
            .await
            .unwrap();
        assert!(sent.is_some_and(|n| n > 0));
        t.send().await;
        let mails = t.mails();
        let nbsm = common::decoded(&mails["training.nbsm@example.org"].raw);
        let fits = nbsm.find("fit your institute").expect("the fitting offers");
        let all = nbsm.find("Every offer follows").expect("then every offer");
        assert!(
            nbsm[fits..all].contains("Gauge blocks") && nbsm[fits..all].contains("VNIIM"),
            "{nbsm}"
        );
        assert!(!nbsm[fits..all].contains("BelGIM"), "{nbsm}");
        let belgim = common::decoded(&mails["training.belgim@example.org"].raw);
        assert!(
            !belgim.contains("fit your institute") && !belgim.contains("подходящие"),
            "{belgim}"
        );
    });
}
