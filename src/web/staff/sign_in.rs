//! Signing in and out of `/admin`, and changing one's own password.
use crate::app::App;
use crate::directory::staff;
use crate::i18n::Lang;
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Staff;
use crate::web::staff::signed_in::{finish, SameOrigin};
use crate::web::staff::throttle;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::net::IpAddr;

pub fn routes() -> Vec<Route> {
    routes![login_page, login, logout]
}

#[derive(Serialize)]
struct LoginPage<'a> {
    email: &'a str,
    error: Option<String>,
}

#[get("/login")]
fn login_page(app: &State<App>, lang: Lang) -> Result<RawHtml<String>> {
    let page = LoginPage {
        email: "",
        error: None,
    };
    render(app, "admin/login", &Base::public(lang), &page)
}

#[derive(FromForm)]
struct Login<'r> {
    email: &'r str,
    password: &'r str,
}

/// Signs in. The attempt is reserved with the throttle first: while the address, the account
/// or this browser waits, no password is checked, the right one included.
#[post("/login", data = "<form>")]
async fn login(
    app: &State<App>,
    jar: &CookieJar<'_>,
    lang: Lang,
    origin: SameOrigin,
    client: crate::web::staff::session::ClientOf,
    before: Option<Staff>,
    form: Form<Login<'_>>,
) -> Result<Result<Redirect, (Status, RawHtml<String>)>> {
    let ip: Option<IpAddr> = client.0.ip;
    if !origin.0 {
        tracing::warn!(ip = ?ip, "sign-in refused: posted from another site");
        return Err(crate::Error::Forbidden);
    }
    let refuse = |status: Status, key: &str, wait: Option<std::time::Duration>| {
        let minutes = wait.map_or(0, |w| w.as_secs().div_ceil(60)).max(1);
        let args = [("minutes", minutes.to_string())];
        let page = LoginPage {
            email: form.email,
            error: Some(app.renderer.text(lang, key, &args)),
        };
        let html = render(app, "admin/login", &Base::public(lang), &page)?;
        Ok(Err((status, html)))
    };
    // A write refused for lack of space (the rate limit's record, the session): the page
    // again, with the address kept.
    let outcome = async {
        let device = crate::web::staff::device::nonce_for(app, jar, form.email);
        let attempt = match throttle::begin(app, ip, form.email, device.as_deref()).await? {
            Ok(attempt) => attempt,
            Err(wait) => {
                tracing::warn!(ip = ?ip, account = ?logged(form.email), "sign-in refused: waiting after failures");
                return refuse(Status::TooManyRequests, "login-wait", Some(wait));
            }
        };
        let Some(user) = staff::authenticate(&app.db, form.email, form.password).await? else {
            tracing::warn!(ip = ?ip, account = ?logged(form.email), "sign-in failed");
            return match attempt.wait_if_wrong {
                Some(wait) => refuse(Status::TooManyRequests, "login-wait", Some(wait)),
                None => refuse(Status::Unauthorized, "login-failed", None),
            };
        };
        throttle::succeeded(app, attempt).await?;
        if user.totp_secret.is_some() {
            tracing::info!(ip = ?ip, account = %user.email, "password right; asking for the second factor");
            crate::web::staff::second_step::ask(app, jar, &user);
            return Ok(Ok(Redirect::to("/admin/login/code")));
        }
        finish(app, jar, before, &user, client.0, None).await?;
        Ok(Ok(Redirect::to("/admin")))
    }
    .await;
    match outcome {
        Err(e @ crate::Error::DiskFull(_)) => {
            tracing::warn!(error = %e, "sign-in refused: no space to write");
            app.space.noticed_full();
            refuse(Status::ServiceUnavailable, "error-disk-full", None)
        }
        other => other,
    }
}

/// Signs out: the session ends on the server, so a copy of the cookie opens nothing after.
#[post("/logout", data = "<form>")]
async fn logout(
    app: &State<App>,
    jar: &CookieJar<'_>,
    staff: Staff,
    form: Form<CsrfForm<'_>>,
) -> Result<Redirect> {
    staff.act(form.csrf)?;
    staff.end(app, jar).await?;
    Ok(Redirect::to("/admin/login"))
}

/// What the log keeps of a typed account name: its start, debug-quoted by the caller so that
/// no control character reaches the log, and never 20,000 characters of it.
fn logged(account: &str) -> String {
    account.chars().take(80).collect()
}
