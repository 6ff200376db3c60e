//! Indicators: the aggregations a schema declares, computed by one engine for any campaign.
//! Only submitted responses count. Every number can be recounted by hand from the export.
mod kinds;
mod origin;
mod privacy;
mod tables;
mod texts;

pub use privacy::for_reviewers;
pub use texts::{fold, Quote};

use crate::campaigns::{self, campaign, UnitKey};
use crate::forms::schema::{Breakdown, IndicatorKind};
use crate::i18n::{I18n, Lang};
use crate::responses::response;
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub cells: Vec<f64>,
}

/// A column: a fixed kind of figure (`units`, `sum`, ... shown through the texts `ind-col-*`)
/// or a choice of the form, which brings its own label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Column {
    pub key: String,
    pub label: Option<String>,
    /// Its figures are percentages.
    pub percent: bool,
}

impl Column {
    fn fixed(key: &str) -> Self {
        Column {
            key: key.into(),
            label: None,
            percent: key == "rate",
        }
    }

    /// The heading in `lang`.
    pub fn title(&self, i18n: &I18n, lang: Lang) -> String {
        match &self.label {
            Some(label) => label.clone(),
            None => i18n.text(lang, &format!("ind-col-{}", self.key), &[]),
        }
    }

    pub(crate) fn choice(key: &str, label: &str) -> Self {
        Column {
            key: key.into(),
            label: Some(label.into()),
            percent: false,
        }
    }

    fn share(key: &str, label: &str) -> Self {
        Column {
            percent: true,
            ..Column::choice(key, label)
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndicatorValue {
    pub id: String,
    pub codes: Vec<String>,
    pub label: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The headline figure, where the indicator has one.
    pub value: Option<f64>,
    /// The headline figure is a percentage.
    pub value_percent: bool,
    pub target: Option<f64>,
    pub met: Option<bool>,
    /// For `texts`: the texts by group, merged and attributed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// Rows withheld from reviewers (their labels) because too few answers make them up.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
}

/// A submitted answer set with what it is broken down by.
pub struct Unit {
    pub key: UnitKey,
    pub country: String,
    pub ceems: bool,
    pub answers: Map<String, Value>,
}

/// What every kind of indicator may need besides the answers.
pub(crate) struct Context<'a> {
    pub lang: Lang,
    pub i18n: &'a I18n,
    pub units: Vec<Unit>,
    /// Invited units: key -> (country, CEEMS).
    pub invited: BTreeMap<UnitKey, (String, bool)>,
    pub countries: std::collections::HashMap<String, crate::directory::country::Model>,
    /// Every institute's country, by acronym, and every country's CEEMS status in the
    /// campaign's year: where a row's partner comes from.
    pub institutes: std::collections::HashMap<String, String>,
    pub ceems: std::collections::HashMap<String, bool>,
}

impl Context<'_> {
    pub fn breakdown(&self, by: Breakdown, country: &str, ceems: bool) -> (String, String) {
        match by {
            Breakdown::Country => (
                country.to_string(),
                self.countries
                    .get(country)
                    .map(|c| c.name(self.lang).to_string())
                    .unwrap_or_else(|| country.to_string()),
            ),
            // Keys a reader of the JSON or CSV understands, not "true" and "false".
            Breakdown::Ceems => (
                (if ceems { "ceems" } else { "other" }).to_string(),
                self.word(if ceems { "ceems" } else { "others" }),
            ),
        }
    }

    /// The few words the engine itself writes into tables (`word-*` texts).
    pub fn word(&self, which: &str) -> String {
        self.i18n.text(self.lang, &format!("word-{which}"), &[])
    }

    /// A unit's name in tables: the institute's acronym, the country, or the contact number.
    pub fn unit_label(&self, key: &UnitKey) -> String {
        match key {
            UnitKey::Country(code) => self.breakdown(Breakdown::Country, code, false).1,
            UnitKey::Institute(acronym) => acronym.clone(),
            UnitKey::Contact(id) => id.to_string(),
        }
    }
}

/// Every indicator the campaign's schema declares, labelled in `lang`.
pub async fn compute(
    db: &impl ConnectionTrait,
    campaign: &campaign::Model,
    lang: Lang,
    i18n: &I18n,
) -> Result<Vec<IndicatorValue>> {
    let mut units = Vec::new();
    for r in response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign.id))
        .filter(response::Column::Status.eq(response::Status::Submitted))
        .all(db)
        .await?
    {
        units.push(Unit {
            answers: r.answers()?,
            key: r.unit_key,
            country: r.country_code.unwrap_or_default(),
            ceems: r.ceems,
        });
    }
    compute_over(db, campaign, units, lang, i18n).await
}

/// The same over `units`, the campaign's submitted answer sets already read (by the export).
pub async fn compute_over(
    db: &impl ConnectionTrait,
    campaign: &campaign::Model,
    units: Vec<Unit>,
    lang: Lang,
    i18n: &I18n,
) -> Result<Vec<IndicatorValue>> {
    let form = campaign.form()?;
    // The status of the campaign's year, as set now: a later change of that year counts, a
    // change of another year does not.
    let ceems = crate::directory::countries::ceems_in(db, campaign.year).await?;
    let mut units = units;
    for u in &mut units {
        u.ceems = ceems.get(&u.country).copied().unwrap_or(u.ceems);
    }
    let countries = campaigns::countries(db).await?;
    let invited = campaigns::invited_units(db, campaign.id)
        .await?
        .into_iter()
        .map(|u| (u.key, (u.country_code, u.ceems)))
        .collect();
    let ctx = Context {
        lang,
        i18n,
        units,
        invited,
        countries,
        institutes: crate::directory::institutes_by_id(db)
            .await?
            .into_values()
            .map(|i| (i.acronym, i.country_code))
            .collect(),
        ceems,
    };
    let mut out = Vec::new();
    for ind in &form.indicators {
        let mut value = IndicatorValue {
            id: ind.id.clone(),
            codes: ind.codes.clone(),
            label: ind.label.get(lang).to_string(),
            columns: Vec::new(),
            rows: Vec::new(),
            value: None,
            value_percent: false,
            target: ind.target,
            met: None,
            withheld: Vec::new(),
            quotes: Vec::new(),
        };
        match ind.kind {
            IndicatorKind::ResponseRate => kinds::response_rate(&ctx, ind, &mut value),
            IndicatorKind::Distribution => kinds::distribution(&form, &ctx, ind, &mut value, false),
            IndicatorKind::Ranking => kinds::ranking(&form, &ctx, ind, &mut value),
            IndicatorKind::DistinctCount => kinds::distinct_count(&form, &ctx, ind, &mut value),
            IndicatorKind::Sum => kinds::sum(&form, &ctx, ind, &mut value),
            IndicatorKind::CountUnits => kinds::count_units(&form, &ctx, ind, &mut value),
            IndicatorKind::Mean => kinds::mean(&form, &ctx, ind, &mut value),
            IndicatorKind::Table => tables::table(&form, &ctx, ind, &mut value),
            IndicatorKind::GridShare => tables::grid_share(&form, &ctx, ind, &mut value),
            IndicatorKind::Texts => texts::texts(&form, &ctx, ind, &mut value),
            IndicatorKind::OriginSum => origin::origin_sum(&form, &ctx, ind, &mut value),
            IndicatorKind::Combined => tables::combined(&out, ind, &mut value),
        }
        value.met = match (value.target, value.value) {
            (Some(t), Some(v)) => Some(v >= t),
            _ => None,
        };
        out.push(value);
    }
    Ok(out)
}

/// A figure as people read it, with the language's decimal mark: a rate with its `%`.
pub fn figure(n: f64, percent: bool, lang: Lang) -> String {
    let text = lang.decimal(crate::forms::validate::fmt_num(n));
    if percent {
        format!("{text} %")
    } else {
        text
    }
}

pub fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        (part / whole * 1000.0).round() / 10.0
    }
}
