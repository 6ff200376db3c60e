//! A version written as an XLSForm workbook. Every text is written as a string (never a
//! formula, whatever it begins with); what XLSForm has no column for goes in `coomet_*`.
use super::expr::{write_constraint, write_relevant, Bounds};
use super::{CHOICES_COLUMNS, DEFINED_COLUMNS, EN, SETTINGS_COLUMNS, SURVEY_COLUMNS};
use crate::forms::schema::{Choice, Form, Kind, Question, Text};
use rust_xlsxwriter::{Workbook, XlsxError};
use std::collections::BTreeMap;

/// One row of a sheet, by column name.
type Row = BTreeMap<&'static str, String>;

/// The rules whose message XLSForm's `constraint_message` carries.
pub(super) const CONSTRAINT_RULES: &[&str] = &["min", "max", "max_length", "after"];

/// A choice's name as XLSForm allows it (no spaces in the names of a multiple choice): the
/// value with each other character made `_`; the value itself goes in `coomet_value`.
pub(super) fn xls_name(value: &str) -> String {
    value
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() || "_.-".contains(c) {
            true => c,
            false => '_',
        })
        .collect()
}

fn texts(row: &mut Row, en: &'static str, ru: &'static str, text: Option<&Text>) {
    if let Some(t) = text {
        row.insert(en, t.en.clone());
        row.insert(ru, t.ru.clone());
    }
}

/// `form` (its own lists named in `own`; the others are reference lists) as a workbook.
pub fn export(form: &Form, own: &[String]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let survey = survey_rows(form);
    write(&mut wb, "survey", SURVEY_COLUMNS, &survey)?;
    write(&mut wb, "choices", CHOICES_COLUMNS, &choice_rows(form, own))?;
    write(&mut wb, "settings", SETTINGS_COLUMNS, &[settings_row(form)])?;
    let defined = |id: &str, label: &Text, json: serde_json::Value| {
        let mut row = Row::new();
        row.insert("id", id.to_string());
        texts(
            &mut row,
            "label::English (en)",
            "label::Russian (ru)",
            Some(label),
        );
        row.insert("definition", json.to_string());
        row
    };
    let mut rows = Vec::new();
    for i in &form.indicators {
        rows.push(defined(&i.id, &i.label, without(serde_json::to_value(i))));
    }
    write(&mut wb, "coomet_indicators", DEFINED_COLUMNS, &rows)?;
    let mut rows = Vec::new();
    for m in &form.matches {
        rows.push(defined(&m.id, &m.label, without(serde_json::to_value(m))));
    }
    write(&mut wb, "coomet_matches", DEFINED_COLUMNS, &rows)?;
    wb.save_to_buffer()
}

/// The JSON of an indicator or a match without what its columns say.
fn without(v: Result<serde_json::Value, serde_json::Error>) -> serde_json::Value {
    let mut v = v.unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("id");
        o.remove("label");
    }
    v
}

fn write(
    wb: &mut Workbook,
    name: &str,
    columns: &[&'static str],
    rows: &[Row],
) -> Result<(), XlsxError> {
    let sheet = wb.add_worksheet();
    sheet.set_name(name)?;
    for (c, title) in columns.iter().enumerate() {
        sheet.write_string(0, c as u16, *title)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, title) in columns.iter().enumerate() {
            if let Some(v) = row.get(title).filter(|v| !v.is_empty()) {
                sheet.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
    }
    Ok(())
}

fn settings_row(form: &Form) -> Row {
    let mut row = Row::new();
    row.insert("form_title", form.title.en.clone());
    row.insert("form_id", form.id.clone());
    row.insert("version", form.version.to_string());
    row.insert("default_language", EN.to_string());
    texts(
        &mut row,
        "coomet_title::English (en)",
        "coomet_title::Russian (ru)",
        Some(&form.title),
    );
    texts(
        &mut row,
        "coomet_intro::English (en)",
        "coomet_intro::Russian (ru)",
        form.intro.as_ref(),
    );
    row.insert("coomet_unit", form.unit.code().to_string());
    row.insert("coomet_audience", form.audience.join(" "));
    row.insert("coomet_circulate", yes(form.circulate));
    row.insert(
        "coomet_reviewer_min_count",
        form.reviewer_min_count.to_string(),
    );
    row
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "" }.to_string()
}

fn choice_rows(form: &Form, own: &[String]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |list: &str, c: &Choice, reference: &str| {
        let mut row = Row::new();
        row.insert("list_name", list.to_string());
        let name = xls_name(&c.value);
        if name != c.value {
            row.insert("coomet_value", c.value.clone());
        }
        row.insert("name", name);
        row.insert("label::English (en)", c.en.clone());
        row.insert("label::Russian (ru)", c.ru.clone());
        row.insert("coomet_reference", reference.to_string());
        rows.push(row);
    };
    for (name, choices) in &form.lists {
        let reference = if own.contains(name) { "" } else { "yes" };
        for c in choices {
            push(name, c, reference);
        }
    }
    let yes_no = form
        .questions()
        .flat_map(|q| std::iter::once(q).chain(&q.questions));
    if yes_no.into_iter().any(|q| q.kind == Kind::YesNo) {
        for c in crate::forms::schema::yes_no() {
            push(super::YES_NO_LIST, c, "builtin");
        }
    }
    rows
}

fn survey_rows(form: &Form) -> Vec<Row> {
    let mut rows = Vec::new();
    for s in &form.sections {
        let mut row = Row::new();
        row.insert("type", "begin_group".into());
        row.insert("name", s.id.clone());
        texts(
            &mut row,
            "label::English (en)",
            "label::Russian (ru)",
            Some(&s.title),
        );
        texts(
            &mut row,
            "hint::English (en)",
            "hint::Russian (ru)",
            s.intro.as_ref(),
        );
        rows.push(row);
        for q in &s.questions {
            question_rows(form, q, None, &mut rows);
        }
        let mut end = Row::new();
        end.insert("type", "end_group".into());
        rows.push(end);
    }
    rows
}

/// A question's XLSForm type, and the engine's where XLSForm's does not say it.
fn xls_type(q: &Question) -> (String, &'static str) {
    let list = q.list.as_deref().unwrap_or_default();
    let or_other = if q.other { " or_other" } else { "" };
    match q.kind {
        Kind::Text | Kind::LongText => ("text".to_string(), ""),
        Kind::Integer => ("integer".to_string(), ""),
        Kind::Decimal => ("decimal".to_string(), ""),
        Kind::Year => ("integer".to_string(), "year"),
        Kind::Date => ("date".to_string(), ""),
        Kind::YesNo => (format!("select_one {}", super::YES_NO_LIST), "yes_no"),
        Kind::SingleChoice => (format!("select_one {list}{or_other}"), ""),
        Kind::MultiChoice => (format!("select_multiple {list}{or_other}"), ""),
        Kind::Group => ("begin_repeat".to_string(), ""),
        Kind::Grid => ("begin_repeat".to_string(), "grid"),
    }
}

/// `show_if` as `relevant`, the choices by their names in the choices sheet.
fn relevant(form: &Form, q: &Question, group: Option<&Question>) -> Option<String> {
    let c = q.show_if.as_ref()?;
    let siblings: Vec<&Question> = match group {
        Some(g) => g.questions.iter().collect(),
        None => form.questions().collect(),
    };
    let target = siblings.into_iter().find(|s| s.id == c.question);
    let multiple = target.is_some_and(|t| t.kind == Kind::MultiChoice);
    let named = crate::forms::schema::Condition {
        question: c.question.clone(),
        any_of: c.any_of.iter().map(|v| xls_name(v)).collect(),
    };
    Some(write_relevant(&named, multiple))
}

fn question_rows(form: &Form, q: &Question, group: Option<&Question>, rows: &mut Vec<Row>) {
    let mut row = Row::new();
    let list = q.list.clone().unwrap_or_default();
    let (kind, coomet) = xls_type(q);
    row.insert("type", kind);
    row.insert("coomet_type", coomet.to_string());
    row.insert("name", q.id.clone());
    if q.kind == Kind::LongText {
        row.insert("appearance", "multiline".into());
    }
    if q.kind == Kind::Grid {
        row.insert("coomet_list", list);
        row.insert("repeat_count", form.choices(q).len().to_string());
    }
    texts(
        &mut row,
        "label::English (en)",
        "label::Russian (ru)",
        Some(&q.label),
    );
    texts(
        &mut row,
        "hint::English (en)",
        "hint::Russian (ru)",
        q.hint.as_ref(),
    );
    texts(
        &mut row,
        "coomet_unit::English (en)",
        "coomet_unit::Russian (ru)",
        q.unit.as_ref(),
    );
    texts(
        &mut row,
        "coomet_detail::English (en)",
        "coomet_detail::Russian (ru)",
        q.detail.as_ref(),
    );
    row.insert("required", yes(q.required));
    row.insert("coomet_exclude_own", yes(q.exclude_own));
    row.insert("coomet_was", q.was.clone().unwrap_or_default());
    let large = q.large_change.map(crate::forms::validate::fmt_num);
    row.insert("coomet_large_change", large.unwrap_or_default());
    for (col, n) in [
        ("coomet_min_rows", q.min_rows),
        ("coomet_max_rows", q.max_rows),
    ] {
        row.insert(col, n.map(|n| n.to_string()).unwrap_or_default());
    }
    if let Some(relevant) = relevant(form, q, group) {
        row.insert("relevant", relevant);
    }
    messages(q, &mut row);
    rows.push(row);
    if matches!(q.kind, Kind::Group | Kind::Grid) {
        for inner in &q.questions {
            question_rows(form, inner, Some(q), rows);
        }
        let mut end = Row::new();
        end.insert("type", "end_repeat".into());
        rows.push(end);
    }
}

/// `required_message`, the constraint and its message, and every other message in JSON.
fn messages(q: &Question, row: &mut Row) {
    let bounds = Bounds {
        min: q.min,
        max: q.max,
        max_length: q.max_length,
        after: q.after.clone(),
    };
    row.insert("constraint", write_constraint(&bounds));
    let present: Vec<&str> = CONSTRAINT_RULES
        .iter()
        .copied()
        .filter(|r| match *r {
            "min" => q.min.is_some(),
            "max" => q.max.is_some(),
            "max_length" => q.max_length.is_some(),
            _ => q.after.is_some(),
        })
        .collect();
    let shared = present.iter().find_map(|r| q.messages.get(*r));
    texts(
        row,
        "required_message::English (en)",
        "required_message::Russian (ru)",
        q.messages.get("required"),
    );
    texts(
        row,
        "constraint_message::English (en)",
        "constraint_message::Russian (ru)",
        shared,
    );
    let mut rest = serde_json::Map::new();
    for (rule, text) in &q.messages {
        let carried =
            rule == "required" || (present.contains(&rule.as_str()) && Some(text) == shared);
        if !carried {
            rest.insert(
                rule.clone(),
                serde_json::json!({ "en": text.en, "ru": text.ru }),
            );
        }
    }
    // A rule of the constraint without a message of its own, where the others have one.
    if shared.is_some() {
        for rule in present.iter().filter(|r| !q.messages.contains_key(**r)) {
            rest.insert(rule.to_string(), serde_json::Value::Null);
        }
    }
    if !rest.is_empty() {
        row.insert(
            "coomet_messages",
            serde_json::Value::Object(rest).to_string(),
        );
    }
}
