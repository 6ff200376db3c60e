//! What a change does to what was collected in earlier years: which indicators lose their
//! comparison, which questions are no longer filled in from last year's answers, which export
//! columns change. Worked out from the two versions, so the page says it before publishing.
use super::{reads_all, Change};
use crate::forms::schema::Form;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The indicator's figures from this version on are not comparable with earlier years'.
    SeriesBreaks(String),
    /// An indicator of earlier versions that this one no longer computes.
    SeriesEnds(String),
    /// A new indicator: its series starts with this version.
    SeriesStarts(String),
    /// One row of an indicator (a choice) is not continued from earlier years.
    RowBreaks {
        indicator: String,
        choice: String,
    },
    /// Last year's answers to the question are not filled in.
    NoPrefill(String),
    /// Last year's answers with this choice are not filled in.
    ChoiceNotPrefilled {
        question: String,
        choice: String,
    },
    ColumnAdded(String),
    ColumnRemoved(String),
    ColumnRenamed {
        from: String,
        to: String,
    },
    /// The column stays, its values read differently.
    ColumnValues(String),
    /// Answers are collected per another unit: nothing of earlier years carries over.
    UnitChanged,
}

/// Indicators of `form` that read `path` (or, for a group, any of its questions).
fn readers<'f>(form: &'f Form, path: &str) -> Vec<&'f str> {
    let inside = format!("{path}.");
    form.indicators
        .iter()
        .filter(|ind| {
            reads_all(ind)
                .iter()
                .any(|p| p == path || p.starts_with(&inside))
        })
        .map(|ind| ind.id.as_str())
        .collect()
}

/// Questions of `form` whose choices are `list`, by path.
fn using_list(form: &Form, list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for q in form.questions() {
        if q.list.as_deref() == Some(list) {
            out.push(q.id.clone());
        }
        for inner in &q.questions {
            if inner.list.as_deref() == Some(list) {
                out.push(format!("{}.{}", q.id, inner.id));
            }
        }
    }
    out
}

/// Breaks of the indicators of `old` that read `path` and that `new` still computes (one that
/// goes is said by its own change).
fn breaks(old: &Form, new: &Form, path: &str) -> Vec<Effect> {
    readers(old, path)
        .into_iter()
        .filter(|id| new.indicators.iter().any(|i| i.id == *id))
        .map(|id| Effect::SeriesBreaks(id.to_string()))
        .collect()
}

pub fn effects(change: &Change, old: &Form, new: &Form) -> Vec<Effect> {
    match change {
        Change::Setting("unit") => vec![Effect::UnitChanged],
        Change::QuestionAdded(q) => vec![Effect::ColumnAdded(q.clone())],
        // An indicator that read it reads something else now: its own change says so.
        Change::QuestionRemoved(q) => vec![
            Effect::NoPrefill(q.clone()),
            Effect::ColumnRemoved(q.clone()),
        ],
        Change::QuestionRenamed { from, to } => vec![Effect::ColumnRenamed {
            from: from.clone(),
            to: to.clone(),
        }],
        Change::QuestionRetyped { question, .. }
        | Change::QuestionRule {
            question,
            rule: "list",
        } => {
            let mut out = vec![
                Effect::NoPrefill(question.clone()),
                Effect::ColumnValues(question.clone()),
            ];
            out.extend(breaks(old, new, question));
            out
        }
        Change::ChoiceRemoved { list, value } => choices(old, new, list, value, false),
        Change::ChoiceRecoded { list, from, .. } => choices(old, new, list, from, true),
        Change::IndicatorAdded(id) => vec![Effect::SeriesStarts(id.clone())],
        Change::IndicatorRemoved(id) => vec![Effect::SeriesEnds(id.clone())],
        Change::IndicatorChanged(id) => vec![Effect::SeriesBreaks(id.clone())],
        _ => Vec::new(),
    }
}

/// A choice gone (or re-coded) from `list`: last year's answers with it are not filled in, and
/// the indicators over the questions that use the list lose that row's comparison.
fn choices(old: &Form, new: &Form, list: &str, value: &str, recoded: bool) -> Vec<Effect> {
    let mut out = Vec::new();
    for question in using_list(old, list) {
        out.push(Effect::ChoiceNotPrefilled {
            question: question.clone(),
            choice: value.to_string(),
        });
        if recoded {
            out.push(Effect::ColumnValues(question.clone()));
        }
        for id in readers(new, &question) {
            out.push(Effect::RowBreaks {
                indicator: id.to_string(),
                choice: value.to_string(),
            });
        }
    }
    out.dedup();
    out
}
