//! One function per kind of indicator.
use super::{percent, Column, Context, IndicatorValue, Row};
use crate::campaigns::UnitKey;
use crate::forms::schema::{Indicator, Kind, Question};
use crate::forms::{number, Form};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a question is answered in one response: the response itself, each row of a group, or
/// each row of a grid with the grid row's key.
pub(super) fn places<'a>(
    answers: &'a Map<String, Value>,
    scope: Option<&Question>,
) -> Vec<(Option<&'a str>, &'a Map<String, Value>)> {
    match scope {
        None => vec![(None, answers)],
        Some(g) if g.kind == Kind::Grid => answers
            .get(&g.id)
            .and_then(Value::as_object)
            .map(|rows| {
                rows.iter()
                    .filter_map(|(k, v)| v.as_object().map(|r| (Some(k.as_str()), r)))
                    .collect()
            })
            .unwrap_or_default(),
        Some(g) => answers
            .get(&g.id)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(|v| v.as_object().map(|r| (None, r)))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

pub(super) fn chosen(row: &Map<String, Value>, q: &Question) -> Vec<String> {
    crate::forms::chosen(row, &q.id)
}

pub(super) fn resolve<'f>(
    form: &'f Form,
    path: Option<&str>,
) -> Option<(Option<&'f Question>, &'f Question)> {
    form.path(path?)
}

/// The choices of `q` as (value, label), with "other" last when the question has it.
pub(super) fn choices(form: &Form, ctx: &Context, q: &Question) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form
        .choices(q)
        .iter()
        .map(|c| (c.value.clone(), c.label(ctx.lang).to_string()))
        .collect();
    if q.other {
        out.push(("other".into(), ctx.word("other")));
    }
    out
}

pub fn response_rate(ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    value.columns = ["invited", "answered", "rate"].map(Column::fixed).to_vec();
    let answered: BTreeSet<&UnitKey> = ctx.units.iter().map(|u| &u.key).collect();
    let mut groups: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    let (mut invited, mut done) = (0.0, 0.0);
    for (key, (country, ceems)) in &ctx.invited {
        let yes = answered.contains(key);
        invited += 1.0;
        done += f64::from(u8::from(yes));
        if let Some(by) = ind.by {
            let cell = groups
                .entry(ctx.breakdown(by, country, *ceems))
                .or_default();
            cell.0 += 1.0;
            cell.1 += f64::from(u8::from(yes));
        }
    }
    value.rows = groups
        .into_iter()
        .map(|((key, label), (i, a))| Row {
            key,
            label,
            cells: vec![i, a, percent(a, i)],
        })
        .collect();
    ctx.sort_by_name(&mut value.rows);
    value.rows.push(Row {
        key: "total".into(),
        label: ctx.word("total"),
        cells: vec![invited, done, percent(done, invited)],
    });
    value.value = Some(percent(done, invited));
    value.value_percent = true;
}

/// For each choice: units that chose it, entries (rows) with it, and the sum of `sum` (times
/// `product`) over those entries.
pub fn distribution(
    form: &Form,
    ctx: &Context,
    ind: &Indicator,
    value: &mut IndicatorValue,
    ranked: bool,
) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let sum_q = resolve(form, ind.sum.as_deref()).map(|(_, q)| q);
    let product_q = resolve(form, ind.product.as_deref()).map(|(_, q)| q);
    value.columns = vec![Column::fixed("units"), Column::fixed("rows")];
    if sum_q.is_some() {
        value.columns.push(Column::fixed("sum"));
    }
    let options = choices(form, ctx, q);
    let mut tally: HashMap<String, (BTreeSet<&UnitKey>, f64, f64)> = HashMap::new();
    for u in &ctx.units {
        for (_, row) in places(&u.answers, scope) {
            // A number beside the choice in the same row, or at the top level of the response.
            let amount = |n: Option<&Question>| {
                n.and_then(|n| number(row, &n.id).or_else(|| number(&u.answers, &n.id)))
            };
            let amount = amount(sum_q).unwrap_or(0.0)
                * product_q
                    .map_or(Some(1.0), |p| amount(Some(p)))
                    .unwrap_or(0.0);
            for v in chosen(row, q) {
                if options.iter().any(|(k, _)| *k == v) {
                    let cell = tally.entry(v).or_default();
                    cell.0.insert(&u.key);
                    cell.1 += 1.0;
                    cell.2 += amount;
                }
            }
        }
    }
    value.rows = options
        .into_iter()
        .map(|(key, label)| {
            let (units, rows, sum) = tally.get(&key).cloned().unwrap_or_default();
            let mut cells = vec![units.len() as f64, rows];
            if sum_q.is_some() {
                cells.push(sum);
            }
            Row { key, label, cells }
        })
        .collect();
    if ranked {
        value.rows.retain(|r| r.cells[0] > 0.0);
        value.rows.sort_by(|a, b| {
            b.cells[0]
                .total_cmp(&a.cells[0])
                .then(b.cells[1].total_cmp(&a.cells[1]))
        });
    }
}

/// A ranking: of choices (a distribution, most chosen first), or of a grid's rows by the units
/// whose cell in the column is one of `values`.
pub fn ranking(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let Some(grid) = scope.filter(|g| g.kind == Kind::Grid && !ind.values.is_empty()) else {
        return distribution(form, ctx, ind, value, true);
    };
    value.columns = vec![Column::fixed("units")];
    let mut count: HashMap<&str, usize> = HashMap::new();
    for u in &ctx.units {
        for (key, row) in places(&u.answers, Some(grid)) {
            if chosen(row, q).iter().any(|v| ind.values.contains(v)) {
                *count.entry(key.unwrap_or("")).or_default() += 1;
            }
        }
    }
    value.rows = choices(form, ctx, grid)
        .into_iter()
        .filter_map(|(key, label)| {
            count.get(key.as_str()).map(|n| Row {
                cells: vec![*n as f64],
                key,
                label,
            })
        })
        .collect();
    value
        .rows
        .sort_by(|a, b| b.cells[0].total_cmp(&a.cells[0]).then(a.key.cmp(&b.key)));
}

pub fn distinct_count(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    value.columns = vec![Column::fixed("units")];
    let mut seen: BTreeMap<String, (String, BTreeSet<&UnitKey>)> = BTreeMap::new();
    for u in &ctx.units {
        for (_, row) in places(&u.answers, scope) {
            let other = row.get(&format!("{}.other", q.id)).and_then(Value::as_str);
            for v in chosen(row, q) {
                // "Other" answers count once per distinct text, whatever its case.
                let (key, label) = match (v.as_str(), other) {
                    ("other", Some(text)) => {
                        let (key, label) = super::fold(text);
                        (format!("other:{key}"), label)
                    }
                    _ => (v.clone(), form.choice_label(q, &v, ctx.lang).to_string()),
                };
                let entry = seen
                    .entry(key)
                    .or_insert_with(|| (label.clone(), BTreeSet::new()));
                // One spelling whatever the order of reading: the first in sort order.
                if label < entry.0 {
                    entry.0 = label;
                }
                entry.1.insert(&u.key);
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

pub fn sum(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    value.columns = vec![Column::fixed("units"), Column::fixed("total")];
    let mut groups: BTreeMap<(String, String), (usize, f64)> = BTreeMap::new();
    let mut total = 0.0;
    for u in &ctx.units {
        // A unit that answered 0 is a unit that answered: it counts, as a reviewer counting the
        // export would count it.
        let numbers: Vec<f64> = places(&u.answers, scope)
            .iter()
            .filter_map(|(_, row)| number(row, &q.id))
            .collect();
        if numbers.is_empty() {
            continue;
        }
        let amount: f64 = numbers.iter().sum();
        total += amount;
        if let Some(by) = ind.by {
            let cell = groups
                .entry(ctx.breakdown(by, &u.country, u.ceems))
                .or_default();
            cell.0 += 1;
            cell.1 += amount;
        }
    }
    value.rows = groups
        .into_iter()
        .map(|((key, label), (units, sum))| Row {
            key,
            label,
            cells: vec![units as f64, sum],
        })
        .collect();
    ctx.sort_by_name(&mut value.rows);
    value.value = Some(total);
}

/// Units that answered the question at all (for a group or grid: with at least one row).
pub fn count_units(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    value.columns = vec![Column::fixed("units")];
    let answered = |u: &super::Unit| match (scope, q.kind) {
        (None, Kind::Group | Kind::Grid) => !places(&u.answers, Some(q)).is_empty(),
        _ => places(&u.answers, scope)
            .iter()
            .any(|(_, row)| row.get(&q.id).is_some_and(|v| !v.is_null())),
    };
    let mut groups: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut total = 0;
    for u in ctx.units.iter().filter(|u| answered(u)) {
        total += 1;
        if let Some(by) = ind.by {
            *groups
                .entry(ctx.breakdown(by, &u.country, u.ceems))
                .or_default() += 1;
        }
    }
    value.rows = groups
        .into_iter()
        .map(|((key, label), n)| Row {
            key,
            label,
            cells: vec![n as f64],
        })
        .collect();
    ctx.sort_by_name(&mut value.rows);
    value.value = Some(total as f64);
}

/// Count, mean and, for a choice, how many chose each value: per grid row, or overall.
pub fn mean(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let options = choices(form, ctx, q);
    value.columns = vec![Column::fixed("count"), Column::fixed("mean")];
    value
        .columns
        .extend(options.iter().map(|(k, l)| Column::choice(k, l)));
    let mut by_row: BTreeMap<String, Vec<(Option<String>, f64)>> = BTreeMap::new();
    for u in &ctx.units {
        for (key, row) in places(&u.answers, scope) {
            let raw = chosen(row, q).into_iter().next();
            if let Some(n) = number(row, &q.id) {
                by_row
                    .entry(key.unwrap_or("").to_string())
                    .or_default()
                    .push((raw, n));
            }
        }
    }
    let row_labels: Vec<(String, String)> = match scope {
        Some(g) if g.kind == Kind::Grid => choices(form, ctx, g),
        _ => vec![(String::new(), ctx.word("total"))],
    };
    let mut all = Vec::new();
    value.rows = row_labels
        .into_iter()
        .filter_map(|(key, label)| {
            let found = by_row.get(&key)?;
            all.extend(found.iter().map(|(_, n)| *n));
            let count = found.len() as f64;
            let mean = (found.iter().map(|(_, n)| n).sum::<f64>() / count * 100.0).round() / 100.0;
            let mut cells = vec![count, mean];
            cells.extend(options.iter().map(|(k, _)| {
                found
                    .iter()
                    .filter(|(v, _)| v.as_deref() == Some(k))
                    .count() as f64
            }));
            Some(Row { key, label, cells })
        })
        .collect();
    if !all.is_empty() {
        value.value = Some((all.iter().sum::<f64>() / all.len() as f64 * 100.0).round() / 100.0);
    }
}
