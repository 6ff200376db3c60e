//! The tables and charts of a campaign's results as files: the rows of a CSV, a chart standing
//! alone. The same computation as the page, so a file says what the page shows; figures are
//! plain numbers with a point (as the exports write them), titles in the page's language.
use super::{history, main_column, picture, History};
use crate::campaigns::campaign;
use crate::forms::validate::fmt_num;
use crate::i18n::{I18n, Lang};
use crate::indicators::IndicatorValue;
use crate::responses::matching::{self, Side};
use crate::Result;
use sea_orm::ConnectionTrait;
use std::iter::once;

type Rows = Vec<Vec<String>>;

/// An indicator's table (`<indicator>`), or its figures over the years (`<indicator>-years`).
pub async fn table_rows(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    stem: &str,
    lang: Lang,
    i18n: &I18n,
) -> Result<Option<Rows>> {
    let (id, years) = match stem.strip_suffix("-years") {
        Some(id) => (id, true),
        None => (stem, false),
    };
    let history = history(db, c, lang, i18n).await?;
    let found = history
        .get(&c.year)
        .and_then(|(_, values)| values.iter().find(|v| v.id == id));
    Ok(found.map(|v| match years {
        false => indicator_rows(v, (i18n, lang)),
        true => year_rows(v, c.year, &history, (i18n, lang)),
    }))
}

/// A title row, then a row per row of the table; the texts of a `texts` indicator after them.
fn indicator_rows(v: &IndicatorValue, (i18n, lang): (&I18n, Lang)) -> Rows {
    let titles = v.columns.iter().map(|c| c.title(i18n, lang));
    let mut out: Rows = vec![once(String::new()).chain(titles).collect()];
    for r in &v.rows {
        out.push(
            once(r.label.clone())
                .chain(r.cells.iter().map(|n| fmt_num(*n)))
                .collect(),
        );
    }
    if !v.quotes.is_empty() {
        let text = |k: &str| i18n.text(lang, k, &[]);
        out.push(Vec::new());
        out.push(vec![
            text("files-group"),
            text("files-text"),
            text("files-by"),
        ]);
        for q in &v.quotes {
            out.push(vec![q.group.clone(), q.text.clone(), q.by.join(", ")]);
        }
    }
    out
}

/// The headline figure by year; without one, the main column of each row by year.
fn year_rows(
    v: &IndicatorValue,
    year: i32,
    history: &History,
    (i18n, lang): (&I18n, Lang),
) -> Rows {
    let of_year: Vec<(i32, &IndicatorValue)> = history
        .range(..=year)
        .filter_map(|(y, (_, values))| values.iter().find(|x| x.id == v.id).map(|x| (*y, x)))
        .collect();
    if of_year.iter().any(|(_, x)| x.value.is_some()) {
        let text = |k: &str| i18n.text(lang, k, &[]);
        let mut out = vec![vec![text("col-year"), text("review-value")]];
        out.extend(
            of_year
                .iter()
                .filter_map(|(y, x)| Some(vec![y.to_string(), fmt_num(x.value?)])),
        );
        return out;
    }
    let col = main_column(v);
    let mut out: Rows = vec![once(String::new())
        .chain(of_year.iter().map(|(y, _)| y.to_string()))
        .collect()];
    // The rows of this year, in its order, then those only an earlier year had.
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (_, x) in of_year.iter().rev() {
        for r in &x.rows {
            if !keys.iter().any(|(k, _)| *k == r.key) {
                keys.push((&r.key, &r.label));
            }
        }
    }
    for (key, label) in keys {
        let cells = of_year.iter().map(|(_, x)| {
            let n = x
                .rows
                .iter()
                .find(|r| r.key == key)
                .and_then(|r| r.cells.get(col));
            fmt_num(n.copied().unwrap_or(0.0))
        });
        out.push(once(label.to_string()).chain(cells).collect());
    }
    out
}

/// A chart as a file: `<indicator>-<n>` (its n-th chart) or `<indicator>-years`.
pub async fn chart(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    stem: &str,
    lang: Lang,
    i18n: &I18n,
) -> Result<Option<String>> {
    let Some((id, which)) = stem.rsplit_once('-') else {
        return Ok(None);
    };
    // Only this indicator, over its years: not the whole page (its matches, its progress).
    let history = history(db, c, lang, i18n).await?;
    let found = history
        .get(&c.year)
        .and_then(|(_, values)| values.iter().find(|v| v.id == id));
    let Some(v) = found else {
        return Ok(None);
    };
    let anchor = format!("{}-{}", c.form_id, v.id);
    let r = super::indicator_result(v.clone(), &anchor, c.year, &history, (i18n, lang));
    let label = r.view.label.clone();
    if which == "years" {
        let title = i18n.text(lang, "review-years", &[("name", label)]);
        return Ok(r
            .years_chart
            .as_ref()
            .map(|svg| picture::standalone(svg, &title)));
    }
    let n: Option<usize> = which.parse().ok();
    Ok(r.charts
        .iter()
        .find(|ch| Some(ch.n) == n)
        .map(|ch| picture::standalone(&ch.svg, &format!("{label} — {}", ch.shows))))
}

/// A match as a table: a line per need and offer that fits it (with the capacity note), per
/// need nothing fits, and per offer nobody asked for.
pub async fn match_rows(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    id: &str,
    lang: Lang,
    i18n: &I18n,
) -> Result<Option<Rows>> {
    let all = matching::for_campaign(db, c, lang, i18n).await?;
    let Some(m) = all.into_iter().find(|m| m.id == id) else {
        return Ok(None);
    };
    let text = |k: &str| i18n.text(lang, k, &[]);
    let mut out: Rows = vec![[
        "files-match-row",
        "files-need-of",
        "match-need",
        "files-offer-of",
        "files-offer",
        "files-capacity",
    ]
    .map(text)
    .to_vec()];
    let line = |what: &str, need: Option<&Side>, offer: Option<&Side>| {
        let unit = |s: Option<&Side>| s.map(|s| s.unit.clone()).unwrap_or_default();
        vec![
            what.to_string(),
            unit(need),
            need.map(cells).unwrap_or_default(),
            unit(offer),
            offer.map(cells).unwrap_or_default(),
            offer.and_then(|o| o.beyond.clone()).unwrap_or_default(),
        ]
    };
    let fits = text("files-fits");
    for pair in &m.pairs {
        out.extend(
            pair.fits
                .iter()
                .map(|fit| line(&fits, Some(&pair.need), Some(fit))),
        );
    }
    let (unmatched, unused) = (text("match-unmatched"), text("match-unused"));
    out.extend(
        m.unmatched
            .iter()
            .map(|need| line(&unmatched, Some(need), None)),
    );
    out.extend(
        m.unused
            .iter()
            .map(|offer| line(&unused, None, Some(offer))),
    );
    Ok(Some(out))
}

fn cells(side: &Side) -> String {
    let said: Vec<String> = side
        .cells
        .iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| format!("{}: {}", c.label, c.value))
        .collect();
    said.join("; ")
}
