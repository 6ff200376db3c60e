//! A copy of the latest version edited in the browser (secretariat): every text in both
//! languages, the required flags, a choice added to a list; what it gives is checked and
//! compared as an upload is, and published by the same confirmed step.
use super::upload::checked;
use crate::app::App;
use crate::forms::edit::{self, Editable};
use crate::forms::versions;
use crate::i18n::Lang;
use crate::web::forms::read_form;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::data::Data;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![show, post]
}

#[derive(Serialize)]
struct EditPage<'a> {
    id: &'a str,
    title: &'a str,
    version: i32,
    fields: Editable,
}

/// The latest version of `id` with its source, as published.
pub(super) async fn latest(
    app: &App,
    id: &str,
) -> Result<(i32, std::sync::Arc<crate::forms::Form>, String)> {
    let (number, form) = app
        .forms
        .get(&app.db, id, None)
        .await?
        .ok_or(Error::NotFound)?;
    let record = versions::record(&app.db, id, number)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((number, form, record.source))
}

#[get("/forms/<id>/edit")]
async fn show(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: &str,
) -> Result<RawHtml<String>> {
    let (version, form, source) = latest(app, id).await?;
    let page = EditPage {
        id: &form.id,
        title: form.title.get(lang),
        version,
        fields: edit::editable(&form, &source),
    };
    render(
        app,
        "admin/form-edit",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

#[post("/forms/<id>/edit", data = "<data>")]
async fn post(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: &str,
    data: Data<'_>,
) -> Result<RawHtml<String>> {
    let raw = read_form(data).await?;
    staff.act(raw.get("csrf"))?;
    let (_, form, source) = latest(app, id).await?;
    let posted = raw.firsts();
    let edited = edit::apply(&source, &form, &posted).map_err(|e| Error::Invalid(e.to_string()))?;
    let name = format!("{id}.toml");
    let page = checked(app, lang, name, edited).await?;
    render(
        app,
        "admin/form-upload",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}
