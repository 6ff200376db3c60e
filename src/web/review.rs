//! The reviewers' workspace (`/review`, every staff role): each survey with its campaigns by
//! year, and per campaign every indicator as a table and a chart, the same indicator over the
//! years, and the downloads as reviewers may have them (submitted responses; surveys answered
//! per contact without who answered, and without figures that rest on too few answers).
use super::charts::{self, Bar};
use super::export_page::{format_of, Download};
use super::indicator_view::IndicatorView;
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::campaigns::{self, campaign};
use crate::i18n::{I18n, Lang};
use crate::indicators::{self, figure, IndicatorValue};
use crate::responses::progress::{self, Summary};
use crate::Result;
use rocket::http::ContentType;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn routes() -> Vec<Route> {
    routes![home, campaign_page, download]
}

#[derive(Serialize)]
struct CampaignItem {
    id: i32,
    year: i32,
    open: bool,
    invited: usize,
    submitted: usize,
    rate: String,
}

impl From<&Summary> for CampaignItem {
    fn from(s: &Summary) -> Self {
        let rate = indicators::percent(s.submitted as f64, s.invited_units as f64);
        CampaignItem {
            id: s.campaign.id,
            year: s.campaign.year,
            open: s.campaign.status == campaign::Status::Open,
            invited: s.invited_units,
            submitted: s.submitted,
            rate: figure(rate, true),
        }
    }
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
}

#[get("/")]
async fn home(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let all = progress::list(&app.db).await?;
    let mut by_form: BTreeMap<&str, Vec<CampaignItem>> = BTreeMap::new();
    for s in &all {
        by_form
            .entry(&s.campaign.form_id)
            .or_default()
            .push(s.into());
    }
    let surveys = app
        .forms
        .forms
        .values()
        .map(|f| SurveyItem {
            id: &f.id,
            title: f.title.get(lang),
            campaigns: by_form.remove(f.id.as_str()).unwrap_or_default(),
        })
        .collect();
    let page = HomePage { surveys };
    render(
        app,
        "review/home",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(Serialize)]
struct YearRow {
    year: i32,
    campaign: i32,
    value: String,
    /// The change from the year before, signed.
    change: Option<String>,
    current: bool,
}

#[derive(Serialize)]
struct ReviewIndicator<'a> {
    #[serde(flatten)]
    view: IndicatorView<'a>,
    chart: Option<String>,
    years: Vec<YearRow>,
    years_chart: Option<String>,
}

#[derive(Serialize)]
struct CampaignPage<'a> {
    campaign: CampaignItem,
    survey: &'a str,
    title: &'a str,
    per_contact: bool,
    min_count: u32,
    indicators: Vec<ReviewIndicator<'a>>,
}

/// The indicators of `c` as reviewers see them.
async fn reviewed(app: &App, c: &campaign::Model, lang: Lang) -> Result<Vec<IndicatorValue>> {
    let mut values = indicators::compute(&app.db, c, lang, &app.renderer.i18n).await?;
    indicators::for_reviewers(&c.form()?, &mut values);
    Ok(values)
}

/// Every campaign of the survey by year, with each indicator's headline figure.
async fn history(
    app: &App,
    c: &campaign::Model,
    lang: Lang,
) -> Result<BTreeMap<i32, (i32, Vec<IndicatorValue>)>> {
    let mut out = BTreeMap::new();
    for s in campaigns::of_form(&app.db, &c.form_id).await? {
        let values = reviewed(app, &s, lang).await?;
        out.insert(s.year, (s.id, values));
    }
    Ok(out)
}

fn year_rows(
    id: &str,
    current: i32,
    history: &BTreeMap<i32, (i32, Vec<IndicatorValue>)>,
) -> (Vec<YearRow>, Vec<(i32, f64)>, bool) {
    let mut rows = Vec::new();
    let mut points = Vec::new();
    let mut percent = false;
    let mut before: Option<f64> = None;
    for (year, (campaign, values)) in history {
        let Some(v) = values.iter().find(|v| v.id == id) else {
            continue;
        };
        let Some(n) = v.value else { continue };
        percent = v.value_percent;
        let change = before.map(|b| {
            let d = n - b;
            let sign = if d > 0.0 { "+" } else { "" };
            format!("{sign}{}", figure(d, v.value_percent))
        });
        rows.push(YearRow {
            year: *year,
            campaign: *campaign,
            value: figure(n, v.value_percent),
            change,
            current: *year == current,
        });
        points.push((*year, n));
        before = Some(n);
    }
    (rows, points, percent)
}

/// The chart of an indicator: stacked shares where the columns are shares, else bars of its
/// main figure; the total row is in the table, not among the bars.
fn chart_of(ind: &IndicatorValue, caption: &str, i18n: &I18n, lang: Lang) -> Option<String> {
    let rows: Vec<_> = ind.rows.iter().filter(|r| r.key != "total").collect();
    if rows.is_empty() {
        return None;
    }
    let shares: Vec<usize> = (0..ind.columns.len())
        .filter(|i| ind.columns[*i].percent && ind.columns[*i].key != "rate")
        .collect();
    if shares.len() > 1 {
        let legend = shares
            .iter()
            .map(|i| ind.columns[*i].title(i18n, lang))
            .collect::<Vec<_>>();
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: r.label.clone(),
                values: shares
                    .iter()
                    .map(|i| r.cells.get(*i).copied().unwrap_or(0.0))
                    .collect(),
            })
            .collect();
        return Some(charts::bars(caption, &bars, &legend, true));
    }
    let keys = ["rate", "mean", "units", "count", "sum", "total"];
    let col = keys
        .iter()
        .find_map(|k| ind.columns.iter().position(|c| c.key == *k))
        .unwrap_or(0);
    let percent = ind.columns.get(col).is_some_and(|c| c.percent);
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.label.clone(),
            values: vec![r.cells.get(col).copied().unwrap_or(0.0)],
        })
        .collect();
    Some(charts::bars(caption, &bars, &[], percent))
}

#[get("/campaigns/<id>")]
async fn campaign_page(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let summary = progress::summary(&app.db, c.clone()).await?;
    let history = history(app, &c, lang).await?;
    let values = match history.get(&c.year) {
        Some((_, v)) => v.clone(),
        None => reviewed(app, &c, lang).await?,
    };
    let i18n = &app.renderer.i18n;
    let indicators = values
        .iter()
        .map(|v| {
            let caption = format!("ind-{}", v.id);
            let (years, points, percent) = year_rows(&v.id, c.year, &history);
            let years_caption = format!("years-{}", v.id);
            ReviewIndicator {
                chart: chart_of(v, &caption, i18n, lang),
                years_chart: (points.len() > 1)
                    .then(|| charts::years(&years_caption, &points, percent)),
                years,
                view: IndicatorView::new(i18n, lang, v),
            }
        })
        .collect();
    let page = CampaignPage {
        campaign: (&summary).into(),
        survey: &c.form_id,
        title: form.title.get(lang),
        per_contact: form.unit == crate::forms::schema::Unit::Contact,
        min_count: form.reviewer_min_count,
        indicators,
    };
    render(
        app,
        "review/campaign",
        &Base::new(lang, Some(&staff), None),
        &page,
    )
}

/// A reviewer's download: submitted responses only, per-contact surveys anonymous.
#[get("/campaigns/<id>/export?<format>&<lang>")]
async fn download(
    app: &State<App>,
    staff: Staff,
    page_lang: Lang,
    id: i32,
    format: &str,
    lang: Option<&str>,
) -> Result<Download> {
    let format = format_of(format).ok_or(crate::Error::NotFound)?;
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let c = campaigns::get(&app.db, id).await?;
    let i18n = &app.renderer.i18n;
    let (e, file) = crate::export::reviewer_file(&app.db, &c, format, lang, i18n).await?;
    let detail = format!(
        "{} responses, {}, as reviewer",
        e.responses.len(),
        file.extension
    );
    staff
        .audit(app, Action::Export, Target::Campaign(id), Some(detail))
        .await?;
    Ok(Download {
        name: file.name(&e),
        content_type: ContentType::parse_flexible(file.content_type).unwrap_or(ContentType::Binary),
        bytes: file.bytes,
    })
}
