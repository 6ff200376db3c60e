//! What reviewers may see of a survey answered per contact: no figure that rests on fewer
//! answers than the schema's `reviewer_min_count` (3 by default), so that no one person's
//! rating can be read off a small cell. Surveys answered per institute or country are the
//! institutes' answers, attributed openly, and are left whole.
use super::IndicatorValue;
use crate::forms::schema::{Form, IndicatorKind, Unit};

/// Rows of `values` withheld where too few answers make them up (their labels are kept in
/// `withheld`). Response rates stay: who answered is not what they answered. Where one row
/// alone would be withheld beside a total, the next smallest goes too, or the total minus
/// the rest would give it away; for the same reason the headline figure goes with any
/// withheld row.
pub fn for_reviewers(form: &Form, values: &mut [IndicatorValue]) {
    if form.unit != Unit::Contact {
        return;
    }
    let min = f64::from(form.reviewer_min_count.max(1));
    for v in values.iter_mut() {
        let kind = form
            .indicators
            .iter()
            .find(|i| i.id == v.id)
            .map(|i| i.kind);
        match kind {
            Some(IndicatorKind::ResponseRate) => continue,
            // One row per respondent.
            Some(IndicatorKind::Table) => {
                v.withheld = v.rows.drain(..).map(|r| r.label).collect();
                v.value = None;
                v.met = None;
                continue;
            }
            _ => {}
        }
        withhold_small(v, min);
    }
}

/// How many answers a row rests on: its `count` or `units` column, or else its smallest
/// non-zero cell (each cell a count of answers).
fn answers_in(v: &IndicatorValue, cells: &[f64]) -> f64 {
    let counted = v
        .columns
        .iter()
        .position(|c| c.key == "count" || c.key == "units");
    match counted {
        Some(i) => cells.get(i).copied().unwrap_or(0.0),
        None => cells
            .iter()
            .zip(&v.columns)
            .filter(|(n, c)| !c.percent && **n > 0.0)
            .map(|(n, _)| *n)
            .fold(f64::INFINITY, f64::min),
    }
}

fn withhold_small(v: &mut IndicatorValue, min: f64) {
    let sizes: Vec<f64> = v.rows.iter().map(|r| answers_in(v, &r.cells)).collect();
    let small = |n: f64| n > 0.0 && n < min;
    let mut drop: Vec<bool> = sizes.iter().map(|n| small(*n)).collect();
    let total = v.rows.iter().position(|r| r.key == "total");
    if drop.iter().filter(|d| **d).count() == 1 && total.is_some() {
        let next = (0..v.rows.len())
            .filter(|i| !drop[*i] && Some(*i) != total && sizes[*i] > 0.0)
            .min_by(|a, b| sizes[*a].total_cmp(&sizes[*b]));
        if let Some(i) = next {
            drop[i] = true;
        }
    }
    let mut kept = Vec::new();
    for (row, gone) in std::mem::take(&mut v.rows).into_iter().zip(drop) {
        if gone {
            v.withheld.push(row.label);
        } else {
            kept.push(row);
        }
    }
    v.rows = kept;
    // A withheld group's texts go with its figures: a body rated by one person is withheld,
    // and that person's comment on it is the same person's answer.
    let gone = &v.withheld;
    v.quotes.retain(|q| !gone.contains(&q.group));
    // The headline aggregates every row: with the others shown, it would give a withheld
    // one away (four ratings' mean beside three of them is the fourth).
    if !v.withheld.is_empty() {
        v.value = None;
        v.met = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{Column, Row};

    fn value(rows: &[(&str, f64)]) -> IndicatorValue {
        IndicatorValue {
            id: "satisfaction".into(),
            codes: vec![],
            label: "Satisfaction".into(),
            columns: vec![
                Column {
                    key: "count".into(),
                    label: None,
                    percent: false,
                },
                Column {
                    key: "mean".into(),
                    label: None,
                    percent: false,
                },
            ],
            rows: rows
                .iter()
                .map(|(k, n)| Row {
                    key: k.to_string(),
                    label: k.to_uppercase(),
                    cells: vec![*n, 4.0],
                })
                .collect(),
            value: Some(4.0),
            value_percent: false,
            target: None,
            met: None,
            withheld: vec![],
            quotes: vec![],
            submitted: 10,
            answered: Some(10),
            stacked: false,
        }
    }

    #[test]
    fn a_row_of_fewer_than_three_answers_is_withheld_and_so_is_the_next_beside_a_total() {
        let mut v = value(&[("pc", 1.0), ("tc4", 5.0), ("tc1", 4.0), ("total", 10.0)]);
        withhold_small(&mut v, 3.0);
        assert_eq!(v.withheld, ["PC", "TC1"]);
        let keys: Vec<&str> = v.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["tc4", "total"]);
        assert_eq!(
            v.value, None,
            "the headline would give the withheld rows away"
        );
    }

    #[test]
    fn a_total_of_too_few_answers_takes_the_headline_too() {
        let mut v = value(&[("pc", 1.0), ("total", 2.0)]);
        withhold_small(&mut v, 3.0);
        assert_eq!(v.withheld, ["PC", "TOTAL"]);
        assert!(v.rows.is_empty());
        assert_eq!(v.value, None);
    }

    #[test]
    fn the_texts_of_a_withheld_group_are_withheld_with_it() {
        let mut v = value(&[("pc", 1.0), ("tc4", 3.0)]);
        let quote = |group: &str| crate::indicators::Quote {
            group: group.into(),
            text: format!("on {group}"),
            by: vec![],
        };
        v.quotes = vec![quote("PC"), quote("TC4")];
        withhold_small(&mut v, 3.0);
        let left: Vec<&str> = v.quotes.iter().map(|q| q.group.as_str()).collect();
        assert_eq!(
            left,
            ["TC4"],
            "one person's comment beside their withheld rating"
        );
    }

    #[test]
    fn rows_of_enough_answers_or_none_are_kept() {
        let mut v = value(&[("pc", 0.0), ("tc4", 3.0)]);
        withhold_small(&mut v, 3.0);
        assert!(v.withheld.is_empty());
        assert_eq!(v.rows.len(), 2);
        assert_eq!(v.value, Some(4.0));
    }
}
