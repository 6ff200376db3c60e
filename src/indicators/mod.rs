//! Indicators: the aggregations a schema declares, computed by one engine for any campaign.
//! Only submitted responses count. Every number can be recounted by hand from the export.
use crate::campaigns::{self, campaign};
use crate::forms::schema::{Breakdown, Indicator, IndicatorKind, Question};
use crate::forms::Form;
use crate::responses::response;
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub cells: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndicatorValue {
    pub id: String,
    pub codes: Vec<String>,
    pub label: String,
    /// Column names: `invited`, `answered`, `rate`, `units`, `rows`, `sum`, `total`.
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
    /// The headline figure, where the indicator has one.
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub met: Option<bool>,
}

/// A submitted answer set with what it is broken down by.
struct Unit {
    key: String,
    country: String,
    ceems: bool,
    answers: Map<String, Value>,
}

pub async fn compute(
    db: &impl ConnectionTrait,
    campaign: &campaign::Model,
    lang: &str,
) -> Result<Vec<IndicatorValue>> {
    let form = campaign.form()?;
    let countries = campaigns::countries(db).await?;
    let mut invited: BTreeMap<String, (String, bool)> = BTreeMap::new();
    let statuses = campaigns::unit_statuses(db, campaign).await?;
    for u in &statuses {
        let ceems = countries.get(&u.country_code).is_some_and(|c| c.ceems);
        invited.insert(u.unit_key.clone(), (u.country_code.clone(), ceems));
    }
    let units: Vec<Unit> = response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign.id))
        .filter(response::Column::Status.eq(response::SUBMITTED))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Unit {
            answers: r.answers(),
            key: r.unit_key,
            country: r.country_code.unwrap_or_default(),
            ceems: r.ceems,
        })
        .collect();
    let country_label = |code: &str| {
        countries
            .get(code)
            .map(|c| c.name(lang).to_string())
            .unwrap_or_else(|| code.to_string())
    };
    let ceems_label = |ceems: bool| {
        if ceems {
            "CEEMS"
        } else if lang == "ru" {
            "Прочие"
        } else {
            "Others"
        }
        .to_string()
    };
    let breakdown = |by: Breakdown, country: &str, ceems: bool| match by {
        Breakdown::Country => (country.to_string(), country_label(country)),
        Breakdown::Ceems => (ceems.to_string(), ceems_label(ceems)),
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
            target: ind.target,
            met: None,
        };
        match ind.kind {
            IndicatorKind::ResponseRate => {
                value.columns = vec!["invited", "answered", "rate"];
                let answered: BTreeSet<&str> = units.iter().map(|u| u.key.as_str()).collect();
                let mut groups: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
                for (key, (country, ceems)) in &invited {
                    let group = match ind.by {
                        Some(by) => breakdown(by, country, *ceems),
                        None => ("all".into(), String::new()),
                    };
                    let cell = groups.entry(group).or_default();
                    cell.0 += 1.0;
                    if answered.contains(key.as_str()) {
                        cell.1 += 1.0;
                    }
                }
                let total_invited = invited.len() as f64;
                let total_answered = invited
                    .keys()
                    .filter(|k| answered.contains(k.as_str()))
                    .count() as f64;
                if ind.by.is_some() {
                    value.rows = groups
                        .into_iter()
                        .map(|((key, label), (inv, ans))| Row {
                            key,
                            label,
                            cells: vec![inv, ans, percent(ans, inv)],
                        })
                        .collect();
                }
                value.value = Some(percent(total_answered, total_invited));
                value.rows.push(Row {
                    key: "total".into(),
                    label: if lang == "ru" { "Всего" } else { "Total" }.into(),
                    cells: vec![
                        total_invited,
                        total_answered,
                        percent(total_answered, total_invited),
                    ],
                });
            }
            IndicatorKind::Distribution => distribution(&form, ind, &units, lang, &mut value),
            IndicatorKind::DistinctCount => {
                value.columns = vec!["units"];
                let Some((group, q)) = ind.question.as_deref().and_then(|p| form.path(p)) else {
                    continue;
                };
                let mut seen: BTreeMap<String, (String, BTreeSet<&str>)> = BTreeMap::new();
                for u in &units {
                    for item in values_of(&u.answers, group, q) {
                        for v in item.chosen {
                            let (key, label) = match (v.as_str(), &item.other) {
                                ("other", Some(text)) => (
                                    format!("other:{}", text.trim().to_lowercase()),
                                    text.trim().to_string(),
                                ),
                                _ => (v.clone(), form.choice_label(q, &v, lang).to_string()),
                            };
                            seen.entry(key)
                                .or_insert_with(|| (label, BTreeSet::new()))
                                .1
                                .insert(&u.key);
                        }
                    }
                }
                value.value = Some(seen.len() as f64);
                value.rows = seen
                    .into_iter()
                    .map(|(key, (label, units))| Row {
                        key,
                        label,
                        cells: vec![units.len() as f64],
                    })
                    .collect();
            }
            IndicatorKind::Sum => {
                value.columns = vec!["units", "total"];
                let Some((group, q)) = ind.question.as_deref().and_then(|p| form.path(p)) else {
                    continue;
                };
                let mut groups: BTreeMap<(String, String), (BTreeSet<&str>, f64)> = BTreeMap::new();
                let mut total = 0.0;
                for u in &units {
                    let sum: f64 = number_values(&u.answers, group, q).sum();
                    if sum == 0.0 {
                        continue;
                    }
                    total += sum;
                    if let Some(by) = ind.by {
                        let cell = groups
                            .entry(breakdown(by, &u.country, u.ceems))
                            .or_default();
                        cell.0.insert(&u.key);
                        cell.1 += sum;
                    }
                }
                value.rows = groups
                    .into_iter()
                    .map(|((key, label), (units, sum))| Row {
                        key,
                        label,
                        cells: vec![units.len() as f64, sum],
                    })
                    .collect();
                value.value = Some(total);
            }
        }
        value.met = match (value.target, value.value) {
            (Some(t), Some(v)) => Some(v >= t),
            _ => None,
        };
        out.push(value);
    }
    Ok(out)
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        (part / whole * 1000.0).round() / 10.0
    }
}

/// One place a question is answered: a top-level answer, or one row of a group.
struct Item<'a> {
    chosen: Vec<String>,
    other: Option<String>,
    row: &'a Map<String, Value>,
}

fn values_of<'a>(
    answers: &'a Map<String, Value>,
    group: Option<&Question>,
    q: &Question,
) -> Vec<Item<'a>> {
    let rows: Vec<&Map<String, Value>> = match group {
        Some(g) => answers
            .get(&g.id)
            .and_then(Value::as_array)
            .map(|rows| rows.iter().filter_map(Value::as_object).collect())
            .unwrap_or_default(),
        None => vec![answers],
    };
    rows.into_iter()
        .map(|row| Item {
            chosen: match row.get(&q.id) {
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect(),
                _ => Vec::new(),
            },
            other: row
                .get(&format!("{}.other", q.id))
                .and_then(Value::as_str)
                .map(String::from),
            row,
        })
        .collect()
}

fn number_values<'a>(
    answers: &'a Map<String, Value>,
    group: Option<&'a Question>,
    q: &'a Question,
) -> impl Iterator<Item = f64> + 'a {
    let rows: Vec<&Map<String, Value>> = match group {
        Some(g) => answers
            .get(&g.id)
            .and_then(Value::as_array)
            .map(|rows| rows.iter().filter_map(Value::as_object).collect())
            .unwrap_or_default(),
        None => vec![answers],
    };
    rows.into_iter()
        .filter_map(move |row| row.get(&q.id).and_then(Value::as_f64))
}

fn distribution(
    form: &Form,
    ind: &Indicator,
    units: &[Unit],
    lang: &str,
    value: &mut IndicatorValue,
) {
    let Some((group, q)) = ind.question.as_deref().and_then(|p| form.path(p)) else {
        return;
    };
    let sum_q = ind
        .sum
        .as_deref()
        .and_then(|p| form.path(p))
        .map(|(_, q)| q);
    value.columns = if sum_q.is_some() {
        vec!["units", "rows", "sum"]
    } else {
        vec!["units", "rows"]
    };
    let mut choices: Vec<(String, String)> = form
        .choices(q)
        .iter()
        .map(|c| (c.value.clone(), c.label(lang).to_string()))
        .collect();
    if q.other {
        choices.push((
            "other".into(),
            if lang == "ru" {
                "Другое"
            } else {
                "Other"
            }
            .into(),
        ));
    }
    let mut tally: HashMap<&str, (BTreeSet<&str>, f64, f64)> = HashMap::new();
    for u in units {
        for item in values_of(&u.answers, group, q) {
            // A number beside the choice in the same row, or at the top level of the response.
            let amount = sum_q
                .and_then(|s| item.row.get(&s.id).or_else(|| u.answers.get(&s.id)))
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            for v in &item.chosen {
                if let Some((key, _)) = choices.iter().find(|(k, _)| k == v) {
                    let cell = tally.entry(key.as_str()).or_default();
                    cell.0.insert(&u.key);
                    cell.1 += 1.0;
                    cell.2 += amount;
                }
            }
        }
    }
    value.rows = choices
        .iter()
        .map(|(key, label)| {
            let (units, rows, sum) = tally.get(key.as_str()).cloned().unwrap_or_default();
            let mut cells = vec![units.len() as f64, rows];
            if sum_q.is_some() {
                cells.push(sum);
            }
            Row {
                key: key.clone(),
                label: label.clone(),
                cells,
            }
        })
        .collect();
}
