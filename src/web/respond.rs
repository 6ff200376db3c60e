//! `/r/<token>`: the form a contact opens from the e-mail. GET only shows (mail scanners open
//! links); POST saves a draft, adds or removes a row, or submits.
use super::conflict::ConflictView;
use super::form_view::{FormView, SectionView, SummaryItem};
use super::respond_save::{changed, finish};
use super::view::{self, Base, Notice, NoticeKind};
use crate::app::App;
use crate::campaigns::LinkState;
use crate::forms::{FieldError, Kind, Mode, RawForm};
use crate::i18n::{fmt_day, fmt_time, Lang};
use crate::responses::{self, response, Respondent, Status as RStatus};
use crate::{Error, Result};
use rocket::data::{Data, ToByteUnit};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, Responder, Route, State};
use serde::Serialize;
use std::net::IpAddr;

/// The largest form body accepted; far above any honest answer set.
pub const BODY_LIMIT_KIB: u64 = 512;

pub fn routes() -> Vec<Route> {
    routes![show, post]
}

#[derive(Responder)]
pub enum Reply {
    Page((Status, RawHtml<String>)),
    Redirect(Box<Redirect>),
}

/// The respondent a link opens, while its campaign is open or in the grace period after.
pub(super) async fn open(app: &App, ip: Option<IpAddr>, token: &str) -> Result<Respondent> {
    match responses::respondent(app, token).await? {
        Some(who) => {
            let today = chrono::Utc::now().date_naive();
            let grace = app.config.security.link_grace_days;
            match who.campaign.link_state(today, grace) {
                LinkState::Expired => Err(Error::LinkExpired),
                LinkState::Open | LinkState::ReadOnly => Ok(who),
            }
        }
        None => {
            super::link_failure(app, ip).await?;
            Err(Error::NotFound)
        }
    }
}

pub(super) fn page_lang(who: &Respondent, lang: Option<&str>) -> Lang {
    lang.map(Lang::from_code).unwrap_or(who.contact.language)
}

/// One rendering of the form: who, in which language, from which values, and what to say.
pub(super) struct Form<'a> {
    pub(super) app: &'a App,
    pub(super) who: &'a Respondent,
    pub(super) token: &'a str,
    pub(super) lang: Lang,
    /// The stored response the page is about (the other person's, after a conflict).
    pub(super) current: Option<&'a response::Model>,
    /// The version the page's values are based on: a save from a page based on an older one
    /// is refused, so a page shown after an error keeps the version it came with.
    pub(super) version: i32,
    /// After a colleague's save: the questions where the two differ, to choose between.
    pub(super) conflicts: &'a [ConflictView],
}

#[derive(Serialize)]
struct InstituteView<'a> {
    acronym: &'a str,
    name: &'a str,
    country: Option<&'a str>,
}

#[derive(Serialize)]
struct ContactView<'a> {
    name: &'a str,
    email: &'a str,
}

/// The respondent's page, `templates/respond.hbs`.
#[derive(Serialize)]
struct RespondPage<'a> {
    title: &'a str,
    intro: Option<&'a str>,
    year: i32,
    closes_on: Option<String>,
    institute: InstituteView<'a>,
    contact: ContactView<'a>,
    /// Who answers: the page names the country, the institute, or speaks to the contact alone.
    unit: &'static str,
    action: String,
    /// The page to propose a colleague instead.
    pass: String,
    status: Option<RStatus>,
    submitted: bool,
    returned_note: Option<&'a str>,
    submitted_at: Option<String>,
    updated_at: Option<String>,
    updated_by: Option<&'a str>,
    version: i32,
    open: bool,
    /// When the secretariat accepted the answers: the page shows them read-only.
    accepted_at: Option<String>,
    notice: Option<Notice>,
    errors: Vec<SummaryItem>,
    conflicts: &'a [ConflictView],
    /// The questions listed, posted back so that the next save applies the choices.
    conflict_ids: String,
    conflict_who: &'a str,
    sections: Vec<SectionView<'a>>,
}

impl Form<'_> {
    pub(super) fn text(&self, key: &str) -> String {
        self.app.renderer.text(self.lang, key, &[])
    }

    pub(super) fn render(
        &self,
        raw: &RawForm,
        errors: &[FieldError],
        notice: Option<Notice>,
        status: Status,
    ) -> Result<Reply> {
        let (who, lang, current) = (self.who, self.lang, self.current);
        let view = FormView {
            form: &who.form,
            raw,
            errors,
            lang,
            i18n: &self.app.renderer.i18n,
            own: Some(&who.institute.acronym),
        };
        let page = RespondPage {
            title: who.form.title.get(lang),
            intro: who.form.intro.as_ref().map(|t| t.get(lang)),
            year: who.campaign.year,
            closes_on: who.campaign.closes_on.map(fmt_day),
            institute: InstituteView {
                acronym: &who.institute.acronym,
                name: who.institute.name(lang),
                country: who.country.as_ref().map(|c| c.name(lang)),
            },
            contact: ContactView {
                name: &who.contact.name,
                email: &who.contact.email,
            },
            unit: who.form.unit.code(),
            action: format!("/r/{}?lang={lang}", self.token),
            pass: format!("/r/{}/pass?lang={lang}", self.token),
            status: current.map(|r| r.status),
            submitted: current.is_some_and(|r| r.is_submitted()),
            returned_note: current
                .filter(|r| r.status == RStatus::Returned)
                .and_then(|r| r.note.as_deref()),
            submitted_at: current.and_then(|r| r.submitted_at).map(|d| fmt_time(&d)),
            updated_at: current.map(|r| fmt_time(&r.updated_at)),
            updated_by: current.and_then(|r| r.updated_by.as_deref()),
            version: self.version,
            open: responses::changeable(&who.campaign, current, chrono::Utc::now().date_naive())
                .is_ok(),
            accepted_at: current.and_then(|r| r.accepted_at).map(|d| fmt_time(&d)),
            notice,
            errors: view.summary(),
            conflicts: self.conflicts,
            conflict_ids: self
                .conflicts
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(","),
            conflict_who: current.and_then(|r| r.updated_by.as_deref()).unwrap_or(""),
            sections: view.sections(),
        };
        let mut base = Base::public(lang);
        base.switch_url = Some(format!("/r/{}?lang={}", self.token, lang.other()));
        base.other_lang = Some(lang.other());
        let html = view::render(self.app, "respond", &base, &page)?;
        Ok(Reply::Page((status, html)))
    }
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
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    let unit = ("unit", who.form.unit.code().to_string());
    let mut notice = match (done, saved) {
        (Some(true), _) => {
            let thanks = app
                .renderer
                .text(lang, "notice-submitted", std::slice::from_ref(&unit));
            Some(Notice::new(NoticeKind::Success, thanks))
        }
        (_, Some(true)) => Some(Notice::new(NoticeKind::Success, text("notice-draft-saved"))),
        _ => None,
    };
    let raw = match &current {
        Some(r) => RawForm::from_answers(&who.form, &r.answers()?),
        // A first visit starts from the unit's answers of the previous campaign, if any.
        None => {
            match responses::previous(&app.db, &who.campaign, &who.invitation.unit_key).await? {
                Some((year, answers)) => {
                    let args = [("year", year.to_string()), unit];
                    let prefilled = app.renderer.text(lang, "respond-prefilled", &args);
                    notice = Some(Notice::new(NoticeKind::Warning, prefilled));
                    RawForm::from_answers(&who.form, &answers)
                }
                None => RawForm::default(),
            }
        }
    };
    let page = Form {
        app,
        who: &who,
        token,
        lang,
        current: current.as_ref(),
        version: current.as_ref().map_or(0, |r| r.version),
        conflicts: &[],
    };
    page.render(&raw, &[], notice, Status::Ok)
}

/// What a POST asks for.
enum Action<'a> {
    Save(Mode),
    AddRow(&'a str),
    RemoveRow(&'a str, usize),
    /// Every unanswered line of a grid's column gets the value chosen above the grid.
    Fill(&'a str, &'a str),
}

fn action(text: &str) -> Result<Action<'_>> {
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
    let body = data.open(BODY_LIMIT_KIB.kibibytes()).into_bytes().await?;
    if !body.is_complete() {
        return Err(Error::Invalid("form body too large".into()));
    }
    // Browsers send the form in UTF-8 (`accept-charset`); other bytes come from no browser.
    let body = String::from_utf8(body.into_inner())
        .map_err(|_| Error::Invalid("form body is not UTF-8".into()))?;
    let mut raw = RawForm::parse(&body);
    let version: i32 = raw.get("_version").parse().unwrap_or(-1);
    let current = responses::current(&app.db, who.campaign.id, &who.invitation.unit_key).await?;
    let page = Form {
        app,
        who: &who,
        token,
        lang,
        current: current.as_ref(),
        version,
        conflicts: &[],
    };
    let submitted = current.as_ref().is_some_and(|r| r.is_submitted());
    let today = chrono::Utc::now().date_naive();
    if let Err(locked) = responses::changeable(&who.campaign, current.as_ref(), today) {
        return super::respond_save::locked(&page, &raw, locked);
    }
    let (group, index) = match action(raw.get("_action"))? {
        Action::Save(mode) => {
            if submitted && mode == Mode::Draft {
                let notice = Notice::new(NoticeKind::Error, page.text("notice-submit-to-change"));
                return page.render(&raw, &[], Some(notice), Status::Conflict);
            }
            if let Some(reply) = super::respond_save::merge(&page, &mut raw)? {
                return Ok(reply);
            }
            return finish(&page, raw, mode, true).await;
        }
        Action::AddRow(g) => (g.to_string(), None),
        Action::RemoveRow(g, i) => (g.to_string(), Some(i)),
        Action::Fill(grid, column) => {
            let (grid, column) = (grid.to_string(), column.to_string());
            raw.fill_unanswered(&who.form, &grid, &column)
                .ok_or_else(|| Error::Invalid("unknown grid, column or value to fill".into()))?;
            return changed(&page, raw, submitted).await;
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
    changed(&page, raw, submitted).await
}
