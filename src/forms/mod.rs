//! The form engine. A survey is data: a TOML schema in `forms/` with its questions, texts in
//! English and Russian, the unit that answers, the audience and the indicators it feeds. Nothing
//! here knows any particular survey.
mod check;
pub mod lists;
pub mod load;
pub mod matches;
mod problem;
pub mod raw;
pub mod schema;
pub mod summary;
mod typed;
pub mod validate;
pub mod walk;

pub use lists::RefLists;
pub use load::check_dir;
pub use problem::Problem;
pub use raw::RawForm;
pub use schema::{Choice, Form, Kind, Question, Text, Unit};
pub use validate::{validate, validate_for, FieldError, Mode, Outcome};

use crate::{Error, Result};

/// A unit's answers as stored: question id to value, groups and grids as arrays of such maps.
pub type Answers = serde_json::Map<String, serde_json::Value>;
use std::collections::BTreeMap;
use std::path::Path;

/// Every form of `forms/`, checked and with its reference lists resolved.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub forms: BTreeMap<String, Form>,
}

impl Registry {
    /// Loads and checks every schema; any problem is an error naming `file:line`.
    pub fn load(forms_dir: &Path, seeds_dir: &Path) -> Result<Self> {
        let lists = RefLists::load(seeds_dir)?;
        let (forms, problems) = load::load_dir(forms_dir, &lists)?;
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(Error::Schema(text.join("\n")));
        }
        Ok(Registry {
            forms: forms.into_iter().map(|f| (f.id.clone(), f)).collect(),
        })
    }

    pub fn get(&self, id: &str) -> Option<&Form> {
        self.forms.get(id)
    }
}

/// Schemas that campaigns were opened with, parsed once and kept: a campaign's snapshot never
/// changes, and parsing it on every page would cost more than the rest of the request.
#[derive(Debug, Default)]
pub struct Snapshots(
    std::sync::RwLock<std::collections::HashMap<(i32, i64), std::sync::Arc<Form>>>,
);

impl Snapshots {
    /// The form of snapshot `key` (a campaign's id and creation time), parsed from `json` the
    /// first time.
    pub fn get_or_parse(&self, key: (i32, i64), json: &str) -> Result<std::sync::Arc<Form>> {
        if let Some(form) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(form);
        }
        let form = std::sync::Arc::new(serde_json::from_str::<Form>(json)?);
        if let Ok(mut map) = self.0.write() {
            map.insert(key, form.clone());
        }
        Ok(form)
    }
}

/// The values a choice question `id` holds in `row` (one for a single choice, each of a
/// multiple choice), for whoever reads answers by question id.
pub fn chosen(row: &Answers, id: &str) -> Vec<String> {
    match row.get(id) {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}
