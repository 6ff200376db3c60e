//! The questionnaire on paper (`forms::paper`), shown as a page to print from the browser and
//! given as a document to download: the same for a respondent's link, the secretariat's
//! response page and the survey's page.
use crate::app::App;
use crate::export::docx;
use crate::forms::paper::Paper;
use crate::i18n::{fmt_time, Lang};
use crate::responses::response;
use crate::web::download::{file_name, Download};
use crate::web::view::{self, Base};
use crate::Result;
use rocket::http::ContentType;
use rocket::response::content::RawHtml;
use serde::Serialize;

/// A copy of the questionnaire: what it is of, and where its page links to.
pub struct Copy {
    pub paper: Paper,
    /// The survey's year, for a campaign's copy.
    pub year: Option<i32>,
    /// The unit it is of (institute, country or person), for a unit's copy.
    pub who: Option<String>,
    /// Where the answers stand ("Submitted on …"), for an answered copy.
    pub state: Option<String>,
    /// The URL of this copy, without its query, to which `.docx` and the query are added.
    pub url: String,
    /// Where "back" goes: the form, or the page the copy was opened from.
    pub back: String,
    /// Whether the unit has answers, so the page offers the other copy (blank or answered).
    pub has_answers: bool,
}

impl Copy {
    /// The line every printed page starts with: the survey, its year and the unit.
    fn running(&self) -> String {
        let mut parts = vec![self.paper.title.clone()];
        parts.extend(self.year.map(|y| y.to_string()));
        parts.extend(self.who.clone());
        parts.join(" — ")
    }

    fn query(&self, lang: Lang, blank: bool) -> String {
        match blank && self.has_answers {
            true => format!("?lang={lang}&blank=true"),
            false => format!("?lang={lang}"),
        }
    }
}

/// `templates/paper.hbs`.
#[derive(Serialize)]
struct PaperPage<'a> {
    paper: &'a Paper,
    running: String,
    year: Option<i32>,
    /// Not `who`: that is the name of a template helper.
    unit: Option<&'a str>,
    state: Option<&'a str>,
    document: String,
    /// The other copy: the blank one from the answered, the answered one from the blank.
    other: Option<String>,
    back: &'a str,
}

pub fn page(app: &App, mut base: Base<'_>, copy: &Copy) -> Result<RawHtml<String>> {
    let (lang, blank) = (base.lang, copy.paper.blank);
    base.switch_url = Some(format!("{}{}", copy.url, copy.query(lang.other(), blank)));
    base.other_lang = Some(lang.other());
    let view = PaperPage {
        paper: &copy.paper,
        running: copy.running(),
        year: copy.year,
        unit: copy.who.as_deref(),
        state: copy.state.as_deref(),
        document: format!("{}.docx{}", copy.url, copy.query(lang, blank)),
        other: copy
            .has_answers
            .then(|| format!("{}{}", copy.url, copy.query(lang, !blank))),
        back: &copy.back,
    };
    view::render(app, "paper", &base, &view)
}

/// Where the answers stand, in one sentence: submitted (or, for a draft, last saved) when
/// and by whom (`by`, as people call them).
pub fn state(app: &App, lang: Lang, r: &response::Model, by: String) -> String {
    let (key, at) = match r.submitted_at.filter(|_| r.is_submitted()) {
        Some(at) => ("record-submitted", at),
        None => ("record-draft", r.updated_at),
    };
    let args = [("when", fmt_time(&at)), ("who", by)];
    app.renderer.text(lang, key, &args)
}

/// The copy as a Word document, named by `name` (the survey, year and unit, as ASCII).
pub fn document(app: &App, lang: Lang, copy: &Copy, name: &str) -> Result<Download> {
    let i18n = &app.renderer.i18n;
    let words = docx::Words {
        required: i18n.text(lang, "paper-required", &[]),
        one: i18n.text(lang, "paper-tick-one", &[]),
        several: i18n.text(lang, "paper-tick-several", &[]),
        number: i18n.text(lang, "paper-row-number", &[]),
        page: i18n.text(lang, "paper-page", &[]),
    };
    let head = docx::Head {
        running: copy.running(),
        year: copy.year,
        who: copy.who.clone(),
        state: copy.state.clone(),
    };
    let suffix = if copy.paper.blank { "-blank" } else { "" };
    Ok(Download {
        name: format!("{}{suffix}-{lang}.docx", file_name(name)),
        content_type: ContentType::new(
            "application",
            "vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        bytes: docx::write(&copy.paper, &head, &words)?,
    })
}
