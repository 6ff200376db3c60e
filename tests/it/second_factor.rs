//! Issue 22, finding 3: a second factor for staff. Set up on the account page (a QR code and
//! the key, confirmed by a first code), sign-in with a code, a wrong or reused code refused, a
//! recovery code spent once, the setting that requires it of the secretariat, and the
//! operator's reset for a lost phone.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::directory::second_factor::{self, Verified};
use coomet_surveys::directory::staff_user;
use rocket::http::Status;
use sea_orm::EntityTrait;

const EMAIL: &str = "sec@example.org";
const PASSWORD: &str = "correct horse battery";

/// The session's CSRF token, from the account page (the one page open before setting up).
async fn csrf(t: &TestApp) -> String {
    let (_, page) = t.get("/admin/password").await;
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].chars().take_while(|c| *c != '"').collect()
}

/// Whether the audit trail has a line of `action` whose detail holds `detail`.
async fn audited(t: &TestApp, action: coomet_surveys::audit::Action, detail: &str) -> bool {
    use coomet_surveys::audit::entry;
    entry::Entity::find()
        .all(&t.app.db)
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == action && e.detail.as_deref().unwrap_or("").contains(detail))
}

/// The code of the account's app `steps` time steps from now.
fn code(secret: &str, steps: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
    let now = chrono::Utc::now().timestamp() + steps * 30;
    totp.generate(now as u64).to_string()
}

/// The key an app is given, read off the set-up page as a person would type it, and checked
/// against the otpauth address beside it.
fn secret_in(page: &str) -> String {
    let texts = Page::parse(page).texts("dd code");
    let key: String = texts[0].split_whitespace().collect();
    assert!(texts[1].contains(&format!("secret={key}")), "{texts:?}");
    key
}

/// Sets up the factor of the signed-in account; its key, its recovery codes and the code
/// that confirmed it.
async fn set_up(t: &TestApp) -> (String, Vec<String>, String) {
    let csrf = csrf(t).await;
    let (_, account) = t.get("/admin/password?lang=en").await;
    assert!(account.contains("Set up an authenticator app"), "{account}");
    let (status, _, to) = t
        .post_form("/admin/second-factor/begin", &[("csrf", &csrf)])
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (Status::SeeOther, Some("/admin/second-factor"))
    );
    let (status, page) = t.get("/admin/second-factor?lang=ru").await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("<svg") && page.contains("otpauth://totp/"),
        "{page}"
    );
    assert!(
        page.contains("Подключение приложения-аутентификатора"),
        "{page}"
    );
    let secret = secret_in(&page);
    let confirm = |code: String| {
        let csrf = csrf.clone();
        async move {
            let fields = [("csrf", csrf.as_str()), ("code", code.as_str())];
            t.post_form("/admin/second-factor/confirm?lang=en", &fields)
                .await
        }
    };
    let (status, page, _) = confirm("000000".into()).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("That code is not right"), "{page}");
    let first = code(&secret, 0);
    let (status, page, _) = confirm(first.clone()).await;
    assert_eq!(status, Status::Ok, "{page}");
    let codes = Page::parse(&page).texts("ul.codes li");
    assert_eq!(codes.len(), 10, "{page}");
    (secret, codes, first)
}

async fn sign_out(t: &TestApp) {
    let csrf = csrf(t).await;
    t.post_form("/admin/logout", &[("csrf", &csrf)]).await;
}

/// The password step: the browser is asked for its code and holds no session yet.
async fn password(t: &TestApp) {
    let fields = [("email", EMAIL), ("password", PASSWORD)];
    let (status, _, to) = t.post_form("/admin/login", &fields).await;
    assert_eq!(
        (status, to.as_deref()),
        (Status::SeeOther, Some("/admin/login/code"))
    );
    let r = t.client.get("/admin").dispatch().await;
    assert_eq!(
        r.headers().get_one("Location"),
        Some("/admin/login"),
        "no session yet"
    );
}

async fn type_code(t: &TestApp, code: &str) -> (Status, String, Option<String>) {
    t.post_form("/admin/login/code?lang=en", &[("code", code)])
        .await
}

#[rocket::async_test]
async fn a_second_factor_is_set_up_asked_for_at_sign_in_and_each_code_works_once() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (secret, codes, first) = set_up(&t).await;
        sign_out(&t).await;

        password(&t).await;
        let (status, page) = t.get("/admin/login/code?lang=ru").await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Код из приложения-аутентификатора"), "{page}");
        let (status, page, _) = type_code(&t, "123456").await;
        assert_eq!(status, Status::Unauthorized);
        assert!(
            page.contains("That code is not right, or it was used already"),
            "{page}"
        );
        // The code of the step the set-up took is spent; the next step's is not.
        assert_eq!(type_code(&t, &first).await.0, Status::Unauthorized);
        let next = code(&secret, 1);
        let (status, _, to) = type_code(&t, &next).await;
        assert_eq!((status, to.as_deref()), (Status::SeeOther, Some("/admin")));
        assert_eq!(t.get("/admin").await.0, Status::Ok, "signed in");
        sign_out(&t).await;

        // The same code again, in a new sign-in: refused.
        password(&t).await;
        assert_eq!(
            type_code(&t, &next).await.0,
            Status::Unauthorized,
            "a reused code"
        );
        // A recovery code, typed loosely, signs in once and says how many are left.
        let loose = codes[0].to_lowercase().replace('-', " ");
        let (status, _, to) = type_code(&t, &loose).await;
        assert_eq!(status, Status::SeeOther);
        assert_eq!(to.as_deref(), Some("/admin/password#second-factor"));
        let (_, account) = t.get("/admin/password?lang=en").await;
        assert!(account.contains("recovery code; 9 left"), "{account}");
        assert!(account.contains("Recovery codes left: 9"), "{account}");
        sign_out(&t).await;
        password(&t).await;
        assert_eq!(
            type_code(&t, &codes[0]).await.0,
            Status::Unauthorized,
            "spent"
        );

        // The trail says how each sign-in was made.
        assert_eq!(type_code(&t, &codes[1]).await.0, Status::SeeOther);
        use coomet_surveys::audit::Action;
        assert!(audited(&t, Action::SecondFactorOn, "").await);
        assert!(audited(&t, Action::SignIn, "recovery code, 8 left").await);
        assert!(audited(&t, Action::SignIn, "second factor").await);
        let (_, audit) = t.get("/admin/audit?lang=en").await;
        assert!(audit.contains("second factor set up"), "{audit}");
    });
}

#[rocket::async_test]
async fn two_sign_ins_with_one_code_at_the_same_moment_take_it_once() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (secret, _, _) = set_up(&t).await;
        let user = staff_user::Entity::find()
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        let next = code(&secret, 1);
        let tries = (0..8).map(|_| second_factor::verify(&t.app.db, &user, &next));
        let results = futures_util::future::join_all(tries).await;
        let taken = results
            .into_iter()
            .filter(|r| *r.as_ref().unwrap() == Verified::Code)
            .count();
        assert_eq!(taken, 1, "one code, one sign-in");
    });
}

#[rocket::async_test]
async fn the_setting_requires_a_second_factor_of_the_secretariat_and_the_operator_resets_it() {
    for backend in common::backends() {
        let t = TestApp::start_with(&backend, |c| {
            c.security.second_factor = coomet_surveys::config::SecondFactor::Secretariat;
        })
        .await;
        t.login_secretariat().await;
        // Until set up, every other page leads to the account page.
        for path in ["/admin", "/admin/outbox", "/admin/audit", "/review"] {
            let r = t.client.get(path).dispatch().await;
            let to = r.headers().get_one("Location").map(str::to_string);
            assert_eq!(
                to.as_deref(),
                Some("/admin/password#second-factor"),
                "{path}"
            );
        }
        let (_, account) = t.get("/admin/password?lang=en").await;
        assert!(
            account.contains("must sign in with a second factor"),
            "{account}"
        );
        let (secret, _, _) = set_up(&t).await;
        assert_eq!(
            t.get("/admin").await.0,
            Status::Ok,
            "set up: the service opens"
        );
        // Required: it cannot be turned off, even with a right code.
        let csrf = csrf(&t).await;
        let fields = [("csrf", csrf.as_str()), ("code", &code(&secret, 1))];
        let (_, _, to) = t.post_form("/admin/second-factor/remove", &fields).await;
        assert_eq!(to.as_deref(), Some("/admin/password#second-factor"));
        let user = coomet_surveys::directory::staff::find(&t.app.db, EMAIL)
            .await
            .unwrap()
            .unwrap();
        assert!(user.totp_secret.is_some(), "still on");

        // A lost phone: the operator resets it; the sessions end and the password signs in.
        let (ok, _, err) = crate::cli::run(&t, &["user", "reset-second-factor", "--email", EMAIL]);
        assert!(ok, "{err}");
        let r = t.client.get("/admin").dispatch().await;
        let to = r.headers().get_one("Location").map(str::to_string);
        drop(r);
        assert_eq!(to.as_deref(), Some("/admin/login"), "sessions ended");
        let fields = [("email", EMAIL), ("password", PASSWORD)];
        let (_, _, to) = t.post_form("/admin/login", &fields).await;
        assert_eq!(
            to.as_deref(),
            Some("/admin"),
            "the password alone, to set up again"
        );
        let reset = coomet_surveys::audit::Action::SecondFactorReset;
        assert!(audited(&t, reset, "").await, "the reset is on the trail");
        t.finish().await;
    }
}
