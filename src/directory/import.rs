//! Contacts in and out as CSV, the columns of `seeds/demo/contacts.csv` plus `active`. An import
//! is read twice: once for the preview, which marks each bad row and changes nothing, and again
//! inside the transaction that applies it, so that what is applied is what the checks passed.
use super::check::Problem;
use super::contacts::{self, Clean, Draft};
use super::{contact, institute};
use crate::cells::spreadsheet_safe;
use crate::Result;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use std::collections::{HashMap, HashSet};

/// Rows read from one file at most; a directory of 23 institutes has a few hundred contacts.
pub const MAX_ROWS: usize = 5000;
/// The columns, in the order of an export; an import finds them by name in any order.
pub const COLUMNS: [&str; 6] = ["institute", "name", "email", "language", "roles", "active"];
pub(super) const REQUIRED: [&str; 5] = ["institute", "name", "email", "language", "roles"];

/// What is wrong with the file as a whole: nothing of it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    NotCsv(String),
    MissingColumn(&'static str),
    TooManyRows,
    /// Marked as UTF-8 by a byte-order mark, but not UTF-8.
    Encoding,
    /// A workbook that cannot be opened, too large, or not a sheet of contacts.
    Workbook,
    /// Larger than `upload::MAX_FILE_BYTES`.
    TooLarge,
}

impl FileProblem {
    pub fn text(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            FileProblem::Empty => ("import-empty", vec![]),
            FileProblem::NotCsv(why) => ("import-not-csv", vec![("why", why.clone())]),
            FileProblem::MissingColumn(c) => {
                ("import-missing-column", vec![("column", c.to_string())])
            }
            FileProblem::TooManyRows => ("import-too-many", vec![("max", MAX_ROWS.to_string())]),
            FileProblem::Encoding => ("import-not-utf8", vec![]),
            FileProblem::Workbook => ("import-bad-workbook", vec![]),
            FileProblem::TooLarge => ("import-too-large", vec![]),
        }
    }
}

/// What applying a good row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    New,
    Update,
    Same,
}

/// One row of the file as read, with what it would do or what is wrong with it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line in the file, counting the header as line 1.
    pub line: usize,
    pub institute: String,
    pub draft: Draft,
    pub outcome: std::result::Result<(Change, i32, Clean), Vec<Problem>>,
    /// Other institutes that have a contact with this address: not a refusal (a person may
    /// answer for two institutes), but worth a look before importing.
    pub elsewhere: Vec<String>,
}

/// How many rows an import created, updated, left as they were and skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub same: usize,
    pub skipped: usize,
}

fn cell(record: &csv::StringRecord, at: Option<usize>) -> String {
    at.and_then(|i| record.get(i)).unwrap_or("").to_string()
}

fn records(text: &str) -> std::result::Result<Vec<(usize, Vec<String>)>, FileProblem> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| FileProblem::NotCsv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect::<Vec<_>>();
    if let Some(missing) = REQUIRED
        .into_iter()
        .find(|c| !headers.iter().any(|h| h == c))
    {
        return Err(FileProblem::MissingColumn(missing));
    }
    let at: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| headers.iter().position(|h| h == c))
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileProblem::NotCsv(e.to_string()))?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        rows.push((line, at.iter().map(|i| cell(&record, *i)).collect()));
    }
    Ok(rows)
}

fn active(text: &str) -> bool {
    !matches!(
        text.trim().to_lowercase().as_str(),
        "false" | "no" | "0" | "нет"
    )
}

/// Reads `text` and says, row by row, what importing it would do. Changes nothing.
pub async fn preview(
    db: &impl ConnectionTrait,
    text: &str,
) -> Result<std::result::Result<Vec<Row>, FileProblem>> {
    let records = match records(text) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let all = institute::Entity::find().all(db).await?;
    let institutes: HashMap<String, i32> = all
        .iter()
        .map(|i| (i.acronym.to_uppercase(), i.id))
        .collect();
    let acronyms: HashMap<i32, &str> = all.iter().map(|i| (i.id, i.acronym.as_str())).collect();
    let existing: HashMap<(i32, String), contact::Model> = contact::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| ((c.institute_id, c.email.clone()), c))
        .collect();
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(records.len());
    for (line, cells) in records {
        let draft = Draft {
            name: cells[1].clone(),
            email: cells[2].clone(),
            language: cells[3].clone(),
            roles: cells[4].clone(),
            active: active(&cells[5]),
        };
        let institute = cells[0].trim().to_string();
        let id = institutes.get(&institute.to_uppercase()).copied();
        let mut outcome = draft.check();
        match (&mut outcome, id) {
            (Err(problems), None) => {
                problems.insert(0, Problem::UnknownInstitute(institute.clone()))
            }
            (Ok(_), None) => outcome = Err(vec![Problem::UnknownInstitute(institute.clone())]),
            _ => {}
        }
        let outcome = match (outcome, id) {
            (Ok(clean), Some(id)) if !seen.insert((id, clean.email.clone())) => {
                Err(vec![Problem::Repeated])
            }
            (Ok(clean), Some(id)) => {
                let change = match existing.get(&(id, clean.email.clone())) {
                    None => Change::New,
                    Some(old) if Draft::from(old).check().as_ref() == Ok(&clean) => Change::Same,
                    Some(_) => Change::Update,
                };
                Ok((change, id, clean))
            }
            (Err(p), _) => Err(p),
            (Ok(_), None) => unreachable!("a row without an institute was refused above"),
        };
        let email = draft.email.trim().to_lowercase();
        let mut elsewhere: Vec<String> = existing
            .keys()
            .filter(|(inst, e)| *e == email && Some(*inst) != id)
            .filter_map(|(inst, _)| acronyms.get(inst).map(|a| a.to_string()))
            .collect();
        elsewhere.sort();
        rows.push(Row {
            line,
            institute,
            draft,
            outcome,
            elsewhere,
        });
    }
    Ok(Ok(rows))
}

/// Reads `text` again and applies its good rows; the bad ones are skipped, as the preview said.
pub async fn apply(
    db: &impl ConnectionTrait,
    text: &str,
) -> Result<std::result::Result<Summary, FileProblem>> {
    let rows = match preview(db, text).await? {
        Ok(rows) => rows,
        Err(e) => return Ok(Err(e)),
    };
    let mut summary = Summary::default();
    for row in rows {
        match row.outcome {
            Err(_) => summary.skipped += 1,
            Ok((Change::Same, ..)) => summary.same += 1,
            Ok((Change::New, id, clean)) => {
                contacts::create(db, id, clean).await?.ok();
                summary.created += 1;
            }
            Ok((Change::Update, id, clean)) => {
                if let Some(old) = contacts::find_in(db, id, &clean.email).await? {
                    let mut am: contact::ActiveModel = old.into();
                    am.name = Set(clean.name);
                    am.language = Set(clean.language);
                    am.roles = Set(clean.roles);
                    am.active = Set(clean.active);
                    am.update(db).await?;
                }
                summary.updated += 1;
            }
        }
    }
    Ok(Ok(summary))
}

/// The contacts as a CSV file an import reads back; formula-like cells are neutralised.
pub fn export(rows: &[(contact::Model, institute::Model)]) -> Result<String> {
    // A byte-order mark, so that Excel reads the Cyrillic names; the import skips it.
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("bounced");
    out.write_record(&header)?;
    for (c, i) in rows {
        let bounced = c.bounced_at.map(|d| d.to_rfc3339()).unwrap_or_default();
        let record = [
            i.acronym.as_str(),
            &c.name,
            &c.email,
            c.language.code(),
            &c.roles.to_string(),
            if c.active { "true" } else { "false" },
            &bounced,
        ];
        out.write_record(record.iter().map(|v| spreadsheet_safe(v).into_owned()))?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    // Every cell came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_must_name_its_columns() {
        assert_eq!(records(""), Err(FileProblem::Empty));
        assert_eq!(
            records("institute,name,email,language\nX,a,b,c\n"),
            Err(FileProblem::MissingColumn("roles"))
        );
        let rows = records(
            "\u{feff}Email,Institute,Roles,Name,Language\na@x.org,VNIIM,general,Anna,ru\n\n",
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![(
                2,
                vec!["VNIIM", "Anna", "a@x.org", "ru", "general", ""]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )]
        );
    }

    #[test]
    fn inactive_is_written_in_several_ways() {
        for no in ["false", "No", "0", "нет"] {
            assert!(!active(no), "{no}");
        }
        for yes in ["", "true", "yes", "1"] {
            assert!(active(yes), "{yes}");
        }
    }
}
