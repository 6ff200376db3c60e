//! The respondent's side of a campaign, through the real Rocket instance: invitations with
//! working links, drafts shared inside an institute, refusals that keep every value, submission,
//! and what the secretariat and the indicators see afterwards.
use crate::common;

use coomet_surveys::directory::contact;
use coomet_surveys::responses::response;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const NBSM_RU: &str = "training.nbsm@example.org";
const NBSM_EN: &str = "research.nbsm@example.org";

#[rocket::async_test]
async fn every_training_contact_gets_one_invitation_in_their_language_with_a_working_link() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let contacts = contact::Entity::find().all(&t.app.db).await.unwrap();
        let invited: Vec<_> = contacts
            .iter()
            .filter(|c| c.roles().any(|r| r == "training"))
            .collect();
        assert_eq!(
            invited.len(),
            31,
            "demo directory: 23 institutes, 8 with two training contacts"
        );
        assert_eq!(
            mails.len(),
            invited.len(),
            "one message per invited contact"
        );
        for c in &invited {
            let mail = &mails[&c.email];
            if c.language == coomet_surveys::i18n::Lang::Ru {
                assert!(
                    mail.raw.contains("Здравствуйте, "),
                    "{} gets Russian",
                    c.email
                );
                assert!(mail.raw.contains("Открыть анкету"));
                assert!(mail.raw.contains("<html lang=\"ru\">"));
            } else {
                assert!(mail.raw.contains("Dear "), "{} gets English", c.email);
                assert!(mail.raw.contains("Open the form"));
            }
            let (status, page) = t.get(&mail.link_path()).await;
            assert_eq!(status, Status::Ok, "link of {} works", c.email);
            assert!(page.contains(&format!("<html lang=\"{}\">", c.language)));
            assert!(page.contains(&c.name));
        }
        // Contacts outside the audience are not invited.
        assert!(!mails.contains_key("research.aim@example.org"));

        // Running invite again queues nothing and sends nothing.
        let again = coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        assert_eq!(again, 0);
        assert_eq!(t.send().await.attempted(), 0);

        // The secretariat reads every message in the admin outbox, with its working link.
        t.login_secretariat().await;
        let (status, outbox) = t.get("/admin/outbox").await;
        assert_eq!(status, Status::Ok);
        for c in &invited {
            assert!(outbox.contains(&c.email), "outbox lists {}", c.email);
        }
        let (status, message) = t.get("/admin/outbox/1").await;
        assert_eq!(status, Status::Ok);
        assert!(message.contains(&format!("href=\"{}/r/", common::PUBLIC_URL)));
    });
}

fn draft_fields(version: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_version", version.to_string()),
        ("fields", "TC 1.3".into()),
        (
            "fields.detail.2",
            "Calibration of AC power at high frequency".into(),
        ),
        ("needs._rows", "1".into()),
        (
            "needs.0.topic",
            "Uncertainty of AC power measurements".into(),
        ),
        ("needs.0.field", "TC 1.3".into()),
        ("needs.0.format", "webinar".into()),
        ("needs.0.staff", "5".into()),
        ("elearning_tools", "lms".into()),
        ("elearning_tools", "other".into()),
        ("elearning_tools.other", "Internal wiki course".into()),
        ("staff_coomet", "3".into()),
    ]
}

fn with(
    fields: &[(&'static str, String)],
    action: &'static str,
    changes: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = fields
        .iter()
        .map(|(k, v)| {
            (
                *k,
                changes
                    .iter()
                    .find(|(c, _)| c == k)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_else(|| v.clone()),
            )
        })
        .collect();
    out.push(("_action", action.to_string()));
    out
}

async fn post(
    t: &common::TestApp,
    path: &str,
    fields: &[(&'static str, String)],
) -> (Status, String, Option<String>) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.post_form(path, &pairs).await
}

#[rocket::async_test]
async fn a_draft_is_shared_a_bad_submission_keeps_everything_and_a_good_one_is_counted() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let ru = mails[NBSM_RU].link_path();
        let en = mails[NBSM_EN].link_path();

        // The Russian-speaking contact saves a draft.
        let (status, _, location) = post(&t, &ru, &with(&draft_fields("0"), "draft", &[])).await;
        assert_eq!(status, Status::SeeOther);
        assert!(location.unwrap().contains("saved=true"));

        // The English-speaking colleague opens their own link and sees that draft.
        let (status, page) = t.get(&en).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Uncertainty of AC power measurements"));
        assert!(page.contains("value=\"TC 1.3\" selected"));
        assert!(page.contains("Calibration of AC power at high frequency"));
        assert!(page.contains("name=\"_version\" value=\"1\""));

        // A bad value is refused, in English, next to the field, with everything kept.
        let bad = with(&draft_fields("1"), "submit", &[("needs.0.staff", "0")]);
        let (status, page, _) = post(&t, &en, &bad).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("id=\"f-needs.0.staff\""));
        let field = &page[page.find("id=\"f-needs.0.staff\"").unwrap()..];
        let field = &field[..field.find("</div>\n").unwrap_or(field.len())];
        assert!(
            field.contains("Please enter a number of at least 1."),
            "message beside the field: {field}"
        );
        assert!(
            page.contains("name=\"needs.0.staff\" value=\"0\""),
            "the bad value is shown as typed"
        );
        assert!(page.contains("Uncertainty of AC power measurements"));
        assert!(page.contains("Internal wiki course"));
        // Not submitted, but kept as a draft (the page says so), the mistake included.
        assert!(page.contains("kept as a draft"), "{page}");
        assert!(page.contains("name=\"_version\" value=\"2\""));

        // The same mistake in Russian gets the Russian message and keeps a draft too.
        let bad_ru = with(&draft_fields("2"), "submit", &[("needs.0.staff", "0")]);
        let (status, page, _) = post(&t, &ru, &bad_ru).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("Введите число не меньше 1."));
        assert!(page.contains("сохранено как черновик"));

        // The refused submissions left a draft with what was typed, mistake and all.
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(stored.status, response::Status::Draft);
        assert_eq!(stored.version, 3);
        assert_eq!(stored.answers().unwrap()["needs"][0]["staff"], "0");
        let (_, page) = t.get(&en).await;
        assert!(
            page.contains("name=\"needs.0.staff\" value=\"0\""),
            "reopened as typed"
        );

        // A good submission is accepted and confirmed.
        let good = with(&draft_fields("3"), "submit", &[]);
        let (status, _, location) = post(&t, &en, &good).await;
        assert_eq!(status, Status::SeeOther);
        let location = location.unwrap();
        assert!(location.contains("done=true"));
        let (_, page) = t.get(&location).await;
        assert!(
            page.contains("your institute&#x27;s response has been submitted")
                || page.contains("your institute's response has been submitted")
        );

        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(stored.status, response::Status::Submitted);
        assert_eq!(
            stored.version, 4,
            "a draft, two kept from refusals, the submission"
        );
        assert_eq!(stored.updated_by.as_deref(), Some(NBSM_EN));
        let answers = stored.answers().unwrap();
        assert_eq!(answers["needs"][0]["staff"], 5);
        assert_eq!(
            answers["fields.detail"]["TC 1.3"],
            "Calibration of AC power at high frequency"
        );
        let history = coomet_surveys::responses::history_of(&t.app.db, stored.id)
            .await
            .unwrap();
        assert_eq!(
            history.len(),
            4,
            "the drafts and the submission are all in the history"
        );
        assert_eq!(history[0].actor, NBSM_RU);
        assert!(history[0].before_json.is_none());
        assert!(history[3].before_json.is_some());
        assert_eq!(history[1].actor, NBSM_EN, "the draft kept from the refusal");

        // The secretariat's campaign page and the indicators count it.
        t.login_secretariat().await;
        let (status, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        assert_eq!(status, Status::Ok);
        let row = &page[page.find("NBSM (").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("status-submitted"), "{row}");
        assert!(page.contains("23 units invited, 0 with a draft, 1 submitted."));

        let c = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap();
        let values = coomet_surveys::indicators::compute(
            &t.app.db,
            &c,
            coomet_surveys::i18n::Lang::En,
            &t.app.renderer.i18n,
        )
        .await
        .unwrap();
        let by_id = |id: &str| values.iter().find(|v| v.id == id).unwrap().clone();
        let rate = by_id("response-rate");
        assert_eq!(rate.value, Some(4.3), "1 of 23 institutes");
        let am = rate.rows.iter().find(|r| r.key == "AM").unwrap();
        assert_eq!(am.cells, vec![1.0, 1.0, 100.0]);
        let fields = by_id("needs-by-field");
        let em = fields.rows.iter().find(|r| r.key == "TC 1.3").unwrap();
        assert_eq!(em.cells, vec![1.0, 1.0, 5.0], "units, needs, staff");
        let tools = by_id("elearning-tools");
        assert_eq!(tools.value, Some(2.0));
        assert_eq!(tools.met, Some(true));
        let ceems = by_id("ceems-participation");
        assert_eq!(ceems.value, Some(3.0));
        assert_eq!(ceems.rows[0].label, "CEEMS", "Armenia is a CEEMS country");
    });
}

#[rocket::async_test]
async fn two_people_saving_at_once_do_not_overwrite_each_other() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let ru = mails[NBSM_RU].link_path();
        let en = mails[NBSM_EN].link_path();
        let (status, _, _) = post(&t, &ru, &with(&draft_fields("0"), "draft", &[])).await;
        assert_eq!(status, Status::SeeOther);
        // Both start from version 1; the first save wins, the second is refused and kept.
        let first = with(
            &draft_fields("1"),
            "draft",
            &[("needs.0.topic", "First person's topic")],
        );
        let second = with(
            &draft_fields("1"),
            "draft",
            &[("needs.0.topic", "Second person's topic")],
        );
        let (status, _, _) = post(&t, &ru, &first).await;
        assert_eq!(status, Status::SeeOther);
        let (status, page, _) = post(&t, &en, &second).await;
        assert_eq!(status, Status::Conflict);
        assert!(
            page.contains("Second person&#x27;s topic") || page.contains("Second person's topic")
        );
        assert!(page.contains(NBSM_RU), "says who saved in between");
        assert!(
            page.contains("name=\"_version\" value=\"2\""),
            "saving again is a deliberate choice"
        );
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            stored.answers().unwrap()["needs"][0]["topic"],
            "First person's topic"
        );
    });
}

#[rocket::async_test]
async fn rows_are_added_and_removed_without_javascript_and_nothing_is_lost() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let link = mails[NBSM_EN].link_path();
        let (status, page, _) = post(&t, &link, &with(&draft_fields("0"), "add:needs", &[])).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("name=\"needs.1.topic\""), "a second row");
        assert!(
            page.contains("Uncertainty of AC power measurements"),
            "the first row is kept"
        );
        assert!(page.contains("name=\"needs._rows\" value=\"2\""));
        // The row change also kept a draft.
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(stored.status, response::Status::Draft);

        let mut two_rows = with(
            &draft_fields("1"),
            "remove:needs:0",
            &[("needs._rows", "2")],
        );
        two_rows.push(("needs.1.topic", "Second need".into()));
        two_rows.push(("needs.1.field", "TC 1.5".into()));
        let (status, page, _) = post(&t, &link, &two_rows).await;
        assert_eq!(status, Status::Ok);
        assert!(
            !page.contains("Uncertainty of AC power measurements"),
            "the first row is gone"
        );
        assert!(
            page.contains("name=\"needs.0.topic\" value=\"Second need\""),
            "the second row moved up"
        );
    });
}

#[rocket::async_test]
async fn wrong_links_get_the_same_404_as_unknown_pages_and_are_rate_limited() {
    on_every_backend!(|t| {
        let (status, unknown_page) = t.get("/no/such/page").await;
        assert_eq!(status, Status::NotFound);
        let fake = "A".repeat(43);
        let (status, wrong_token) = t.get(&format!("/r/{fake}")).await;
        assert_eq!(status, Status::NotFound);
        assert_eq!(
            unknown_page, wrong_token,
            "nothing tells a wrong token from a wrong page"
        );
        let (status, _, _) = t
            .post_form(&format!("/r/{fake}"), &[("_action", "submit")])
            .await;
        assert_eq!(status, Status::NotFound);
        let mut limited = false;
        for i in 0..40 {
            let (status, _) = t.get(&format!("/r/{}{i:02}", "B".repeat(41))).await;
            if status == Status::TooManyRequests {
                limited = true;
                break;
            }
        }
        assert!(limited, "guessing is slowed down");
    });
}

#[rocket::async_test]
async fn hostile_input_is_refused_without_effect() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let link = mails[NBSM_EN].link_path();
        let markup = with(
            &draft_fields("0"),
            "submit",
            &[("needs.0.topic", "<script>alert(1)</script>")],
        );
        let (status, page, _) = post(&t, &link, &markup).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("Please remove the markup"));
        assert!(
            !page.contains("<script>alert(1)</script>"),
            "shown escaped, never as markup"
        );
        assert!(page.contains("&lt;script&gt;"), "but still shown, as typed");
        // Not submitted; kept in the draft as inert text, so that a colleague opening the
        // form sees what was typed (escaped), never an empty field.
        let unit = common::unit("institute:NBSM");
        let stored = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.status, response::Status::Draft);
        assert_eq!(
            stored.answers().unwrap()["needs"][0]["topic"],
            "<script>alert(1)</script>"
        );
        let (_, reopened) = t.get(&link).await;
        assert!(!reopened.contains("<script>alert(1)</script>"));
        assert!(reopened.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));

        // A value no form offers is never stored, not even in the draft.
        let not_a_choice = with(&draft_fields("1"), "submit", &[("needs.0.field", "TC 99")]);
        let (status, page, _) = post(&t, &link, &not_a_choice).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("Please choose one of the options offered."));
        let stored = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .unwrap();
        assert!(!stored.answers_json.contains("TC 99"));
        // An unknown action and an oversized body change nothing at all.
        let (status, _, _) = post(&t, &link, &with(&draft_fields("2"), "explode", &[])).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let huge = "x".repeat(600 * 1024);
        let (status, _, _) = t
            .post_form(&link, &[("_action", "submit"), ("needs.0.topic", &huge)])
            .await;
        assert_eq!(status, Status::UnprocessableEntity);
        let after = coomet_surveys::responses::current(&t.app.db, campaign, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.version, stored.version, "none of it was stored");
    });
}

#[rocket::async_test]
async fn links_are_stored_only_as_hashes() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let token = mails[NBSM_RU].token();
        assert_eq!(token.len(), 43, "256 bits, base64url");
        let hashes = coomet_surveys::campaigns::access_token::Entity::find()
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(hashes.len(), mails.len());
        assert!(hashes
            .iter()
            .all(|h| h.token_hash.len() == 64 && !h.token_hash.contains(&token)));
        assert!(hashes
            .iter()
            .any(|h| h.token_hash == coomet_surveys::secrets::digest(&token)));
        let outbox = coomet_surveys::mail::outbox::Entity::find()
            .filter(coomet_surveys::mail::outbox::Column::ToAddr.eq(NBSM_RU))
            .all(&t.app.db)
            .await
            .unwrap();
        assert!(outbox
            .iter()
            .all(|m| !m.body_text.contains(&token) && !m.body_html.contains(&token)));
        let (marker, _) = outbox[0].links.as_ref().unwrap().iter().next().unwrap();
        assert!(outbox[0].body_text.contains(&marker));
    });
}

#[rocket::async_test]
async fn pages_are_sent_compressed_to_browsers_that_ask() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let path = mails[NBSM_RU].link_path();
        let (_, plain) = t.get(&path).await;
        let r = t
            .client
            .get(path.as_str())
            .header(rocket::http::Header::new(
                "Accept-Encoding",
                "br, gzip;q=0.8",
            ))
            .dispatch()
            .await;
        assert_eq!(r.headers().get_one("Content-Encoding"), Some("gzip"));
        assert_eq!(r.headers().get_one("Vary"), Some("Accept-Encoding"));
        let packed = r.into_bytes().await.unwrap();
        assert!(
            packed.len() * 3 < plain.len(),
            "{} of {}",
            packed.len(),
            plain.len()
        );
        let mut page = String::new();
        use std::io::Read;
        flate2::read::GzDecoder::new(packed.as_slice())
            .read_to_string(&mut page)
            .unwrap();
        assert_eq!(page, plain);
        // Without the wish, or with gzip refused, the page goes as it is.
        let r = t
            .client
            .get(path.as_str())
            .header(rocket::http::Header::new("Accept-Encoding", "gzip;q=0"))
            .dispatch()
            .await;
        assert_eq!(r.headers().get_one("Content-Encoding"), None);
    });
}

#[rocket::async_test]
async fn health_answers_json_and_a_closed_campaign_takes_no_answers() {
    on_every_backend!(|t| {
        let (status, body) = t.get("/health").await;
        assert_eq!(status, Status::Ok);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["database"], "ok");

        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let link = mails[NBSM_EN].link_path();
        use sea_orm::{ActiveModelTrait, Set};
        let c = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap();
        let mut am: coomet_surveys::campaigns::campaign::ActiveModel = c.into();
        am.status = Set(coomet_surveys::campaigns::campaign::Status::Closed);
        am.update(&t.app.db).await.unwrap();
        let (status, page, _) = post(&t, &link, &with(&draft_fields("0"), "submit", &[])).await;
        assert_eq!(status, Status::Conflict);
        assert!(page.contains("This survey is closed"));
        assert!(
            page.contains("Uncertainty of AC power measurements"),
            "what was typed is still on the page"
        );
        assert!(coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM")
        )
        .await
        .unwrap()
        .is_none());
    });
}

#[rocket::async_test]
async fn a_contact_added_after_the_invitations_is_invited_by_the_next_run() {
    on_every_backend!(|t| {
        use sea_orm::{ActiveModelTrait, Set};
        let campaign = t.open_campaign("training-needs", 2026).await;
        assert_eq!(
            coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
                .await
                .unwrap(),
            31
        );
        let vniim = coomet_surveys::directory::institute::Entity::find()
            .filter(coomet_surveys::directory::institute::Column::Acronym.eq("VNIIM"))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        contact::ActiveModel {
            institute_id: Set(vniim.id),
            name: Set("Nadezhda Newcomer".into()),
            email: Set("newcomer.vniim@example.org".into()),
            language: Set(coomet_surveys::i18n::Lang::Ru),
            roles: Set("training".parse().expect("a role")),
            active: Set(true),
            created_at: Set(coomet_surveys::db::now()),
            ..Default::default()
        }
        .insert(&t.app.db)
        .await
        .unwrap();
        assert_eq!(
            coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
                .await
                .unwrap(),
            1
        );
        t.send().await;
        let mails = t.mails();
        assert_eq!(mails.len(), 32);
        let (status, page) = t
            .get(&mails["newcomer.vniim@example.org"].link_path())
            .await;
        assert_eq!(status, Status::Ok);
        assert!(
            page.contains("VNIIM"),
            "the newcomer shares the institute's response"
        );
    });
}
