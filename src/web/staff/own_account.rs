//! One's own account: changing one's password, and the sessions signed in to it (where from,
//! when last used), any of which can be ended from here, as can all but this one.
use crate::app::App;
use crate::audit::Actor;
use crate::directory::{accounts, sessions, staff};
use crate::i18n::{fmt_time, Lang};
use crate::web::forms::CsrfForm;
use crate::web::staff::session::{limits, ClientOf, Staff};
use crate::web::staff::throttle;
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![own_page, own_change, end_session, end_others]
}

#[derive(Serialize)]
struct SessionRow {
    id: i32,
    started: String,
    last_seen: String,
    ip: String,
    agent: String,
    current: bool,
}

#[derive(Serialize)]
struct OwnPasswordPage {
    error: Option<String>,
    sessions: Vec<SessionRow>,
    others: bool,
    factor: FactorView,
}

/// The account's second factor as its page shows it.
#[derive(Serialize)]
struct FactorView {
    on: bool,
    since: String,
    codes_left: u64,
    /// The setting requires one of this account.
    required: bool,
}

async fn factor(app: &App, staff: &Staff) -> Result<FactorView> {
    let user = accounts::get(&app.db, staff.id).await?;
    let required = app
        .config
        .security
        .second_factor
        .required_for(staff.is_secretariat());
    Ok(FactorView {
        on: user.totp_secret.is_some(),
        since: user.totp_since.as_ref().map(fmt_time).unwrap_or_default(),
        codes_left: crate::directory::second_factor::codes_left(&app.db, staff.id).await?,
        required,
    })
}

async fn page(app: &App, staff: &Staff, error: Option<String>) -> Result<OwnPasswordPage> {
    let now = crate::db::now();
    let rows = sessions::of_account(&app.db, staff.id, limits(app), now).await?;
    let sessions: Vec<SessionRow> = rows
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            started: fmt_time(&s.created_at),
            last_seen: fmt_time(&s.last_seen_at),
            ip: s.ip.unwrap_or_default(),
            agent: s.agent.unwrap_or_default(),
            current: s.id == staff.session_id(),
        })
        .collect();
    let others = sessions.iter().any(|s| !s.current);
    Ok(OwnPasswordPage {
        error,
        sessions,
        others,
        factor: factor(app, staff).await?,
    })
}

#[get("/password")]
async fn own_page(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let page = page(app, &staff, None).await?;
    render(
        app,
        "admin/password",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(FromForm)]
struct OwnPassword<'r> {
    csrf: &'r str,
    current: &'r str,
    password: &'r str,
}

/// Changes one's own password after checking the current one; every session of the account
/// ends, and the person gets a fresh one.
#[post("/password", data = "<f>")]
async fn own_change(
    app: &State<App>,
    staff: Staff,
    client: ClientOf,
    jar: &CookieJar<'_>,
    lang: Lang,
    f: Form<OwnPassword<'_>>,
) -> Result<Result<Flash<Redirect>, RawHtml<String>>> {
    let actor = staff.act(f.csrf)?;
    let ip = client.0.ip;
    // A stolen session must not become a way to guess the password: the current password is
    // throttled as a sign-in is, reserved before it is checked.
    let Ok(attempt) = throttle::begin(app, ip, &staff.email, None).await? else {
        tracing::warn!(ip = ?ip, account = %staff.email, "password change refused: waiting after failures");
        return Err(Error::TooManyRequests);
    };
    let Some(user) = staff::authenticate(&app.db, &staff.email, f.current).await? else {
        tracing::warn!(ip = ?ip, account = %staff.email, "password change: current password wrong");
        return again(app, &staff, lang, "password-current-wrong", &[]).await;
    };
    throttle::succeeded(app, attempt).await?;
    let fresh = (limits(app), client.0);
    match accounts::change_own_password(&app.db, &actor, user, f.password, fresh).await {
        Ok(id) => Staff::hand_out(app, jar, id),
        Err(Error::Refused(r)) => {
            let (key, args) = r.text();
            return again(app, &staff, lang, key, &args).await;
        }
        Err(e) => return Err(e),
    }
    let text = app.renderer.text(lang, "flash-own-password", &[]);
    Ok(Ok(Flash::success(Redirect::to("/admin"), text)))
}

/// The password page again, with what was wrong.
async fn again(
    app: &App,
    staff: &Staff,
    lang: Lang,
    key: &str,
    args: &[(&str, String)],
) -> Result<Result<Flash<Redirect>, RawHtml<String>>> {
    let error = Some(app.renderer.text(lang, key, args));
    let page = page(app, staff, error).await?;
    let base = Base::new(lang, Some(staff), None);
    render(app, "admin/password", &base, &page).map(Err)
}

/// Ends one of one's other sessions (a browser left signed in elsewhere).
#[post("/sessions/<id>/end", data = "<f>")]
async fn end_session(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    ended(app, &staff, &actor, lang, Some(id)).await
}

/// Ends every session of one's account but this one.
#[post("/sessions/end-others", data = "<f>")]
async fn end_others(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    ended(app, &staff, &actor, lang, None).await
}

async fn ended(
    app: &App,
    staff: &Staff,
    actor: &Actor,
    lang: Lang,
    only: Option<i32>,
) -> Result<Flash<Redirect>> {
    let keep = staff.session_id();
    let n = accounts::end_other_sessions(&app.db, actor, staff.id, keep, only).await?;
    let args = [("count", n.to_string())];
    let text = app.renderer.text(lang, "flash-sessions-ended", &args);
    Ok(Flash::success(Redirect::to("/admin/password"), text))
}
