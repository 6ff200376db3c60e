//! The questionnaire on paper for the secretariat and reviewers: a survey's blank copy from
//! its page (the latest version), and a unit's copy, answered or blank, from its response page.
use crate::app::App;
use crate::campaigns::{self, UnitKey};
use crate::forms::paper;
use crate::i18n::Lang;
use crate::responses::{self, progress};
use crate::web::download::Download;
use crate::web::paper::{self as sheet, Copy};
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::Base;
use crate::web::view::SignedIn;
use crate::{Error, Result};
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};

pub fn routes() -> Vec<Route> {
    routes![survey, survey_document, unit, unit_document]
}

#[get("/forms/<id>/print?<lang>")]
async fn survey(
    app: &State<App>,
    staff: Staff,
    shown: Lang,
    lang: Option<&str>,
    id: &str,
) -> Result<RawHtml<String>> {
    let lang = lang.map(Lang::from_code).unwrap_or(shown);
    let copy = blank(app, id, lang).await?;
    sheet::page(app, Base::new(lang, Some(&staff), None), &copy)
}

#[get("/forms/<id>/print.docx?<lang>")]
async fn survey_document(
    app: &State<App>,
    _staff: Staff,
    shown: Lang,
    lang: Option<&str>,
    id: &str,
) -> Result<Download> {
    let lang = lang.map(Lang::from_code).unwrap_or(shown);
    let copy = blank(app, id, lang).await?;
    sheet::document(app, lang, &copy, id)
}

async fn blank(app: &App, id: &str, lang: Lang) -> Result<Copy> {
    let (_, form) = app
        .forms
        .get(&app.db, id, None)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Copy {
        paper: paper::paper(&form, None, lang, &app.renderer.i18n),
        year: None,
        who: None,
        state: None,
        url: format!("/admin/forms/{id}/print"),
        back: format!("/admin/forms/{id}"),
        has_answers: false,
    })
}

#[get("/campaigns/<id>/units/<unit>/print?<lang>&<blank>")]
async fn unit(
    app: &State<App>,
    staff: Secretariat,
    id: i32,
    unit: &str,
    shown: Lang,
    lang: Option<&str>,
    blank: Option<bool>,
) -> Result<RawHtml<String>> {
    let lang = lang.map(Lang::from_code).unwrap_or(shown);
    let (copy, _) = unit_copy(app, id, unit, lang, blank).await?;
    sheet::page(
        app,
        Base::new(lang, Some(&staff as &dyn SignedIn), None),
        &copy,
    )
}

#[get("/campaigns/<id>/units/<unit>/print.docx?<lang>&<blank>")]
async fn unit_document(
    app: &State<App>,
    _staff: Secretariat,
    id: i32,
    unit: &str,
    shown: Lang,
    lang: Option<&str>,
    blank: Option<bool>,
) -> Result<Download> {
    let lang = lang.map(Lang::from_code).unwrap_or(shown);
    let (copy, name) = unit_copy(app, id, unit, lang, blank).await?;
    sheet::document(app, lang, &copy, &name)
}

async fn unit_copy(
    app: &App,
    id: i32,
    unit: &str,
    lang: Lang,
    blank: Option<bool>,
) -> Result<(Copy, String)> {
    let key: UnitKey = unit.parse().map_err(|_| Error::NotFound)?;
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let label = progress::unit_statuses(&app.db, &c, lang)
        .await?
        .into_iter()
        .find(|u| u.unit_key == key)
        .ok_or(Error::NotFound)?
        .label;
    let current = responses::current(&app.db, id, &key).await?;
    let answered = current.as_ref().filter(|_| blank != Some(true));
    let answers = answered.map(|r| r.answers()).transpose()?;
    let i18n = &app.renderer.i18n;
    let state = answered.map(|r| {
        let by = i18n.actor(lang, r.updated_by.as_deref().unwrap_or_default());
        sheet::state(app, lang, r, by)
    });
    let copy = Copy {
        paper: paper::paper(&form, answers.as_ref(), lang, i18n),
        year: Some(c.year),
        who: Some(label),
        state,
        url: format!("/admin/campaigns/{id}/units/{key}/print"),
        back: format!("/admin/campaigns/{id}/units/{key}"),
        has_answers: current.is_some(),
    };
    Ok((copy, format!("{}-{}-{key}", form.id, c.year)))
}
