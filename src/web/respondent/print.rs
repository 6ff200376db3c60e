//! `/r/<token>/print`: the unit's questionnaire on paper, answered (as it stands: submitted, or
//! the draft) or blank (`blank=true`, for heads of laboratories to fill by hand), as a page to
//! print and as a Word document (`print.docx`).
use crate::app::App;
use crate::forms::paper;
use crate::i18n::Lang;
use crate::responses;
use crate::web::download::Download;
use crate::web::paper::{self as sheet, Copy};
use crate::web::respondent::form::{open, page_lang, unit_line};
use crate::web::respondent::record::state_line;
use crate::web::view::Base;
use crate::Result;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use std::net::IpAddr;

pub fn routes() -> Vec<Route> {
    routes![page, document]
}

#[get("/r/<token>/print?<lang>&<blank>")]
async fn page(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    blank: Option<bool>,
) -> Result<RawHtml<String>> {
    let (lang, copy, _) = copy(app, ip, token, lang, blank).await?;
    sheet::page(app, Base::public(lang), &copy)
}

#[get("/r/<token>/print.docx?<lang>&<blank>")]
async fn document(
    app: &State<App>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    blank: Option<bool>,
) -> Result<Download> {
    let (lang, copy, name) = copy(app, ip, token, lang, blank).await?;
    sheet::document(app, lang, &copy, &name)
}

async fn copy(
    app: &App,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    blank: Option<bool>,
) -> Result<(Lang, Copy, String)> {
    let who = open(app, ip, token).await?;
    let lang = page_lang(&who, lang);
    let key = &who.invitation.unit_key;
    let current = responses::current(&app.db, who.campaign.id, key).await?;
    let answered = current.as_ref().filter(|_| blank != Some(true));
    let answers = answered.map(|r| r.answers()).transpose()?;
    let state = match answered {
        Some(r) => Some(state_line(app, &who, lang, r).await?),
        None => None,
    };
    let name = format!(
        "{}-{}-{}",
        who.form.id, who.campaign.year, who.institute.acronym
    );
    let copy = Copy {
        paper: paper::paper(&who.form, answers.as_ref(), lang, &app.renderer.i18n),
        year: Some(who.campaign.year),
        who: Some(unit_line(app, &who, lang)),
        state,
        url: format!("/r/{token}/print"),
        back: format!("/r/{token}?lang={lang}"),
        has_answers: current.is_some(),
    };
    Ok((lang, copy, name))
}
