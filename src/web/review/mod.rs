//! The reviewers' workspace (`/review`, every staff role): each survey with its campaigns by
//! year; per campaign every indicator as a table and a chart, over the years, and the
//! downloads as reviewers may have them (submitted responses; of a survey answered per contact
//! only its indicators, without figures that rest on too few answers); and the annual
//! report for the COOMET Committee. What the pages show is built in `report`.
use crate::app::App;
use crate::campaigns;
use crate::i18n::Lang;
use crate::report::{self, CampaignItem};
use crate::responses::progress;
use crate::web::admin::campaigns::export::Download;
use crate::web::staff::session::Staff;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use serde::Serialize;
use std::collections::BTreeMap;

mod files;
mod texts;

pub fn routes() -> Vec<Route> {
    routes![
        home,
        campaign_page,
        download,
        year_report,
        roadmap,
        texts::edit,
        texts::save,
        files::table,
        files::chart,
        files::roadmap
    ]
}

#[derive(Serialize)]
struct SurveyItem<'a> {
    id: &'a str,
    title: &'a str,
    campaigns: Vec<CampaignItem>,
}

#[derive(Serialize)]
struct HomePage<'a> {
    surveys: Vec<SurveyItem<'a>>,
    /// Years with a campaign, newest first: each has its report.
    years: Vec<i32>,
}

#[get("/")]
async fn home(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let all = progress::list(&app.db).await?;
    let mut years: Vec<i32> = all.iter().map(|s| s.campaign.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut by_form: BTreeMap<&str, Vec<CampaignItem>> = BTreeMap::new();
    for s in &all {
        by_form
            .entry(&s.campaign.form_id)
            .or_default()
            .push(CampaignItem::new(s, lang));
    }
    let current = app.forms.current(&app.db).await?;
    let mut surveys: Vec<SurveyItem> = current
        .forms
        .values()
        .map(|f| SurveyItem {
            id: &f.id,
            title: f.title.get(lang),
            campaigns: by_form.remove(f.id.as_str()).unwrap_or_default(),
        })
        .collect();
    // Surveys with campaigns first, newest year first; those never run after them.
    let newest = |s: &SurveyItem| s.campaigns.first().map(|c| c.year);
    surveys.sort_by_key(|s| std::cmp::Reverse(newest(s)));
    let page = HomePage { surveys, years };
    let base = Base::new(lang, Some(&staff), flash);
    render(app, "review/home", &base, &page)
}

#[get("/campaigns/<id>")]
async fn campaign_page(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let page = report::campaign_results(&app.db, &c, lang, &app.renderer.i18n).await?;
    let base = Base::new(lang, Some(&staff), None);
    render(app, "review/campaign", &base, &page)
}

/// The annual report of `year`, to read or print (its print style drops the navigation).
#[get("/report/<year>")]
async fn year_report(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    year: i32,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let i18n = &app.renderer.i18n;
    let page = report::year_report(
        &app.db,
        &*app.forms.current(&app.db).await?,
        year,
        lang,
        i18n,
    )
    .await?;
    if page.surveys.is_empty() {
        return Err(crate::Error::NotFound);
    }
    let base = Base::new(lang, Some(&staff), flash);
    render(app, "review/report", &base, &page)
}

/// The roadmap's indicators with the survey figures that feed them, year by year.
#[get("/roadmap")]
async fn roadmap(
    app: &State<App>,
    roadmap: &State<report::roadmap::Roadmap>,
    staff: Staff,
    lang: Lang,
) -> Result<RawHtml<String>> {
    let i18n = &app.renderer.i18n;
    let page = report::roadmap::overview(
        &app.db,
        &*app.forms.current(&app.db).await?,
        roadmap,
        lang,
        i18n,
    )
    .await?;
    let base = Base::new(lang, Some(&staff), None);
    render(app, "review/roadmap", &base, &page)
}

/// A reviewer's download: submitted responses only; of a per-contact survey, the indicators'
/// workbook alone (`export::gives_rows`).
#[get("/campaigns/<id>/export?<format>&<lang>")]
async fn download(
    app: &State<App>,
    staff: Staff,
    page_lang: Lang,
    id: i32,
    format: &str,
    lang: Option<&str>,
) -> Result<Download> {
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let labels = crate::export::Headings::Labels;
    crate::web::admin::campaigns::export::serve(app, &staff, id, (format, labels), lang, true).await
}
