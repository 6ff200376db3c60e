//! Setting up one's second factor on the account page: a new secret shown as a QR code drawn
//! here (`qrcode`, as SVG: nothing is loaded from elsewhere) and as text, confirmed by a first
//! code; the recovery codes shown once; new codes, or turning it off, only with a current code.
use crate::app::App;
use crate::directory::second_factor::{self, Setup, Verified};
use crate::directory::{accounts, staff_user};
use crate::i18n::Lang;
use crate::web::staff::session::{ClientOf, Staff};
use crate::web::staff::throttle;
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![setup_page, begin, confirm, new_codes, remove]
}

#[derive(FromForm)]
struct CodeForm<'r> {
    csrf: &'r str,
    #[field(default = "")]
    code: &'r str,
}

async fn account(app: &App, staff: &Staff) -> Result<staff_user::Model> {
    accounts::get(&app.db, staff.id).await
}

#[derive(Serialize)]
struct SetupPage {
    qr: String,
    secret: String,
    url: String,
    error: Option<String>,
}

/// The QR code of `text` as an SVG element to put in the page.
fn qr_svg(text: &str) -> Result<String> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| Error::Invalid(format!("no QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    // The renderer writes an XML declaration first, which has no place inside HTML.
    Ok(svg
        .find("<svg")
        .map_or(svg.clone(), |i| svg[i..].to_string()))
}

fn setup_view(
    app: &App,
    staff: &Staff,
    lang: Lang,
    s: Setup,
    error: Option<String>,
) -> Result<RawHtml<String>> {
    let page = SetupPage {
        qr: qr_svg(&s.url)?,
        // In groups of four, as apps show a key to type.
        secret: s
            .secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        url: s.url,
        error,
    };
    render(
        app,
        "admin/second_factor",
        &Base::new(lang, Some(staff), None),
        &page,
    )
}

#[get("/second-factor")]
async fn setup_page(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
) -> Result<Result<RawHtml<String>, Redirect>> {
    let user = account(app, &staff).await?;
    match second_factor::pending(&user)? {
        Some(s) => setup_view(app, &staff, lang, s, None).map(Ok),
        None => Ok(Err(Redirect::to("/admin/password#second-factor"))),
    }
}

#[post("/second-factor/begin", data = "<f>")]
async fn begin(app: &State<App>, staff: Staff, f: Form<CodeForm<'_>>) -> Result<Redirect> {
    staff.act(f.csrf)?;
    let user = account(app, &staff).await?;
    if user.totp_secret.is_some() {
        return Ok(Redirect::to("/admin/password#second-factor"));
    }
    second_factor::begin(&app.db, &user).await?;
    Ok(Redirect::to("/admin/second-factor"))
}

#[derive(Serialize)]
struct CodesPage {
    codes: Vec<String>,
    first: bool,
}

fn codes_view(
    app: &App,
    staff: &Staff,
    lang: Lang,
    codes: Vec<String>,
    first: bool,
) -> Result<RawHtml<String>> {
    let base = Base::new(lang, Some(staff), None);
    render(
        app,
        "admin/recovery_codes",
        &base,
        &CodesPage { codes, first },
    )
}

/// The first code confirms the set-up: on, with the recovery codes shown this once.
#[post("/second-factor/confirm", data = "<f>")]
async fn confirm(
    app: &State<App>,
    staff: Staff,
    client: ClientOf,
    lang: Lang,
    f: Form<CodeForm<'_>>,
) -> Result<(Status, RawHtml<String>)> {
    let actor = staff.act(f.csrf)?;
    let user = account(app, &staff).await?;
    let Some(setup) = second_factor::pending(&user)? else {
        return Err(Error::NotFound);
    };
    let attempt = reserve(app, &staff, client.0.ip).await?;
    let confirmed = accounts::confirm_second_factor(&app.db, &actor, &user, f.code).await?;
    let Some(codes) = confirmed else {
        let error = Some(app.renderer.text(lang, "factor-code-wrong", &[]));
        return Ok((
            Status::UnprocessableEntity,
            setup_view(app, &staff, lang, setup, error)?,
        ));
    };
    throttle::succeeded(app, attempt).await?;
    Ok((Status::Ok, codes_view(app, &staff, lang, codes, true)?))
}

/// A code check on the account page, throttled as at sign-in: a stolen session must not
/// become a way to guess codes.
async fn reserve(
    app: &App,
    staff: &Staff,
    ip: Option<std::net::IpAddr>,
) -> Result<throttle::Attempt> {
    match throttle::begin_code(app, ip, &staff.email).await? {
        Ok(attempt) => Ok(attempt),
        Err(_) => Err(Error::TooManyRequests),
    }
}

/// Whether `code` is a current code of the account's app (a recovery code is not asked for
/// here: it is for a lost phone, at sign-in).
async fn current_code(
    app: &App,
    staff: &Staff,
    ip: Option<std::net::IpAddr>,
    code: &str,
) -> Result<Option<staff_user::Model>> {
    let user = account(app, staff).await?;
    let attempt = reserve(app, staff, ip).await?;
    let digits = code.chars().filter(|c| !c.is_whitespace()).count() == 6;
    if !digits || second_factor::verify(&app.db, &user, code).await? != Verified::Code {
        return Ok(None);
    }
    throttle::succeeded(app, attempt).await?;
    Ok(Some(user))
}

fn wrong(app: &App, lang: Lang, key: &str) -> Flash<Redirect> {
    Flash::error(
        Redirect::to("/admin/password#second-factor"),
        app.renderer.text(lang, key, &[]),
    )
}

/// The new codes, or back to the account page with what was wrong.
type Shown = std::result::Result<(Status, RawHtml<String>), Flash<Redirect>>;

#[post("/second-factor/codes", data = "<f>")]
async fn new_codes(
    app: &State<App>,
    staff: Staff,
    client: ClientOf,
    lang: Lang,
    f: Form<CodeForm<'_>>,
) -> Result<Shown> {
    let actor = staff.act(f.csrf)?;
    let Some(user) = current_code(app, &staff, client.0.ip, f.code).await? else {
        return Ok(Err(wrong(app, lang, "factor-code-wrong")));
    };
    let codes = accounts::new_recovery_codes(&app.db, &actor, &user).await?;
    Ok(Ok((
        Status::Ok,
        codes_view(app, &staff, lang, codes, false)?,
    )))
}

#[post("/second-factor/remove", data = "<f>")]
async fn remove(
    app: &State<App>,
    staff: Staff,
    client: ClientOf,
    lang: Lang,
    f: Form<CodeForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    if app
        .config
        .security
        .second_factor
        .required_for(staff.is_secretariat())
    {
        return Ok(wrong(app, lang, "factor-remove-refused"));
    }
    let Some(user) = current_code(app, &staff, client.0.ip, f.code).await? else {
        return Ok(wrong(app, lang, "factor-code-wrong"));
    };
    accounts::remove_second_factor(&app.db, &actor, &user).await?;
    let text = app.renderer.text(lang, "flash-factor-off", &[]);
    Ok(Flash::success(
        Redirect::to("/admin/password#second-factor"),
        text,
    ))
}
