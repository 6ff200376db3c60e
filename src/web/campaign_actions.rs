//! The secretariat's actions on a campaign beyond inviting: reminders with a preview of who gets
//! one, returning a response for correction, and a preview of each e-mail before it is sent.
use super::admin::{base, merge, CsrfForm};
use super::lang::Lang;
use super::page;
use super::session::Staff;
use crate::app::App;
use crate::campaigns::{self, invitation, reminders};
use crate::directory::{contact, institute};
use crate::mail::{templates::enqueue, templates::render, Outgoing};
use crate::responses::{history, response};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

pub fn routes() -> Vec<Route> {
    routes![remind_preview, remind, return_response, preview, digest]
}

#[get("/campaigns/<id>/remind")]
async fn remind_preview(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let c = campaigns::get(&app.db, id).await?;
    let pending = reminders::pending(&app.db, &c).await?;
    let rows: Vec<_> = pending
        .iter()
        .map(|p| json!({"institute": p.institute.acronym, "email": p.contact.email, "name": p.contact.name, "language": p.contact.language}))
        .collect();
    let form = c.form()?;
    let data = merge(
        base(lang, Some(&staff), None),
        json!({"campaign": {"id": c.id, "year": c.year, "title": form.title.get(lang.0)}, "pending": rows}),
    );
    page(app, "admin/remind", &data)
}

#[post("/campaigns/<id>/remind", data = "<form>")]
async fn remind(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let today = chrono::Utc::now().date_naive();
    let queued = reminders::remind(app, id, reminders::Why::Manual(today), today).await?;
    let text = app.renderer.text(
        lang.0,
        "flash-reminders-queued",
        &[("count", queued.to_string())],
    );
    Ok(Flash::success(
        Redirect::to(format!("/admin/campaigns/{id}")),
        text,
    ))
}

#[derive(FromForm)]
struct ReturnForm<'r> {
    csrf: &'r str,
    unit: &'r str,
    note: &'r str,
}

/// Sends a submitted response back with a note; its contacts are told by e-mail, in the same
/// transaction, and the response can be edited and submitted again.
#[post("/campaigns/<id>/return", data = "<form>")]
async fn return_response(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    form: Form<ReturnForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let note = form.note.trim();
    let back = Redirect::to(format!("/admin/campaigns/{id}"));
    if note.is_empty() || note.chars().count() > 2000 {
        return Ok(Flash::error(
            back,
            app.renderer.text(lang.0, "flash-return-needs-note", &[]),
        ));
    }
    let c = campaigns::get(&app.db, id).await?;
    let form_schema = c.form()?;
    let tx = app.db.begin().await?;
    let r = crate::responses::current(&tx, id, form.unit)
        .await?
        .ok_or(Error::NotFound)?;
    if r.status != response::SUBMITTED {
        return Ok(Flash::error(
            back,
            app.renderer.text(lang.0, "flash-return-not-submitted", &[]),
        ));
    }
    let now = crate::db::now();
    response::Entity::update_many()
        .col_expr(response::Column::Status, Expr::value(response::RETURNED))
        .col_expr(response::Column::Note, Expr::value(note))
        .col_expr(response::Column::Version, Expr::value(r.version + 1))
        .col_expr(response::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            response::Column::UpdatedBy,
            Expr::value(staff.email.clone()),
        )
        .filter(response::Column::Id.eq(r.id))
        .exec(&tx)
        .await?;
    history::ActiveModel {
        response_id: Set(r.id),
        version: Set(r.version + 1),
        actor: Set(staff.email.clone()),
        action: Set(format!("returned: {note}")),
        before_json: Set(Some(r.answers_json.clone())),
        after_json: Set(r.answers_json.clone()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(id))
        .filter(invitation::Column::UnitKey.eq(form.unit))
        .all(&tx)
        .await?;
    for inv in invitations {
        let Some(person) = contact::Entity::find_by_id(inv.contact_id)
            .one(&tx)
            .await?
            .filter(|p| p.active)
        else {
            continue;
        };
        let Some(inst) = institute::Entity::find_by_id(person.institute_id)
            .one(&tx)
            .await?
        else {
            continue;
        };
        let mut data = campaigns::mail_data(&form_schema, &c, &person.language, &inst);
        if let Some(map) = data.as_object_mut() {
            map.insert("note".into(), json!(note));
        }
        let message = Outgoing::to_contact(
            "returned",
            format!("returned:{}:{}:{}", r.id, r.version + 1, person.id),
            &person,
            Some(id),
            Some(inv.id),
            data,
        );
        enqueue(&tx, &app.renderer, &app.host(), &message).await?;
    }
    tx.commit().await?;
    Ok(Flash::success(
        back,
        app.renderer
            .text(lang.0, "flash-returned", &[("unit", form.unit.to_string())]),
    ))
}

/// An e-mail of the campaign as a contact would get it, with a placeholder for the link.
#[get("/campaigns/<id>/preview/<kind>?<to>")]
async fn preview(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    kind: &str,
    to: Option<&str>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    if !["invitation", "reminder"].contains(&kind) {
        return Err(Error::NotFound);
    }
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let mail_lang = crate::i18n::lang(to.unwrap_or(lang.0));
    let sample = institute::Entity::find()
        .one(&app.db)
        .await?
        .ok_or(Error::NotFound)?;
    let message = Outgoing {
        dedupe_key: String::new(),
        kind: kind.into(),
        to_addr: "contact@example.org".into(),
        to_name: app.renderer.text(mail_lang, "preview-name", &[]),
        language: mail_lang.into(),
        campaign_id: Some(id),
        contact_id: None,
        invitation_id: None,
        data: campaigns::mail_data(&form, &c, mail_lang, &sample),
    };
    let (subject, text, html) = render(&app.renderer, &message)?;
    let data = merge(
        base(lang, Some(&staff), None),
        json!({"campaign": {"id": c.id}, "kind": kind, "mail_lang": mail_lang, "subject": subject, "text": text, "html": html}),
    );
    page(app, "admin/preview", &data)
}

#[post("/campaigns/<id>/digest", data = "<form>")]
async fn digest(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let back = Redirect::to(format!("/admin/campaigns/{id}"));
    match campaigns::digest::send(app, id).await {
        Ok(n) => Ok(Flash::success(
            back,
            app.renderer
                .text(lang.0, "flash-digest-queued", &[("count", n.to_string())]),
        )),
        Err(Error::Invalid(_)) => Ok(Flash::error(
            back,
            app.renderer.text(lang.0, "flash-digest-empty", &[]),
        )),
        Err(e) => Err(e),
    }
}
