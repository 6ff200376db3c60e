//! An indicator without a headline figure (a distribution, a ranking) over the years: each of
//! its rows with the figure it is compared by, year by year up to the campaign's, and the
//! change from the year before, so that a reviewer compares 2026's needs by field with 2025's
//! without opening two pages.
use super::History;
use crate::i18n::{I18n, Lang};
use crate::indicators::{figure, IndicatorValue};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct YearTable {
    pub years: Vec<i32>,
    /// What the figures are (the compared column's title).
    pub shows: String,
    pub rows: Vec<YearTableRow>,
}

#[derive(Debug, Serialize)]
pub struct YearTableRow {
    pub label: String,
    pub cells: Vec<String>,
    /// The last year against the one before, signed.
    pub change: String,
}

/// `v`'s rows over every year up to `current` that has the indicator; `None` with fewer than
/// two such years, or when its columns are shares (compared in their own chart).
pub fn table(
    v: &IndicatorValue,
    current: i32,
    history: &History,
    col: usize,
    (i18n, lang): (&I18n, Lang),
) -> Option<YearTable> {
    let column = v.columns.get(col)?;
    let shares = v.columns.iter().filter(|c| c.percent).count() > 1;
    let years: Vec<(i32, &IndicatorValue)> = history
        .range(..=current)
        .filter_map(|(y, (_, values))| values.iter().find(|x| x.id == v.id).map(|x| (*y, x)))
        .collect();
    if years.len() < 2 || shares {
        return None;
    }
    // The current year's rows in their order, then rows only earlier years had.
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (_, x) in years.iter().rev() {
        for r in &x.rows {
            if !keys.iter().any(|(k, _)| *k == r.key) {
                keys.push((&r.key, &r.label));
            }
        }
    }
    let figure_of = |x: &IndicatorValue, key: &str| {
        x.rows
            .iter()
            .find(|r| r.key == key)
            .and_then(|r| r.cells.get(col).copied())
            .unwrap_or(0.0)
    };
    let rows = keys
        .into_iter()
        .map(|(key, label)| {
            let figures: Vec<f64> = years.iter().map(|(_, x)| figure_of(x, key)).collect();
            let d = figures[figures.len() - 1] - figures[figures.len() - 2];
            let d = (d * 100.0).round() / 100.0;
            let sign = if d > 0.0 { "+" } else { "" };
            let change = format!("{sign}{}", figure(d, false, lang));
            YearTableRow {
                label: label.to_string(),
                cells: figures
                    .iter()
                    .map(|n| figure(*n, column.percent, lang))
                    .collect(),
                change: match column.percent {
                    true => i18n.text(lang, "review-points", &[("n", change)]),
                    false => change,
                },
            }
        })
        .collect();
    Some(YearTable {
        years: years.iter().map(|(y, _)| *y).collect(),
        shows: column.title(i18n, lang),
        rows,
    })
}
