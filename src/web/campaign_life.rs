//! A campaign's life from the browser: opening one (with the audience shown before it is
//! confirmed), closing, reopening, moving the deadline, and deleting one nobody has answered.
use super::admin::CsrfForm;
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::i18n::{fmt_day, Lang};
use crate::{campaigns, responses, Error, Refusal, Result};
use chrono::NaiveDate;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![new_campaign, open, close, reopen, extend, delete]
}

/// What the secretariat asks for; dates as the browser's date field sends them.
#[derive(FromForm, Default)]
struct Proposal<'r> {
    form: Option<&'r str>,
    year: Option<i32>,
    closes: Option<&'r str>,
}

#[derive(Serialize)]
struct Invitee<'a> {
    institute: &'a str,
    name: &'a str,
    email: &'a str,
    language: Lang,
}

#[derive(Serialize)]
struct NewCampaignPage<'a> {
    forms: Vec<(&'a str, &'a str)>,
    form: &'a str,
    year: i32,
    closes: &'a str,
    closes_shown: Option<String>,
    title: Option<&'a str>,
    error: Option<String>,
    audience: Vec<Invitee<'a>>,
    invited: usize,
    institutes: usize,
}

/// The browser's date field: empty for none, else YYYY-MM-DD.
fn parse_day(text: &str) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Error::Invalid(format!("not a date: {text}")))
}

fn refusal_text(app: &App, lang: Lang, e: Error) -> Result<String> {
    super::view::refusal(app, lang, e, "refused-bad-date")
}

/// The form to open a campaign, and once a survey is chosen, who it would invite. A GET:
/// nothing is opened until the secretariat confirms with the POST below.
#[get("/campaigns/new?<p..>")]
async fn new_campaign(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    p: Proposal<'_>,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let (form_id, closes) = (p.form.unwrap_or(""), p.closes.unwrap_or(""));
    let year = p
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now().date_naive()));
    let chosen = app.forms.get(form_id);
    let mut error = None;
    let closes_day = match parse_day(closes) {
        Ok(Some(day)) if day < chrono::Utc::now().date_naive() => {
            let today = chrono::Utc::now().date_naive();
            error = Some(refusal_text(
                app,
                lang,
                Refusal::ClosingDateInPast { day, today }.into(),
            )?);
            Some(day)
        }
        Ok(day) => day,
        Err(e) => {
            error = Some(refusal_text(app, lang, e)?);
            None
        }
    };
    let people = match chosen {
        Some(form) => campaigns::audience(&app.db, form).await?,
        None => Vec::new(),
    };
    let institutes = people
        .iter()
        .map(|(_, i)| i.id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let page = NewCampaignPage {
        forms: app
            .forms
            .forms
            .values()
            .map(|f| (f.id.as_str(), f.title.get(lang)))
            .collect(),
        form: form_id,
        year,
        closes,
        closes_shown: closes_day.map(fmt_day),
        title: chosen.map(|f| f.title.get(lang)),
        error,
        audience: people
            .iter()
            .map(|(c, i)| Invitee {
                institute: &i.acronym,
                name: &c.name,
                email: &c.email,
                language: c.language,
            })
            .collect(),
        invited: people.len(),
        institutes,
    };
    render(
        app,
        "admin/campaign-new",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(FromForm)]
struct OpenForm<'r> {
    csrf: &'r str,
    form: &'r str,
    year: i32,
    closes: &'r str,
}

#[post("/campaigns", data = "<f>")]
async fn open(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    f: Form<OpenForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let back = Redirect::to(format!(
        "/admin/campaigns/new?form={}&year={}&closes={}",
        urlencode(f.form),
        f.year,
        urlencode(f.closes)
    ));
    let opened = match parse_day(f.closes) {
        Ok(closes) => {
            let plan = campaigns::ReminderPlan::default();
            campaigns::open(&app.db, &app.forms, f.form, f.year, closes, &plan).await
        }
        Err(e) => Err(e),
    };
    match opened {
        Ok(c) => {
            let detail = Some(format!("{} {}", c.form_id, c.year));
            staff
                .audit(app, Action::CampaignOpen, Target::Campaign(c.id), detail)
                .await?;
            let text = app.renderer.text(lang, "flash-campaign-opened", &[]);
            Ok(Flash::success(
                Redirect::to(format!("/admin/campaigns/{}", c.id)),
                text,
            ))
        }
        Err(e) => Ok(Flash::error(back, refusal_text(app, lang, e)?)),
    }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Runs one lifecycle step and answers with the campaign page and a flash in the user's words.
async fn step(
    app: &App,
    staff: &Staff,
    lang: Lang,
    id: i32,
    action: Action,
    done: Result<(String, Option<String>)>,
) -> Result<Flash<Redirect>> {
    let back = |to: String| Redirect::to(to);
    match done {
        Ok((key, detail)) => {
            staff
                .audit(app, action, Target::Campaign(id), detail)
                .await?;
            let to = if action == Action::CampaignDelete {
                "/admin".to_string()
            } else {
                format!("/admin/campaigns/{id}")
            };
            Ok(Flash::success(back(to), app.renderer.text(lang, &key, &[])))
        }
        Err(e) => {
            let text = refusal_text(app, lang, e)?;
            Ok(Flash::error(back(format!("/admin/campaigns/{id}")), text))
        }
    }
}

#[post("/campaigns/<id>/close", data = "<f>")]
async fn close(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let done = campaigns::close(app, id)
        .await
        .map(|_| ("flash-campaign-closed".into(), None));
    step(app, &staff, lang, id, Action::CampaignClose, done).await
}

#[derive(FromForm)]
struct DateForm<'r> {
    csrf: &'r str,
    closes: &'r str,
}

#[post("/campaigns/<id>/reopen", data = "<f>")]
async fn reopen(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<DateForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let today = chrono::Utc::now().date_naive();
    let done = match parse_day(f.closes) {
        Ok(day) => campaigns::reopen(app, id, day, today)
            .await
            .map(|_| ("flash-campaign-reopened".into(), day.map(|d| d.to_string()))),
        Err(e) => Err(e),
    };
    step(app, &staff, lang, id, Action::CampaignReopen, done).await
}

#[post("/campaigns/<id>/extend", data = "<f>")]
async fn extend(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<DateForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let today = chrono::Utc::now().date_naive();
    let done = match parse_day(f.closes) {
        Ok(Some(day)) => campaigns::extend(app, id, day, today)
            .await
            .map(|_| ("flash-campaign-extended".into(), Some(day.to_string()))),
        Ok(None) => Err(Error::Invalid("a closing date is needed".into())),
        Err(e) => Err(e),
    };
    step(app, &staff, lang, id, Action::CampaignExtend, done).await
}

#[post("/campaigns/<id>/delete", data = "<f>")]
async fn delete(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let done = responses::delete_campaign(app, id)
        .await
        .map(|_| ("flash-campaign-deleted".into(), None));
    step(app, &staff, lang, id, Action::CampaignDelete, done).await
}
