//! Two colleagues save the same response (issue 14): the later save is refused, nothing of
//! either is lost, the page lists each question where the two differ with both answers side
//! by side, and the person chooses per question; a save without every choice is refused
//! again; the result holds exactly what was chosen. In both languages. A repeating group is
//! merged row by row: only a row both changed is a choice (issue 27).
use crate::common::{self, TestApp};
use crate::html::Page;
use rocket::http::Status;

const NBSM_EN: &str = "research.nbsm@example.org";
const NBSM_RU: &str = "training.nbsm@example.org";

fn answers(version: i32, topic: &str, staff_coomet: &str) -> Vec<(String, String)> {
    [
        ("_version", version.to_string()),
        ("_action", "draft".into()),
        ("fields", "TC 1.3".into()),
        ("needs._rows", "1".into()),
        ("needs.0.topic", topic.into()),
        ("needs.0.field", "TC 1.3".into()),
        ("needs.0.format", "webinar".into()),
        ("needs.0.staff", "5".into()),
        ("elearning_tools", "lms".into()),
        ("staff_coomet", staff_coomet.into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

async fn post(t: &TestApp, path: &str, fields: &[(String, String)]) -> (Status, Page) {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, page, _) = t.post_form(path, &pairs).await;
    (status, Page::parse(&page))
}

async fn stored(t: &TestApp, campaign: i32) -> coomet_surveys::responses::response::Model {
    let unit = common::unit("institute:NBSM");
    coomet_surveys::responses::current(&t.app.db, campaign, &unit)
        .await
        .unwrap()
        .unwrap()
}

#[rocket::async_test]
async fn a_conflict_is_resolved_question_by_question_and_never_overwrites_blindly() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let (ru, en) = (mails[NBSM_RU].link_path(), mails[NBSM_EN].link_path());
        assert_eq!(
            post(&t, &ru, &answers(0, "Base", "3")).await.0,
            Status::SeeOther
        );
        // Both open version 1; the Russian colleague saves first.
        assert_eq!(
            post(&t, &ru, &answers(1, "Colleague's topic", "4")).await.0,
            Status::SeeOther
        );
        let (status, page) = post(&t, &en, &answers(1, "My topic", "3")).await;
        assert_eq!(status, Status::Conflict);
        assert_eq!(
            stored(&t, campaign).await.version,
            2,
            "nothing of the second saved"
        );
        assert_eq!(page.input("_version").as_deref(), Some("2"));
        assert_eq!(
            page.input("_conflicts").as_deref(),
            Some("needs.0.0,staff_coomet")
        );
        let legends = page.texts("fieldset.conflict > legend");
        assert_eq!(
            legends,
            ["Training needed, 1", "Staff who attended COOMET training"]
        );
        let needs = page.texts("#c-needs-0-0 li");
        assert!(needs.iter().any(|l| l.contains("My topic")), "{needs:?}");
        assert!(
            needs.iter().any(|l| l.contains("Colleague's topic")),
            "{needs:?}"
        );
        // The colleague by name, and when in the organisation's clock (issue 27).
        assert!(
            page.texts(".conflicts").concat().contains("Ivan Demo"),
            "names who saved"
        );
        let notice = page.texts(".notice.error").concat();
        assert!(
            notice.contains("Ivan Demo") && notice.contains("MSK"),
            "{notice}"
        );
        assert!(
            !notice.contains(NBSM_RU) && !notice.contains("UTC"),
            "{notice}"
        );
        assert_eq!(
            page.shown("needs.0.topic"),
            ["My topic"],
            "the form keeps what was typed"
        );

        // Saving again without choosing is refused, and changes nothing.
        let mut again = answers(2, "My topic", "3");
        again.push(("_conflicts".into(), "needs.0.0,staff_coomet".into()));
        let (status, page) = post(&t, &en, &again).await;
        assert_eq!(status, Status::Conflict);
        assert!(page
            .texts(".notice.error")
            .concat()
            .contains("Please choose"));
        assert_eq!(stored(&t, campaign).await.version, 2);

        // Mine for the need, theirs for the number: exactly that is saved.
        again.push(("_keep.needs.0.0".into(), "mine".into()));
        again.push(("_keep.staff_coomet".into(), "theirs".into()));
        let (status, _) = post(&t, &en, &again).await;
        assert_eq!(status, Status::SeeOther);
        let after = stored(&t, campaign).await;
        assert_eq!(after.version, 3);
        let answers_now = after.answers().unwrap();
        assert_eq!(answers_now["needs"][0]["topic"], "My topic");
        assert_eq!(answers_now["staff_coomet"], 4);

        // The Russian colleague, still on version 2, meets the same page in Russian.
        let (status, page) = post(&t, &ru, &answers(2, "Тема коллеги", "4")).await;
        assert_eq!(status, Status::Conflict);
        assert!(page
            .texts("#conflicts-title")
            .concat()
            .contains("Ваши ответы и ответы коллеги"));
        assert_eq!(page.input("_conflicts").as_deref(), Some("needs.0.0"));
    });
}

/// NBSM's needs as posted: one row per topic, 5 staff each.
fn rows(version: i32, topics: &[&str]) -> Vec<(String, String)> {
    let mut out = vec![
        ("_version".to_string(), version.to_string()),
        ("_action".into(), "draft".into()),
        ("needs._rows".into(), topics.len().to_string()),
    ];
    for (i, topic) in topics.iter().enumerate() {
        for (k, v) in [
            ("topic", *topic),
            ("field", "TC 1.3"),
            ("format", "webinar"),
            ("staff", "5"),
        ] {
            out.push((format!("needs.{i}.{k}"), v.to_string()));
        }
    }
    out
}

#[rocket::async_test]
async fn a_row_added_by_one_and_a_row_changed_by_the_other_are_both_kept() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let (ru, en) = (mails[NBSM_RU].link_path(), mails[NBSM_EN].link_path());
        assert_eq!(
            post(&t, &ru, &rows(0, &["Mass", "Time"])).await.0,
            Status::SeeOther
        );
        // From version 1: the colleague changes the first row, I add a third.
        let changed = rows(1, &["Mass of weights E2", "Time"]);
        assert_eq!(post(&t, &ru, &changed).await.0, Status::SeeOther);
        let (status, page) = post(&t, &en, &rows(1, &["Mass", "Time", "Pressure"])).await;
        assert_eq!(status, Status::Conflict, "the colleague saved in between");
        assert_eq!(page.input("_conflicts"), None, "nothing to choose");
        assert!(page.texts(".notice.error").concat().contains("Ivan Demo"));
        assert_eq!(
            page.shown("needs.0.topic")
                .into_iter()
                .chain(page.shown("needs.1.topic"))
                .chain(page.shown("needs.2.topic"))
                .collect::<Vec<_>>(),
            ["Mass of weights E2", "Time", "Pressure"],
            "both changes in the form"
        );
        // Saved from that page, both stand.
        let (status, _) = post(
            &t,
            &en,
            &rows(2, &["Mass of weights E2", "Time", "Pressure"]),
        )
        .await;
        assert_eq!(status, Status::SeeOther);
        let topics: Vec<String> = stored(&t, campaign).await.answers().unwrap()["needs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["topic"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(topics, ["Mass of weights E2", "Time", "Pressure"]);

        // Both change the same row: that row alone is a choice; taking theirs keeps my new row.
        let theirs = rows(3, &["Mass of weights E1", "Time", "Pressure"]);
        assert_eq!(post(&t, &ru, &theirs).await.0, Status::SeeOther);
        let mine = rows(3, &["Mass (OIML R 111)", "Time", "Pressure", "Length"]);
        let (status, page) = post(&t, &en, &mine).await;
        assert_eq!(status, Status::Conflict);
        assert_eq!(page.input("_conflicts").as_deref(), Some("needs.0.0"));
        let mut again = rows(4, &["Mass (OIML R 111)", "Time", "Pressure", "Length"]);
        again.push(("_conflicts".into(), "needs.0.0".into()));
        again.push(("_keep.needs.0.0".into(), "theirs".into()));
        assert_eq!(post(&t, &en, &again).await.0, Status::SeeOther);
        let topics: Vec<String> = stored(&t, campaign).await.answers().unwrap()["needs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["topic"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(topics, ["Mass of weights E1", "Time", "Pressure", "Length"]);
    });
}
