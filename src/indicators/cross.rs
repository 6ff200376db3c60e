//! Counting a group's rows two ways: by two of their choices (`cross`: fields by formats), or
//! by where the unit is (`distribution` of a group `by` country or CEEMS status: needs by
//! country). Each with the units, the rows and the sum of `sum`, so a reviewer can recount
//! them from the export.
use super::kinds::{choices, chosen, places, resolve};
use super::{Column, Context, IndicatorValue, Row};
use crate::campaigns::UnitKey;
use crate::forms::schema::{Breakdown, Indicator};
use crate::forms::{number, Form};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rows by the choice of `question` (down) and of `across` (along): each cell the rows with
/// both (or the sum of `sum` over them), a total per row and a last row of totals.
pub fn cross(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let (Some((scope, down)), Some((_, along))) = (
        resolve(form, ind.question.as_deref()),
        resolve(form, ind.across.as_deref()),
    ) else {
        return;
    };
    let sum_q = resolve(form, ind.sum.as_deref()).map(|(_, q)| q);
    let columns = choices(form, ctx, along);
    let mut cells: HashMap<(String, String), f64> = HashMap::new();
    for u in &ctx.units {
        for (_, row) in places(&u.answers, scope) {
            let amount = match sum_q {
                Some(s) => number(row, &s.id).unwrap_or(0.0),
                None => 1.0,
            };
            for d in chosen(row, down) {
                for a in chosen(row, along) {
                    *cells.entry((d.clone(), a)).or_default() += amount;
                }
            }
        }
    }
    value.columns = columns.iter().map(|(k, l)| Column::choice(k, l)).collect();
    value
        .columns
        .push(Column::choice("total", &ctx.word("total")));
    let mut totals = vec![0.0; columns.len() + 1];
    for (key, label) in choices(form, ctx, down) {
        let mut line: Vec<f64> = columns
            .iter()
            .map(|(a, _)| cells.get(&(key.clone(), a.clone())).copied().unwrap_or(0.0))
            .collect();
        let sum: f64 = line.iter().sum();
        if sum == 0.0 {
            continue;
        }
        line.push(sum);
        totals.iter_mut().zip(&line).for_each(|(t, c)| *t += c);
        value.rows.push(Row {
            key,
            label,
            cells: line,
        });
    }
    value.rows.push(Row {
        key: "total".into(),
        label: ctx.word("total"),
        cells: totals,
    });
    value.stacked = true;
}

/// A group's rows by where their unit is: for each country (or CEEMS and the others), the
/// units with rows, the rows, and the sum of `sum`; a last row of totals.
pub fn by_place(
    form: &Form,
    ctx: &Context,
    ind: &Indicator,
    by: Breakdown,
    value: &mut IndicatorValue,
) {
    let Some((_, group)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let sum_q = resolve(form, ind.sum.as_deref()).map(|(_, q)| q);
    value.columns = vec![Column::fixed("units"), Column::fixed("rows")];
    if sum_q.is_some() {
        value.columns.push(Column::fixed("sum"));
    }
    type Tally<'a> = (BTreeSet<&'a UnitKey>, f64, f64);
    let mut tally: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut total: Tally = Default::default();
    for u in &ctx.units {
        let rows = places(&u.answers, Some(group));
        if rows.is_empty() {
            continue;
        }
        let amount: f64 = rows
            .iter()
            .filter_map(|(_, r)| sum_q.and_then(|s| number(r, &s.id)))
            .sum();
        let cell = tally
            .entry(ctx.breakdown(by, &u.country, u.ceems))
            .or_default();
        for t in [cell, &mut total] {
            t.0.insert(&u.key);
            t.1 += rows.len() as f64;
            t.2 += amount;
        }
    }
    let line = |(units, rows, sum): Tally| {
        let mut cells = vec![units.len() as f64, rows];
        if sum_q.is_some() {
            cells.push(sum);
        }
        cells
    };
    value.rows = tally
        .into_iter()
        .map(|((key, label), t)| Row {
            key,
            label,
            cells: line(t),
        })
        .collect();
    ctx.sort_by_name(&mut value.rows);
    value.rows.push(Row {
        key: "total".into(),
        label: ctx.word("total"),
        cells: line(total),
    });
}
