//! The unit's record behind a personal link: after submitting, what was sent (the readable
//! answers, when and by whom), the way to change it while the campaign is open, the printable
//! copy and what happens next; after the close or the secretariat's acceptance, the same
//! answers read-only, said once to be final, with nothing on the page that looks clickable
//! but does nothing.
use crate::app::App;
use crate::forms::summary::{self, Line};
use crate::i18n::{fmt_day, fmt_time, Lang};
use crate::responses::{response, Respondent};
use crate::web::respondent::form::{person, unit_line};
use crate::web::view::{self, Base, Notice, NoticeKind};
use crate::Result;
use rocket::response::content::RawHtml;
use serde::Serialize;

/// `templates/respond-record.hbs`.
#[derive(Serialize)]
struct RecordPage<'a> {
    title: &'a str,
    year: i32,
    unit: String,
    notice: Notice,
    /// When the answers were submitted (or last saved) and by whom.
    state: Option<String>,
    /// The form again, to change the answers, while the campaign is open.
    change: Option<String>,
    print: String,
    document: String,
    next: Option<String>,
    lines: Vec<Line>,
}

/// What the record says at its top.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Just submitted, still open to changes.
    Sent,
    Accepted,
    Closed,
}

pub(super) async fn show(
    app: &App,
    who: &Respondent,
    token: &str,
    lang: Lang,
    current: Option<&response::Model>,
    standing: Standing,
) -> Result<RawHtml<String>> {
    let text = |key: &str, args: &[(&str, String)]| app.renderer.text(lang, key, args);
    let unit = ("unit", who.form.unit.code().to_string());
    let notice = match (standing, current.and_then(|r| r.accepted_at)) {
        (Standing::Sent, _) => Notice::new(
            NoticeKind::Success,
            text("notice-submitted", std::slice::from_ref(&unit)),
        ),
        (Standing::Accepted, Some(at)) => Notice::new(
            NoticeKind::Success,
            text("respond-accepted", &[("when", fmt_time(&at))]),
        ),
        _ => Notice::new(NoticeKind::Warning, text("notice-closed", &[])),
    };
    let state = match current {
        Some(r) => Some(state_line(app, who, lang, r).await?),
        None => None,
    };
    let lines = match current {
        Some(r) => summary::lines(&who.form, &r.answers()?, lang, &app.renderer.i18n),
        None => Vec::new(),
    };
    // A campaign without a closing day says so rather than "until the survey closes on ".
    let (next_key, closes) = match who.campaign.closes_on {
        Some(day) => ("record-next", fmt_day(day)),
        None => ("record-next-undated", String::new()),
    };
    let page = RecordPage {
        title: who.form.title.get(lang),
        year: who.campaign.year,
        unit: unit_line(app, who, lang),
        notice,
        state,
        change: (standing == Standing::Sent).then(|| format!("/r/{token}?lang={lang}")),
        print: format!("/r/{token}/print?lang={lang}"),
        document: format!("/r/{token}/print.docx?lang={lang}"),
        next: (standing == Standing::Sent).then(|| text(next_key, &[unit, ("date", closes)])),
        lines,
    };
    let mut base = Base::public(lang);
    base.switch_url = Some(format!(
        "/r/{token}?lang={}{}",
        lang.other(),
        if standing == Standing::Sent {
            "&done=true"
        } else {
            ""
        }
    ));
    base.other_lang = Some(lang.other());
    view::render(app, "respond-record", &base, &page)
}

/// Where the answers stand, in one sentence: submitted (or last saved, for a draft) when and
/// by whom.
pub(crate) async fn state_line(
    app: &App,
    who: &Respondent,
    lang: Lang,
    r: &response::Model,
) -> Result<String> {
    let by = person(app, who, lang, r.updated_by.as_deref().unwrap_or_default()).await?;
    Ok(crate::web::paper::state(app, lang, r, by))
}
