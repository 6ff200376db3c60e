//! A workbook read as the TOML of a survey's version: the settings, the choices (the survey's
//! own lists; lists marked `coomet_reference` are the reference lists, resolved when checked),
//! the survey sheet (`survey.rs`), and the engine's indicators and matches. A problem names its
//! cell (`survey!H12`); the TOML is then checked as a file is, and the checker's problems are
//! put back on the cells they came from (`Imported::locate`).
use super::reading::Reading;
use super::sheet::Sheet;
use crate::forms::problem::Problem;
use crate::forms::schema::{Choice, Form, Text, Unit};
use calamine::{Reader, Xlsx};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// A workbook made TOML, with the cell of each declaration.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: String,
    /// The cell of the form, then of each section and question, indicator and match, in the
    /// order of their `id = ` lines in `source`.
    places: Vec<String>,
}

impl Imported {
    /// The checker's problems of `source` put on the cells they came from.
    pub fn locate(&self, problems: Vec<Problem>) -> Vec<Problem> {
        let ids: Vec<usize> = (self.source.lines().enumerate())
            .filter(|(_, l)| l.trim_start().starts_with("id = "))
            .map(|(i, _)| i + 1)
            .collect();
        problems
            .into_iter()
            .map(|mut p| {
                let k = ids
                    .iter()
                    .filter(|&&l| l <= p.line)
                    .count()
                    .saturating_sub(1);
                p.place = self.places.get(k).cloned();
                p
            })
            .collect()
    }
}

/// A problem of the whole workbook.
fn whole(name: &str, key: &'static str, args: &[(&'static str, &str)]) -> Vec<Problem> {
    let mut p = Problem::new(Path::new(name).to_path_buf(), 0, key, args);
    p.place = Some(name.to_string());
    vec![p]
}

/// The workbook `bytes` (called `name` in problems) as a survey's TOML, or every problem.
pub fn import(name: &str, bytes: &[u8]) -> Result<Imported, Vec<Problem>> {
    if let Some(key) = super::limits::refused(bytes) {
        let max = (super::MAX_WORKBOOK_BYTES / 1024).to_string();
        return Err(whole(name, key, &[("max", &max)]));
    }
    let Ok(mut wb) = Xlsx::new(Cursor::new(bytes)) else {
        return Err(whole(name, "xls-not-workbook", &[]));
    };
    let mut sheets = BTreeMap::new();
    for sheet in [
        "survey",
        "choices",
        "settings",
        "coomet_indicators",
        "coomet_matches",
    ] {
        let Ok(range) = wb.worksheet_range(sheet) else {
            continue;
        };
        let (rows, cols) = range.get_size();
        if rows.saturating_mul(cols) > super::MAX_CELLS {
            let max = super::MAX_CELLS.to_string();
            return Err(whole(name, "xls-cells", &[("sheet", sheet), ("max", &max)]));
        }
        sheets.insert(sheet, Sheet::new(sheet, &range));
    }
    let mut r = Reading::new(Path::new(name));
    let (Some(survey), Some(settings)) = (sheets.get("survey"), sheets.get("settings")) else {
        let missing = if sheets.contains_key("survey") {
            "settings"
        } else {
            "survey"
        };
        return Err(whole(name, "xls-no-sheet", &[("sheet", missing)]));
    };
    let empty = Sheet::default();
    let mut form = settings_of(&mut r, settings);
    let (lists, values) = lists_of(sheets.get("choices").unwrap_or(&empty));
    form.lists = lists;
    form.sections = super::survey::sections(&mut r, survey, &values, &form.title);
    form.indicators = defined(&mut r, sheets.get("coomet_indicators"));
    form.matches = defined(&mut r, sheets.get("coomet_matches"));
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    match toml::to_string(&form) {
        Ok(source) => Ok(Imported {
            source,
            places: r.places,
        }),
        Err(e) => Err(whole(name, "xls-json", &[("detail", &e.to_string())])),
    }
}

fn settings_of(r: &mut Reading<'_>, s: &Sheet) -> Form {
    r.places.push(s.cell(0, "form_id"));
    let get = |c: &str| s.get(0, c).to_string();
    let mut title = Text {
        en: get("coomet_title::en"),
        ru: get("coomet_title::ru"),
    };
    // XLSForm's `form_title` has no translations: it is the title in a language the workbook
    // gives none in (the survey's page then lists it as the same in both).
    for t in [&mut title.en, &mut title.ru] {
        if t.is_empty() {
            *t = get("form_title");
        }
    }
    let intro = Text {
        en: get("coomet_intro::en"),
        ru: get("coomet_intro::ru"),
    };
    let unit = match get("coomet_unit").as_str() {
        "" | "institute" => Unit::Institute,
        "country" => Unit::Country,
        "contact" => Unit::Contact,
        other => {
            r.problem(s.cell(0, "coomet_unit"), "xls-unit", &[("unit", other)]);
            Unit::Institute
        }
    };
    let id = get("form_id");
    if id.is_empty() {
        r.problem(s.cell(0, "form_id"), "xls-no-form-id", &[]);
    }
    Form {
        id,
        version: get("version").parse().unwrap_or(1),
        unit,
        audience: get("coomet_audience")
            .split_whitespace()
            .map(String::from)
            .collect(),
        circulate: matches!(get("coomet_circulate").as_str(), "yes" | "true" | "TRUE"),
        title,
        intro: (!intro.en.is_empty() || !intro.ru.is_empty()).then_some(intro),
        lists: BTreeMap::new(),
        list_versions: BTreeMap::new(),
        sections: Vec::new(),
        indicators: Vec::new(),
        matches: Vec::new(),
        reviewer_min_count: get("coomet_reviewer_min_count").parse().unwrap_or(3),
    }
}

/// The survey's own lists, and each choice's value by its XLSForm name where they differ.
fn lists_of(s: &Sheet) -> (BTreeMap<String, Vec<Choice>>, BTreeMap<String, String>) {
    let mut lists: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let mut values = BTreeMap::new();
    for row in 0..s.len() {
        let (list, name) = (s.get(row, "list_name"), s.get(row, "name"));
        if list.is_empty() || name.is_empty() {
            continue;
        }
        let value = match s.get(row, "coomet_value") {
            "" => name.to_string(),
            v => {
                values.insert(name.to_string(), v.to_string());
                v.to_string()
            }
        };
        // Reference lists and the engine's yes/no are resolved when the survey is checked.
        if !s.get(row, "coomet_reference").is_empty() {
            continue;
        }
        lists.entry(list.to_string()).or_default().push(Choice {
            value,
            en: s.get(row, "label::en").into(),
            ru: s.get(row, "label::ru").into(),
        });
    }
    (lists, values)
}

/// Indicators or matches: `id`, labels and the rest of each as JSON in `definition`.
fn defined<T: DeserializeOwned>(r: &mut Reading<'_>, s: Option<&Sheet>) -> Vec<T> {
    let Some(s) = s else { return Vec::new() };
    let mut out = Vec::new();
    for row in 0..s.len() {
        let id = s.get(row, "id");
        if id.is_empty() {
            continue;
        }
        r.places.push(s.cell(row, "id"));
        let mut json: serde_json::Value = match s.get(row, "definition") {
            "" => serde_json::json!({}),
            text => match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    r.problem(
                        s.cell(row, "definition"),
                        "xls-json",
                        &[("detail", &e.to_string())],
                    );
                    continue;
                }
            },
        };
        if let Some(o) = json.as_object_mut() {
            o.insert("id".into(), id.into());
            let label =
                serde_json::json!({ "en": s.get(row, "label::en"), "ru": s.get(row, "label::ru") });
            o.insert("label".into(), label);
        }
        match serde_json::from_value(json) {
            Ok(v) => out.push(v),
            Err(e) => r.problem(
                s.cell(row, "definition"),
                "xls-json",
                &[("detail", &e.to_string())],
            ),
        }
    }
    out
}
