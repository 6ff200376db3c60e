//! Reference lists shared by every form, written once in `seeds/`: each CSV of `seeds/lists`
//! (value,en,ru) and the directory's countries and institutes.
use super::Choice;
use crate::directory::seed::read_csv;
use crate::Result;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct RefLists(pub BTreeMap<String, Vec<Choice>>);

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
    pub fn load(seeds_dir: &Path) -> Result<Self> {
        let mut lists = BTreeMap::new();
        let dir = seeds_dir.join("lists");
        if dir.is_dir() {
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
                lists.insert(name, read_csv::<Choice>(&path)?);
            }
        }
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
        Ok(RefLists(lists))
    }

    pub fn get(&self, name: &str) -> Option<&Vec<Choice>> {
        self.0.get(name)
    }
}
