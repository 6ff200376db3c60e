//! `/admin`: the secretariat's pages. Reading needs a staff session; changing anything needs the
//! secretariat role and the session's CSRF token.
use super::lang::Lang;
use super::session::Staff;
use super::{page, Limiter};
use crate::app::App;
use crate::campaigns;
use crate::directory::staff;
use crate::mail::{deliver_due, outbox, Transport};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
use serde_json::json;
use std::net::IpAddr;
use std::sync::Arc;

pub fn routes() -> Vec<Route> {
    routes![
        dashboard,
        login_page,
        login,
        logout,
        campaign,
        invite,
        send_mail,
        outbox_list,
        outbox_message
    ]
}

pub(super) fn base(
    lang: Lang,
    staff: Option<&Staff>,
    flash: Option<FlashMessage<'_>>,
) -> serde_json::Value {
    json!({
        "lang": lang.0,
        "staff": staff.map(|s| json!({"email": s.email, "role": s.role, "csrf": s.csrf, "secretariat": s.is_secretariat()})),
        "flash": flash.map(|f| json!({"kind": f.kind(), "text": f.message()})),
    })
}

pub(super) fn merge(mut a: serde_json::Value, b: serde_json::Value) -> serde_json::Value {
    if let (Some(a), serde_json::Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

#[get("/")]
async fn dashboard(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let campaigns = campaigns::list(&app.db).await?;
    let forms: Vec<_> = app
        .forms
        .forms
        .values()
        .map(|f| json!({"id": f.id, "title": f.title.get(lang.0)}))
        .collect();
    let rows: Vec<_> = campaigns
        .iter()
        .map(|s| {
            json!({
                "id": s.campaign.id,
                "form_id": s.campaign.form_id,
                "title": if lang.0 == "ru" { &s.title_ru } else { &s.title_en },
                "year": s.campaign.year,
                "status": s.campaign.status,
                "closes_on": s.campaign.closes_on.map(|d| d.to_string()),
                "invited": s.invited_units,
                "drafts": s.drafts,
                "submitted": s.submitted,
            })
        })
        .collect();
    let data = merge(
        base(lang, Some(&staff), flash),
        json!({"campaigns": rows, "forms": forms}),
    );
    page(app, "admin/dashboard", &data)
}

#[get("/login")]
fn login_page(app: &State<App>, lang: Lang) -> Result<RawHtml<String>> {
    let data = merge(base(lang, None, None), json!({"email": "", "error": null}));
    page(app, "admin/login", &data)
}

#[derive(FromForm)]
struct Login<'r> {
    email: &'r str,
    password: &'r str,
}

#[post("/login", data = "<form>")]
async fn login(
    app: &State<App>,
    limiter: &State<Arc<Limiter>>,
    ip: Option<IpAddr>,
    jar: &CookieJar<'_>,
    lang: Lang,
    form: Form<Login<'_>>,
) -> Result<Result<Redirect, (Status, RawHtml<String>)>> {
    if let Some(user) = staff::authenticate(&app.db, form.email, form.password).await? {
        Staff::start(jar, &user);
        return Ok(Ok(Redirect::to("/admin")));
    }
    limiter.failure(ip)?;
    let message = app.renderer.text(lang.0, "login-failed", &[]);
    let data = merge(
        base(lang, None, None),
        json!({"email": form.email, "error": message}),
    );
    Ok(Err((
        Status::Unauthorized,
        page(app, "admin/login", &data)?,
    )))
}

#[derive(FromForm)]
pub(super) struct CsrfForm<'r> {
    pub csrf: &'r str,
}

#[post("/logout", data = "<form>")]
fn logout(jar: &CookieJar<'_>, staff: Staff, form: Form<CsrfForm<'_>>) -> Result<Redirect> {
    staff.check(form.csrf)?;
    Staff::end(jar);
    Ok(Redirect::to("/admin/login"))
}

#[get("/campaigns/<id>")]
async fn campaign(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let units = campaigns::unit_statuses(&app.db, &c).await?;
    let indicators = crate::indicators::compute(&app.db, &c, lang.0).await?;
    let indicators: Vec<_> = indicators
        .iter()
        .map(|ind| {
            json!({
                "id": ind.id,
                "codes": ind.codes.join(", "),
                "label": ind.label,
                "value": ind.value.map(crate::forms::validate::fmt_num),
                "target": ind.target.map(crate::forms::validate::fmt_num),
                "met": ind.met,
                "columns": ind.columns.iter().map(|c| c.title(&app.renderer.i18n, lang.0)).collect::<Vec<_>>(),
                "rows": ind.rows.iter().map(|r| json!({
                    "label": r.label,
                    "cells": r.cells.iter().map(|v| crate::forms::validate::fmt_num(*v)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let count = |s: &str| units.iter().filter(|u| u.status == s).count();
    let data = merge(
        base(lang, Some(&staff), flash),
        json!({
            "campaign": {"id": c.id, "form_id": c.form_id, "year": c.year, "status": c.status,
                         "closes_on": c.closes_on.map(|d| d.to_string()), "title": form.title.get(lang.0)},
            "units": units,
            "counts": {"invited": units.len(), "draft": count("draft"), "submitted": count("submitted")},
            "indicators": indicators,
        }),
    );
    page(app, "admin/campaign", &data)
}

#[post("/campaigns/<id>/invite", data = "<form>")]
async fn invite(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let queued = campaigns::invite(app, id).await?;
    let text = app.renderer.text(
        lang.0,
        "flash-invitations-queued",
        &[("count", queued.to_string())],
    );
    Ok(Flash::success(
        Redirect::to(format!("/admin/campaigns/{id}")),
        text,
    ))
}

#[post("/mail/send", data = "<form>")]
async fn send_mail(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let report = deliver_due(app, 10_000, &|_| {}).await?;
    let args = [
        ("sent", report.sent.to_string()),
        ("retrying", report.retrying.to_string()),
        ("failed", report.failed.to_string()),
    ];
    let text = app.renderer.text(lang.0, "flash-mail-sent", &args);
    Ok(Flash::success(Redirect::to("/admin/outbox"), text))
}

#[get("/outbox")]
async fn outbox_list(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let rows = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(500)
        .all(&app.db)
        .await?;
    let messages: Vec<_> = rows
        .iter()
        .map(|m| {
            json!({
                "id": m.id, "kind": m.kind, "to": m.to_addr, "language": m.language, "subject": m.subject,
                "status": m.status, "attempts": m.attempts, "last_error": m.last_error,
                "created_at": m.created_at.format("%Y-%m-%d %H:%M").to_string(),
                "sent_at": m.sent_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
            })
        })
        .collect();
    let data = merge(
        base(lang, Some(&staff), flash),
        json!({
            "messages": messages,
            "file_outbox": matches!(app.transport, Transport::File(_)),
        }),
    );
    page(app, "admin/outbox", &data)
}

#[get("/outbox/<id>")]
async fn outbox_message(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let m = outbox::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .ok_or(Error::NotFound)?;
    // In the file outbox the delivered message is on disk, with its working link; the row keeps
    // only the placeholder, since links are never stored.
    let delivered = match &app.transport {
        Transport::File(dir) => std::fs::read_to_string(dir.join(format!("{id}.eml"))).ok(),
        Transport::Smtp(_) | Transport::Relay(_) => None,
    };
    let links: Vec<String> = delivered
        .as_deref()
        .map(|text| {
            let prefix = format!("{}/r/", app.config.public_url);
            text.split_whitespace()
                .filter(|w| w.starts_with(&prefix))
                .map(|w| {
                    w.trim_end_matches(['.', ',', ')', '"', '<', '>'])
                        .to_string()
                })
                .fold(Vec::new(), |mut acc, l| {
                    if !acc.contains(&l) {
                        acc.push(l);
                    }
                    acc
                })
        })
        .unwrap_or_default();
    let data = merge(
        base(lang, Some(&staff), None),
        json!({
            "message": {
                "id": m.id, "kind": m.kind, "to": m.to_addr, "to_name": m.to_name, "language": m.language,
                "subject": m.subject, "status": m.status, "message_id": m.message_id, "attempts": m.attempts,
                "last_error": m.last_error, "body_text": m.body_text,
            },
            "delivered": delivered,
            "links": links,
        }),
    );
    page(app, "admin/message", &data)
}
