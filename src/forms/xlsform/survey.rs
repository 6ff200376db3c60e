//! The survey sheet's rows as sections and questions: a top-level group is a section, a repeat
//! a repeating group (or, with `coomet_type = grid`, a grid over `coomet_list`), every other
//! row a question. Questions outside any group make a first section of their own, named `main`
//! and titled as the survey (a workbook written for other tools has none).
use super::expr;
use super::reading::Reading;
use super::sheet::Sheet;
use crate::forms::schema::{Kind, Question, Section, Text};
use std::collections::BTreeMap;

/// Columns that carry a meaning the engine has not: refused when a row uses them.
const UNSUPPORTED_COLUMNS: &[&str] = &[
    "calculation",
    "choice_filter",
    "default",
    "read_only",
    "readonly",
    "trigger",
    "parameters",
];

fn text(sheet: &Sheet, r: usize, base: &str) -> Option<Text> {
    let (en, ru) = (
        sheet.get(r, &format!("{base}::en")),
        sheet.get(r, &format!("{base}::ru")),
    );
    (!en.is_empty() || !ru.is_empty()).then(|| Text {
        en: en.into(),
        ru: ru.into(),
    })
}

fn yes(v: &str) -> bool {
    matches!(v.to_lowercase().as_str(), "yes" | "true" | "true()" | "1")
}

/// What is open while the rows are read.
struct Open {
    sections: Vec<Section>,
    section: Option<(Section, bool)>,
    repeat: Option<Question>,
}

impl Open {
    /// A top-level group: the next section. Inside a section or a repeat, refused.
    fn begin_section(&mut self, r: &mut Reading<'_>, sheet: &Sheet, row: usize) {
        let explicit = self.section.as_ref().is_some_and(|(_, explicit)| *explicit);
        if self.repeat.is_some() || explicit {
            r.problem(sheet.cell(row, "type"), "xls-nested-group", &[]);
            return;
        }
        if let Some((s, _)) = self.section.take() {
            self.sections.push(s);
        }
        r.places.push(sheet.cell(row, "name"));
        let s = Section {
            id: sheet.get(row, "name").into(),
            title: text(sheet, row, "label").unwrap_or_default(),
            intro: text(sheet, row, "hint"),
            questions: Vec::new(),
        };
        self.section = Some((s, true));
    }

    /// The section a question goes in: the one open, or a first one for questions outside any.
    fn section(&mut self, title: &Text, r: &mut Reading<'_>, place: String) -> &mut Section {
        if self.section.is_none() {
            r.places.push(place);
        }
        let made = || {
            let s = Section {
                id: "main".into(),
                title: title.clone(),
                intro: None,
                questions: Vec::new(),
            };
            (s, false)
        };
        &mut self.section.get_or_insert_with(made).0
    }
}

pub(super) fn sections(
    r: &mut Reading<'_>,
    sheet: &Sheet,
    values: &BTreeMap<String, String>,
    title: &Text,
) -> Vec<Section> {
    for column in sheet.used_columns() {
        if UNSUPPORTED_COLUMNS.contains(&column) {
            r.problem(
                sheet.cell(0, column),
                "xls-column-unsupported",
                &[("column", column)],
            );
        }
    }
    let mut open = Open {
        sections: Vec::new(),
        section: None,
        repeat: None,
    };
    for row in 0..sheet.len() {
        let kind = sheet.get(row, "type").replace(' ', "_");
        let cell = sheet.cell(row, "type");
        match kind.as_str() {
            "" => {}
            "begin_group" => open.begin_section(r, sheet, row),
            "end_group" => match open.section.take() {
                Some((s, true)) if open.repeat.is_none() => open.sections.push(s),
                _ => r.problem(cell, "xls-unmatched-end", &[("type", "end_group")]),
            },
            "begin_repeat" => {
                if open.repeat.is_some() {
                    r.problem(cell, "xls-nested-group", &[]);
                    continue;
                }
                let grid = sheet.get(row, "coomet_type") == "grid";
                let kind = if grid { Kind::Grid } else { Kind::Group };
                let list = grid.then(|| sheet.get(row, "coomet_list").to_string());
                open.section(title, r, cell);
                let q = question(r, sheet, row, kind, list, false, values);
                open.repeat = Some(q);
            }
            "end_repeat" => match open.repeat.take() {
                Some(q) => open.section(title, r, cell).questions.push(q),
                None => r.problem(cell, "xls-unmatched-end", &[("type", "end_repeat")]),
            },
            _ => {
                let Some((kind, list, other)) = typed(sheet, row) else {
                    r.problem(
                        cell,
                        "xls-type-unsupported",
                        &[("type", sheet.get(row, "type"))],
                    );
                    continue;
                };
                if open.repeat.is_none() {
                    open.section(title, r, cell);
                }
                let q = question(r, sheet, row, kind, list, other, values);
                match open.repeat.as_mut() {
                    Some(g) => g.questions.push(q),
                    None => open.section(title, r, String::new()).questions.push(q),
                }
            }
        }
    }
    if open.repeat.is_some() || open.section.as_ref().is_some_and(|(_, explicit)| *explicit) {
        let place = sheet.cell(sheet.len().saturating_sub(1), "type");
        r.problem(place, "xls-unclosed", &[]);
    }
    if let Some((s, _)) = open.section.take() {
        open.sections.push(s);
    }
    open.sections
}

/// A question row's type: the engine's kind, its list and whether it has "other".
fn typed(sheet: &Sheet, row: usize) -> Option<(Kind, Option<String>, bool)> {
    let coomet = sheet.get(row, "coomet_type");
    let spelled: Vec<&str> = sheet.get(row, "type").split_whitespace().collect();
    let kind = match (spelled.first().copied()?, coomet) {
        ("text", _) if sheet.get(row, "appearance").contains("multiline") => Kind::LongText,
        ("text", _) => Kind::Text,
        ("integer", "year") => Kind::Year,
        ("integer", _) => Kind::Integer,
        ("decimal", _) => Kind::Decimal,
        ("date", _) => Kind::Date,
        ("select_one", "yes_no") => Kind::YesNo,
        ("select_one", _) => Kind::SingleChoice,
        ("select_multiple", _) => Kind::MultiChoice,
        _ => return None,
    };
    let list = match kind {
        Kind::SingleChoice | Kind::MultiChoice => Some(spelled.get(1)?.to_string()),
        _ => None,
    };
    let other = match spelled.get(2).copied() {
        None => false,
        Some("or_other") if list.is_some() => true,
        Some(_) => return None,
    };
    Some((kind, list, other))
}

fn question(
    r: &mut Reading<'_>,
    sheet: &Sheet,
    row: usize,
    kind: Kind,
    list: Option<String>,
    other: bool,
    values: &BTreeMap<String, String>,
) -> Question {
    r.places.push(sheet.cell(row, "name"));
    let number = |column: &str| sheet.get(row, column).parse::<usize>().ok();
    let mut q = Question {
        id: sheet.get(row, "name").into(),
        kind,
        label: text(sheet, row, "label").unwrap_or_default(),
        hint: text(sheet, row, "hint"),
        required: yes(sheet.get(row, "required")),
        list,
        other,
        detail: text(sheet, row, "coomet_detail"),
        min: None,
        max: None,
        unit: text(sheet, row, "coomet_unit"),
        max_length: None,
        show_if: None,
        questions: Vec::new(),
        exclude_own: yes(sheet.get(row, "coomet_exclude_own")),
        after: None,
        min_rows: number("coomet_min_rows"),
        max_rows: number("coomet_max_rows"),
        messages: BTreeMap::new(),
        was: Some(sheet.get(row, "coomet_was").to_string()).filter(|w| !w.is_empty()),
        large_change: sheet.get(row, "coomet_large_change").parse().ok(),
    };
    let relevant = sheet.get(row, "relevant");
    if !relevant.is_empty() {
        match expr::relevant(relevant) {
            Ok(mut c) => {
                for v in &mut c.any_of {
                    if let Some(value) = values.get(v.as_str()) {
                        *v = value.clone();
                    }
                }
                q.show_if = Some(c);
            }
            Err(e) => r.unsupported(sheet.cell(row, "relevant"), e),
        }
    }
    let constraint = sheet.get(row, "constraint");
    let mut rules: Vec<&str> = Vec::new();
    if !constraint.is_empty() {
        match expr::constraint(constraint) {
            Ok(b) => {
                let present = [
                    ("min", b.min.is_some()),
                    ("max", b.max.is_some()),
                    ("max_length", b.max_length.is_some()),
                    ("after", b.after.is_some()),
                ];
                rules = present
                    .iter()
                    .filter(|(_, p)| *p)
                    .map(|(n, _)| *n)
                    .collect();
                (q.min, q.max, q.max_length, q.after) = (b.min, b.max, b.max_length, b.after);
            }
            Err(e) => r.unsupported(sheet.cell(row, "constraint"), e),
        }
    }
    messages(r, sheet, row, &rules, &mut q);
    q
}

/// `required_message`, `constraint_message` (for each rule of the constraint), then the JSON
/// of `coomet_messages`, which says exactly (a `null` is a rule without a message).
fn messages(r: &mut Reading<'_>, sheet: &Sheet, row: usize, rules: &[&str], q: &mut Question) {
    if let Some(t) = text(sheet, row, "required_message") {
        q.messages.insert("required".into(), t);
    }
    if let Some(t) = text(sheet, row, "constraint_message") {
        for rule in rules {
            q.messages.insert(rule.to_string(), t.clone());
        }
    }
    let json = sheet.get(row, "coomet_messages");
    if json.is_empty() {
        return;
    }
    let parsed: Result<BTreeMap<String, Option<Text>>, _> = serde_json::from_str(json);
    match parsed {
        Ok(map) => {
            for (rule, text) in map {
                match text {
                    Some(t) => q.messages.insert(rule, t),
                    None => q.messages.remove(&rule),
                };
            }
        }
        Err(e) => {
            let detail = e.to_string();
            r.problem(
                sheet.cell(row, "coomet_messages"),
                "xls-json",
                &[("detail", &detail)],
            );
        }
    }
}
