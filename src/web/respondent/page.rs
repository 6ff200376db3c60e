//! `/r/<token>`: the form a contact opens from the e-mail. GET only shows (mail scanners open
//! links); POST saves a draft, adds or removes a row, or submits.
use crate::app::App;
use crate::forms::{Kind, Mode, RawForm};
use crate::responses::{self, response::Model, Respondent};
use crate::web::respondent::form::{open, page_lang, Form, Place, Reply};
use crate::web::respondent::record::{self, Standing};
use crate::web::respondent::save::{changed, finish};
use crate::web::view::{Notice, NoticeKind};
use crate::{Error, Result};
use rocket::data::Data;
use rocket::http::Status;
use rocket::{get, post, routes, Route, State};
use std::net::IpAddr;

pub fn routes() -> Vec<Route> {
    routes![show, post]
}

#[get("/r/<token>?<lang>&<saved>&<done>")]
async fn show(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    saved: Option<bool>,
    done: Option<bool>,
) -> Result<Reply> {
    let who = open(app, ip, token).await?;
    let lang = page_lang(&who, lang);
    let current = responses::current(&app.db, who.campaign.id, &who.invitation.unit_key).await?;
    if let Some(standing) = standing(&who, current.as_ref(), done == Some(true)) {
        let html = record::show(app, &who, token, lang, current.as_ref(), standing).await?;
        return Ok(Reply::Page((Status::Ok, html)));
    }
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    let unit = ("unit", who.form.unit.code().to_string());
    let mut notice = match saved {
        Some(true) => Some(Notice::new(NoticeKind::Success, text("notice-draft-saved"))),
        _ => None,
    };
    let before =
        responses::previous(&app.db, &who.campaign, &who.form, &who.invitation.unit_key).await?;
    let raw = match (&current, &before) {
        (Some(r), _) => RawForm::from_answers(&who.form, &r.answers()?),
        // A first visit starts from the unit's answers of the previous campaign, if any.
        (None, Some((year, answers))) => {
            let args = [("year", year.to_string()), unit];
            let prefilled = app.renderer.text(lang, "respond-prefilled", &args);
            notice = Some(Notice::new(NoticeKind::Warning, prefilled));
            RawForm::from_answers(&who.form, answers)
        }
        (None, None) => RawForm::default(),
    };
    let page = Form {
        app,
        who: &who,
        place: Place::Link(token),
        lang,
        current: current.as_ref(),
        version: current.as_ref().map_or(0, |r| r.version),
        conflicts: &[],
        colleague: "",
        before: before.as_ref(),
    };
    page.render(&raw, &[], notice, Status::Ok)
}

/// The record instead of the form: just after submitting, and once nothing can be changed
/// any more (accepted, or the campaign closed).
fn standing(who: &Respondent, current: Option<&Model>, done: bool) -> Option<Standing> {
    let today = chrono::Utc::now().date_naive();
    match responses::changeable(&who.campaign, current, today) {
        Err(_) if current.is_some_and(|r| r.accepted_at.is_some()) => Some(Standing::Accepted),
        Err(_) => Some(Standing::Closed),
        Ok(()) if done && current.is_some_and(|r| r.is_submitted()) => Some(Standing::Sent),
        Ok(()) => None,
    }
}

/// What a POST asks for.
pub(crate) enum Action<'a> {
    Save(Mode),
    AddRow(&'a str),
    RemoveRow(&'a str, usize),
    /// Every unanswered line of a grid's column gets the value chosen above the grid.
    Fill(&'a str, &'a str),
}

pub(crate) fn action(text: &str) -> Result<Action<'_>> {
    let bad = || Error::Invalid("unknown action".into());
    match text {
        "submit" => Ok(Action::Save(Mode::Submit)),
        "draft" => Ok(Action::Save(Mode::Draft)),
        other => match other.split_once(':').ok_or_else(bad)? {
            ("add", group) => Ok(Action::AddRow(group)),
            ("fill", rest) => {
                let (grid, column) = rest.split_once(':').ok_or_else(bad)?;
                Ok(Action::Fill(grid, column))
            }
            ("remove", rest) => {
                let (g, i) = rest.split_once(':').ok_or_else(bad)?;
                Ok(Action::RemoveRow(g, i.parse().map_err(|_| bad())?))
            }
            _ => Err(bad()),
        },
    }
}

pub(crate) use crate::web::forms::read_form;

#[post("/r/<token>?<lang>", data = "<data>")]
async fn post(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    data: Data<'_>,
) -> Result<Reply> {
    let who = open(app, ip, token).await?;
    let lang = page_lang(&who, lang);
    let raw = read_form(data).await?;
    let version: i32 = raw.get("_version").parse().unwrap_or(-1);
    let current = responses::current(&app.db, who.campaign.id, &who.invitation.unit_key).await?;
    let before =
        responses::previous(&app.db, &who.campaign, &who.form, &who.invitation.unit_key).await?;
    let page = Form {
        app,
        who: &who,
        place: Place::Link(token),
        lang,
        current: current.as_ref(),
        version,
        conflicts: &[],
        colleague: "",
        before: before.as_ref(),
    };
    handle(&page, raw).await
}

/// What a POST of the form asks for, done: the same for a contact's link and for the
/// secretariat's entry. Changing the rows of an entry saves nothing (no draft is kept on the
/// secretariat's behalf without its letter being named).
pub(crate) async fn handle(page: &Form<'_>, mut raw: RawForm) -> Result<Reply> {
    let (who, current) = (page.who, page.current);
    let submitted = current.is_some_and(|r| r.is_submitted());
    let unsaved = submitted || matches!(page.place, Place::Entry(_));
    let today = chrono::Utc::now().date_naive();
    if let Err(locked) = responses::changeable(&who.campaign, current, today) {
        return crate::web::respondent::save::locked(page, &raw, locked);
    }
    let (group, index) = match action(raw.get("_action"))? {
        Action::Save(mode) => {
            if submitted && mode == Mode::Draft {
                let notice = Notice::new(NoticeKind::Error, page.text("notice-submit-to-change"));
                return page.render(&raw, &[], Some(notice), Status::Conflict);
            }
            if let Some(reply) = crate::web::respondent::save::merge(page, &mut raw).await? {
                return Ok(reply);
            }
            return finish(page, raw, mode, true).await;
        }
        Action::AddRow(g) => (g.to_string(), None),
        Action::RemoveRow(g, i) => (g.to_string(), Some(i)),
        Action::Fill(grid, column) => {
            let (grid, column) = (grid.to_string(), column.to_string());
            raw.fill_unanswered(&who.form, &grid, &column)
                .ok_or_else(|| Error::Invalid("unknown grid, column or value to fill".into()))?;
            return changed(page, raw, unsaved).await;
        }
    };
    let g = who
        .form
        .question(&group)
        .filter(|q| q.kind == Kind::Group)
        .ok_or_else(|| Error::Invalid("unknown group".into()))?;
    match index {
        None => raw.add_row(&g.id, g.max_rows()),
        Some(i) => raw.remove_row(&g.id, i),
    }
    changed(page, raw, unsaved).await
}
