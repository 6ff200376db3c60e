//! Staff accounts from the browser: the secretariat creates accounts, changes roles, resets
//! passwords and deactivates; everyone changes their own password. Every change ends the
//! account's sessions and is on the audit trail.
use crate::app::App;
use crate::directory::{accounts, staff_user::Role};
use crate::i18n::{fmt_time, Lang};
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![list, create, change_role, deactivate, reset]
}

#[derive(Serialize)]
struct AccountRow<'a> {
    id: i32,
    email: &'a str,
    role: Role,
    active: bool,
    created_at: String,
    me: bool,
}

#[derive(Serialize)]
struct AccountsPage<'a> {
    accounts: Vec<AccountRow<'a>>,
}

#[get("/staff")]
async fn list(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let users = accounts::list(&app.db).await?;
    let page = AccountsPage {
        accounts: users
            .iter()
            .map(|u| AccountRow {
                id: u.id,
                email: &u.email,
                role: u.role,
                active: u.active,
                created_at: fmt_time(&u.created_at),
                me: u.id == staff.id,
            })
            .collect(),
    };
    render(
        app,
        "admin/staff",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

/// The refusal (a weak password, a bad address) in the user's words, or the error itself.
fn refused(app: &App, lang: Lang, e: Error) -> Result<String> {
    crate::web::view::refusal(app, lang, e, "staff-bad-email")
}

fn back(app: &App, lang: Lang, done: Result<&str>) -> Result<Flash<Redirect>> {
    let to = Redirect::to("/admin/staff");
    match done {
        Ok(key) => Ok(Flash::success(to, app.renderer.text(lang, key, &[]))),
        Err(e) => Ok(Flash::error(to, refused(app, lang, e)?)),
    }
}

#[derive(FromForm)]
struct NewAccount<'r> {
    csrf: &'r str,
    email: &'r str,
    role: &'r str,
    password: &'r str,
}

#[post("/staff", data = "<f>")]
async fn create(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<NewAccount<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let role: Role = f.role.parse()?;
    // Creating is not resetting: an existing account is changed with its own buttons.
    let refuse = accounts::IfExists::Refuse;
    match accounts::add(&app.db, &actor, f.email, role, f.password, refuse).await {
        Ok(None) => {
            let text = app.renderer.text(lang, "staff-exists", &[]);
            Ok(Flash::error(Redirect::to("/admin/staff"), text))
        }
        done => back(app, lang, done.map(|_| "flash-staff-created")),
    }
}

#[derive(FromForm)]
struct RoleForm<'r> {
    csrf: &'r str,
    role: &'r str,
}

#[post("/staff/<id>/role", data = "<f>")]
async fn change_role(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<RoleForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let role: Role = f.role.parse()?;
    accounts::set_role(&app.db, &actor, id, role).await?;
    back(app, lang, Ok("flash-staff-changed"))
}

#[post("/staff/<id>/deactivate", data = "<f>")]
async fn deactivate(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    accounts::deactivate(&app.db, &actor, id).await?;
    back(app, lang, Ok("flash-staff-deactivated"))
}

#[derive(FromForm)]
struct PasswordForm<'r> {
    csrf: &'r str,
    password: &'r str,
}

/// Sets a new password for another account (it was forgotten); its sessions end.
#[post("/staff/<id>/password", data = "<f>")]
async fn reset(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<PasswordForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let done = accounts::reset_password(&app.db, &actor, id, f.password).await;
    back(app, lang, done.map(|_| "flash-staff-password"))
}
