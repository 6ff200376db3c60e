//! One unit's response as the secretariat reads it: the answers as they stand, in either
//! language, every save with what it changed, and the actions to return it for correction or
//! to accept it.
use crate::app::App;
use crate::campaigns::{self, UnitKey};
use crate::forms::summary::{self, Line};
use crate::i18n::{fmt_time, Lang};
use crate::responses::changes::{self, Change};
use crate::responses::{self, attachments, progress};
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
    routes![response, accept]
}

#[derive(Serialize)]
struct EntryView {
    version: i32,
    actor: String,
    /// The event in the page's language, with the secretariat's note of a return.
    action: String,
    note: Option<String>,
    at: String,
    changes: Vec<Change>,
}

#[derive(Serialize)]
struct ResponsePage<'a> {
    campaign_id: i32,
    title: &'a str,
    year: i32,
    unit_key: String,
    unit: String,
    /// The year of the previous campaign's answers shown beside these, if any.
    before_year: Option<i32>,
    contacts: Vec<String>,
    status: Option<crate::responses::Status>,
    submitted: bool,
    submitted_at: Option<String>,
    note: Option<String>,
    /// Who accepted the response, and when.
    accepted: Option<(String, String)>,
    answers: Vec<Line>,
    history: Vec<EntryView>,
    /// The same page in the other language (the answers' labels follow it).
    other: String,
    /// The secretariat may type in the answers from the institute's letter now.
    can_enter: bool,
    files: Vec<FileView>,
    file_max_mib: usize,
}

/// A file the institute sent, kept with the response.
#[derive(Serialize)]
struct FileView {
    href: String,
    name: String,
    size: String,
    added_by: String,
    added_at: String,
}

async fn files(app: &App, id: i32, key: &UnitKey) -> Result<Vec<FileView>> {
    let kept = attachments::list(&app.db, id, key).await?;
    Ok(kept
        .into_iter()
        .map(|f| FileView {
            href: format!("/admin/campaigns/{id}/units/{key}/files/{}", f.id),
            size: format!("{:.1} KiB", f64::from(f.size) / 1024.0),
            name: f.name,
            added_by: f.added_by,
            added_at: fmt_time(&f.added_at),
        })
        .collect())
}

#[get("/campaigns/<id>/units/<unit>?<in_lang>")]
async fn response(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    unit: &str,
    in_lang: Option<&str>,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let key: UnitKey = unit.parse().map_err(|_| Error::NotFound)?;
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let status = progress::unit_statuses(&app.db, &c, lang)
        .await?
        .into_iter()
        .find(|u| u.unit_key == key)
        .ok_or(Error::NotFound)?;
    let answers_lang = in_lang.map(Lang::from_code).unwrap_or(lang);
    let i18n = &app.renderer.i18n;
    let current = responses::current(&app.db, id, &key).await?;
    let before = responses::previous(&app.db, &c, &form, &key).await?;
    let (answers, history) = match &current {
        Some(r) => (
            summary::lines_beside(
                &form,
                &r.answers()?,
                before.as_ref().map(|(_, b)| b),
                answers_lang,
                i18n,
            ),
            changes::history(&app.db, &form, r.id, answers_lang, i18n).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let today = chrono::Utc::now().date_naive();
    let can_enter = responses::changeable(&c, current.as_ref(), today).is_ok();
    let page = ResponsePage {
        can_enter,
        files: files(app, id, &key).await?,
        file_max_mib: attachments::MAX_MIB,
        campaign_id: id,
        title: form.title.get(lang),
        year: c.year,
        unit_key: key.to_string(),
        unit: status.label,
        contacts: status.contacts.into_iter().map(|c| c.email).collect(),
        status: current.as_ref().map(|r| r.status),
        submitted: current.as_ref().is_some_and(|r| r.is_submitted()),
        submitted_at: current
            .as_ref()
            .and_then(|r| r.submitted_at)
            .map(|t| fmt_time(&t)),
        note: current.as_ref().and_then(|r| r.note.clone()),
        accepted: current.as_ref().and_then(|r| {
            let at = r.accepted_at.as_ref().map(fmt_time)?;
            Some((r.accepted_by.clone().unwrap_or_default(), at))
        }),
        before_year: before.as_ref().map(|(year, _)| *year),
        answers,
        history: history
            .into_iter()
            .map(|e| {
                let (key, note) = e.action.text();
                EntryView {
                    version: e.version,
                    at: fmt_time(&e.at),
                    action: app.renderer.text(lang, key, &[]),
                    note: note.map(str::to_string),
                    actor: e.actor,
                    changes: e.changes,
                }
            })
            .collect(),
        other: format!(
            "/admin/campaigns/{id}/units/{key}?in_lang={}",
            answers_lang.other()
        ),
    };
    render(
        app,
        "admin/response",
        &Base::new(lang, Some(&staff.0), flash),
        &page,
    )
}

#[derive(FromForm)]
struct AcceptForm<'r> {
    csrf: &'r str,
}

/// Accepts the unit's submitted response: its link shows the answers read-only from now on.
#[post("/campaigns/<id>/units/<unit>/accept", data = "<form>")]
async fn accept(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    unit: &str,
    form: Form<AcceptForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(form.csrf)?;
    let key: UnitKey = unit.parse().map_err(|_| Error::NotFound)?;
    let back = Redirect::to(format!("/admin/campaigns/{id}/units/{key}"));
    match responses::returning::accept(app, id, &key, &actor).await? {
        Some(_) => Ok(Flash::success(
            back,
            app.renderer.text(lang, "flash-accepted", &[]),
        )),
        None => {
            let text = app.renderer.text(lang, "flash-accept-nothing", &[]);
            Ok(Flash::error(back, text))
        }
    }
}
