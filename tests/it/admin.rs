//! The secretariat's pages: sign-in, sessions, CSRF, roles, and both languages.
use crate::common;

use rocket::http::{Header, Status};

#[rocket::async_test]
async fn staff_pages_need_a_session_and_a_wrong_password_is_refused_in_the_users_language() {
    on_every_backend!(|t| {
        let r = t.client.get("/admin").dispatch().await;
        assert_eq!(r.status(), Status::SeeOther);
        assert_eq!(r.headers().get_one("Location"), Some("/admin/login"));

        coomet_surveys::directory::staff::add_user(
            &t.app.db,
            "sec@example.org",
            coomet_surveys::directory::staff_user::Role::Secretariat,
            "correct horse battery",
        )
        .await
        .unwrap();
        let (status, page, _) = t
            .post_form(
                "/admin/login",
                &[("email", "sec@example.org"), ("password", "wrong password")],
            )
            .await;
        assert_eq!(status, Status::Unauthorized);
        assert!(page.contains("The e-mail or the password is not correct."));
        assert!(
            page.contains("value=\"sec@example.org\""),
            "the e-mail typed is kept"
        );

        let r = t
            .client
            .post("/admin/login")
            .header(rocket::http::ContentType::Form)
            .header(Header::new("Accept-Language", "ru-RU,ru;q=0.9"))
            .body(common::encode(&[
                ("email", "sec@example.org"),
                ("password", "wrong"),
            ]))
            .dispatch()
            .await;
        let page = r.into_string().await.unwrap();
        assert!(page.contains("Неверный адрес электронной почты или пароль."));
    });
}

#[rocket::async_test]
async fn the_campaign_page_lists_units_and_actions_need_the_csrf_token() {
    // As `serve` runs it: the "send now" button wakes the delivery worker.
    for backend in common::backends() {
        let t = common::TestApp::start_with_jobs(&backend).await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        t.login_secretariat().await;
        let (status, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("0 units invited"));

        // Without the session's token the action is refused and nothing happens.
        let (status, _, _) = t
            .post_form(
                &format!("/admin/campaigns/{campaign}/invite"),
                &[("csrf", "forged")],
            )
            .await;
        assert_eq!(status, Status::Forbidden);
        let (_, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        assert!(page.contains("0 units invited"));

        // With it, invitations are queued and the page says so.
        let csrf = crate::html::Page::parse(&page)
            .input("csrf")
            .expect("a CSRF field");
        let csrf = csrf.as_str();
        let (status, _, location) = t
            .post_form(
                &format!("/admin/campaigns/{campaign}/invite"),
                &[("csrf", csrf)],
            )
            .await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&location.unwrap()).await;
        assert!(page.contains("Invitations queued: 31."));
        assert!(page.contains("23 units invited"));
        assert!(page.contains("NBSM (National Body for Standardization and Metrology)"));

        // Sending from the outbox page wakes the worker, which delivers them.
        let (status, _, location) = t.post_form("/admin/mail/send", &[("csrf", csrf)]).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&location.unwrap()).await;
        // The invitations woke the worker already: some may be on their way.
        assert!(page.contains("Delivery started: "), "{page}");
        let sent = |page: &str| page.matches("class=\"status-sent\"").count();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut page = t.get("/admin/outbox").await.1;
        while sent(&page) < 31 && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            page = t.get("/admin/outbox").await.1;
        }
        assert_eq!(sent(&page), 31, "the worker delivered every invitation");
        assert_eq!(t.mails().len(), 31);

        // The same page in Russian.
        let r = t
            .client
            .get("/lang/ru")
            .header(Header::new(
                "Referer",
                format!("http://x/admin/campaigns/{campaign}"),
            ))
            .dispatch()
            .await;
        assert_eq!(
            r.headers().get_one("Location"),
            Some(format!("/admin/campaigns/{campaign}").as_str())
        );
        let (_, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        assert!(page.contains("Приглашено участников: 23"));
        assert!(page.contains("Доля ответивших"));
        drop(r);
        t.finish().await;
    }
}

#[rocket::async_test]
async fn a_reviewer_reads_campaigns_but_not_the_outbox_and_cannot_act() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        coomet_surveys::directory::staff::add_user(
            &t.app.db,
            "rev@example.org",
            coomet_surveys::directory::staff_user::Role::Reviewer,
            "another long password",
        )
        .await
        .unwrap();
        let (status, _, _) = t
            .post_form(
                "/admin/login",
                &[
                    ("email", "rev@example.org"),
                    ("password", "another long password"),
                ],
            )
            .await;
        assert_eq!(status, Status::SeeOther);
        let (status, page) = t.get(&format!("/admin/campaigns/{campaign}")).await;
        assert_eq!(status, Status::Ok);
        assert!(!page.contains("/invite\""), "no action buttons");
        let (status, _) = t.get("/admin/outbox").await;
        assert_eq!(status, Status::Forbidden);
        let csrf = crate::html::Page::parse(&page)
            .input("csrf")
            .expect("a CSRF field");
        let csrf = csrf.as_str();
        let (status, _, _) = t
            .post_form(
                &format!("/admin/campaigns/{campaign}/invite"),
                &[("csrf", csrf)],
            )
            .await;
        assert_eq!(status, Status::Forbidden);
    });
}

#[test]
fn both_languages_have_every_text() {
    let keys = |lang: &str| {
        let text = std::fs::read_to_string(
            common::root().join(format!("templates/locales/{lang}/main.ftl")),
        )
        .unwrap();
        text.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.starts_with('#') && !k.is_empty())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (en, ru) = (keys("en"), keys("ru"));
    assert!(en.len() > 50);
    assert_eq!(
        en.symmetric_difference(&ru).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}
