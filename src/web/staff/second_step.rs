//! The second step of signing in to an account with a second factor. After the right
//! password the browser holds only a short-lived cookie (encrypted and authenticated by the
//! cookie key) naming the account and a deadline; it opens nothing but the page that asks for
//! the authenticator's code or a recovery code. The codes are throttled on counts of their
//! own, and a code is taken once (`directory::second_factor`).
use crate::app::App;
use crate::directory::second_factor::{self, Verified};
use crate::directory::staff_user;
use crate::i18n::Lang;
use crate::web::staff::session::{ClientOf, Staff};
use crate::web::staff::signed_in::{finish, SameOrigin};
use crate::web::staff::throttle;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![code_page, code]
}

/// Time to type the code after the password.
const MINUTES: i64 = 5;

fn name(app: &App) -> &'static str {
    if app.config.security.cookie_secure {
        "__Host-signin"
    } else {
        "signin"
    }
}

/// Hands the browser the cookie of an account whose password was right.
pub fn ask(app: &App, jar: &CookieJar<'_>, user: &staff_user::Model) {
    let deadline = chrono::Utc::now().timestamp() + MINUTES * 60;
    let cookie = Cookie::build((name(app), format!("{}|{deadline}", user.id)))
        .http_only(true)
        .secure(app.config.security.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(rocket::time::Duration::minutes(MINUTES))
        .path("/");
    jar.add_private(cookie);
}

/// The account waiting for its code in this browser, before its deadline.
async fn waiting(app: &App, jar: &CookieJar<'_>) -> Result<Option<staff_user::Model>> {
    let Some(cookie) = jar.get_private(name(app)) else {
        return Ok(None);
    };
    let Some((id, deadline)) = cookie.value().split_once('|') else {
        return Ok(None);
    };
    let (Ok(id), Ok(deadline)) = (id.parse::<i32>(), deadline.parse::<i64>()) else {
        return Ok(None);
    };
    if deadline < chrono::Utc::now().timestamp() {
        return Ok(None);
    }
    let user = match crate::directory::accounts::get(&app.db, id).await {
        Ok(user) => user,
        Err(crate::Error::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(user).filter(|u| u.active && u.totp_secret.is_some()))
}

#[derive(Serialize)]
struct CodePage {
    error: Option<String>,
}

fn page(app: &App, lang: Lang, error: Option<String>) -> Result<RawHtml<String>> {
    render(
        app,
        "admin/login_code",
        &Base::public(lang),
        &CodePage { error },
    )
}

#[get("/login/code")]
async fn code_page(
    app: &State<App>,
    jar: &CookieJar<'_>,
    lang: Lang,
) -> Result<Result<RawHtml<String>, Redirect>> {
    match waiting(app, jar).await? {
        Some(_) => page(app, lang, None).map(Ok),
        None => Ok(Err(Redirect::to("/admin/login"))),
    }
}

#[derive(FromForm)]
struct Code<'r> {
    code: &'r str,
}

/// What the code step answers: on to the service, the same with a word about the recovery
/// codes left, or the page again with what was wrong.
#[derive(rocket::Responder)]
enum Next {
    Go(Redirect),
    Told(Flash<Redirect>),
    Again((Status, RawHtml<String>)),
}

#[post("/login/code", data = "<form>")]
async fn code(
    app: &State<App>,
    jar: &CookieJar<'_>,
    lang: Lang,
    origin: SameOrigin,
    client: ClientOf,
    before: Option<Staff>,
    form: Form<Code<'_>>,
) -> Result<Next> {
    let ip = client.0.ip;
    if !origin.0 {
        tracing::warn!(ip = ?ip, "second factor refused: posted from another site");
        return Err(crate::Error::Forbidden);
    }
    let Some(user) = waiting(app, jar).await? else {
        return Ok(Next::Go(Redirect::to("/admin/login")));
    };
    let again = |status: Status, key: &str, minutes: u64| {
        let args = [("minutes", minutes.max(1).to_string())];
        let html = page(app, lang, Some(app.renderer.text(lang, key, &args)))?;
        Ok(Next::Again((status, html)))
    };
    let attempt = match throttle::begin_code(app, ip, &user.email).await? {
        Ok(attempt) => attempt,
        Err(wait) => {
            tracing::warn!(ip = ?ip, account = %user.email, "second factor refused: waiting after failures");
            return again(
                Status::TooManyRequests,
                "login-wait",
                wait.as_secs().div_ceil(60),
            );
        }
    };
    let verified = second_factor::verify(&app.db, &user, form.code).await?;
    if verified == Verified::Refused {
        tracing::warn!(ip = ?ip, account = %user.email, "second factor: code wrong or used");
        return match attempt.wait_if_wrong {
            Some(w) => again(
                Status::TooManyRequests,
                "login-wait",
                w.as_secs().div_ceil(60),
            ),
            None => again(Status::Unauthorized, "login-code-wrong", 0),
        };
    }
    throttle::succeeded(app, attempt).await?;
    jar.remove_private(Cookie::build(name(app)).path("/"));
    let detail = match verified {
        Verified::RecoveryCode { left } => format!("recovery code, {left} left"),
        _ => "second factor".to_string(),
    };
    finish(app, jar, before, &user, client.0, Some(detail)).await?;
    Ok(match verified {
        Verified::RecoveryCode { left } => {
            let args = [("count", left.to_string())];
            let text = app.renderer.text(lang, "flash-recovery-code-used", &args);
            Next::Told(Flash::warning(
                Redirect::to("/admin/password#second-factor"),
                text,
            ))
        }
        _ => Next::Go(Redirect::to("/admin")),
    })
}
