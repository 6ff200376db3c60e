//! A response as readable lines, for the confirmation e-mail: each answered question with its
//! answer, choices by their labels, rows of groups numbered.
use super::schema::{Form, Kind, Question};
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub value: String,
    /// Lines of a group row are indented under the row's heading.
    pub nested: bool,
}

pub fn lines(form: &Form, answers: &Map<String, Value>, lang: Lang, i18n: &I18n) -> Vec<Line> {
    let mut out = Vec::new();
    for q in form.questions() {
        if q.kind == Kind::Grid {
            let rows = answers.get(&q.id).and_then(Value::as_object);
            for choice in form.choices(q) {
                let Some(row) = rows
                    .and_then(|r| r.get(&choice.value))
                    .and_then(Value::as_object)
                else {
                    continue;
                };
                let cells: Vec<String> = q
                    .questions
                    .iter()
                    .filter_map(|inner| {
                        text(form, inner, row, lang, i18n)
                            .map(|v| format!("{}: {v}", inner.label.get(lang)))
                    })
                    .collect();
                out.push(Line {
                    label: choice.label(lang).to_string(),
                    value: cells.join("; "),
                    nested: true,
                });
            }
        } else if q.kind == Kind::Group {
            let rows = answers.get(&q.id).and_then(Value::as_array);
            for (i, row) in rows.into_iter().flatten().enumerate() {
                let Some(row) = row.as_object() else { continue };
                out.push(Line {
                    label: format!("{} {}", q.label.get(lang), i + 1),
                    value: String::new(),
                    nested: false,
                });
                for inner in &q.questions {
                    if let Some(value) = text(form, inner, row, lang, i18n) {
                        out.push(Line {
                            label: inner.label.get(lang).to_string(),
                            value,
                            nested: true,
                        });
                    }
                }
            }
        } else if let Some(value) = text(form, q, answers, lang, i18n) {
            out.push(Line {
                label: q.label.get(lang).to_string(),
                value,
                nested: false,
            });
        }
    }
    out
}

fn text(
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
