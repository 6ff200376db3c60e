//! The indicator kinds that give a table rather than one figure per choice: a cross-table of
//! two choice questions, the share of a grid's rows, and indicators combined from others.
use super::kinds::{choices, chosen, places, resolve};
use super::{percent, Column, Context, IndicatorValue, Row};
use crate::forms::schema::Indicator;
use crate::forms::Form;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Units by the options of a multiple choice: 1 where the unit chose it; a last row of totals.
pub fn table(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let options = choices(form, ctx, q);
    value.columns = options.iter().map(|(k, l)| Column::choice(k, l)).collect();
    let mut totals = vec![0.0; options.len()];
    let mut rows: Vec<Row> = ctx
        .units
        .iter()
        .map(|u| {
            let picked: BTreeSet<String> = places(&u.answers, scope)
                .iter()
                .flat_map(|(_, row)| chosen(row, q))
                .collect();
            let cells: Vec<f64> = options
                .iter()
                .map(|(k, _)| f64::from(u8::from(picked.contains(k))))
                .collect();
            totals.iter_mut().zip(&cells).for_each(|(t, c)| *t += c);
            Row {
                key: u.key.to_string(),
                label: ctx.unit_label(&u.key),
                cells,
            }
        })
        .collect();
    ctx.sort_by_name(&mut rows);
    rows.push(Row {
        key: "total".into(),
        label: ctx.word("total"),
        cells: totals,
    });
    value.rows = rows;
    value.value = Some(ctx.units.len() as f64);
}

/// Per row of a grid: how many units answered it, and the share (%) of those in each choice.
pub fn grid_share(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((Some(grid), q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let options = choices(form, ctx, q);
    value.columns = vec![Column::fixed("units")];
    value
        .columns
        .extend(options.iter().map(|(k, l)| Column::share(k, l)));
    let mut counts: HashMap<String, (f64, HashMap<String, f64>)> = HashMap::new();
    for u in &ctx.units {
        for (key, row) in places(&u.answers, Some(grid)) {
            if let Some(v) = chosen(row, q).into_iter().next() {
                let cell = counts.entry(key.unwrap_or("").to_string()).or_default();
                cell.0 += 1.0;
                *cell.1.entry(v).or_default() += 1.0;
            }
        }
    }
    value.rows = choices(form, ctx, grid)
        .into_iter()
        .filter_map(|(key, label)| {
            let (n, by) = counts.get(&key)?;
            let mut cells = vec![*n];
            cells.extend(
                options
                    .iter()
                    .map(|(k, _)| percent(by.get(k).copied().unwrap_or(0.0), *n)),
            );
            Some(Row { key, label, cells })
        })
        .collect();
}

/// Earlier indicators' rows added up by key: each part's first figure (its units) a column,
/// their sum the last; ranked by the sum, then by key.
pub fn combined(done: &[IndicatorValue], ind: &Indicator, value: &mut IndicatorValue) {
    let parts: Vec<&IndicatorValue> = ind
        .parts
        .iter()
        .filter_map(|id| done.iter().find(|v| &v.id == id))
        .collect();
    value.columns = parts
        .iter()
        .map(|p| Column::choice(&p.id, &p.label))
        .chain(std::iter::once(Column::fixed("total")))
        .collect();
    let mut rows: BTreeMap<&str, (String, Vec<f64>)> = BTreeMap::new();
    for (i, part) in parts.iter().enumerate() {
        for r in part.rows.iter().filter(|r| r.key != "total") {
            let entry = rows
                .entry(&r.key)
                .or_insert_with(|| (r.label.clone(), vec![0.0; parts.len() + 1]));
            let n = r.cells.first().copied().unwrap_or(0.0);
            entry.1[i] += n;
            entry.1[parts.len()] += n;
        }
    }
    value.rows = rows
        .into_iter()
        .map(|(key, (label, cells))| Row {
            key: key.to_string(),
            label,
            cells,
        })
        .collect();
    let last = parts.len();
    value.rows.sort_by(|a, b| {
        b.cells[last]
            .total_cmp(&a.cells[last])
            .then(a.key.cmp(&b.key))
    });
}
