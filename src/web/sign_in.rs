//! Signing in and out of `/admin`, and changing one's own password.
use super::admin::CsrfForm;
use super::session::Staff;
use super::throttle;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{self, Action, Actor};
use crate::directory::staff;
use crate::i18n::Lang;
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

/// Signs in. The throttle is asked first: while the address or the account waits, no password
/// is checked, the right one included.
#[post("/login", data = "<form>")]
async fn login(
    app: &State<App>,
    ip: Option<IpAddr>,
    jar: &CookieJar<'_>,
    lang: Lang,
    form: Form<Login<'_>>,
) -> Result<Result<Redirect, (Status, RawHtml<String>)>> {
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
    if let Some(wait) = throttle::wait(app, ip, form.email).await? {
        tracing::warn!(ip = ?ip, account = ?logged(form.email), "sign-in refused: waiting after failures");
        return refuse(Status::TooManyRequests, "login-wait", Some(wait));
    }
    if let Some(user) = staff::authenticate(&app.db, form.email, form.password).await? {
        throttle::succeeded(app, form.email).await?;
        tracing::info!(ip = ?ip, account = %user.email, "signed in");
        Staff::start(app, jar, &user).await?;
        audit::record(
            &app.db,
            &Actor::staff(&user.email, ip),
            Action::SignIn,
            "",
            None,
        )
        .await?;
        return Ok(Ok(Redirect::to("/admin")));
    }
    let wait = throttle::failed(app, ip, form.email).await?;
    tracing::warn!(ip = ?ip, account = ?logged(form.email), "sign-in failed");
    match wait {
        Some(wait) => refuse(Status::TooManyRequests, "login-wait", Some(wait)),
        None => refuse(Status::Unauthorized, "login-failed", None),
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
    staff.check(form.csrf)?;
    staff.end(app, jar).await?;
    staff.audit(app, Action::SignOut, "", None).await?;
    Ok(Redirect::to("/admin/login"))
}

/// What the log keeps of a typed account name: its start, debug-quoted by the caller so that
/// no control character reaches the log, and never 20,000 characters of it.
fn logged(account: &str) -> String {
    account.chars().take(80).collect()
}
