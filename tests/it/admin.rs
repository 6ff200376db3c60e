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
        // The secretariat's progress (who answered, their addresses) is not a reviewer's:
        // the campaign's page sends them to its results.
        let r = t
            .client
            .get(format!("/admin/campaigns/{campaign}"))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::SeeOther);
        let to = format!("/review/campaigns/{campaign}");
        assert_eq!(r.headers().get_one("Location"), Some(to.as_str()));
        let r = t.client.get("/admin").dispatch().await;
        assert_eq!(r.headers().get_one("Location"), Some("/review"));
        let (status, page) = t.get(&to).await;
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

#[rocket::async_test]
async fn after_failed_sign_ins_even_the_right_password_waits() {
    let t = common::TestApp::start(&common::Backend::Sqlite).await;
    coomet_surveys::directory::staff::add_user(
        &t.app.db,
        "sec@example.org",
        coomet_surveys::directory::staff_user::Role::Secretariat,
        "correct horse battery",
    )
    .await
    .unwrap();
    let attempt = |password: &'static str| {
        let t = &t;
        async move {
            let fields = [("email", "sec@example.org"), ("password", password)];
            t.post_form("/admin/login", &fields).await
        }
    };
    let free = coomet_surveys::web::staff::throttle::FREE_FAILURES;
    for _ in 0..free {
        assert_eq!(attempt("wrong password").await.0, Status::Unauthorized);
    }
    let (status, page, _) = attempt("wrong password").await;
    assert_eq!(status, Status::TooManyRequests);
    assert!(page.contains("Please wait 1 min"), "{page}");
    // The right password is not even checked while the account waits.
    let (status, _, location) = attempt("correct horse battery").await;
    assert_eq!(status, Status::TooManyRequests);
    assert_eq!(location, None, "no session was started");
    assert_eq!(
        t.get("/admin").await.0,
        Status::SeeOther,
        "still signed out"
    );
    t.finish().await;
}

#[rocket::async_test]
async fn every_answer_carries_the_security_headers() {
    let t = common::TestApp::start(&common::Backend::Sqlite).await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(campaign).await;
    let form = mails["training.nbsm@example.org"].link_path();
    for path in [
        form.as_str(),
        "/admin/login",
        "/r",
        "/no-such-page",
        "/health",
    ] {
        let r = t.client.get(path).dispatch().await;
        let h = r.headers();
        let csp = h.get_one("Content-Security-Policy").unwrap_or_default();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            h.get_one("X-Content-Type-Options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(h.get_one("Cache-Control"), Some("no-store"), "{path}");
        assert_eq!(
            h.get_one("Strict-Transport-Security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}: PUBLIC_URL is https"
        );
    }
    let r = t.client.get(form.as_str()).dispatch().await;
    assert_eq!(r.headers().get_one("Referrer-Policy"), Some("no-referrer"));
    let page = r.into_string().await.unwrap();
    assert!(
        !page.contains("<style>") && !page.contains("<script>"),
        "no inline code"
    );
    let script = crate::html::Page::parse(&page)
        .attr("script", "src")
        .unwrap();
    let r = t.client.get(script.as_str()).dispatch().await;
    assert_eq!(r.status(), Status::Ok);
    let cache = r.headers().get_one("Cache-Control").unwrap_or_default();
    assert!(cache.contains("immutable"), "{cache}");
    drop(r);
    t.finish().await;
}
