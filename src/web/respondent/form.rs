//! One rendering of the form behind a personal link: who, in which language, from which
//! values, with which notice; and the respondent a link opens.
use crate::app::App;
use crate::campaigns::LinkState;
use crate::forms::{FieldError, RawForm};
use crate::i18n::{fmt_day, fmt_time, Lang};
use crate::responses::{self, response, Respondent, Status as RStatus};
use crate::web::respondent::conflict::ConflictView;
use crate::web::respondent::form_view::{FormView, SectionView, SummaryItem};
use crate::web::view::{self, Base, Notice};
use crate::{Error, Result};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::Responder;
use serde::Serialize;
use std::net::IpAddr;

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
