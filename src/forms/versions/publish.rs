//! A new version of a survey: its source checked as `forms check` checks a file, compared with
//! the survey's latest version, and published as the next one by a command of its own, with
//! the whole difference on the audit trail. Nothing of the source is run: it is TOML, read
//! into the schema's types and checked.
use super::{form_version, Store};
use crate::audit::{Action, Actor, Command, Target};
use crate::forms::diff::{self, Change, Described};
use crate::forms::load::{load_checked, Naming};
use crate::forms::{Form, Problem, RefLists};
use crate::i18n::{I18n, Lang};
use crate::{Error, Refusal, Result};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use std::path::Path;
use std::sync::Arc;

/// A checked schema ready to be published, with what it changes.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub form: Form,
    /// The source as it will be kept: the file with its `version` set to the new number.
    pub source: String,
    /// The version it is compared with; `None` for a new survey.
    pub base: Option<(i32, Arc<Form>)>,
    pub changes: Vec<Change>,
}

impl Candidate {
    /// The number it would be published as.
    pub fn number(&self) -> i32 {
        self.base.as_ref().map_or(1, |(n, _)| n + 1)
    }

    pub fn described(&self, i18n: &I18n, lang: Lang) -> Vec<Described> {
        match &self.base {
            Some((_, old)) => diff::describe_all(&self.changes, old, &self.form, i18n, lang),
            None => Vec::new(),
        }
    }

    /// The difference as the trail and the version's record keep it: one change a line,
    /// its effects indented below it, in English.
    pub fn record(&self, i18n: &I18n) -> String {
        let mut out = String::new();
        for d in self.described(i18n, Lang::En) {
            out.push_str(&format!("- {}\n", d.change));
            for e in d.effects {
                out.push_str(&format!("    {e}\n"));
            }
        }
        out
    }
}

/// A source checked: its problems, or the candidate.
#[derive(Debug)]
pub enum Checked {
    Problems(Vec<Problem>),
    Ready(Box<Candidate>),
}

/// Checks `source` (called `name` in the problems) against the reference lists and the other
/// surveys, and compares it with its survey's latest version.
pub async fn check(
    store: &Store,
    db: &impl ConnectionTrait,
    lists: &RefLists,
    name: &str,
    source: &str,
) -> Result<Checked> {
    let path = Path::new(name);
    let (form, mut problems) = load_checked(path, source, lists, Naming::Declared);
    let Some(mut form) = form else {
        return Ok(Checked::Problems(problems));
    };
    let current = store.current(db).await?;
    let mut all: Vec<&Form> = current
        .forms
        .values()
        .filter(|f| f.id != form.id)
        .map(|f| &**f)
        .collect();
    let this = form.clone();
    all.push(&this);
    problems.extend(crate::forms::matches::problems(path, source, &this, &all));
    if !problems.is_empty() {
        return Ok(Checked::Problems(problems));
    }
    let base = store.get(db, &form.id, None).await?;
    let number = base.as_ref().map_or(1, |(n, _)| n + 1);
    form.version = u32::try_from(number).unwrap_or(1);
    let changes = match &base {
        Some((_, old)) => diff::compare(old, &form),
        None => Vec::new(),
    };
    Ok(Checked::Ready(Box::new(Candidate {
        source: crate::forms::source::with_version(source, number),
        form,
        base,
        changes,
    })))
}

/// Publishes `source` as the next version of its survey, if it is still the version after
/// `base` (the one the difference shown was made against; `None` for a new survey): checked
/// again, refused with problems, when it changes nothing, or when another version came first.
pub async fn publish(
    (store, db): (&Store, &DatabaseConnection),
    by: &Actor,
    (lists, i18n): (&RefLists, &I18n),
    (name, source): (&str, &str),
    base: Option<i32>,
) -> Result<(i32, Candidate)> {
    let cmd = Command::begin(db, by, Action::FormPublish).await?;
    let candidate = match check(store, cmd.tx(), lists, name, source).await? {
        Checked::Problems(_) => return Err(Refusal::SchemaProblems.into()),
        Checked::Ready(c) => *c,
    };
    let id = candidate.form.id.clone();
    let latest = candidate.base.as_ref().map(|(n, _)| *n);
    if latest != base {
        let latest = latest.unwrap_or(0);
        return Err(Refusal::NewerVersion { form: id, latest }.into());
    }
    if let (Some(version), true) = (latest, candidate.changes.is_empty()) {
        return Err(Refusal::NoDifference { form: id, version }.into());
    }
    let number = candidate.number();
    let record = candidate.record(i18n);
    let row = form_version::ActiveModel {
        form_id: Set(id.clone()),
        version: Set(number),
        source: Set(candidate.source.clone()),
        schema_json: Set(serde_json::to_string(&candidate.form)?),
        published_by: Set(by.who.clone()),
        published_at: Set(crate::db::now()),
        changes: Set((!record.is_empty()).then(|| record.clone())),
        ..Default::default()
    };
    match row.insert(cmd.tx()).await {
        Ok(_) => {}
        // Another instance published the same number first (PostgreSQL; SQLite's write lock
        // orders the two).
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(Refusal::NewerVersion {
                form: id,
                latest: number,
            }
            .into())
        }
        Err(e) => return Err(Error::Db(e)),
    }
    let detail = if record.is_empty() {
        "a new survey".to_string()
    } else {
        record
    };
    cmd.done(&Target::Form(id, number), Some(detail)).await?;
    Ok((number, candidate))
}
