//! A response as readable lines, for the confirmation e-mail: each answered question with its
//! answer, choices by their labels, rows of groups numbered.
use super::schema::{Form, Kind, Question};
use super::walk::{self, Place};
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub value: String,
    /// Lines of a group row are indented under the row's heading.
    pub nested: bool,
    /// The same question's answer in the previous campaign, where one is asked for and given
    /// (a group's rows have none: rows are not matched from one year to the next).
    pub before: Option<String>,
}

pub fn lines(form: &Form, answers: &Map<String, Value>, lang: Lang, i18n: &I18n) -> Vec<Line> {
    lines_beside(form, answers, None, lang, i18n)
}

/// The lines of `answers`, each with the answer of `before` (last year's) to the same question.
pub fn lines_beside(
    form: &Form,
    answers: &Map<String, Value>,
    before: Option<&Map<String, Value>>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<Line> {
    let mut out = Vec::new();
    let line = |label: String, value: String, nested: bool, before: Option<String>| Line {
        label,
        value,
        nested,
        before,
    };
    let cells = |parent: &Question, answers: &Map<String, Value>| -> String {
        let cells: Vec<String> = parent
            .questions
            .iter()
            .filter_map(|inner| {
                text(form, inner, answers, lang, i18n)
                    .map(|v| format!("{}: {v}", inner.label.get(lang)))
            })
            .collect();
        cells.join("; ")
    };
    for place in walk::stored(form, answers) {
        match place {
            Place::Question { q, answers } => {
                if let Some(value) = text(form, q, answers, lang, i18n) {
                    let was = before.and_then(|b| text(form, q, b, lang, i18n));
                    out.push(line(q.label.get(lang).to_string(), value, false, was));
                }
            }
            Place::Group { .. } => {}
            // A grid's row is one line: its choice, then each answered cell.
            Place::Row {
                parent,
                choice: Some(choice),
                answers,
                ..
            } => {
                let was = before
                    .and_then(|b| {
                        b.get(&parent.id)?
                            .as_object()?
                            .get(&choice.value)?
                            .as_object()
                    })
                    .map(|row| cells(parent, row))
                    .filter(|c| !c.is_empty());
                let label = choice.label(lang).to_string();
                out.push(line(label, cells(parent, answers), true, was));
            }
            // A group's row is a numbered heading with its answers under it.
            Place::Row {
                parent,
                index,
                choice: None,
                answers,
            } => {
                let heading = format!("{} {}", parent.label.get(lang), index + 1);
                out.push(line(heading, String::new(), false, None));
                for inner in &parent.questions {
                    if let Some(value) = text(form, inner, answers, lang, i18n) {
                        let label = inner.label.get(lang).to_string();
                        out.push(line(label, value, true, None));
                    }
                }
            }
        }
    }
    out
}

/// Question `q`'s answer in `answers` as read: choices by their labels, numbers with their unit.
pub fn text(
    form: &Form,
    q: &Question,
    answers: &Map<String, Value>,
    lang: Lang,
    i18n: &I18n,
) -> Option<String> {
    let other = answers
        .get(&format!("{}.other", q.id))
        .and_then(Value::as_str);
    let details = answers
        .get(&format!("{}.detail", q.id))
        .and_then(Value::as_object);
    let label = |v: &str| match (v, other) {
        ("other", Some(text)) => format!("{}: {text}", i18n.text(lang, "word-other", &[])),
        _ => {
            let base = form.choice_label(q, v, lang).to_string();
            match details.and_then(|d| d.get(v)).and_then(Value::as_str) {
                Some(detail) => format!("{base} ({detail})"),
                None => base,
            }
        }
    };
    let unit = q
        .unit
        .as_ref()
        .map(|u| format!(" {}", u.get(lang)))
        .unwrap_or_default();
    match answers.get(&q.id)? {
        Value::String(s) if q.kind.has_choices() || q.kind == Kind::YesNo => Some(label(s)),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(format!("{n}{unit}")),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(label)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}
