//! One rendering of the form behind a personal link: who, in which language, from which
//! values, with which notice; and the respondent a link opens.
use crate::app::App;
use crate::campaigns::LinkState;
use crate::forms::{FieldError, RawForm};
use crate::i18n::{fmt_day, fmt_time, Lang};
use crate::responses::{self, response, Respondent, Status as RStatus};
use crate::web::respondent::conflict::ConflictView;
use crate::web::respondent::form_view::{Before, FormView, SectionView, SummaryItem};
use crate::web::staff::session::Staff;
use crate::web::view::{self, Base, Notice, SignedIn};

/// The field of the secretariat's entry naming what it entered from.
pub(crate) const LETTER: &str = "_letter";
use crate::{Error, Result};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Responder;
use serde::Serialize;
use std::net::IpAddr;

#[derive(Responder)]
pub enum Reply {
    Page((Status, RawHtml<String>)),
    Redirect(Box<Redirect>),
    /// Back to the response page after the secretariat's entry, with what was done.
    Flashed(Box<Flash<Redirect>>),
}

/// Where the form is shown: behind a contact's personal link, or to the secretariat entering
/// the unit's answers from its letter (the same form and rules, the staff's page around it).
#[derive(Clone, Copy)]
pub(crate) enum Place<'a> {
    Link(&'a str),
    Entry(&'a Staff),
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

/// Whom the answers are of, in one line: the country, the institute, or the person.
pub(crate) fn unit_line(app: &App, who: &Respondent, lang: Lang) -> String {
    let inst = &who.institute;
    let country = who.country.as_ref().map(|c| c.name(lang).to_string());
    let mut parts = match who.form.unit {
        crate::forms::Unit::Country => {
            let args = [("country", country.clone().unwrap_or_default())];
            return format!(
                "{} · {}",
                app.renderer.text(lang, "respond-unit-country", &args),
                inst.acronym
            );
        }
        crate::forms::Unit::Contact => vec![who.contact.name.clone()],
        crate::forms::Unit::Institute => Vec::new(),
    };
    parts.extend([inst.acronym.clone(), inst.name(lang).to_string()]);
    parts.extend(country);
    parts.join(" · ")
}

/// Who saved, as people call them: the name of the unit's contact with that address, else
/// the address (the secretariat's account, a contact no longer invited) as pages show it.
pub(crate) async fn person(
    app: &App,
    who: &Respondent,
    lang: Lang,
    address: &str,
) -> Result<String> {
    let unit = &who.invitation.unit_key;
    let contacts = responses::unit_contacts(&app.db, who.campaign.id, unit).await?;
    Ok(contacts
        .into_iter()
        .find(|(_, c, _)| c.email.eq_ignore_ascii_case(address))
        .map_or_else(
            || app.renderer.i18n.actor(lang, address),
            |(_, c, _)| c.name,
        ))
}

/// One rendering of the form: who, in which language, from which values, and what to say.
pub(crate) struct Form<'a> {
    pub(crate) app: &'a App,
    pub(crate) who: &'a Respondent,
    pub(crate) place: Place<'a>,
    pub(crate) lang: Lang,
    /// The stored response the page is about (the other person's, after a conflict).
    pub(crate) current: Option<&'a response::Model>,
    /// The version the page's values are based on: a save from a page based on an older one
    /// is refused, so a page shown after an error keeps the version it came with.
    pub(crate) version: i32,
    /// After a colleague's save: the questions where the two differ, to choose between.
    pub(crate) conflicts: &'a [ConflictView],
    /// After a colleague's save: the colleague as people call them (their name), else empty.
    pub(crate) colleague: &'a str,
    /// The unit's answers of the previous campaign, with its year, shown beside this year's.
    pub(crate) before: Option<&'a (i32, crate::forms::Answers)>,
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
    /// The questionnaire on paper (behind a link only), without its query.
    print: Option<String>,
    status: Option<RStatus>,
    submitted: bool,
    returned_note: Option<&'a str>,
    submitted_at: Option<String>,
    updated_at: Option<String>,
    updated_by: Option<&'a str>,
    version: i32,
    open: bool,
    /// The secretariat's entry: what it enters from, with its problem.
    entry: Option<EntryView<'a>>,
    /// When the secretariat accepted the answers: the page shows them read-only.
    accepted_at: Option<String>,
    notice: Option<Notice>,
    errors: Vec<SummaryItem>,
    conflicts: &'a [ConflictView],
    /// The questions listed, posted back so that the next save applies the choices.
    conflict_ids: String,
    conflict_who: &'a str,
    sections: Vec<SectionView<'a>>,
    /// The questions written from the form's skeleton (`prepared`), in place of `sections`.
    sections_html: Option<String>,
}

#[derive(Serialize)]
struct EntryView<'a> {
    csrf: &'a str,
    letter: String,
    letter_error: Option<String>,
    back: String,
}

impl<'a> Form<'a> {
    /// The secretariat's page of the unit's response, where an entry goes back to.
    pub(crate) fn response_page(&self) -> String {
        let who = self.who;
        format!(
            "/admin/campaigns/{}/units/{}",
            who.campaign.id, who.invitation.unit_key
        )
    }

    /// Where the form posts, and the same page in the other language.
    fn urls(&self, lang: Lang) -> (String, String) {
        match self.place {
            Place::Link(token) => (
                format!("/r/{token}?lang={lang}"),
                format!("/r/{token}/pass?lang={lang}"),
            ),
            Place::Entry(_) => (
                format!("{}/enter?lang={lang}", self.response_page()),
                String::new(),
            ),
        }
    }

    fn base(&self) -> Base<'a> {
        let lang = self.lang;
        let mut base = match self.place {
            Place::Link(_) => Base::public(lang),
            Place::Entry(staff) => Base::new(lang, Some(staff as &dyn SignedIn), None),
        };
        base.switch_url = Some(self.urls(lang.other()).0);
        base.other_lang = Some(lang.other());
        base
    }

    /// The entry's own field, with its problem (it is no question of the survey, so it is
    /// not in the list of the form's problems).
    fn entry(&self, raw: &RawForm, problem: Option<&FieldError>) -> Option<EntryView<'a>> {
        let Place::Entry(staff) = self.place else {
            return None;
        };
        let i18n = &self.app.renderer.i18n;
        Some(EntryView {
            csrf: &staff.csrf,
            letter: raw.get(LETTER).to_string(),
            letter_error: problem.map(|e| i18n.text(self.lang, "refused-entry-letter", &e.args)),
            back: self.response_page(),
        })
    }

    pub(crate) fn text(&self, key: &str) -> String {
        self.app.renderer.text(self.lang, key, &[])
    }

    pub(crate) fn render(
        &self,
        raw: &RawForm,
        errors: &[FieldError],
        notice: Option<Notice>,
        status: Status,
    ) -> Result<Reply> {
        let (who, lang, current) = (self.who, self.lang, self.current);
        let letter = errors.iter().find(|e| e.field == LETTER);
        let errors: Vec<FieldError> = errors
            .iter()
            .filter(|e| e.field != LETTER)
            .cloned()
            .collect();
        let view = FormView {
            form: &who.form,
            raw,
            errors: &errors,
            lang,
            i18n: &self.app.renderer.i18n,
            own: Some(&who.institute.acronym),
            before: self.before.map(|(year, answers)| Before {
                year: *year,
                answers,
            }),
        };
        let action = self.urls(lang).0;
        let sections_html =
            super::prepared::sections(&self.app.renderer, &who.form, &view, &action);
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
            action,
            pass: self.urls(lang).1,
            print: match self.place {
                Place::Link(token) => Some(format!("/r/{token}/print")),
                Place::Entry(_) => None,
            },
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
            entry: self.entry(raw, letter),
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
            conflict_who: match self.colleague {
                "" => current.and_then(|r| r.updated_by.as_deref()).unwrap_or(""),
                name => name,
            },
            sections: match sections_html {
                Some(_) => Vec::new(),
                None => view.sections(),
            },
            sections_html,
        };
        let html = view::render(self.app, "respond", &self.base(), &page)?;
        Ok(Reply::Page((status, html)))
    }
}
