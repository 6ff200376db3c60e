//! Mail that fits its reader (issue 26): the deadline, reminder and lost-link mails go only to
//! units still expected to answer and say what is true for each (not answered, a draft waiting,
//! submitted and still changeable); reminders are chosen, given a sentence of the secretariat's
//! own, and scheduled from the campaign's pages.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::responses::{deadlines, reminders, returning};
use rocket::http::Status;
use std::collections::BTreeMap;

fn answers(version: &str, action: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_version", version.into()),
        ("_action", action.into()),
        ("fields", "TC 1.3".into()),
        ("needs._rows", "1".into()),
        ("needs.0.topic", "Uncertainty of AC power".into()),
        ("needs.0.field", "TC 1.3".into()),
        ("needs.0.format", "webinar".into()),
        ("needs.0.staff", "5".into()),
    ]
}

async fn answer(t: &TestApp, link: &str, action: &str) {
    let fields = answers("0", action);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body, _) = t.post_form(link, &pairs).await;
    assert_eq!(status, Status::SeeOther, "{body}");
}

/// A training-needs campaign whose units stand each differently: NBSM accepted, AIM submitted,
/// BelGIM with a draft, IMBiH returned for correction, NIM and the rest not answered.
pub(crate) async fn a_campaign_of_every_standing(
    t: &TestApp,
) -> (i32, BTreeMap<String, common::Mail>) {
    let c = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(c).await;
    let link = |to: &str| mails[to].link_path();
    answer(t, &link("research.nbsm@example.org"), "submit").await;
    answer(t, &link("training.aim@example.org"), "submit").await;
    answer(t, &link("training.belgim@example.org"), "draft").await;
    answer(t, &link("training.imbih@example.org"), "submit").await;
    let by = common::operator();
    returning::accept(&t.app, c, &common::unit("institute:NBSM"), &by)
        .await
        .unwrap()
        .expect("accepted");
    returning::return_for_correction(&t.app, c, &common::unit("institute:IMBiH"), "Staff?", &by)
        .await
        .unwrap()
        .expect("returned");
    (c, mails)
}

#[rocket::async_test]
async fn a_moved_deadline_is_told_by_where_each_unit_stands() {
    on_every_backend!(|t| {
        let (c, _) = a_campaign_of_every_standing(&t).await;
        let today = chrono::Utc::now().date_naive();
        let later = today + chrono::Days::new(40);
        let told = deadlines::extend(&t.app, &common::operator(), c, later, today)
            .await
            .unwrap();
        assert_eq!(
            told, 29,
            "31 contacts but NBSM's two, whose response is accepted"
        );
        t.send().await;
        let mails = t.mails_of("deadline-changed");
        assert_eq!(mails.len(), 29);
        assert!(!mails.contains_key("training.nbsm@example.org"));
        assert!(!mails.contains_key("research.nbsm@example.org"));
        let day = later.format("%d.%m.%Y").to_string();
        let text = |to: &str| common::decoded(&mails[to].raw);
        // AIM submitted (its contact reads Russian); BelGIM and IMBiH (returned) have drafts.
        let aim = text("training.aim@example.org");
        assert!(
            aim.contains(&format!(
                "Ваш ответ уже отправлен; до {day} его ещё можно изменить"
            )),
            "{aim}"
        );
        let belgim = text("training.belgim@example.org");
        assert!(
            belgim.contains("Черновик ваших ответов сохранён"),
            "{belgim}"
        );
        let imbih = text("training.imbih@example.org");
        assert!(
            imbih.contains("A draft of your answers is saved"),
            "{imbih}"
        );
        let nim = text("training.nim@example.org");
        assert!(nim.contains("Please answer by then"), "{nim}");
        for said in [&aim, &belgim, &imbih, &nim] {
            assert!(said.contains(&day));
            assert!(!said.to_lowercase().contains("unchanged"));
        }
        assert!(
            !nim.contains("still change"),
            "an unanswered unit is not told it submitted"
        );
    });
}

#[rocket::async_test]
async fn a_lost_link_leaves_out_an_accepted_response_and_says_a_submitted_one_may_change() {
    on_every_backend!(|t| {
        let (c, _) = a_campaign_of_every_standing(&t).await;
        let today = chrono::Utc::now().date_naive();
        let closes = today + chrono::Days::new(20);
        coomet_surveys::campaigns::schedule_reminders(
            &t.app,
            &common::operator(),
            c,
            &coomet_surveys::campaigns::ReminderPlan::default(),
        )
        .await
        .unwrap();
        deadlines::extend(&t.app, &common::operator(), c, closes, today)
            .await
            .unwrap();
        let resend = coomet_surveys::responses::resend_links;
        assert_eq!(
            resend(&t.app, "research.nbsm@example.org").await.unwrap(),
            0
        );
        assert_eq!(resend(&t.app, "research.aim@example.org").await.unwrap(), 0);
        assert_eq!(resend(&t.app, "training.aim@example.org").await.unwrap(), 1);
        t.send().await;
        let lost = t.mails_of("lost-link");
        assert_eq!(
            lost.keys().collect::<Vec<_>>(),
            ["training.aim@example.org"]
        );
        let text = common::decoded(&lost["training.aim@example.org"].raw);
        let day = closes.format("%d.%m.%Y").to_string();
        assert!(
            text.contains(&format!(
                "(ответ отправлен; его ещё можно изменить до {day})"
            )),
            "{text}"
        );
    });
}

/// The campaign page's form token, from the remind page.
async fn remind_page(t: &TestApp, c: i32) -> Page {
    let (status, page) = t.get(&format!("/admin/campaigns/{c}/remind")).await;
    assert_eq!(status, Status::Ok);
    Page::parse(&page)
}

#[rocket::async_test]
async fn the_secretariat_chooses_whom_to_remind_and_adds_its_own_sentence() {
    on_every_backend!(|t| {
        let (c, _) = a_campaign_of_every_standing(&t).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let page = remind_page(&t, c).await;
        let offered = page.attrs("input[name='unit']", "value");
        assert!(offered.contains(&"institute:BelGIM".to_string()));
        assert!(
            offered.contains(&"institute:IMBiH".to_string()),
            "returned: a draft again"
        );
        assert!(!offered.contains(&"institute:AIM".to_string()), "submitted");
        assert!(!offered.contains(&"institute:NBSM".to_string()), "accepted");
        assert!(page
            .texts("td")
            .iter()
            .any(|s| s.contains("сохранён черновик")));
        let csrf = page.input("csrf").unwrap();
        let path = format!("/admin/campaigns/{c}/remind");

        // Nothing ticked: refused in Russian, the sentence kept.
        let note = "Просим ответить до пятницы <b>срочно</b> {{link}}";
        let (status, body, _) = t.post_form(&path, &[("csrf", &csrf), ("note", note)]).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let refused = Page::parse(&body);
        assert!(refused.texts("#remind-error")[0].contains("Выберите хотя бы одного"));
        assert_eq!(refused.texts("textarea#remind-note"), [note]);
        let long = "я".repeat(reminders::NOTE_MAX + 1);
        let fields = [
            ("csrf", csrf.as_str()),
            ("unit", "institute:NIM"),
            ("note", &long),
        ];
        let (status, body, _) = t.post_form(&path, &fields).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(Page::parse(&body).texts("#remind-error")[0].contains("не более 600 символов"));
        assert!(
            t.mails_of("reminder").is_empty(),
            "a refusal queues nothing"
        );

        let fields = [
            ("csrf", csrf.as_str()),
            ("unit", "institute:BelGIM"),
            ("unit", "institute:NIM"),
            ("note", note),
        ];
        let (status, _, _) = t.post_form(&path, &fields).await;
        assert_eq!(status, Status::SeeOther);
        t.send().await;
        let sent = t.mails_of("reminder");
        assert_eq!(
            sent.keys().collect::<Vec<_>>(),
            ["training.belgim@example.org", "training.nim@example.org"]
        );
        let belgim = common::decoded(&sent["training.belgim@example.org"].raw);
        assert!(
            belgim.contains("Черновик ответов сохранён и ждёт"),
            "{belgim}"
        );
        assert!(belgim.contains("Сообщение секретариата"));
        assert!(
            belgim.contains(note),
            "the text part quotes the sentence as typed"
        );
        assert!(
            belgim.contains("&lt;b&gt;срочно&lt;/b&gt;"),
            "the HTML part shows it as text"
        );
        let nim = common::decoded(&sent["training.nim@example.org"].raw);
        assert!(nim.contains("A word from the"), "{nim}");
        assert!(!nim.contains("draft"), "NIM has no draft: {nim}");
    });
}

#[rocket::async_test]
async fn the_reminder_schedule_is_set_on_the_campaign_pages_and_by_the_command_line() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let today = chrono::Utc::now().date_naive();
        let closes = today + chrono::Days::new(30);
        deadlines::extend(&t.app, &common::operator(), c, closes, today)
            .await
            .unwrap();
        t.login_secretariat().await;
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        let said = Page::parse(&page).texts("p.schedule").join(" ");
        assert!(
            said.contains("14, 7, 2 days before the closing day"),
            "{said}"
        );
        let next = (closes - chrono::Days::new(14))
            .format("%d.%m.%Y")
            .to_string();
        assert!(said.contains(&format!("Next on {next}")), "{said}");

        let csrf = remind_page(&t, c).await.input("csrf").unwrap();
        let path = format!("/admin/campaigns/{c}/schedule");
        t.get("/lang/ru").await;
        let bad = [
            ("csrf", csrf.as_str()),
            ("days", "14, x"),
            ("max", "2"),
            ("gap", "4"),
        ];
        let (status, body, _) = t.post_form(&path, &bad).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let refused = Page::parse(&body);
        assert_eq!(
            refused.input("days").as_deref(),
            Some("14, x"),
            "kept as typed"
        );
        assert!(body.contains("через запятую"), "{body}");
        let stored = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        assert_eq!(stored.reminder_days.to_string(), "14,7,2", "unchanged");

        let good = [
            ("csrf", csrf.as_str()),
            ("days", "10, 3"),
            ("max", "2"),
            ("gap", "4"),
        ];
        let (status, _, _) = t.post_form(&path, &good).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        let said = Page::parse(&page).texts("p.schedule").join(" ");
        assert!(
            said.contains("за 10, 3 дн. до закрытия, не более 2"),
            "{said}"
        );
        let stored = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        assert_eq!(
            (
                stored.reminder_days.to_string(),
                stored.reminder_max,
                stored.reminder_gap_days
            ),
            ("10,3".to_string(), 2, 4)
        );

        let id = c.to_string();
        let args = ["campaign", "schedule", &id, "--days", "", "--max", "0"];
        let (ok, out, err) = crate::cli::run(&t, &args);
        assert!(ok && out.contains("reminders on days"), "{out}{err}");
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        let said = Page::parse(&page).texts("p.schedule").join(" ");
        assert!(said.contains("Автоматических напоминаний нет"), "{said}");
    });
}

#[rocket::async_test]
async fn the_outbox_shows_a_message_as_its_reader_sees_it_with_the_source_one_click_away() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.invite_and_send(c).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (_, list) = t.get("/admin/outbox").await;
        let l = Page::parse(&list);
        let options = l.texts("select option").join(" ");
        assert!(
            options.contains("в очереди") && options.contains("приглашение"),
            "{options}"
        );
        assert!(
            !options.contains("queued") && !options.contains("invitation"),
            "{options}"
        );
        let rows = l.texts("tbody td").join(" ");
        assert!(
            rows.contains("отправлено") && !rows.contains(" sent"),
            "{rows}"
        );
        let (status, page) = t.get("/admin/outbox/1").await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&page);
        let meta = p.texts("p.meta").join(" ");
        assert!(
            meta.contains("приглашение") && meta.contains("отправлено"),
            "{meta}"
        );
        assert!(
            meta.contains("русский") || meta.contains("английский"),
            "{meta}"
        );
        let text = p.texts("pre.mail-text").join("");
        assert!(!text.contains("lnk"), "no marker is shown: {text}");
        assert!(
            !text.contains("/r/"),
            "the reader's view holds no live link"
        );
        assert_eq!(p.attrs("iframe[sandbox]", "src"), ["/admin/outbox/1/html"]);
        let source = p.texts("details.mail-source pre").join("");
        assert!(
            source.contains("Message-ID:"),
            "the delivered source, one click away"
        );

        let r = t.client.get("/admin/outbox/1/html").dispatch().await;
        assert_eq!(r.status(), Status::Ok);
        let csp = r
            .headers()
            .get_one("Content-Security-Policy")
            .unwrap()
            .to_string();
        assert!(
            csp.contains("sandbox") && csp.contains("default-src 'none'"),
            "{csp}"
        );
        let html = r.into_string().await.unwrap();
        assert!(html.starts_with("<!doctype html>"), "{html}");
        assert!(!html.contains("lnk") && !html.contains("/r/"), "{html}");
    });
}
