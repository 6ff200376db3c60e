//! Issue 13's controls, tried as an attacker would: copied session cookies, idle sessions,
//! old, revoked and expired links, and the audit trail of what staff did.
use crate::common::{self, TestApp};
use coomet_surveys::directory::{staff, staff_user::Role};
use rocket::http::{ContentType, Cookie, Status};
use std::time::Duration;

const SEC: &str = "sec@example.org";
const PASSWORD: &str = "correct horse battery";

/// Signs in without the client's cookie jar; returns the session cookie as the browser got it.
async fn sign_in(t: &TestApp, email: &str) -> Cookie<'static> {
    let r = t
        .client
        .post("/admin/login")
        .header(ContentType::Form)
        .body(common::encode(&[("email", email), ("password", PASSWORD)]))
        .dispatch()
        .await;
    assert_eq!(r.status(), Status::SeeOther, "signed in");
    let set = r
        .headers()
        .get("Set-Cookie")
        .find(|c| c.starts_with("__Host-staff="))
        .expect("a session cookie")
        .to_string();
    Cookie::parse_encoded(set).expect("a cookie").into_owned()
}

/// What `/admin` answers to a request carrying exactly this cookie.
async fn admin_with(t: &TestApp, cookie: &Cookie<'static>) -> Status {
    let name = cookie.name().to_string();
    let value = cookie.value().to_string();
    let r = t
        .client
        .get("/admin")
        .cookie(Cookie::new(name, value))
        .dispatch()
        .await;
    r.status()
}

async fn csrf_of(t: &TestApp, cookie: &Cookie<'static>) -> String {
    let r = t
        .client
        .get("/admin")
        .cookie(Cookie::new(
            cookie.name().to_string(),
            cookie.value().to_string(),
        ))
        .dispatch()
        .await;
    let page = r.into_string().await.unwrap_or_default();
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].chars().take_while(|c| *c != '"').collect()
}

#[rocket::async_test]
async fn the_staff_cookie_is_host_only_secure_and_strict() {
    on_every_backend!(|t| {
        staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        let cookie = sign_in(&t, SEC).await;
        assert_eq!(cookie.name(), "__Host-staff");
        assert_eq!(cookie.secure(), Some(true));
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(rocket::http::SameSite::Strict));
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.domain(), None, "__Host- cookies name no domain");
        assert_eq!(
            cookie.expires(),
            None,
            "gone with the browser; the server ends it anyway"
        );
        // Only the session id travels, encrypted: nothing of the account can be read from it.
        assert!(!cookie.value().contains("sec@"));
    });
}

#[rocket::async_test]
async fn a_copied_session_cookie_dies_with_logout_password_change_demotion_and_deactivation() {
    on_every_backend!(|t| {
        let user = staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        // Sign-out ends the session on the server: the copy taken before opens nothing.
        let copy = sign_in(&t, SEC).await;
        assert_eq!(admin_with(&t, &copy).await, Status::Ok);
        let csrf = csrf_of(&t, &copy).await;
        let r = t
            .client
            .post("/admin/logout")
            .cookie(Cookie::new(
                copy.name().to_string(),
                copy.value().to_string(),
            ))
            .header(ContentType::Form)
            .body(common::encode(&[("csrf", &csrf)]))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::SeeOther);
        assert_eq!(admin_with(&t, &copy).await, Status::SeeOther, "to sign-in");

        // A password change ends every session of the account.
        let copy = sign_in(&t, SEC).await;
        staff::add_user(&t.app.db, SEC, Role::Secretariat, "another long passphrase")
            .await
            .unwrap();
        assert_eq!(admin_with(&t, &copy).await, Status::SeeOther);

        // So does a demotion: the rights of the old role are not kept by a live session.
        staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        let copy = sign_in(&t, SEC).await;
        staff::set_role(&t.app.db, user.clone(), Role::Reviewer)
            .await
            .unwrap();
        assert_eq!(admin_with(&t, &copy).await, Status::SeeOther);

        // And deactivation, after which the right password is refused too.
        let copy = sign_in(&t, SEC).await;
        let user = staff::find(&t.app.db, SEC).await.unwrap().unwrap();
        staff::deactivate(&t.app.db, user).await.unwrap();
        assert_eq!(admin_with(&t, &copy).await, Status::SeeOther);
        let (status, _, _) = t
            .post_form("/admin/login", &[("email", SEC), ("password", PASSWORD)])
            .await;
        assert_eq!(status, Status::Unauthorized);
    });
}

#[rocket::async_test]
async fn idle_and_overlong_sessions_expire() {
    for backend in common::backends() {
        let t = TestApp::start_with(&backend, |c| {
            c.security.session_idle = Duration::from_secs(1);
        })
        .await;
        staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        let cookie = sign_in(&t, SEC).await;
        assert_eq!(admin_with(&t, &cookie).await, Status::Ok);
        tokio::time::sleep(Duration::from_millis(2100)).await;
        assert_eq!(admin_with(&t, &cookie).await, Status::SeeOther, "idle");
        t.finish().await;

        let t = TestApp::start_with(&backend, |c| {
            c.security.session_max = Duration::from_secs(2);
        })
        .await;
        staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        let cookie = sign_in(&t, SEC).await;
        for _ in 0..3 {
            assert_eq!(
                admin_with(&t, &cookie).await,
                Status::Ok,
                "busy, within limit"
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(admin_with(&t, &cookie).await, Status::SeeOther, "absolute");
        t.finish().await;
    }
}

#[rocket::async_test]
async fn common_passwords_are_refused_for_staff_accounts() {
    on_every_backend!(|t| {
        for weak in [
            "password123",
            "1234567890",
            "qwertyuiop",
            "sec@example.org1",
        ] {
            let e = staff::add_user(&t.app.db, SEC, Role::Secretariat, weak)
                .await
                .expect_err(weak);
            assert!(e.to_string().contains("too easy to guess"), "{weak}: {e}");
        }
        assert!(staff::find(&t.app.db, SEC).await.unwrap().is_none());
    });
}

const NBSM: &str = "training.nbsm@example.org";

/// A draft save through a link: the status it gets.
async fn save_draft(t: &TestApp, link: &str) -> Status {
    let (status, _, _) = t
        .post_form(link, &[("_version", "0"), ("_action", "draft")])
        .await;
    status
}

#[rocket::async_test]
async fn a_strangers_lost_link_request_revokes_nothing_and_the_new_link_takes_over_when_used() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let old = t.invite_and_send(campaign).await[NBSM].link_path();
        assert_eq!(t.get(&old).await.0, Status::Ok);
        // Anyone may ask for anyone's links: the request itself breaks nothing.
        t.post_form("/r", &[("email", NBSM)]).await;
        t.lost_link_queued(NBSM).await;
        t.send().await;
        let new = t.mails()[NBSM].link_path();
        assert_ne!(new, old);
        assert_eq!(t.get(&old).await.0, Status::Ok, "the old link still works");
        assert_eq!(save_draft(&t, &old).await, Status::SeeOther);
        // The person got the mail and used the new link: the older one opens nothing now.
        assert_eq!(t.get(&new).await.0, Status::Ok, "the new one works");
        assert_eq!(
            t.get(&old).await.0,
            Status::NotFound,
            "replaced at first use"
        );
        assert_eq!(save_draft(&t, &old).await, Status::NotFound);
        assert_eq!(t.get(&new).await.0, Status::Ok, "and goes on working");
        // Asked again within the hour: no new mail, so the link just sent stays good.
        t.post_form("/r", &[("email", NBSM)]).await;
        t.send().await;
        assert_eq!(t.get(&new).await.0, Status::Ok);
    });
}

#[rocket::async_test]
async fn after_the_close_a_link_shows_the_answers_read_only_then_expires() {
    on_every_backend!(|t| {
        use sea_orm::{ActiveModelTrait, Set};
        let campaign = t.open_campaign("training-needs", 2026).await;
        let link = t.invite_and_send(campaign).await[NBSM].link_path();
        assert_eq!(save_draft(&t, &link).await, Status::SeeOther);
        coomet_surveys::campaigns::close(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        let (status, page) = t.get(&link).await;
        assert_eq!(status, Status::Ok);
        let doc = crate::html::Page::parse(&page);
        assert_eq!(
            doc.count("main input") + doc.count("main button"),
            0,
            "the answers read, with nothing to press"
        );
        assert!(
            page.contains("Ответов не дано"),
            "the empty draft read as such"
        );
        assert!(page.contains("Опрос закрыт"), "in the contact's language");
        assert_eq!(save_draft(&t, &link).await, Status::Conflict);
        let stored = coomet_surveys::responses::current(
            &t.app.db,
            campaign,
            &common::unit("institute:NBSM"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            stored.version, 1,
            "the closed campaign's answers are unchanged"
        );

        // Past the grace period (30 days by default) the link opens nothing at all.
        let c = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap();
        let mut am: coomet_surveys::campaigns::campaign::ActiveModel = c.into();
        let long_ago = chrono::Utc::now() - chrono::Duration::days(31);
        am.closed_at = Set(Some(long_ago.fixed_offset()));
        am.update(&t.app.db).await.unwrap();
        let (status, page) = t.get(&link).await;
        assert_eq!(status, Status::Gone);
        assert!(
            page.contains("This link has expired"),
            "in the browser's language"
        );
        assert!(!page.contains("NBSM"), "nothing of the unit is shown");
        assert_eq!(save_draft(&t, &link).await, Status::Gone);
    });
}

#[rocket::async_test]
async fn a_link_opens_its_own_campaign_and_nothing_of_another() {
    on_every_backend!(|t| {
        let needs = t.open_campaign("training-needs", 2026).await;
        let held = t.open_campaign("traineeships-held", 2026).await;
        let link_needs = t.invite_and_send(needs).await[NBSM].link_path();
        let link_held = t.invite_and_send(held).await[NBSM].link_path();
        let (_, page) = t.get(&format!("{link_needs}?lang=en")).await;
        assert!(page.contains("Training needs and offers"));
        assert!(
            !page.contains("Traineeships"),
            "nothing of the other survey"
        );
        assert_eq!(save_draft(&t, &link_needs).await, Status::SeeOther);
        let unit = common::unit("institute:NBSM");
        let of = |c| coomet_surveys::responses::current(&t.app.db, c, &unit);
        assert!(of(needs).await.unwrap().is_some());
        assert!(
            of(held).await.unwrap().is_none(),
            "the other campaign is untouched"
        );
        // A link with one character changed is no link at all, whatever it resembles.
        let mut forged = link_held.clone();
        let last = forged.pop().unwrap();
        forged.push(if last == 'A' { 'B' } else { 'A' });
        assert_eq!(t.get(&forged).await.0, Status::NotFound);
    });
}

#[rocket::async_test]
async fn the_current_password_cannot_be_guessed_through_the_password_page() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (_, page) = t.get("/admin/password").await;
        let csrf = crate::html::Page::parse(&page).input("csrf").unwrap();
        let mut statuses = Vec::new();
        for i in 0..7 {
            let guess = format!("guess number {i}");
            let fields = [
                ("csrf", csrf.as_str()),
                ("current", &guess),
                ("password", "x"),
            ];
            statuses.push(t.post_form("/admin/password", &fields).await.0);
        }
        assert_eq!(statuses[0], Status::Ok, "the page again, with the reason");
        assert_eq!(statuses[6], Status::TooManyRequests, "{statuses:?}");
        // Even the right one now waits.
        let right = [
            ("csrf", csrf.as_str()),
            ("current", PASSWORD),
            ("password", "another long passphrase"),
        ];
        assert_eq!(
            t.post_form("/admin/password", &right).await.0,
            Status::TooManyRequests
        );
    });
}
