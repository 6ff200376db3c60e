//! Staff accounts from the browser: the secretariat creates accounts, changes roles, resets
//! passwords and deactivates; everyone changes their own password. Every change ends the
//! account's sessions and is on the audit trail.
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::directory::{staff, staff_user, staff_user::Role};
use crate::i18n::{fmt_time, Lang};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use sea_orm::{EntityTrait, QueryOrder};
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
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let users = staff_user::Entity::find()
        .order_by_asc(staff_user::Column::Email)
        .all(&app.db)
        .await?;
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
    super::view::refusal(app, lang, e, "staff-bad-email")
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
    staff: Staff,
    lang: Lang,
    f: Form<NewAccount<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let role: Role = f.role.parse()?;
    // Creating is not resetting: an existing account is changed with its own buttons.
    if staff::find(&app.db, f.email).await?.is_some() {
        let text = app.renderer.text(lang, "staff-exists", &[]);
        return Ok(Flash::error(Redirect::to("/admin/staff"), text));
    }
    let done = staff::add_user(&app.db, f.email, role, f.password).await;
    if let Ok(user) = &done {
        let target = Target::Account(user.email.clone());
        staff
            .audit(app, Action::UserAdd, target, Some(f.role.to_string()))
            .await?;
    }
    back(app, lang, done.map(|_| "flash-staff-created"))
}

async fn account(app: &App, id: i32) -> Result<staff_user::Model> {
    staff_user::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .ok_or(Error::NotFound)
}

#[derive(FromForm)]
struct RoleForm<'r> {
    csrf: &'r str,
    role: &'r str,
}

#[post("/staff/<id>/role", data = "<f>")]
async fn change_role(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<RoleForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let role: Role = f.role.parse()?;
    let user = account(app, id).await?;
    let target = Target::Account(user.email.clone());
    staff::set_role(&app.db, user, role).await?;
    staff
        .audit(app, Action::UserChange, target, Some(f.role.to_string()))
        .await?;
    back(app, lang, Ok("flash-staff-changed"))
}

#[derive(FromForm)]
struct CsrfOnly<'r> {
    csrf: &'r str,
}

#[post("/staff/<id>/deactivate", data = "<f>")]
async fn deactivate(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<CsrfOnly<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let user = account(app, id).await?;
    let target = Target::Account(user.email.clone());
    staff::deactivate(&app.db, user).await?;
    staff
        .audit(app, Action::UserDeactivate, target, None)
        .await?;
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
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<PasswordForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let user = account(app, id).await?;
    let target = Target::Account(user.email.clone());
    let done = staff::set_password(&app.db, user, f.password).await;
    if done.is_ok() {
        staff
            .audit(app, Action::PasswordChange, target, None)
            .await?;
    }
    back(app, lang, done.map(|_| "flash-staff-password"))
}
