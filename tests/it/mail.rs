//! Mail over real SMTP: an in-process SMTP server on loopback receives what the outbox sends.
use crate::common;

use coomet_surveys::mail::outbox;
use coomet_surveys::responses::reminders;
use rocket::http::Status;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use smtp_sink::Sink;
use std::collections::BTreeMap;
use std::time::Duration;

async fn with_sink(backend: &common::Backend) -> (common::TestApp, Sink) {
    let sink = Sink::start().await.unwrap();
    let url = sink.url();
    let t = common::TestApp::start_with(backend, move |c| c.smtp_url = Some(url)).await;
    (t, sink)
}

/// Messages received, by Message-ID prefix ("invitation", "reminder", ...), as (recipient, text).
fn by_kind(sink: &Sink) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for m in sink.messages() {
        let id = common::header(&m.data, "Message-ID")
            .unwrap_or("")
            .trim_start_matches('<')
            .to_string();
        let kind = id.split('.').next().unwrap_or("").to_string();
        for to in &m.to {
            out.entry(kind.clone())
                .or_default()
                .push((to.clone(), common::decoded(&m.data)));
        }
    }
    out
}

/// Opens a training-needs campaign, invites and delivers; returns it with the invitations
/// received, as (recipient, decoded text).
async fn invited(t: &common::TestApp, sink: &Sink) -> (i32, Vec<(String, String)>) {
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    assert_eq!(sink.wait_for(31, Duration::from_secs(10)).await.len(), 31);
    (campaign, by_kind(sink).remove("invitation").unwrap())
}

/// The personal link received by `email`.
fn link_for(invitations: &[(String, String)], email: &str) -> String {
    let text = &invitations.iter().find(|(to, _)| to == email).unwrap().1;
    common::link_in(text, common::PUBLIC_URL).unwrap()
}

/// Makes every queued message due now, as if its backoff had passed.
async fn make_due(t: &common::TestApp) {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(coomet_surveys::db::now()),
        )
        .filter(outbox::Column::Status.eq(outbox::Status::Queued))
        .exec(&t.app.db)
        .await
        .unwrap();
}

fn answer(version: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_version", version.into()),
        ("_action", "submit".into()),
        ("fields", "TC 1.3".into()),
        ("needs._rows", "1".into()),
        (
            "needs.0.topic",
            "Uncertainty of AC power measurements".into(),
        ),
        ("needs.0.field", "TC 1.3".into()),
        ("needs.0.format", "webinar".into()),
        ("needs.0.staff", "5".into()),
    ]
}

async fn submit(t: &common::TestApp, link: &str, version: &str) {
    let fields = answer(version);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body, _) = t.post_form(link, &pairs).await;
    assert_eq!(status, Status::SeeOther, "{body}");
}

#[rocket::async_test]
async fn invitations_arrive_over_smtp_with_working_links_and_stable_message_ids() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        let report = t.send().await;
        assert_eq!(report.sent, 31);
        let received = sink.wait_for(31, Duration::from_secs(10)).await;
        assert_eq!(received.len(), 31);
        let kinds = by_kind(&sink);
        let invitations = &kinds["invitation"];
        let recipients: std::collections::BTreeSet<_> =
            invitations.iter().map(|(to, _)| to.clone()).collect();
        assert_eq!(recipients.len(), 31, "one each");
        for (to, text) in invitations {
            let link = common::link_in(text, common::PUBLIC_URL).expect("a link");
            let (status, page) = t.get(&link).await;
            assert_eq!(status, Status::Ok, "the link of {to} works");
            assert!(page.contains("id=\"s-topical\""));
            let id = common::header(text, "Message-ID").unwrap();
            assert!(
                id.starts_with(&format!("<invitation.{campaign}."))
                    && id.ends_with("@surveys.test>"),
                "{id}"
            );
        }
        sink.stop().await;
        t.finish().await;
    }
}

#[rocket::async_test]
async fn reminders_reach_only_units_without_a_submission_and_never_twice() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let (campaign, invitations) = invited(&t, &sink).await;
        let link_of = |email: &str| link_for(&invitations, email);
        submit(&t, &link_of("training.nbsm@example.org"), "0").await;

        // Two people whose institute submitted are left out; everyone else gets one.
        let today = chrono::Utc::now().date_naive();
        let queued = reminders::remind(
            &t.app,
            &common::operator(),
            campaign,
            Default::default(),
            today,
        )
        .await
        .unwrap();
        assert_eq!(queued, 29);
        assert_eq!(
            reminders::remind(
                &t.app,
                &common::operator(),
                campaign,
                Default::default(),
                today
            )
            .await
            .unwrap(),
            0,
            "twice queues nothing"
        );

        // Reminders still queued when an institute submits are withdrawn.
        submit(&t, &link_of("training.ume@example.org"), "0").await;
        t.send().await;
        let kinds = by_kind(&sink);
        let reminded: Vec<&String> = kinds["reminder"].iter().map(|(to, _)| to).collect();
        assert_eq!(reminded.len(), 27);
        for who in [
            "training.nbsm@example.org",
            "research.nbsm@example.org",
            "training.ume@example.org",
            "research.ume@example.org",
        ] {
            assert!(
                !reminded.contains(&&who.to_string()),
                "{who} is not reminded"
            );
        }
        let cancelled = outbox::Entity::find()
            .filter(outbox::Column::Status.eq(outbox::Status::Cancelled))
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(cancelled.len(), 2, "UME's two reminders");
        let (_, text) = kinds["reminder"]
            .iter()
            .find(|(to, _)| to == "training.vniim@example.org")
            .unwrap();
        assert!(
            text.contains("Напоминаем"),
            "a reminder in the contact's language"
        );
        assert!(common::link_in(text, common::PUBLIC_URL).is_some());

        // Confirmations went to both contacts of each institute that submitted, in both languages.
        let confirmed: Vec<&(String, String)> = kinds["confirmation"].iter().collect();
        assert_eq!(confirmed.len(), 4);
        let (_, text) = confirmed
            .iter()
            .find(|(to, _)| to == "research.nbsm@example.org")
            .unwrap();
        assert!(text.contains("Uncertainty of AC power measurements"));
        assert!(text.contains("Number of staff: 5 people"));
        assert!(text.contains("Число сотрудников: 5 чел."));
        // Bilingual, the contact's language first: English here, Russian for NBSM's other contact.
        let order = |text: &str| text.find("Number of staff") < text.find("Число сотрудников");
        assert!(order(text), "English first for an English-speaking contact");
        let (_, ru) = confirmed
            .iter()
            .find(|(to, _)| to == "training.nbsm@example.org")
            .unwrap();
        assert!(!order(ru), "Russian first for a Russian-speaking contact");

        // The schedule: nothing before its first step; at a step, the same rules.
        let c = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap();
        assert_eq!(
            reminders::due_step(&[14, 7, 2], today + chrono::Duration::days(20), today),
            None
        );
        assert_eq!(c.reminder_days.to_string(), "14,7,2");
        sink.stop().await;
        t.finish().await;
    }
}

#[rocket::async_test]
async fn a_moved_deadline_is_told_to_every_contact_once_with_their_link() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let (campaign, invitations) = invited(&t, &sink).await;
        let today = chrono::Utc::now().date_naive();
        let moved = coomet_surveys::responses::deadlines::extend;

        // A day in the past is refused with the reason, and changes nothing.
        let past = today - chrono::Duration::days(1);
        let refused = moved(&t.app, &common::operator(), campaign, past, today)
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("is in the past"), "{refused}");

        let later = today + chrono::Duration::days(30);
        assert_eq!(
            moved(&t.app, &common::operator(), campaign, later, today)
                .await
                .unwrap(),
            31
        );
        assert_eq!(
            moved(&t.app, &common::operator(), campaign, later, today)
                .await
                .unwrap(),
            0,
            "once"
        );
        let stored = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap();
        assert_eq!(stored.closes_on, Some(later));
        t.send().await;
        sink.wait_for(62, Duration::from_secs(10)).await;
        let told = by_kind(&sink).remove("deadline-changed").unwrap();
        assert_eq!(told.len(), 31);
        let day = later.format("%d.%m.%Y").to_string();
        for (to, text) in &told {
            assert!(text.contains(&day), "{to}: {text}");
            let link = common::link_in(text, common::PUBLIC_URL).unwrap();
            assert_ne!(link, link_for(&invitations, to), "a fresh link");
            let path = link.trim_start_matches(common::PUBLIC_URL);
            assert_eq!(
                t.get(path).await.0,
                Status::Ok,
                "{to}: the link opens the form"
            );
        }
        let ru = told
            .iter()
            .find(|(to, _)| to == "training.vniim@example.org");
        assert!(
            ru.unwrap().1.contains("перенесён на"),
            "in the contact's language"
        );
        t.finish().await;
    }
}

#[rocket::async_test]
async fn a_returned_response_mails_its_contacts_and_can_be_submitted_again() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let (campaign, invitations) = invited(&t, &sink).await;
        let link = link_for(&invitations, "research.nbsm@example.org");
        submit(&t, &link, "0").await;

        t.login_secretariat().await;
        let (_, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        let marker = "name=\"csrf\" value=\"";
        let start = page.find(marker).unwrap() + marker.len();
        let csrf = page[start..start + page[start..].find('"').unwrap()].to_string();
        let note = "Please give the number of staff per need, not in total.";
        let (status, _, _) = t
            .post_form(
                &format!("/admin/campaigns/{campaign}/return"),
                &[("csrf", &csrf), ("unit", "institute:NBSM"), ("note", note)],
            )
            .await;
        assert_eq!(status, Status::SeeOther);
        t.send().await;
        let kinds = by_kind(&sink);
        let returned = &kinds["returned"];
        assert_eq!(returned.len(), 2, "both contacts of NBSM");
        assert!(returned.iter().all(|(_, text)| text.contains(note)));

        let (status, page) = t.get(&link).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains(note), "the respondent sees the note");
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(stored.status, coomet_surveys::responses::Status::Returned);
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
        assert_eq!(
            values[0].value,
            Some(0.0),
            "a returned response is not counted"
        );
        submit(&t, &link, &stored.version.to_string()).await;
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(stored.status, coomet_surveys::responses::Status::Submitted);
        sink.stop().await;
        t.finish().await;
    }
}

#[rocket::async_test]
async fn an_smtp_outage_loses_nothing_and_sends_nothing_twice_and_permanent_failures_are_reported()
{
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let port = sink.port();
        sink.stop().await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        let report = t.send().await;
        assert_eq!(
            (report.sent, report.retrying, report.failed),
            (0, 31, 0),
            "the server is down: all wait"
        );
        assert_eq!(
            t.send().await.attempted(),
            0,
            "nothing is due before its backoff"
        );

        let sink = Sink::start_on(port).await.unwrap();
        sink.reject_recipient("training.vniim@", 550);
        make_due(&t).await;
        let report = t.send().await;
        assert_eq!((report.sent, report.failed), (30, 1));
        make_due(&t).await;
        assert_eq!(t.send().await.attempted(), 0, "nothing left to send");
        let received = sink.wait_for(30, Duration::from_secs(10)).await;
        assert_eq!(received.len(), 30);
        let mut ids: Vec<String> = received
            .iter()
            .map(|m| common::header(&m.data, "Message-ID").unwrap().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 30, "no message twice");

        let failed = outbox::Entity::find()
            .filter(outbox::Column::Status.eq(outbox::Status::Failed))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(failed.to_addr, "training.vniim@example.org");
        assert!(
            failed.last_error.as_deref().unwrap_or("").contains("550"),
            "{:?}",
            failed.last_error
        );
        t.login_secretariat().await;
        let (_, page) = t.get("/admin/outbox").await;
        assert!(page.contains("status-failed"));
        assert!(page.contains("550"));
        // The refusal marks the contact, once; the 30 delayed by the outage are not marked.
        assert_eq!(
            coomet_surveys::jobs::record_bounces(&t.app).await.unwrap(),
            1
        );
        assert_eq!(
            coomet_surveys::jobs::record_bounces(&t.app).await.unwrap(),
            0
        );
        use coomet_surveys::directory::contact;
        let bounced = contact::Entity::find()
            .filter(contact::Column::BouncedAt.is_not_null())
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(bounced.len(), 1);
        assert_eq!(bounced[0].email, "training.vniim@example.org");
        assert!(bounced[0].bounce.as_deref().unwrap_or("").contains("550"));
        let (_, listed) = t.get("/admin/contacts?bounced=true").await;
        assert!(listed.contains("training.vniim@example.org"), "{listed}");
        assert!(!listed.contains("training.nbsm@example.org"));
        sink.stop().await;
        t.finish().await;
    }
}

#[rocket::async_test]
async fn a_lost_link_is_sent_again_and_the_page_answers_the_same_either_way() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        for form in ["training-needs", "traineeship-needs"] {
            let campaign = t.open_campaign(form, 2026).await;
            coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
                .await
                .unwrap();
        }
        t.send().await;
        sink.wait_for(62, Duration::from_secs(10)).await;
        let (status, known, _) = t
            .post_form("/r", &[("email", "Training.NBSM@example.org")])
            .await;
        assert_eq!(status, Status::Ok);
        let (status, unknown, _) = t.post_form("/r", &[("email", "nobody@example.org")]).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(
            known.replace("Training.NBSM@example.org", "X"),
            unknown.replace("nobody@example.org", "X"),
            "nothing tells a known address from an unknown one"
        );
        let (_, _, _) = t
            .post_form("/r", &[("email", "training.nbsm@example.org")])
            .await;
        t.lost_link_queued("training.nbsm@example.org").await;
        // A request whose lookup runs later finds the hour's message there and queues none.
        t.send().await;
        let lost = by_kind(&sink).remove("lost-link").unwrap();
        assert_eq!(
            lost.len(),
            1,
            "one message, once per hour however often asked"
        );
        // It lists both open surveys, each with its own working link (each link appears in
        // the text and twice in the HTML: the button and the address under it).
        let text = &lost[0].1;
        let links: std::collections::BTreeSet<String> =
            coomet_surveys::mail::links_in(text, common::PUBLIC_URL)
                .into_iter()
                .collect();
        assert_eq!(links.len(), 2, "{text}");
        assert!(
            text.contains("Ссылки на открытые для вас анкеты (всего: 2)"),
            "{text}"
        );
        let mut titles = Vec::new();
        for link in &links {
            let path = link.trim_start_matches(common::PUBLIC_URL);
            let (status, page) = t.get(path).await;
            assert_eq!(status, Status::Ok);
            let doc = crate::html::Page::parse(&page);
            titles.extend(doc.texts("h1"));
        }
        assert_eq!(titles.len(), 2);
        for survey in ["Потребности в обучении", "Потребности в стажировках"]
        {
            assert!(titles.iter().any(|h| h.contains(survey)), "{titles:?}");
        }
        assert!(!text.contains("{{LINK"), "every placeholder filled");
        sink.stop().await;
        t.finish().await;
    }
}

#[rocket::async_test]
async fn scheduled_reminders_follow_the_campaigns_plan() {
    on_every_backend!(|t| {
        let today = chrono::Utc::now().date_naive();
        let (campaign, _) = t.campaign_with_reminders_due().await;
        // Five days before the close, the 7-day step is due: one reminder per pending contact.
        assert_eq!(reminders::run_schedule(&t.app, today).await.unwrap(), 31);
        assert_eq!(
            reminders::run_schedule(&t.app, today).await.unwrap(),
            0,
            "a step goes out once"
        );
        // Three days later (the gap) the 2-day step is due, and goes out.
        let later = today + chrono::Duration::days(3);
        assert_eq!(reminders::run_schedule(&t.app, later).await.unwrap(), 31);
        let steps: std::collections::BTreeMap<String, usize> = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq(outbox::Kind::Reminder))
            .all(&t.app.db)
            .await
            .unwrap()
            .into_iter()
            .fold(Default::default(), |mut acc, m| {
                *acc.entry(m.dedupe_key.rsplit(':').next().unwrap().to_string())
                    .or_default() += 1;
                acc
            });
        assert_eq!(
            steps,
            [("d2".to_string(), 31), ("d7".to_string(), 31)].into()
        );
        // Two per contact is the plan's maximum; a manual reminder is the secretariat's call.
        assert_eq!(
            reminders::scheduled(&t.app, campaign, 1, later)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            reminders::remind(
                &t.app,
                &common::operator(),
                campaign,
                Default::default(),
                later
            )
            .await
            .unwrap(),
            31
        );
        // After the close nothing is due.
        assert_eq!(
            reminders::run_schedule(&t.app, today + chrono::Duration::days(6))
                .await
                .unwrap(),
            0
        );
    });
}

#[rocket::async_test]
async fn the_digest_of_answers_reaches_every_contact_once_in_both_languages() {
    for backend in common::backends() {
        let (t, sink) = with_sink(&backend).await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        assert!(
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), campaign)
                .await
                .unwrap()
                .is_none(),
            "nothing to circulate yet"
        );
        t.invite_and_send(campaign).await;
        sink.wait_for(31, Duration::from_secs(10)).await;
        let invitations = by_kind(&sink).remove("invitation").unwrap();
        let text = &invitations
            .iter()
            .find(|(to, _)| to == "training.nbsm@example.org")
            .unwrap()
            .1;
        submit(&t, &common::link_in(text, common::PUBLIC_URL).unwrap(), "0").await;

        assert_eq!(
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), campaign)
                .await
                .unwrap(),
            Some(46),
            "every contact"
        );
        assert_eq!(
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), campaign)
                .await
                .unwrap(),
            Some(0),
            "once"
        );
        t.send().await;
        let digests = by_kind(&sink).remove("digest").unwrap();
        assert_eq!(digests.len(), 46);
        // Another institute answers: the new edition may go out, once again to each contact.
        let vniim = &invitations
            .iter()
            .find(|(to, _)| to == "training.vniim@example.org")
            .unwrap()
            .1;
        submit(
            &t,
            &common::link_in(vniim, common::PUBLIC_URL).unwrap(),
            "0",
        )
        .await;
        let again =
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), campaign).await;
        assert_eq!(again.unwrap(), Some(46), "a new edition");
        let twice =
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), campaign).await;
        assert_eq!(twice.unwrap(), Some(0), "each edition once");
        // A survey whose schema does not allow circulation refuses, saying why.
        let oiml = t.open_campaign("oiml-usage", 2026).await;
        let refused =
            coomet_surveys::responses::digest::send(&t.app, &common::operator(), oiml).await;
        assert!(matches!(
            refused,
            Err(coomet_surveys::Error::Refused(
                coomet_surveys::Refusal::NotCirculated(_)
            ))
        ));
        for (_, text) in &digests {
            assert!(text.contains("NBSM (National Body for Standardization and Metrology)"));
            assert!(text.contains("Uncertainty of AC power measurements"));
            assert!(text.contains("Число сотрудников: 5 чел."));
            assert!(
                common::link_in(text, common::PUBLIC_URL).is_none(),
                "no personal link in a circular"
            );
        }
        sink.stop().await;
        t.finish().await;
    }
}

/// With options in SMTP_URL (here STARTTLS when offered, which this server does not offer),
/// delivery goes through lettre's pooled transport instead of our plain-relay connections.
#[rocket::async_test]
async fn a_url_with_options_is_served_by_lettres_pooled_transport() {
    let sink = Sink::start().await.unwrap();
    let url = format!("{}?tls=opportunistic", sink.url());
    let t = common::TestApp::start_with(&common::Backend::Sqlite, move |c| c.smtp_url = Some(url))
        .await;
    assert!(matches!(
        t.app.mailer.transport,
        coomet_surveys::mail::Transport::Smtp(_)
    ));
    let campaign = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
        .await
        .unwrap();
    assert_eq!(t.send().await.sent, 31);
    assert_eq!(sink.wait_for(31, Duration::from_secs(10)).await.len(), 31);
    sink.stop().await;
    t.finish().await;
}

#[rocket::async_test]
async fn submitting_again_and_again_mails_the_colleagues_once() {
    let (t, sink) = with_sink(&common::Backend::Sqlite).await;
    let (_, invitations) = invited(&t, &sink).await;
    let link = link_for(&invitations, "training.ume@example.org");
    for version in ["0", "1", "2", "3"] {
        submit(&t, &link, version).await;
    }
    t.send().await;
    sink.wait_for(33, Duration::from_secs(10)).await;
    let confirmations = by_kind(&sink).remove("confirmation").unwrap();
    let mut to: Vec<&str> = confirmations.iter().map(|(to, _)| to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["research.ume@example.org", "training.ume@example.org"]);
    sink.stop().await;
    t.finish().await;
}

/// `/health` says what waits in the outbox, how long the oldest has waited, and what failed;
/// with the database gone it answers 503.
#[rocket::async_test]
async fn health_reports_the_outbox_backlog_and_503_without_the_database() {
    on_every_backend!(|t| {
        let health = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap();
        let (status, body) = t.get("/health").await;
        assert_eq!(status, rocket::http::Status::Ok);
        assert_eq!(health(body)["outbox"]["waiting"], 0);
        let c = t.open_campaign("training-needs", 2026).await;
        let queued = coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
            .await
            .unwrap();
        let (_, body) = t.get("/health").await;
        let json = health(body);
        assert_eq!(json["outbox"]["waiting"], queued as u64, "{json}");
        assert!(json["outbox"]["oldest_waiting_seconds"].as_i64().unwrap() >= 0);
        t.send().await;
        let (_, body) = t.get("/health").await;
        let json = health(body);
        assert_eq!(json["outbox"]["waiting"], 0, "{json}");
        assert!(json["outbox"]["oldest_waiting"].is_null());
        // The pool closed, as when the database server is gone: 503, not a page.
        t.app.db.clone().close().await.unwrap();
        let (status, body) = t.get("/health").await;
        assert_eq!(status, rocket::http::Status::ServiceUnavailable);
        assert_eq!(health(body)["database"], "unavailable");
    });
}

/// `/metrics` (METRICS=true) counts answers by route template, never by path, and reads the
/// outbox and the pool when scraped; without the setting there is no such page.
#[rocket::async_test]
async fn metrics_count_answers_by_route_and_read_the_outbox() {
    let off = common::TestApp::start(&common::Backend::Sqlite).await;
    assert_eq!(off.get("/metrics").await.0, Status::NotFound);
    off.finish().await;
    for backend in common::backends() {
        let t = common::TestApp::start_with(&backend, |c| c.security.metrics = true).await;
        let c = t.open_campaign("training-needs", 2026).await;
        let queued = coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
            .await
            .unwrap();
        let missing = format!("/r/{}", "C".repeat(43));
        for _ in 0..3 {
            assert_eq!(t.get("/health").await.0, Status::Ok);
        }
        assert_eq!(t.get(&missing).await.0, Status::NotFound);
        let (status, text) = t.get("/metrics").await;
        assert_eq!(status, Status::Ok);
        assert!(
            text.contains(
                r#"coomet_http_requests_total{method="GET",route="/health",status="200"} 3"#
            ),
            "{text}"
        );
        assert!(text.contains(r#"route="/r/<token>""#), "{text}");
        assert!(!text.contains(&"C".repeat(43)), "a path in the metrics");
        assert!(
            text.contains(&format!(
                "coomet_outbox_messages{{state=\"waiting\"}} {queued}"
            )),
            "{text}"
        );
        assert!(
            text.contains("coomet_http_request_duration_seconds_bucket"),
            "{text}"
        );
        assert!(
            text.contains("coomet_db_pool_connections{state=\"in_use\"}"),
            "{text}"
        );
        t.finish().await;
    }
}
