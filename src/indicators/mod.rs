//! Indicators: the aggregations a schema declares, computed by one engine for any campaign.
//! Only submitted responses count. Every number can be recounted by hand from the export.
mod cross;
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
    pub(crate) fn fixed(key: &str) -> Self {
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
    /// Units whose submitted answers it is computed over.
    pub submitted: usize,
    /// Of those, the units that answered its question (none for a response rate): the rest
    /// left it blank.
    pub answered: Option<usize>,
    /// Its columns are parts of one whole (a cross-table): drawn as stacked bars.
    #[serde(skip)]
    pub stacked: bool,
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

    /// Rows in the order of their labels in the page's language (Russian names by Russian
    /// collation), "total" last.
    pub fn sort_by_name(&self, rows: &mut [Row]) {
        rows.sort_by(|a, b| {
            (a.key == "total")
                .cmp(&(b.key == "total"))
                .then_with(|| self.lang.collate(&a.label, &b.label))
        });
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
            submitted: ctx.units.len(),
            answered: answered(&form, &ctx, ind),
            stacked: false,
        };
        fill(&form, &ctx, ind, &out, &mut value);
        value.met = match (value.target, value.value) {
            (Some(t), Some(v)) => Some(v >= t),
            _ => None,
        };
        name_columns(&form, ind, &mut value, &ctx);
        out.push(value);
    }
    Ok(out)
}

/// The indicator's figures, by its kind.
fn fill(
    form: &crate::forms::Form,
    ctx: &Context,
    ind: &crate::forms::schema::Indicator,
    done: &[IndicatorValue],
    value: &mut IndicatorValue,
) {
    match (ind.kind, ind.by) {
        (IndicatorKind::Distribution, Some(by)) if is_group(form, ind) => {
            cross::by_place(form, ctx, ind, by, value)
        }
        (IndicatorKind::ResponseRate, _) => kinds::response_rate(ctx, ind, value),
        (IndicatorKind::Distribution, _) => kinds::distribution(form, ctx, ind, value, false),
        (IndicatorKind::Cross, _) => cross::cross(form, ctx, ind, value),
        (IndicatorKind::Ranking, _) => kinds::ranking(form, ctx, ind, value),
        (IndicatorKind::DistinctCount, _) => kinds::distinct_count(form, ctx, ind, value),
        (IndicatorKind::Sum, _) => kinds::sum(form, ctx, ind, value),
        (IndicatorKind::CountUnits, _) => kinds::count_units(form, ctx, ind, value),
        (IndicatorKind::Mean, _) => kinds::mean(form, ctx, ind, value),
        (IndicatorKind::Table, _) => tables::table(form, ctx, ind, value),
        (IndicatorKind::GridShare, _) => tables::grid_share(form, ctx, ind, value),
        (IndicatorKind::Texts, _) => texts::texts(form, ctx, ind, value),
        (IndicatorKind::OriginSum, _) => origin::origin_sum(form, ctx, ind, value),
        (IndicatorKind::Combined, _) => tables::combined(done, ind, value),
    }
}

fn is_group(form: &crate::forms::Form, ind: &crate::forms::schema::Indicator) -> bool {
    kinds::resolve(form, ind.question.as_deref())
        .is_some_and(|(scope, q)| scope.is_none() && q.kind == crate::forms::schema::Kind::Group)
}

/// How many units answered the indicator's question at all: a choice, a number, a text, a
/// text beside a choice, or a group or grid with a row.
fn answered(
    form: &crate::forms::Form,
    ctx: &Context,
    ind: &crate::forms::schema::Indicator,
) -> Option<usize> {
    use crate::forms::schema::Kind;
    let (scope, q) = kinds::resolve(form, ind.question.as_deref())?;
    let given = |v: Option<&Value>| match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    };
    let detail = format!("{}.detail", q.id);
    let n = ctx
        .units
        .iter()
        .filter(|u| match (scope, q.kind) {
            (None, Kind::Group | Kind::Grid) => !kinds::places(&u.answers, Some(q)).is_empty(),
            _ => kinds::places(&u.answers, scope)
                .iter()
                .any(|(_, row)| given(row.get(&q.id)) || given(row.get(&detail))),
        })
        .count();
    Some(n)
}

/// Column titles that say what they count, in the survey's words: the schema's `columns`,
/// else the unit counted (institutes, countries, respondents), the group's rows by the
/// group's label and a sum by its question's label.
fn name_columns(
    form: &crate::forms::Form,
    ind: &crate::forms::schema::Indicator,
    value: &mut IndicatorValue,
    ctx: &Context,
) {
    let group = kinds::resolve(form, ind.question.as_deref()).and_then(|(scope, q)| match scope {
        Some(g) => Some(g),
        None => (q.kind == crate::forms::schema::Kind::Group).then_some(q),
    });
    let sum = kinds::resolve(form, ind.sum.as_deref()).map(|(_, q)| q);
    for col in value.columns.iter_mut().filter(|c| c.label.is_none()) {
        col.label = match (ind.columns.get(&col.key), col.key.as_str()) {
            (Some(words), _) => Some(words.get(ctx.lang).to_string()),
            (None, "units") => Some(ctx.word(&format!("units-{}", form.unit.code()))),
            (None, "rows") => group.map(|g| g.label.get(ctx.lang).to_string()),
            (None, "sum") => sum.map(|q| q.label.get(ctx.lang).to_string()),
            _ => None,
        };
    }
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
