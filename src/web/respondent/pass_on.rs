//! `/r/<token>/pass`: a respondent who is not the right person proposes a colleague. The GET
//! only shows the form (mail scanners open links); the POST records the proposal for the
//! secretariat, which decides on `/admin/handovers` before the colleague gets anything.
use crate::app::App;
use crate::campaigns::handovers::{self, NotProposed, Proposal};
use crate::i18n::Lang;
use crate::responses::Respondent;
use crate::web::admin::directory::forms::problems_view;
use crate::web::respondent::form::{open, page_lang};
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::IpAddr;

pub fn routes() -> Vec<Route> {
    routes![ask, propose]
}

#[derive(Serialize)]
struct PassPage<'a> {
    title: &'a str,
    year: i32,
    /// Back to the form, in the page's language.
    back: String,
    action: String,
    /// A survey each person answers for themselves: the colleague gets a response of their own.
    personal: bool,
    open: bool,
    draft: &'a Proposal,
    errors: BTreeMap<&'static str, String>,
    /// A problem of the whole proposal (too many waiting, oneself, the note).
    error: Option<String>,
    /// Whom the secretariat was asked to confirm.
    done: Option<&'a str>,
}

fn page(
    app: &App,
    who: &Respondent,
    token: &str,
    lang: Lang,
    draft: &Proposal,
    (errors, error, done): (BTreeMap<&'static str, String>, Option<String>, Option<&str>),
) -> Result<RawHtml<String>> {
    let view = PassPage {
        title: who.form.title.get(lang),
        year: who.campaign.year,
        back: format!("/r/{token}?lang={lang}"),
        action: format!("/r/{token}/pass?lang={lang}"),
        personal: who.form.unit == crate::forms::Unit::Contact,
        open: who
            .campaign
            .accepts_answers(chrono::Utc::now().date_naive()),
        draft,
        errors,
        error,
        done,
    };
    let mut base = Base::public(lang);
    base.switch_url = Some(format!("/r/{token}/pass?lang={}", lang.other()));
    base.other_lang = Some(lang.other());
    render(app, "pass", &base, &view)
}

#[get("/r/<token>/pass?<lang>")]
async fn ask(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
) -> Result<RawHtml<String>> {
    let who = open(app, ip, token).await?;
    let lang = page_lang(&who, lang);
    let draft = Proposal {
        language: lang.code().to_string(),
        ..Default::default()
    };
    page(app, &who, token, lang, &draft, Default::default())
}

#[derive(FromForm)]
struct Fields {
    name: String,
    email: String,
    language: String,
    #[field(default = String::new())]
    note: String,
}

#[post("/r/<token>/pass?<lang>", data = "<f>")]
async fn propose(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    f: Form<Fields>,
) -> Result<(Status, RawHtml<String>)> {
    let who = open(app, ip, token).await?;
    let lang = page_lang(&who, lang);
    let draft = Proposal {
        name: f.name.clone(),
        email: f.email.clone(),
        language: f.language.clone(),
        note: f.note.clone(),
    };
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    if !who
        .campaign
        .accepts_answers(chrono::Utc::now().date_naive())
    {
        let parts = (BTreeMap::new(), Some(text("notice-closed")), None);
        return Ok((
            Status::Conflict,
            page(app, &who, token, lang, &draft, parts)?,
        ));
    }
    let outcome = handovers::propose(&app.db, &who.invitation, &who.contact, &draft).await?;
    let (status, parts) = match outcome {
        Ok(h) => {
            tracing::info!(handover = h.id, "a colleague was proposed");
            let done = Some(draft.name.as_str());
            (Status::Ok, (BTreeMap::new(), None, done))
        }
        Err(NotProposed::Problems(problems)) => {
            let errors = problems_view(app, lang, &problems);
            (Status::UnprocessableEntity, (errors, None, None))
        }
        Err(other) => {
            let key = match other {
                NotProposed::BadNote => "pass-bad-note",
                NotProposed::Themselves => "pass-themselves",
                _ => "pass-too-many",
            };
            (
                Status::UnprocessableEntity,
                (BTreeMap::new(), Some(text(key)), None),
            )
        }
    };
    Ok((status, page(app, &who, token, lang, &draft, parts)?))
}
