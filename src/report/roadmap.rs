//! The roadmap overview: every indicator of the roadmap (`seeds/roadmap-indicators.csv`), the
//! survey indicators that feed it (by the `codes` of the forms' indicators), and their value,
//! target and status in every year that had a campaign; those no survey feeds are listed as
//! such. What the reviewers see, so per-contact surveys count as they do on their pages.
use crate::campaigns::campaign;
use crate::forms::Registry;
use crate::i18n::{I18n, Lang};
use crate::indicators::{figure, IndicatorValue};
use crate::{Error, Result};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One indicator of the roadmap, in both languages.
#[derive(Debug, Clone, Deserialize)]
pub struct RoadmapIndicator {
    pub code: String,
    pub task: String,
    pub text_en: String,
    pub text_ru: String,
    pub cadence_en: String,
    pub cadence_ru: String,
}

/// The roadmap's indicators, in the file's order, and its last year
/// (`seeds/organisation.toml`'s `roadmap_ends`).
#[derive(Debug, Clone, Default)]
pub struct Roadmap(pub Vec<RoadmapIndicator>, pub Option<i32>);

impl Roadmap {
    /// Reads `roadmap-indicators.csv` of `seeds_dir`; a bad row stops the start.
    pub fn load(seeds_dir: &Path) -> Result<Roadmap> {
        let path = seeds_dir.join("roadmap-indicators.csv");
        let mut reader = csv::Reader::from_path(&path)
            .map_err(|e| Error::Seed(format!("{}: {e}", path.display())))?;
        let rows = reader
            .deserialize()
            .collect::<std::result::Result<Vec<RoadmapIndicator>, _>>()
            .map_err(|e| Error::Seed(format!("{}: {e}", path.display())))?;
        let ends = crate::config::organisation(seeds_dir)
            .map_err(Error::Seed)?
            .roadmap_ends;
        Ok(Roadmap(rows, ends))
    }
}

/// A survey indicator's figure in one year.
#[derive(Debug, Serialize)]
pub struct YearCell {
    pub value: Option<String>,
    pub met: Option<bool>,
    /// The campaign's results page, at the indicator.
    pub href: Option<String>,
}

/// A survey indicator that feeds a roadmap indicator.
#[derive(Debug, Serialize)]
pub struct Feed {
    pub survey: String,
    pub label: String,
    pub target: Option<String>,
    pub years: Vec<YearCell>,
}

#[derive(Debug, Serialize)]
pub struct CodeRow {
    pub code: String,
    pub text: String,
    pub cadence: String,
    pub feeds: Vec<Feed>,
}

/// A year's column: after 2025 the roadmap's indicators are continued, not its own.
#[derive(Debug, Serialize)]
pub struct YearHead {
    pub year: i32,
    pub after: bool,
}

#[derive(Debug, Serialize)]
pub struct Overview {
    pub years: Vec<YearHead>,
    pub codes: Vec<CodeRow>,
    /// How many roadmap indicators no survey feeds.
    pub unfed: usize,
}

type Values = BTreeMap<(String, i32), (i32, Vec<crate::indicators::IndicatorValue>)>;

/// The indicators of every campaign, as reviewers see them, by survey and year.
async fn every_campaign(db: &impl ConnectionTrait, lang: Lang, i18n: &I18n) -> Result<Values> {
    let mut out = BTreeMap::new();
    let all = campaign::Entity::find()
        .order_by_asc(campaign::Column::Year)
        .all(db)
        .await?;
    for c in all {
        let values = super::reviewed(db, &c, lang, i18n).await?;
        out.insert((c.form_id.clone(), c.year), (c.id, values));
    }
    Ok(out)
}

pub async fn overview(
    db: &impl ConnectionTrait,
    forms: &Registry,
    roadmap: &Roadmap,
    lang: Lang,
    i18n: &I18n,
) -> Result<Overview> {
    let values = every_campaign(db, lang, i18n).await?;
    let mut years: Vec<i32> = values.keys().map(|(_, y)| *y).collect();
    years.sort_unstable();
    years.dedup();
    let codes: Vec<CodeRow> = roadmap
        .0
        .iter()
        .map(|r| CodeRow {
            code: r.code.clone(),
            text: lang.pick(&r.text_en, &r.text_ru).to_string(),
            cadence: lang.pick(&r.cadence_en, &r.cadence_ru).to_string(),
            feeds: feeds(&r.code, forms, &values, &years, (i18n, lang)),
        })
        .collect();
    let unfed = codes.iter().filter(|c| c.feeds.is_empty()).count();
    Ok(Overview {
        years: years
            .into_iter()
            .map(|year| YearHead {
                year,
                after: roadmap.1.is_some_and(|ends| year > ends),
            })
            .collect(),
        codes,
        unfed,
    })
}

/// What a survey indicator contributes in a year: its headline figure; without one, the
/// total row's main figure; else its largest row, named; else that nothing is there yet.
fn contribution(v: &IndicatorValue, i18n: &I18n, lang: Lang) -> String {
    figures(v, i18n, lang).unwrap_or_else(|| {
        let key = match v.submitted {
            0 => "roadmap-nothing",
            _ => "roadmap-blank",
        };
        i18n.text(lang, key, &[])
    })
}

fn figures(v: &IndicatorValue, i18n: &I18n, lang: Lang) -> Option<String> {
    if v.submitted == 0 && v.answered.is_some() {
        return None;
    }
    if let Some(n) = v.value {
        return Some(figure(n, v.value_percent, lang));
    }
    let col = super::main_column(v);
    let column = v.columns.get(col)?;
    // "institutes: 3" rather than "3 institutes": a title in the plural reads right beside
    // any number in Russian ("институты: 2", never "2 институты").
    let written = |n: f64| {
        let title = column.title(i18n, lang);
        format!("{title}: {}", figure(n, column.percent, lang))
    };
    if let Some(total) = v.rows.iter().find(|r| r.key == "total") {
        return total.cells.get(col).map(|n| written(*n));
    }
    let top = v
        .rows
        .iter()
        .filter(|r| r.cells.get(col).is_some_and(|n| *n > 0.0))
        .max_by(|a, b| a.cells[col].total_cmp(&b.cells[col]))?;
    let args = [
        ("label", top.label.clone()),
        ("figure", written(top.cells[col])),
    ];
    Some(i18n.text(lang, "roadmap-top", &args))
}

fn feeds(
    code: &str,
    forms: &Registry,
    values: &Values,
    years: &[i32],
    (i18n, lang): (&I18n, Lang),
) -> Vec<Feed> {
    let mut out = Vec::new();
    for form in forms.forms.values() {
        for ind in form
            .indicators
            .iter()
            .filter(|i| i.codes.iter().any(|c| c == code))
        {
            let cells = years
                .iter()
                .map(|y| {
                    let Some((id, vals)) = values.get(&(form.id.clone(), *y)) else {
                        return YearCell {
                            value: None,
                            met: None,
                            href: None,
                        };
                    };
                    let v = vals.iter().find(|v| v.id == ind.id);
                    YearCell {
                        value: v.map(|v| contribution(v, i18n, lang)),
                        met: v.and_then(|v| v.met),
                        href: Some(format!("/review/campaigns/{id}#ind-{}-{}", form.id, ind.id)),
                    }
                })
                .collect();
            out.push(Feed {
                survey: form.title.get(lang).to_string(),
                label: ind.label.get(lang).to_string(),
                target: ind.target.map(|t| figure(t, false, lang)),
                years: cells,
            });
        }
    }
    out
}
