//! Errors that point to the place (issue 14): the summary names the row or the grid line and
//! links to the input itself; fields in error are `aria-invalid` and described by their
//! message; choice groups are fieldsets with legends; every row button has a name of its own
//! and, without JavaScript, brings the person back to the row; "1,000" is refused with a way
//! to write it rather than read as 1; the favicon is there.
use crate::common::{self, TestApp};
use crate::html::Page;
use rocket::http::Status;

const NBSM_EN: &str = "research.nbsm@example.org";
const NBSM_RU: &str = "training.nbsm@example.org";

fn needs(
    version: &str,
    action: &str,
    staff: &str,
    second_topic: &str,
) -> Vec<(&'static str, String)> {
    [
        ("_version", version),
        ("_action", action),
        ("fields", "TC 1.3"),
        ("needs._rows", "2"),
        ("needs.0.topic", "Uncertainty"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", staff),
        ("needs.1.topic", second_topic),
        ("needs.1.field", "TC 1.3"),
        ("needs.1.format", "webinar"),
        ("needs.1.staff", "2"),
        ("elearning_tools", "lms"),
        ("staff_coomet", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

async fn post(t: &TestApp, path: &str, fields: &[(&'static str, String)]) -> (Status, Page) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, page, _) = t.post_form(path, &pairs).await;
    (status, Page::parse(&page))
}

/// Every summary link leads to an input (or, for a group's own problem, to the group) whose
/// message is there and which says it is invalid and described by that message.
fn summary_links_resolve(page: &Page) -> Vec<String> {
    let hrefs = page.attrs(".notice.error li a", "href");
    assert!(!hrefs.is_empty(), "a summary");
    for href in &hrefs {
        let id = href.trim_start_matches('#');
        let (tag, invalid) = page
            .by_id(id, "aria-invalid")
            .unwrap_or_else(|| panic!("{id}"));
        if let Some(field) = id.strip_prefix("i-") {
            assert!(
                ["input", "select", "textarea"].contains(&tag.as_str()),
                "{id}: {tag}"
            );
            assert_eq!(invalid.as_deref(), Some("true"), "{id}");
            let (_, described) = page.by_id(id, "aria-describedby").unwrap();
            let described = described.unwrap_or_default();
            assert!(
                described.contains(&format!("e-{field}")),
                "{id}: {described}"
            );
            assert!(page.error_at(field).is_some(), "{id}: a message beside it");
        } else {
            assert!(id.starts_with("f-"), "{id}");
        }
    }
    page.texts(".notice.error li")
}

#[rocket::async_test]
async fn the_summary_names_the_row_and_leads_to_the_input_in_both_languages() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let en = mails[NBSM_EN].link_path();
        let (status, page) = post(&t, &en, &needs("0", "submit", "5", "")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let items = summary_links_resolve(&page);
        assert!(
            items
                .iter()
                .any(|i| i.starts_with("Training needed 2: Topic")),
            "{items:?}"
        );
        // Not submitted, kept as a draft: the Russian colleague finds it and makes the same gap.
        let ru = mails[NBSM_RU].link_path();
        let (status, page) = post(&t, &ru, &needs("1", "submit", "5", "")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let items = summary_links_resolve(&page);
        assert!(
            items
                .iter()
                .any(|i| i.starts_with("Необходимое обучение 2: Тема")),
            "{items:?}"
        );

        // A grid: each line of the summary names its publication.
        let oiml = t.open_campaign("oiml-usage", 2026).await;
        let mails = t.invite_and_send(oiml).await;
        let (_, mail) = mails.iter().next().unwrap();
        let fields = vec![
            ("_version", "0".to_string()),
            ("_action", "submit".to_string()),
        ];
        let (status, page) = post(&t, &mail.link_path(), &fields).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let items = summary_links_resolve(&page);
        let statuses: Vec<_> = items.iter().filter(|i| i.contains("Status")).collect();
        assert!(statuses.len() > 20, "{items:?}");
        let distinct: std::collections::BTreeSet<_> = statuses.iter().collect();
        assert_eq!(distinct.len(), statuses.len(), "every line names its row");
        assert!(
            items
                .iter()
                .any(|i| i.starts_with("OIML R 76 Non-automatic weighing instruments: Status")),
            "{items:?}"
        );
    });
}

#[rocket::async_test]
async fn choices_are_fieldsets_and_row_buttons_have_names_of_their_own() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(campaign).await;
    let en = mails[NBSM_EN].link_path();
    let (status, _) = post(&t, &en, &needs("0", "draft", "5", "Second")).await;
    assert_eq!(status, Status::SeeOther);
    let (_, html) = t.get(&en).await;
    let page = Page::parse(&html);
    for kind in ["radio", "checkbox"] {
        let all = page.count(&format!("input[type={kind}]"));
        let grouped = page.count(&format!("fieldset.choice-group input[type={kind}]"));
        assert!(all > 0);
        assert_eq!(grouped, all, "every {kind} is in a fieldset");
    }
    let legends = page.texts("fieldset.choice-group > legend");
    assert!(legends.iter().all(|l| !l.is_empty()), "{legends:?}");
    let removes = page.texts("button[value^=\"remove:needs\"]");
    assert_eq!(
        removes,
        [
            "Remove this row: Training needed 1",
            "Remove this row: Training needed 2"
        ]
    );
    // Without JavaScript the page comes back at the row the button acted on.
    let actions = page.attrs("button[value=\"add:needs\"]", "formaction");
    assert_eq!(actions.len(), 1);
    assert!(actions[0].ends_with("#r-needs-2"), "{actions:?}");
    let removing = page.attrs("button[value^=\"remove:needs\"]", "formaction");
    assert!(
        removing.iter().all(|a| a.ends_with("#f-needs")),
        "{removing:?}"
    );
    // Required questions say so to a screen reader too.
    assert!(page.count("input[aria-required=\"true\"]") > 0);
    let (status, icon) = t.get("/favicon.ico").await;
    assert_eq!(status, Status::Ok);
    assert!(icon.starts_with("<svg"));
    assert_eq!(
        page.attr("link[rel=icon]", "href")
            .map(|h| h.starts_with("/static/favicon.svg")),
        Some(true)
    );
    t.finish().await;
}

#[rocket::async_test]
async fn one_comma_before_three_digits_is_refused_with_the_two_readings() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let en = mails[NBSM_EN].link_path();
        let (status, page) = post(&t, &en, &needs("0", "submit", "1,000", "Second")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let said = page
            .error_at("needs.0.staff")
            .expect("a message beside the field");
        assert!(said.contains("1000") && said.contains("1.000"), "{said}");
        assert_eq!(page.shown("needs.0.staff"), ["1,000"], "shown as typed");
        let ru = mails[NBSM_RU].link_path();
        let (_, page) = post(&t, &ru, &needs("1", "submit", "1,000", "Second")).await;
        let said = page.error_at("needs.0.staff").unwrap();
        assert!(
            said.contains("целое число") && said.contains("1000"),
            "{said}"
        );
        // A space groups thousands the Russian way: "1 000" is read as a thousand (past this
        // question's 500), never as one.
        let (status, page) = post(&t, &en, &needs("2", "submit", "1 000", "Second")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let said = page.error_at("needs.0.staff").unwrap();
        assert!(said.contains("at most 500"), "{said}");
        let (status, page) = post(&t, &en, &needs("3", "submit", "4,5", "Second")).await;
        assert_eq!(
            status,
            Status::UnprocessableEntity,
            "a fraction of a person"
        );
        assert!(page
            .error_at("needs.0.staff")
            .unwrap()
            .contains("whole number"));
        let (status, _) = post(&t, &en, &needs("4", "submit", "450", "Second")).await;
        assert_eq!(status, Status::SeeOther);
        let unit = common::unit("institute:NBSM");
        let stored = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.answers().unwrap()["needs"][0]["staff"], 450);
    });
}

/// Every form, as a respondent's browser receives it (gzip), weighs under 15 KB, its style
/// sheet and script included; nothing on it is loaded from elsewhere.
#[rocket::async_test]
async fn every_form_weighs_under_15_kb_compressed_with_its_assets() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let forms: Vec<String> = t
        .app
        .forms
        .current(&t.app.db)
        .await
        .unwrap()
        .forms
        .keys()
        .cloned()
        .collect();
    let gzip = |path: String| {
        let client = &t.client;
        async move {
            let r = client
                .get(path)
                .header(rocket::http::Header::new("Accept-Encoding", "gzip"))
                .dispatch()
                .await;
            assert_eq!(r.status(), Status::Ok);
            r.into_bytes().await.unwrap().len()
        }
    };
    let mut weights = Vec::new();
    for form in &forms {
        let _ = std::fs::remove_dir_all(t.app.config.outbox_dir());
        let campaign = t.open_campaign(form, 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let path = mails.values().next().unwrap().link_path();
        let (_, html) = t.get(&path).await;
        let page = Page::parse(&html);
        let mut assets = page.attrs("link[href]", "href");
        assets.extend(page.attrs("script[src]", "src"));
        assert!(
            assets.iter().all(|a| a.starts_with('/')),
            "{form}: {assets:?}"
        );
        let alone = gzip(path).await;
        let mut total = alone;
        for asset in assets {
            total += gzip(asset).await;
        }
        weights.push((form.clone(), alone, total));
    }
    assert_eq!(weights.len(), 7);
    eprintln!("gzip bytes (page alone, page with its assets): {weights:?}");
    for (form, _, bytes) in &weights {
        assert!(*bytes < 15 * 1024, "{form}: {bytes} bytes: {weights:?}");
    }
    t.finish().await;
}

/// "Set every unanswered line to": on the 27-line OIML grid, without JavaScript, one choice
/// answers every empty line of the column and leaves the answered ones as they are; the draft
/// keeps it; a column or value the form does not have changes nothing.
#[rocket::async_test]
async fn a_grid_column_is_filled_for_every_unanswered_line_and_answered_ones_stay() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("oiml-usage", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let link = mails[NBSM_EN].link_path();
        let current = t.app.forms.current(&t.app.db).await.unwrap();
        let oiml = &current.forms["oiml-usage"];
        let lines = oiml.choices(oiml.question("oiml").unwrap()).len();
        assert!(lines > 20);
        let fields = |action: &str, value: &str| {
            vec![
                ("_version", "0".to_string()),
                ("_action", action.to_string()),
                ("oiml.0.status", "direct".to_string()),
                ("oiml._fill.status", value.to_string()),
            ]
        };
        let (status, page) = post(&t, &link, &fields("fill:oiml:status", "not-applied")).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(page.shown("oiml.0.status"), ["direct"], "answered: kept");
        for line in 1..lines {
            let name = format!("oiml.{line}.status");
            assert_eq!(page.shown(&name), ["not-applied"], "{name}");
        }
        assert!(
            page.shown("oiml.1.translation").is_empty(),
            "other columns untouched"
        );
        let unit = common::unit("country:AM");
        let stored = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .expect("kept as a draft");
        let answers = stored.answers().unwrap();
        assert_eq!(
            answers["oiml"].as_object().unwrap().len(),
            lines,
            "{answers:?}"
        );
        // Neither a column nor a value the form lacks is accepted.
        for (action, value) in [
            ("fill:oiml:nothing", "direct"),
            ("fill:oiml:status", "bogus"),
        ] {
            let mut bad = fields(action, value);
            bad[0].1 = stored.version.to_string();
            let (status, _) = post(&t, &link, &bad).await;
            assert_eq!(status, Status::UnprocessableEntity, "{action} {value}");
        }
        let after = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.version, stored.version);
    });
}
