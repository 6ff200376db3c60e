//! `/admin`: the secretariat's pages. Reading needs a staff session; changing anything needs the
//! secretariat role and the session's CSRF token.
use crate::app::App;
use crate::campaigns;
use crate::i18n::{fmt_day, Lang};
use crate::report::IndicatorView;
use crate::responses::progress::{self, UnitState};
use crate::web::admin::campaigns::progress_view::{self, UnitFilter, UnitRow};
use crate::web::forms::CsrfForm;
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Either, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![dashboard, campaign, invite,]
}

#[derive(Serialize)]
struct CampaignRow<'a> {
    id: i32,
    form_id: &'a str,
    title: &'a str,
    year: i32,
    status: campaigns::campaign::Status,
    closes_on: Option<String>,
    invited: usize,
    drafts: usize,
    submitted: usize,
}

#[derive(Serialize)]
struct FormChoice<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Dashboard<'a> {
    campaigns: Vec<CampaignRow<'a>>,
    forms: Vec<FormChoice<'a>>,
    /// Colleagues proposed by respondents, waiting for the secretariat (0 for reviewers).
    handovers_waiting: u64,
}

#[get("/")]
async fn dashboard(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<Either<RawHtml<String>, Redirect>> {
    // Reviewers read results, not the secretariat's progress (who answered, their addresses).
    if !staff.is_secretariat() {
        return Ok(Either::Right(Redirect::to("/review")));
    }
    let summaries = progress::list(&app.db).await?;
    let handovers_waiting = if staff.is_secretariat() {
        campaigns::handovers::waiting(&app.db).await?
    } else {
        0
    };
    let current = app.forms.current(&app.db).await?;
    let page = Dashboard {
        handovers_waiting,
        campaigns: summaries
            .iter()
            .map(|s| CampaignRow {
                id: s.campaign.id,
                form_id: &s.campaign.form_id,
                title: s.title(lang),
                year: s.campaign.year,
                status: s.campaign.status,
                closes_on: s.campaign.closes_on.map(fmt_day),
                invited: s.invited_units,
                drafts: s.drafts,
                submitted: s.submitted,
            })
            .collect(),
        forms: current
            .forms
            .values()
            .map(|f| FormChoice {
                id: &f.id,
                title: f.title.get(lang),
            })
            .collect(),
    };
    render(
        app,
        "admin/dashboard",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
    .map(Either::Left)
}

#[derive(Serialize)]
struct CampaignHead<'a> {
    id: i32,
    form_id: &'a str,
    year: i32,
    status: campaigns::campaign::Status,
    closes_on: Option<String>,
    closed_at: Option<String>,
    title: &'a str,
}

#[derive(Serialize)]
struct Counts {
    invited: usize,
    draft: usize,
    submitted: usize,
    /// Units with any answer at all (a draft, a submission, a returned one).
    answered: usize,
}

/// The automatic reminders in a sentence: `days` is `None` when there are none.
#[derive(Serialize)]
struct Schedule {
    days: Option<String>,
    max: String,
    gap: String,
    next: Option<String>,
}

impl Schedule {
    fn of(c: &campaigns::campaign::Model) -> Schedule {
        let days = c.reminder_days.days();
        let today = chrono::Utc::now().date_naive();
        let open = c.accepts_answers(today);
        Schedule {
            days: (!days.is_empty()).then(|| c.reminder_days.spaced()),
            max: c.reminder_max.to_string(),
            gap: c.reminder_gap_days.to_string(),
            next: c
                .closes_on
                .filter(|_| open)
                .and_then(|closes| c.reminder_days.next_on(closes, today))
                .map(fmt_day),
        }
    }
}

#[derive(Serialize)]
struct CampaignPage<'a> {
    campaign: CampaignHead<'a>,
    schedule: Schedule,
    units: Vec<UnitRow<'a>>,
    /// Units the filter keeps.
    shown: usize,
    countries: Vec<&'a str>,
    filter: &'a UnitFilter,
    counts: Counts,
    indicators: Vec<IndicatorView>,
}

#[get("/campaigns/<id>?<filter..>")]
async fn campaign(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    filter: UnitFilter,
    flash: Option<FlashMessage<'_>>,
) -> Result<Either<RawHtml<String>, Redirect>> {
    if !staff.is_secretariat() {
        return Ok(Either::Right(Redirect::to(format!(
            "/review/campaigns/{id}"
        ))));
    }
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let units = progress::unit_statuses(&app.db, &c, lang).await?;
    let indicators = crate::indicators::compute(&app.db, &c, lang, &app.renderer.i18n).await?;
    let count = |s: UnitState| units.iter().filter(|u| u.status == s).count();
    let rows = progress_view::rows(&units, &filter);
    let shown = rows.len();
    let page = CampaignPage {
        schedule: Schedule::of(&c),
        campaign: CampaignHead {
            id: c.id,
            form_id: &c.form_id,
            year: c.year,
            status: c.status,
            closes_on: c.closes_on.map(fmt_day),
            closed_at: c.closed_at.map(|t| crate::i18n::fmt_time(&t)),
            title: form.title.get(lang),
        },
        counts: Counts {
            invited: units.len(),
            draft: count(UnitState::Draft),
            submitted: count(UnitState::Submitted),
            answered: units.len() - count(UnitState::Invited),
        },
        units: rows,
        shown,
        countries: progress_view::countries(&units),
        filter: &filter,
        indicators: indicators
            .iter()
            .map(|i| IndicatorView::new(&app.renderer.i18n, lang, i))
            .collect(),
    };
    render(
        app,
        "admin/campaign",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
    .map(Either::Left)
}

#[post("/campaigns/<id>/invite", data = "<form>")]
async fn invite(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(form.csrf)?;
    let queued = campaigns::invite(app, &actor, id).await?;
    app.mail_wake.notify_one();
    let args = [("count", queued.to_string())];
    let text = app.renderer.text(lang, "flash-invitations-queued", &args);
    Ok(Flash::success(
        Redirect::to(format!("/admin/campaigns/{id}")),
        text,
    ))
}
