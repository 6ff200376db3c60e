//! The results as people read them, for the reviewers' pages and the annual report alike: a
//! campaign's indicators as reviewers may see them, each with its chart and its figures over
//! the years, and a year's report over every survey. Plain data for the templates; neither
//! Rocket nor the command line is known here.
mod annual;
pub mod charts;
pub mod files;
pub mod markdown;
pub mod picture;
pub mod roadmap;
pub mod texts;
mod view;
mod years;

pub use annual::{year_report, Report};
pub use view::{IndicatorRowView, IndicatorView};

use crate::campaigns::{self, campaign};
use crate::forms::schema::Unit;
use crate::i18n::{I18n, Lang};
use crate::indicators::{self, figure, IndicatorValue};
use crate::responses::progress::{self, Summary};
use crate::Result;
use charts::Bar;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::collections::BTreeMap;

/// A campaign in a list: its year, state and response rate.
#[derive(Debug, Serialize)]
pub struct CampaignItem {
    pub id: i32,
    pub year: i32,
    pub open: bool,
    pub invited: usize,
    pub submitted: usize,
    pub rate: String,
}

impl CampaignItem {
    pub fn new(s: &Summary, lang: Lang) -> Self {
        let rate = indicators::percent(s.submitted as f64, s.invited_units as f64);
        CampaignItem {
            id: s.campaign.id,
            year: s.campaign.year,
            open: s.campaign.status == campaign::Status::Open,
            invited: s.invited_units,
            submitted: s.submitted,
            rate: figure(rate, true, lang),
        }
    }
}

/// An indicator's figure in one year, and its change from the year before.
#[derive(Debug, Serialize)]
pub struct YearRow {
    pub year: i32,
    pub campaign: i32,
    pub value: String,
    pub change: Option<String>,
    pub current: bool,
}

/// A chart of an indicator, and what its bars show (a column's title) for its caption.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Its place among the indicator's charts, from 1: the download's name.
    pub n: usize,
    pub svg: String,
    pub shows: String,
}

#[derive(Serialize)]
pub struct IndicatorResult {
    #[serde(flatten)]
    pub view: IndicatorView,
    /// Unique on a page that shows several surveys: `<survey>-<indicator>`.
    pub anchor: String,
    /// The campaign, whose address its files are downloaded from.
    pub campaign: i32,
    /// The fewest answers a figure shown to reviewers rests on (per-contact surveys).
    pub min_count: u32,
    /// Its charts: one, or one per figure where it counts two things (institutes and staff).
    pub charts: Vec<Chart>,
    pub years: Vec<YearRow>,
    pub years_chart: Option<String>,
    /// For an indicator without a headline figure: its rows year by year.
    pub year_table: Option<years::YearTable>,
}

/// A campaign's results as reviewers may see them.
#[derive(Serialize)]
pub struct CampaignResults {
    pub campaign: CampaignItem,
    pub survey: String,
    pub title: String,
    pub per_contact: bool,
    pub min_count: u32,
    /// The response rate of the year before, where there was a campaign.
    pub rate_before: Option<String>,
    pub indicators: Vec<IndicatorResult>,
    /// The rows of another survey that fit this one's (needs and offers), where declared.
    pub matches: Vec<crate::responses::matching::MatchResult>,
    /// The secretariat's commentary on the survey, in the annual report.
    pub commentary: Option<annual::Shown>,
}

/// The indicators of `c` as reviewers see them.
pub async fn reviewed(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    lang: Lang,
    i18n: &I18n,
) -> Result<Vec<IndicatorValue>> {
    let mut values = indicators::compute(db, c, lang, i18n).await?;
    indicators::for_reviewers(&c.form()?, &mut values);
    Ok(values)
}

/// Campaign `c`'s results, with every year of its survey up to `c`'s beside it.
pub async fn campaign_results(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    lang: Lang,
    i18n: &I18n,
) -> Result<CampaignResults> {
    let form = c.form()?;
    let history = history(db, c, lang, i18n).await?;
    let mut before = None;
    if let Some(s) = campaigns::of_form(db, &c.form_id)
        .await?
        .into_iter()
        .find(|s| s.year == c.year - 1)
    {
        let summary = progress::summary(db, s).await?;
        before = Some(CampaignItem::new(&summary, lang).rate);
    }
    let summary = progress::summary(db, c.clone()).await?;
    let values = match history.get(&c.year) {
        Some((_, v)) => v.clone(),
        None => reviewed(db, c, lang, i18n).await?,
    };
    let indicators = values
        .into_iter()
        .map(|v| {
            let anchor = format!("{}-{}", c.form_id, v.id);
            let mut r = indicator_result(v, &anchor, c.year, &history, (i18n, lang));
            r.min_count = form.reviewer_min_count;
            r.campaign = c.id;
            r
        })
        .collect();
    Ok(CampaignResults {
        campaign: CampaignItem::new(&summary, lang),
        survey: c.form_id.clone(),
        title: form.title.get(lang).to_string(),
        per_contact: form.unit == Unit::Contact,
        min_count: form.reviewer_min_count,
        rate_before: before,
        indicators,
        matches: crate::responses::matching::for_campaign(db, c, lang, i18n).await?,
        commentary: None,
    })
}

pub(crate) type History = BTreeMap<i32, (i32, Vec<IndicatorValue>)>;

/// The indicators of every campaign of `c`'s survey up to `c`'s year (later campaigns are not
/// shown beside it), by year, as reviewers see them.
pub(crate) async fn history(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    lang: Lang,
    i18n: &I18n,
) -> Result<History> {
    let mut history = BTreeMap::new();
    for s in campaigns::of_form(db, &c.form_id).await? {
        if s.year <= c.year {
            history.insert(s.year, (s.id, reviewed(db, &s, lang, i18n).await?));
        }
    }
    Ok(history)
}

pub(super) fn indicator_result(
    v: IndicatorValue,
    anchor: &str,
    year: i32,
    history: &History,
    (i18n, lang): (&I18n, Lang),
) -> IndicatorResult {
    let (years, points, percent) = year_rows(&v.id, year, history, (i18n, lang));
    let years_caption = format!("years-{anchor}");
    let charts = charts_of(&v, anchor, i18n, lang);
    let year_table = match points.len() {
        0 => years::table(&v, year, history, main_column(&v), (i18n, lang)),
        _ => None,
    };
    IndicatorResult {
        anchor: anchor.to_string(),
        campaign: 0,
        min_count: 0,
        charts,
        years_chart: (points.len() > 1)
            .then(|| charts::years(&years_caption, &points, percent, lang)),
        years,
        year_table,
        view: IndicatorView::new(i18n, lang, &v),
    }
}

/// The indicator's headline figure in every year up to `current`, with the change.
fn year_rows(
    id: &str,
    current: i32,
    history: &History,
    (i18n, lang): (&I18n, Lang),
) -> (Vec<YearRow>, Vec<(i32, f64)>, bool) {
    let (mut rows, mut points, mut percent) = (Vec::new(), Vec::new(), false);
    let mut before: Option<f64> = None;
    for (year, (campaign, values)) in history.range(..=current) {
        let Some(v) = values.iter().find(|v| v.id == id) else {
            continue;
        };
        let Some(n) = v.value else { continue };
        percent = v.value_percent;
        let change = before.map(|b| {
            let d = ((n - b) * 100.0).round() / 100.0;
            let sign = if d > 0.0 { "+" } else { "" };
            let n = format!("{sign}{}", figure(d, false, lang));
            // A change of a rate is in percentage points, not a percentage of it.
            match v.value_percent {
                true => i18n.text(lang, "review-points", &[("n", n)]),
                false => n,
            }
        });
        rows.push(YearRow {
            year: *year,
            campaign: *campaign,
            value: figure(n, v.value_percent, lang),
            change,
            current: *year == current,
        });
        points.push((*year, n));
        before = Some(n);
    }
    (rows, points, percent)
}

/// The charts of an indicator: stacked segments where its columns are parts of a whole (the
/// shares of a grid's row, a cross-table), else bars of its main figure (a rate, a mean, a
/// sum's total, else the units) and, where it also sums a number (staff), bars of that sum.
/// The total row is in the table, not among the bars.
pub fn charts_of(ind: &IndicatorValue, anchor: &str, i18n: &I18n, lang: Lang) -> Vec<Chart> {
    let rows: Vec<_> = ind.rows.iter().filter(|r| r.key != "total").collect();
    if rows.is_empty() {
        return Vec::new();
    }
    let cell = |r: &indicators::Row, i: usize| r.cells.get(i).copied().unwrap_or(0.0);
    let chart = |n: usize, cols: &[usize], percent: bool| {
        let labelled_by = format!("ind-{anchor} chart-{anchor}-{n}");
        let legend: Vec<String> = cols
            .iter()
            .map(|i| ind.columns[*i].title(i18n, lang))
            .collect();
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: r.label.clone(),
                values: cols.iter().map(|i| cell(r, *i)).collect(),
            })
            .collect();
        Chart {
            n,
            svg: charts::bars(&labelled_by, &bars, &legend, percent, lang),
            shows: legend.join(" / "),
        }
    };
    let parts: Vec<usize> = (0..ind.columns.len())
        .filter(|i| match ind.stacked {
            true => ind.columns[*i].key != "total",
            false => ind.columns[*i].percent && ind.columns[*i].key != "rate",
        })
        .collect();
    if parts.len() > 1 {
        return vec![chart(1, &parts, !ind.stacked)];
    }
    let col = main_column(ind);
    let percent = ind.columns.get(col).is_some_and(|c| c.percent);
    let mut out = vec![chart(1, &[col], percent)];
    if let Some(sum) = ind.columns.iter().position(|c| c.key == "sum") {
        if sum != col {
            out.push(chart(2, &[sum], false));
        }
    }
    out
}

/// The column an indicator is drawn and compared by: a rate, a mean, a sum's total, else the
/// units.
pub(crate) fn main_column(ind: &IndicatorValue) -> usize {
    let keys = ["rate", "mean", "total", "units", "count", "sum"];
    keys.iter()
        .find_map(|k| ind.columns.iter().position(|c| c.key == *k))
        .unwrap_or(0)
}
