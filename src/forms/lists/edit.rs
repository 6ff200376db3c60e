//! A list edited as a table: each entry's texts in both languages reworded, an entry retired or
//! brought back, new entries added. An entry's value is what answers store, so it is never
//! changed, and an entry is never deleted (answers of earlier years refer to it): retiring takes
//! it out of the surveys' next versions. Everything posted comes back, with the problem of each
//! row, when anything is wrong.
use super::Entry;
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

/// Empty rows offered for new entries.
pub const NEW_ROWS: usize = 3;
/// The longest text of an entry, in characters (the longest seeded is under 120).
pub const MAX_TEXT: usize = 300;
/// The most new entries read from one post.
pub const MAX_NEW: usize = 100;
/// The longest value (`TC 1.12`, `R 137`).
pub const MAX_VALUE: usize = 40;

/// A row of the table as shown: an entry, or a row for a new one, with its problem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    pub value: String,
    pub en: String,
    pub ru: String,
    pub retired: bool,
    pub new: bool,
    /// The locale key of what is wrong with the row.
    pub problem: Option<&'static str>,
}

/// What a change to a list is, as the trail and the versions' page say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(Entry),
    Reworded {
        value: String,
        lang: Lang,
        from: String,
        to: String,
    },
    Retired(String),
    Restored(String),
}

impl Change {
    pub fn text(&self, i18n: &I18n, lang: Lang) -> String {
        let (key, args) = match self {
            Change::Added(e) => (
                "list-change-added",
                vec![
                    ("value", e.value.clone()),
                    ("en", e.en.clone()),
                    ("ru", e.ru.clone()),
                ],
            ),
            Change::Reworded {
                value,
                lang: which,
                from,
                to,
            } => (
                "list-change-reworded",
                vec![
                    ("value", value.clone()),
                    ("lang", which.code().to_string()),
                    ("from", from.clone()),
                    ("to", to.clone()),
                ],
            ),
            Change::Retired(v) => ("list-change-retired", vec![("value", v.clone())]),
            Change::Restored(v) => ("list-change-restored", vec![("value", v.clone())]),
        };
        i18n.text(lang, key, &args)
    }
}

/// The changes from `old` to `new`, entry by entry.
pub fn compare(old: &[Entry], new: &[Entry]) -> Vec<Change> {
    let mut out = Vec::new();
    for n in new {
        let Some(o) = old.iter().find(|o| o.value == n.value) else {
            out.push(Change::Added(n.clone()));
            continue;
        };
        for (lang, from, to) in [(Lang::En, &o.en, &n.en), (Lang::Ru, &o.ru, &n.ru)] {
            if from != to {
                out.push(Change::Reworded {
                    value: n.value.clone(),
                    lang,
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        match (o.retired, n.retired) {
            (false, true) => out.push(Change::Retired(n.value.clone())),
            (true, false) => out.push(Change::Restored(n.value.clone())),
            _ => {}
        }
    }
    out
}

/// The table of `entries`, then `added` as rows for new entries and the empty rows.
pub fn rows(entries: &[Entry], added: &[Entry]) -> Vec<Row> {
    let row = |e: &Entry, new: bool| Row {
        value: e.value.clone(),
        en: e.en.clone(),
        ru: e.ru.clone(),
        retired: e.retired,
        new,
        problem: None,
    };
    let mut rows: Vec<Row> = entries.iter().map(|e| row(e, false)).collect();
    rows.extend(added.iter().map(|e| row(e, true)));
    rows.extend((0..NEW_ROWS).map(|_| Row {
        new: true,
        ..Row::default()
    }));
    rows
}

/// `changes` made to an earlier version applied again to `latest` (another version was saved
/// meanwhile): what the other saved stays, each of these changes is made on top of it.
pub fn merged(latest: &[Entry], changes: &[Change]) -> Vec<Row> {
    let mut entries = latest.to_vec();
    let mut added: Vec<Entry> = Vec::new();
    for change in changes {
        let value = match change {
            Change::Added(e) => {
                if !entries.iter().any(|x| x.value == e.value) {
                    added.push(e.clone());
                }
                continue;
            }
            Change::Reworded { value, .. } | Change::Retired(value) | Change::Restored(value) => {
                value
            }
        };
        let Some(x) = entries.iter_mut().find(|x| &x.value == value) else {
            continue;
        };
        match change {
            Change::Reworded {
                lang: Lang::En, to, ..
            } => x.en.clone_from(to),
            Change::Reworded { to, .. } => x.ru.clone_from(to),
            Change::Retired(_) => x.retired = true,
            Change::Restored(_) => x.retired = false,
            Change::Added(_) => {}
        }
    }
    rows(&entries, &added)
}

/// `old` with the edits of a posted table (`e{i}:en`, `e{i}:ru`, `e{i}/retired` for entry
/// `i`; `n{j}/value`, `n{j}:en`, `n{j}:ru` for a new one): the new entries, or the rows as
/// posted with their problems.
pub fn apply(
    old: &[Entry],
    posted: &BTreeMap<String, String>,
) -> std::result::Result<Vec<Entry>, Vec<Row>> {
    let field = |k: String| {
        posted
            .get(&k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (i, e) in old.iter().enumerate() {
        let mut row = Row {
            value: e.value.clone(),
            en: field(format!("e{i}:en")),
            ru: field(format!("e{i}:ru")),
            retired: posted.contains_key(&format!("e{i}/retired")),
            ..Row::default()
        };
        row.problem = texts_problem(&row);
        rows.push(row);
    }
    for j in (0..MAX_NEW).filter(|j| posted.contains_key(&format!("n{j}/value"))) {
        let mut row = Row {
            value: field(format!("n{j}/value")),
            en: field(format!("n{j}:en")),
            ru: field(format!("n{j}:ru")),
            new: true,
            ..Row::default()
        };
        if row.value.is_empty() && row.en.is_empty() && row.ru.is_empty() {
            rows.push(row);
            continue;
        }
        let taken = rows.iter().any(|r| r.value == row.value);
        row.problem = value_problem(&row.value, taken).or_else(|| texts_problem(&row));
        rows.push(row);
    }
    if rows.iter().any(|r| r.problem.is_some()) {
        return Err(rows);
    }
    Ok(rows
        .into_iter()
        .filter(|r| !r.value.is_empty())
        .map(|r| Entry {
            value: r.value,
            en: r.en,
            ru: r.ru,
            retired: r.retired,
        })
        .collect())
}

fn texts_problem(row: &Row) -> Option<&'static str> {
    let texts = [&row.en, &row.ru];
    if texts.iter().any(|t| t.is_empty()) {
        Some("list-problem-empty")
    } else if texts.iter().any(|t| t.chars().count() > MAX_TEXT) {
        Some("list-problem-long")
    } else if texts.iter().any(|t| t.chars().any(char::is_control)) {
        Some("list-problem-control")
    } else {
        None
    }
}

/// A new entry's value: letters, digits, spaces and `.-_/`, as the seeded values are.
fn value_problem(value: &str, taken: bool) -> Option<&'static str> {
    let allowed = |c: char| c.is_alphanumeric() || " .-_/".contains(c);
    if value.is_empty() || value.chars().count() > MAX_VALUE || !value.chars().all(allowed) {
        Some("list-problem-value")
    } else if taken {
        Some("list-problem-taken")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
