//! The `origin_sum` kind: people in a group's rows counted where they come from, not where
//! they were reported. Traineeships are reported by the sending institute and by the host;
//! the experts of a hosted row come from the partner. A traineeship both report (the host's
//! row names the sender, the sender's row names the host, the `same` answers agree) counts
//! once, from the sender's row. A partner outside COOMET (an "other" answer) is of no member
//! country: it counts among the others.
use super::kinds::{places, resolve};
use super::{Column, Context, IndicatorValue, Row};
use crate::campaigns::UnitKey;
use crate::forms::schema::{Breakdown, Indicator, Origin};
use crate::forms::Form;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One row as reported.
struct Reported<'a> {
    reporter: &'a str,
    partner: Option<String>,
    /// The experts came from the partner (a hosted row).
    from_partner: bool,
    same: Vec<Option<&'a Value>>,
    amount: f64,
    unit: &'a UnitKey,
}

fn reported<'a>(
    ctx: &'a Context,
    o: &Origin,
    scope: Option<&crate::forms::schema::Question>,
    number_id: &str,
) -> Vec<Reported<'a>> {
    let mut out = Vec::new();
    for u in &ctx.units {
        let UnitKey::Institute(reporter) = &u.key else {
            continue;
        };
        for (_, row) in places(&u.answers, scope) {
            let Some(amount) = crate::forms::number(row, number_id) else {
                continue;
            };
            let partner = crate::forms::chosen(row, &o.institute).into_iter().next();
            out.push(Reported {
                reporter,
                partner: partner.filter(|p| p != "other"),
                from_partner: crate::forms::chosen(row, &o.when)
                    .iter()
                    .any(|v| o.is.contains(v)),
                same: o.same.iter().map(|id| row.get(id)).collect(),
                amount,
                unit: &u.key,
            });
        }
    }
    out
}

/// Whether `r` (a hosted row) is the mirror of a row its partner reported.
fn mirrored(r: &Reported, all: &[Reported]) -> bool {
    let Some(partner) = &r.partner else {
        return false;
    };
    r.from_partner
        && all.iter().any(|s| {
            s.reporter == partner
                && !s.from_partner
                && s.partner.as_deref() == Some(r.reporter)
                && s.same == r.same
        })
}

pub fn origin_sum(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let (Some((scope, q)), Some(o)) = (resolve(form, ind.question.as_deref()), &ind.origin) else {
        return;
    };
    let rows = reported(ctx, o, scope, &q.id);
    let by = ind.by.unwrap_or(Breakdown::Ceems);
    let mut groups: BTreeMap<(String, String), (BTreeSet<&UnitKey>, usize, f64)> = BTreeMap::new();
    let mut total = 0.0;
    for r in rows.iter().filter(|r| !mirrored(r, &rows)) {
        let origin = match r.from_partner {
            true => r.partner.as_deref(),
            false => Some(r.reporter),
        };
        let country = origin.and_then(|a| ctx.institutes.get(a));
        let key = match country {
            Some(c) => ctx.breakdown(by, c, ctx.ceems.get(c).copied().unwrap_or(false)),
            // Outside COOMET: among the others, whatever the breakdown.
            None => ("other".to_string(), ctx.word("others")),
        };
        let cell = groups.entry(key).or_default();
        cell.0.insert(r.unit);
        cell.1 += 1;
        cell.2 += r.amount;
        total += r.amount;
    }
    value.columns = vec![
        Column::fixed("units"),
        Column::fixed("rows"),
        Column::fixed("total"),
    ];
    value.rows = groups
        .into_iter()
        .map(|((key, label), (units, n, sum))| Row {
            key,
            label,
            cells: vec![units.len() as f64, n as f64, sum],
        })
        .collect();
    ctx.sort_by_name(&mut value.rows);
    value.value = Some(match &ind.headline {
        Some(key) => value
            .rows
            .iter()
            .find(|r| &r.key == key)
            .map_or(0.0, |r| r.cells[2]),
        None => total,
    });
}
