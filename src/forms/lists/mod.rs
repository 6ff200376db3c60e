//! Reference lists shared by every form. The lists of `seeds/lists` (value,en,ru) are kept in
//! the database with numbered versions (`store`), seeded from the files and edited by the
//! secretariat (`edit`); the directory's countries and institutes come from `seeds/` as they are.
//! A form resolves the lists it names when it is checked, and records the versions it used.
pub mod edit;
pub mod store;

use super::Choice;
use crate::directory::seed::read_csv;
use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One entry of a reference list. A retired entry stays in the list (answers of earlier years
/// refer to it, and their exports still name it) but is no longer offered by a new version of a
/// survey. Entries are never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub value: String,
    pub en: String,
    pub ru: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

impl Entry {
    fn choice(&self) -> Choice {
        Choice {
            value: self.value.clone(),
            en: self.en.clone(),
            ru: self.ru.clone(),
        }
    }
}

/// The reference lists a form may name, each with the version it is at (none for lists read
/// from files alone, as `forms check` reads them).
#[derive(Debug, Clone, Default)]
pub struct RefLists {
    lists: BTreeMap<String, Vec<Choice>>,
    versions: BTreeMap<String, u32>,
}

#[derive(Deserialize)]
struct CountryRow {
    code: String,
    name_en: String,
    name_ru: String,
}

#[derive(Deserialize)]
struct InstituteRow {
    acronym: String,
    name_en: String,
    name_ru: Option<String>,
}

impl RefLists {
    /// Every list from the files of `seeds_dir`, without versions.
    pub fn load(seeds_dir: &Path) -> Result<Self> {
        let mut refs = Self::directory(seeds_dir)?;
        for (name, entries) in files(seeds_dir)? {
            refs.lists
                .insert(name, entries.iter().map(Entry::choice).collect());
        }
        Ok(refs)
    }

    /// The directory's lists (countries, institutes) from `seeds_dir`, with `versioned`: the
    /// other lists, each at its version. Retired entries are left out.
    pub fn with(seeds_dir: &Path, versioned: Vec<(String, u32, Vec<Entry>)>) -> Result<Self> {
        let mut refs = Self::directory(seeds_dir)?;
        for (name, version, entries) in versioned {
            let offered = entries.iter().filter(|e| !e.retired).map(Entry::choice);
            refs.lists.insert(name.clone(), offered.collect());
            refs.versions.insert(name, version);
        }
        Ok(refs)
    }

    fn directory(seeds_dir: &Path) -> Result<Self> {
        let mut lists = BTreeMap::new();
        let countries = seeds_dir.join("countries.csv");
        if countries.is_file() {
            let rows = read_csv::<CountryRow>(&countries)?;
            lists.insert(
                "countries".into(),
                rows.into_iter()
                    .map(|r| Choice {
                        value: r.code,
                        en: r.name_en,
                        ru: r.name_ru,
                    })
                    .collect(),
            );
        }
        let institutes = seeds_dir.join("institutes.csv");
        if institutes.is_file() {
            let rows = read_csv::<InstituteRow>(&institutes)?;
            lists.insert(
                "institutes".into(),
                rows.into_iter()
                    .map(|r| Choice {
                        en: format!("{} ({})", r.acronym, r.name_en),
                        ru: match r.name_ru.filter(|n| !n.is_empty()) {
                            Some(ru) => format!("{} ({ru})", r.acronym),
                            None => format!("{} ({})", r.acronym, r.name_en),
                        },
                        value: r.acronym,
                    })
                    .collect(),
            );
        }
        Ok(RefLists {
            lists,
            versions: BTreeMap::new(),
        })
    }

    pub fn get(&self, name: &str) -> Option<&Vec<Choice>> {
        self.lists.get(name)
    }

    /// The version of list `name`, where it is versioned.
    pub fn version(&self, name: &str) -> Option<u32> {
        self.versions.get(name).copied()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lists.keys().map(String::as_str)
    }
}

/// The CSV files of `seeds_dir/lists`, by name (the file's stem), in order.
pub fn files(seeds_dir: &Path) -> Result<Vec<(String, Vec<Entry>)>> {
    #[derive(Deserialize)]
    struct Row {
        value: String,
        #[serde(default)]
        en: String,
        #[serde(default)]
        ru: String,
    }
    let dir = seeds_dir.join("lists");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rows = read_csv::<Row>(&path)?;
        let entries = rows
            .into_iter()
            .map(|r| Entry {
                value: r.value,
                en: r.en,
                ru: r.ru,
                retired: false,
            })
            .collect();
        out.push((name, entries));
    }
    Ok(out)
}

/// Whether a question of `form` (or of one of its groups) takes its choices from list `name`.
pub fn used_by(form: &super::Form, name: &str) -> bool {
    form.questions()
        .flat_map(|q| std::iter::once(q).chain(q.questions.iter()))
        .any(|q| q.list.as_deref() == Some(name))
}
