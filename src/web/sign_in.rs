//! Signing in and out of `/admin`, and changing one's own password.
use super::admin::CsrfForm;
use super::session::Staff;
use super::throttle;
use super::view::{render, Base};
use crate::app::App;
use crate::directory::{accounts, staff};
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

/// Whether a posted form came from this service's own pages. A browser names the posting
/// page's origin in `Origin` (older ones in `Referer`); a sign-in posted from another site
/// (login CSRF: signing the victim in to the attacker's account) is refused. A client that
/// sends neither is not a browser that another site could drive.
pub struct SameOrigin(pub(super) bool);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for SameOrigin {
    type Error = ();

    async fn from_request(req: &'r rocket::Request<'_>) -> rocket::request::Outcome<Self, ()> {
        let Some(app) = req.rocket().state::<App>() else {
            return rocket::request::Outcome::Success(SameOrigin(false));
        };
        let own = origin_of(&app.config.public_url);
        let headers = req.headers();
        let same = match (headers.get_one("Origin"), headers.get_one("Referer")) {
            (Some(origin), _) => origin.trim_end_matches('/') == own,
            (None, Some(referer)) => origin_of(referer) == own,
            (None, None) => true,
        };
        rocket::request::Outcome::Success(SameOrigin(same))
    }
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Signs in. The attempt is reserved with the throttle first: while the address, the account
/// or this browser waits, no password is checked, the right one included.
#[post("/login", data = "<form>")]
async fn login(
    app: &State<App>,
    jar: &CookieJar<'_>,
    lang: Lang,
    origin: SameOrigin,
    client: super::session::ClientOf,
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
        let device = super::device::nonce_for(app, jar, form.email);
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
            super::second_step::ask(app, jar, &user);
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

/// The session of an account that proved who it is (`detail` says how, for the trail). A
/// session this browser had is ended, not left beside the new one.
pub(super) async fn finish(
    app: &App,
    jar: &CookieJar<'_>,
    before: Option<Staff>,
    user: &crate::directory::staff_user::Model,
    client: crate::directory::sessions::Client,
    detail: Option<String>,
) -> Result<()> {
    let ip = client.ip;
    let before = before.map(|old| old.session_id());
    let limits = super::session::limits(app);
    let id = accounts::sign_in(&app.db, user, limits, client, before, detail).await?;
    tracing::info!(ip = ?ip, account = %user.email, "signed in");
    Staff::hand_out(app, jar, id);
    super::device::issue(app, jar, &user.email);
    Ok(())
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
