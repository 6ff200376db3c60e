//! The roadmap overview: every indicator of the roadmap (`seeds/roadmap-indicators.csv`), the
//! survey indicators that feed it (by the `codes` of the forms' indicators), and their value,
//! target and status in every year that had a campaign; those no survey feeds are listed as
//! such. What the reviewers see, so per-contact surveys count as they do on their pages.
use crate::campaigns::campaign;
use crate::forms::Registry;
use crate::i18n::{I18n, Lang};
use crate::indicators::figure;
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

/// The roadmap's indicators, in the file's order.
#[derive(Debug, Clone, Default)]
pub struct Roadmap(pub Vec<RoadmapIndicator>);

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
        Ok(Roadmap(rows))
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

#[derive(Debug, Serialize)]
pub struct Overview {
    pub years: Vec<i32>,
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
            feeds: feeds(&r.code, forms, &values, &years, lang),
        })
        .collect();
    let unfed = codes.iter().filter(|c| c.feeds.is_empty()).count();
    Ok(Overview {
        years,
        codes,
        unfed,
    })
}

fn feeds(code: &str, forms: &Registry, values: &Values, years: &[i32], lang: Lang) -> Vec<Feed> {
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
                        value: v.and_then(|v| v.value.map(|n| figure(n, v.value_percent, lang))),
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
