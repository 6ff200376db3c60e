//! The view of a form for handlebars: every question with its label in the page's language, the
//! values exactly as typed, and the message for each wrong field beside it.
use crate::forms::schema::Question;
use crate::forms::validate::fmt_num;
use crate::forms::{FieldError, Form, Kind, RawForm};
use crate::i18n::I18n;
use serde_json::{json, Value};

/// Lists longer than this are a drop-down rather than radio buttons.
const SELECT_FROM: usize = 8;

pub struct FormView<'a> {
    pub form: &'a Form,
    pub raw: &'a RawForm,
    pub errors: &'a [FieldError],
    pub lang: &'a str,
    pub i18n: &'a I18n,
    /// The respondent's institute, left out of choices marked `exclude_own`.
    pub own: Option<&'a str>,
}

impl FormView<'_> {
    pub fn message(&self, e: &FieldError) -> String {
        let custom = self
            .form
            .path(&e.question)
            .and_then(|(_, q)| q.messages.get(e.rule))
            .map(|t| t.get(self.lang).to_string());
        // Arguments that name another question are shown as its label.
        let args: Vec<(&str, String)> = e
            .args
            .iter()
            .map(|(k, v)| match (*k, self.form.path(v)) {
                ("other", Some((_, q))) => (*k, q.label.get(self.lang).to_string()),
                _ => (*k, v.clone()),
            })
            .collect();
        custom.unwrap_or_else(|| {
            let key = format!("err-{}", e.rule.replace('_', "-"));
            self.i18n.text(self.lang, &key, &args)
        })
    }

    fn error_for(&self, name: &str) -> Value {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| json!(self.message(e)))
            .unwrap_or(Value::Null)
    }

    /// A short list of every problem with a link to its field, shown above the form.
    pub fn summary(&self) -> Value {
        let items: Vec<Value> = self
            .errors
            .iter()
            .map(|e| {
                let label = self
                    .form
                    .path(&e.question)
                    .map(|(_, q)| q.label.get(self.lang).to_string())
                    .unwrap_or_default();
                json!({"anchor": format!("f-{}", e.field), "label": label, "message": self.message(e)})
            })
            .collect();
        json!(items)
    }

    pub fn sections(&self) -> Value {
        let sections: Vec<Value> = self
            .form
            .sections
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "title": s.title.get(self.lang),
                    "intro": s.intro.as_ref().map(|t| t.get(self.lang)),
                    "questions": s.questions.iter().map(|q| self.question(q, &q.id, "")).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!(sections)
    }

    fn question(&self, q: &Question, name: &str, scope: &str) -> Value {
        let lang = self.lang;
        let values = self.raw.all(name);
        let first = values.first().cloned().unwrap_or_default();
        let choices: Vec<Value> = self
            .form
            .choices(q)
            .iter()
            .enumerate()
            .filter(|(_, c)| !(q.exclude_own && self.own == Some(c.value.as_str())))
            .map(|(i, c)| {
                let detail_name = format!("{name}.detail.{i}");
                json!({
                    "value": c.value,
                    "label": c.label(lang),
                    "checked": values.contains(&c.value),
                    "detail_name": detail_name,
                    "detail_value": self.raw.get(&detail_name),
                    "detail_error": self.error_for(&detail_name),
                })
            })
            .collect();
        let other = q.other.then(|| {
            let other_name = format!("{name}.other");
            json!({
                "name": other_name,
                "value": self.raw.get(&other_name),
                "checked": values.iter().any(|v| v == "other"),
                "error": self.error_for(&other_name),
            })
        });
        let rows: Vec<Value> = if q.kind == Kind::Group {
            // An empty group still shows one row to start typing in.
            let count = self.raw.rows(name).clamp(1, q.max_rows());
            (0..count)
                .map(|i| {
                    let prefix = format!("{name}.{i}.");
                    json!({
                        "index": i,
                        "number": i + 1,
                        "remove_action": format!("remove:{name}:{i}"),
                        "questions": q.questions.iter()
                            .map(|inner| self.question(inner, &format!("{prefix}{}", inner.id), &prefix))
                            .collect::<Vec<_>>(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        // A grid: a row per choice of its list, a cell per question.
        let grid: Vec<Value> = if q.kind == Kind::Grid {
            self.form
                .choices(q)
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let prefix = format!("{name}.{i}.");
                    json!({
                        "label": c.label(lang),
                        "cells": q.questions.iter()
                            .map(|inner| self.question(inner, &format!("{prefix}{}", inner.id), &prefix))
                            .collect::<Vec<_>>(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let columns: Vec<&str> = q.questions.iter().map(|c| c.label.get(lang)).collect();
        let kind = serde_json::to_value(q.kind).unwrap_or(Value::Null);
        json!({
            "kind": kind,
            "name": name,
            "anchor": format!("f-{name}"),
            "label": q.label.get(lang),
            "hint": q.hint.as_ref().map(|t| t.get(lang)),
            "required": q.required,
            "error": self.error_for(name),
            "value": first,
            "choices": choices,
            "as_select": q.kind == Kind::SingleChoice && self.form.choices(q).len() >= SELECT_FROM,
            "other": other,
            "detail_label": q.detail.as_ref().map(|t| t.get(lang)),
            "unit": q.unit.as_ref().map(|t| t.get(lang)),
            "min": q.min.map(fmt_num),
            "max": q.max.map(fmt_num),
            "maxlength": q.max_length(),
            "rows": rows,
            "grid": grid,
            "columns": columns,
            "rows_name": format!("{name}._rows"),
            "row_count": rows.len(),
            "add_action": format!("add:{name}"),
            "can_add": rows.len() < q.max_rows(),
            "max_rows": q.max_rows(),
            "show_if": q.show_if.as_ref().map(|c| json!({
                "name": format!("{scope}{}", c.question),
                "values": c.any_of.join("|"),
            })),
        })
    }
}
