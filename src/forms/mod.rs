//! The form engine. A survey is data: a TOML schema in `forms/` with its questions, texts in
//! English and Russian, the unit that answers, the audience and the indicators it feeds. Nothing
//! here knows any particular survey.
pub mod carry;
mod check;
pub mod diff;
pub mod edit;
pub mod lists;
pub mod load;
pub mod matches;
pub mod paper;
mod problem;
pub mod raw;
pub mod schema;
pub mod source;
pub mod summary;
pub mod translations;
mod typed;
pub mod validate;
pub mod versions;
pub mod walk;
pub mod xlsform;

pub use lists::RefLists;
pub use load::check_dir;
pub use problem::Problem;
pub use raw::RawForm;
pub use schema::{Choice, Form, Kind, Question, Text, Unit};
pub use validate::{validate, validate_for, FieldError, Mode, Outcome};

use crate::Result;

/// A unit's answers as stored: question id to value, groups and grids as arrays of such maps.
pub type Answers = serde_json::Map<String, serde_json::Value>;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Every form of `forms/`, checked and with its reference lists resolved.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub forms: BTreeMap<String, Arc<Form>>,
}

impl Registry {
    /// Loads and checks every schema of `forms_dir`; any problem is an error naming
    /// `file:line`. The service reads its surveys from the database (`versions`); this is for
    /// tools and tests that read the files alone.
    pub fn load(forms_dir: &Path, seeds_dir: &Path, i18n: &crate::i18n::I18n) -> Result<Self> {
        Ok(Registry {
            forms: load::files(forms_dir, &RefLists::load(seeds_dir)?, i18n)?
                .into_iter()
                .map(|f| (f.form.id.clone(), Arc::new(f.form)))
                .collect(),
        })
    }

    pub fn get(&self, id: &str) -> Option<&Form> {
        self.forms.get(id).map(|f| &**f)
    }
}

/// Schemas that campaigns were opened with, parsed once and kept: a campaign's snapshot never
/// changes, and parsing it on every page would cost more than the rest of the request.
#[derive(Debug, Default)]
pub struct Snapshots(
    std::sync::RwLock<std::collections::HashMap<(i32, i64, i32), std::sync::Arc<Form>>>,
);

impl Snapshots {
    /// The form of snapshot `key` (a campaign's id, creation time and version: a correction of
    /// its texts is another version), parsed from `json` the first time.
    pub fn get_or_parse(&self, key: (i32, i64, i32), json: &str) -> Result<std::sync::Arc<Form>> {
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

/// The number question `id` holds in `row`, or a choice whose value is a number (a 1-5 scale):
/// stored answers keep numbers as JSON numbers, older ones and choices as text.
pub fn number(row: &Answers, id: &str) -> Option<f64> {
    match row.get(id)? {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
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
