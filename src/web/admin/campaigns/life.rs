//! A campaign's life from the browser: opening one (with the audience shown before it is
//! confirmed), closing, reopening, moving the deadline, and deleting one nobody has answered.
use crate::app::App;
use crate::i18n::{fmt_day, Lang};
use crate::responses::progress::UnitState;
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{campaigns, responses, Error, Refusal, Result};
use chrono::NaiveDate;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Either, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![
        new_campaign,
        open,
        close_page,
        close,
        reopen,
        extend,
        delete
    ]
}

/// What the secretariat asks for; dates as the browser's date field sends them.
#[derive(FromForm, Default)]
struct Proposal<'r> {
    form: Option<&'r str>,
    version: Option<i32>,
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
    /// The version that would be opened (the latest when none was asked for) and the
    /// survey's versions to choose from.
    version: Option<i32>,
    versions: Vec<i32>,
    year: i32,
    closes: &'a str,
    closes_shown: Option<String>,
    title: Option<&'a str>,
    error: Option<String>,
    audience: Vec<Invitee<'a>>,
    invited: usize,
    /// How many units will answer, and what a unit is (`institute`, `country`, `contact`).
    units: usize,
    unit: &'static str,
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
    crate::web::view::refusal(app, lang, e, "refused-bad-date")
}

/// The form to open a campaign, and once a survey is chosen, who it would invite. A GET:
/// nothing is opened until the secretariat confirms with the POST below.
#[get("/campaigns/new?<p..>")]
async fn new_campaign(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    p: Proposal<'_>,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let (form_id, closes) = (p.form.unwrap_or(""), p.closes.unwrap_or(""));
    let year = p
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now().date_naive()));
    let current = app.forms.current(&app.db).await?;
    let chosen = app.forms.get(&app.db, form_id, p.version).await?;
    let versions = crate::forms::versions::numbers(&app.db, form_id).await?;
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
    let people = match &chosen {
        Some((_, form)) => campaigns::audience(&app.db, form).await?,
        None => Vec::new(),
    };
    let units = match &chosen {
        Some((_, form)) => people
            .iter()
            .map(|(c, i)| campaigns::UnitKey::of(form.unit, c, i))
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        None => 0,
    };
    let unit = chosen.as_ref().map_or("institute", |(_, f)| f.unit.code());
    let page = NewCampaignPage {
        forms: current
            .forms
            .values()
            .map(|f| (f.id.as_str(), f.title.get(lang)))
            .collect(),
        form: form_id,
        version: chosen.as_ref().map(|(n, _)| *n),
        versions,
        year,
        closes,
        closes_shown: closes_day.map(fmt_day),
        title: chosen.as_ref().map(|(_, f)| f.title.get(lang)),
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
        units,
        unit,
    };
    render(
        app,
        "admin/campaign-new",
        &Base::new(lang, Some(&staff.0), flash),
        &page,
    )
}

#[derive(FromForm)]
struct OpenForm<'r> {
    csrf: &'r str,
    form: &'r str,
    /// The version the page showed: what is confirmed is what is opened.
    version: Option<i32>,
    year: i32,
    closes: &'r str,
}

#[post("/campaigns", data = "<f>")]
async fn open(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<OpenForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let back = Redirect::to(format!(
        "/admin/campaigns/new?form={}&year={}&closes={}",
        urlencode(f.form),
        f.year,
        urlencode(f.closes)
    ));
    let opened = match parse_day(f.closes) {
        Ok(closes) => {
            let plan = campaigns::ReminderPlan::default();
            let survey = campaigns::Opening {
                form: f.form,
                version: f.version,
            };
            campaigns::open(app, &actor, survey, f.year, closes, &plan).await
        }
        Err(e) => Err(e),
    };
    match opened {
        Ok(c) => {
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

/// Answers a lifecycle step with the campaign page (the dashboard after a deletion) and a flash
/// in the user's words.
fn step(app: &App, lang: Lang, id: i32, done: Result<&str>) -> Result<Flash<Redirect>> {
    after(app, lang, id, done, format!("/admin/campaigns/{id}"))
}

/// As `step`, going to `to` when the step is done.
fn after(
    app: &App,
    lang: Lang,
    id: i32,
    done: Result<&str>,
    to: String,
) -> Result<Flash<Redirect>> {
    match done {
        Ok(key) => Ok(Flash::success(
            Redirect::to(to),
            app.renderer.text(lang, key, &[]),
        )),
        Err(e) => {
            let text = refusal_text(app, lang, e)?;
            Ok(Flash::error(
                Redirect::to(format!("/admin/campaigns/{id}")),
                text,
            ))
        }
    }
}

/// What closing would end, to confirm before it is done.
#[derive(Serialize)]
struct ClosePage<'a> {
    id: i32,
    title: &'a str,
    year: i32,
    /// Units with a draft not submitted, and units that have not answered at all.
    drafts: usize,
    silent: usize,
    submitted: usize,
}

#[get("/campaigns/<id>/close")]
async fn close_page(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
) -> Result<Either<RawHtml<String>, Redirect>> {
    let c = campaigns::get(&app.db, id).await?;
    if !c.is_open() {
        return Ok(Either::Right(Redirect::to(format!(
            "/admin/campaigns/{id}"
        ))));
    }
    let form = c.form()?;
    let units = responses::progress::unit_statuses(&app.db, &c, lang).await?;
    let count = |s: UnitState| units.iter().filter(|u| u.status == s).count();
    let page = ClosePage {
        id,
        title: form.title.get(lang),
        year: c.year,
        drafts: count(UnitState::Draft) + count(UnitState::Returned),
        silent: count(UnitState::Invited),
        submitted: count(UnitState::Submitted),
    };
    let base = Base::new(lang, Some(&staff.0), None);
    render(app, "admin/campaign-close", &base, &page).map(Either::Left)
}

#[post("/campaigns/<id>/close", data = "<f>")]
async fn close(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let done = campaigns::close(app, &actor, id).await;
    step(app, lang, id, done.map(|_| "flash-campaign-closed"))
}

#[derive(FromForm)]
struct DateForm<'r> {
    csrf: &'r str,
    closes: &'r str,
}

#[post("/campaigns/<id>/reopen", data = "<f>")]
async fn reopen(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<DateForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let today = chrono::Utc::now().date_naive();
    let done = match parse_day(f.closes) {
        Ok(day) => responses::deadlines::reopen(app, &actor, id, day, today).await,
        Err(e) => Err(e),
    };
    step(app, lang, id, done.map(|_| "flash-campaign-reopened"))
}

#[post("/campaigns/<id>/extend", data = "<f>")]
async fn extend(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<DateForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let today = chrono::Utc::now().date_naive();
    let done = match parse_day(f.closes) {
        Ok(Some(day)) => responses::deadlines::extend(app, &actor, id, day, today).await,
        Ok(None) => Err(Error::Invalid("a closing date is needed".into())),
        Err(e) => Err(e),
    };
    step(app, lang, id, done.map(|_| "flash-campaign-extended"))
}

#[post("/campaigns/<id>/delete", data = "<f>")]
async fn delete(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let done = responses::delete_campaign(app, &actor, id).await;
    // A deleted campaign has no page left: back to the dashboard.
    after(
        app,
        lang,
        id,
        done.map(|_| "flash-campaign-deleted"),
        "/admin".into(),
    )
}
