//! The secretariat's changes to the directory, each one command (`audit::Command`): the checks
//! every entry passes, the write, and the line on the trail, together or not at all.
use super::check::Problem;
use super::contacts::{self, Draft as ContactDraft, Filter};
use super::import::{self, FileProblem, Summary};
use super::institutes::{self, Draft as InstituteDraft};
use super::{contact, countries, institute};
use crate::audit::{Action, Actor, Command, Target};
use crate::{Error, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use std::collections::HashMap;

/// What a change that can be refused for its entries gives: the saved row, or every problem.
pub type Checked<T> = std::result::Result<T, Vec<Problem>>;

pub async fn contact(db: &impl ConnectionTrait, id: i32) -> Result<contact::Model> {
    contact::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// The acronyms of the other institutes that have a contact with `email`, sorted: an address
/// shared by two institutes is worth the secretariat's look (it is not refused: a person may
/// answer for both).
pub async fn also_at(
    db: &impl ConnectionTrait,
    email: &str,
    institute_id: i32,
) -> Result<Vec<String>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let others = contact::Entity::find()
        .filter(contact::Column::Email.eq(email.trim().to_lowercase()))
        .filter(contact::Column::InstituteId.ne(institute_id))
        .find_also_related(super::institute::Entity)
        .all(db)
        .await?;
    let mut names: Vec<String> = others
        .into_iter()
        .filter_map(|(_, i)| i.map(|i| i.acronym))
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// Each institute's active contacts and contacts whose address bounced.
pub async fn contact_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, (usize, usize)>> {
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for c in contact::Entity::find().all(db).await? {
        let e = counts.entry(c.institute_id).or_default();
        e.0 += usize::from(c.active);
        e.1 += usize::from(c.bounced_at.is_some());
    }
    Ok(counts)
}

/// The contacts that pass `filter` as the CSV an import reads back: every name and address,
/// so the read is on the trail.
pub async fn export_contacts(
    db: &DatabaseConnection,
    by: &Actor,
    filter: &Filter,
) -> Result<String> {
    by.may(Action::ContactExport)?;
    let rows = contacts::list(db, filter).await?;
    let body = import::export(&rows)?;
    let detail = Some(format!("{} contacts", rows.len()));
    crate::audit::read(db, by, Action::ContactExport, &Target::Directory, detail).await?;
    Ok(body)
}

pub async fn change_contact(
    db: &DatabaseConnection,
    by: &Actor,
    id: i32,
    draft: &ContactDraft,
) -> Result<Checked<contact::Model>> {
    let cmd = Command::begin(db, by, Action::ContactChange).await?;
    let old = contact(cmd.tx(), id).await?;
    let clean = match draft.check() {
        Ok(clean) => clean,
        Err(problems) => return Ok(Err(problems)),
    };
    let saved = match contacts::update(cmd.tx(), old, clean).await? {
        Ok(saved) => saved,
        Err(p) => return Ok(Err(vec![p])),
    };
    let detail = (!saved.active).then(|| "inactive".to_string());
    cmd.done(&Target::Contact(id), detail).await?;
    Ok(Ok(saved))
}

pub async fn add_contact(
    db: &DatabaseConnection,
    by: &Actor,
    institute_id: i32,
    draft: &ContactDraft,
) -> Result<Checked<contact::Model>> {
    let cmd = Command::begin(db, by, Action::ContactAdd).await?;
    institutes::get(cmd.tx(), institute_id).await?;
    let clean = match draft.check() {
        Ok(clean) => clean,
        Err(problems) => return Ok(Err(problems)),
    };
    let saved = match contacts::create(cmd.tx(), institute_id, clean).await? {
        Ok(saved) => saved,
        Err(p) => return Ok(Err(vec![p])),
    };
    cmd.done(&Target::Contact(saved.id), None).await?;
    Ok(Ok(saved))
}

/// Adds an institute (`id` is `None`) or corrects one.
pub async fn save_institute(
    db: &DatabaseConnection,
    by: &Actor,
    id: Option<i32>,
    draft: &InstituteDraft,
) -> Result<Checked<institute::Model>> {
    let action = match id {
        Some(_) => Action::InstituteChange,
        None => Action::InstituteAdd,
    };
    let cmd = Command::begin(db, by, action).await?;
    let old = match id {
        Some(id) => Some(institutes::get(cmd.tx(), id).await?),
        None => None,
    };
    let saved = match institutes::save(cmd.tx(), old, draft).await? {
        Ok(saved) => saved,
        Err(problems) => return Ok(Err(problems)),
    };
    cmd.done(&Target::Institute(saved.acronym.clone()), None)
        .await?;
    Ok(Ok(saved))
}

/// A country's CEEMS status from `year` on.
pub async fn set_country_status(
    db: &DatabaseConnection,
    by: &Actor,
    code: &str,
    year: i32,
    ceems: bool,
) -> Result<()> {
    let cmd = Command::begin(db, by, Action::CountryStatus).await?;
    if !(2000..=2100).contains(&year) {
        return Err(crate::Refusal::YearOutOfRange(year).into());
    }
    countries::set_ceems(cmd.tx(), code, year, ceems).await?;
    let state = if ceems { "ceems" } else { "not ceems" };
    let detail = Some(format!("{year} {state}"));
    cmd.done(&Target::Country(code.to_string()), detail).await
}

/// Applies the good rows of an import, as its preview showed them.
pub async fn import_contacts(
    db: &DatabaseConnection,
    by: &Actor,
    text: &str,
) -> Result<std::result::Result<Summary, FileProblem>> {
    let cmd = Command::begin(db, by, Action::ContactImport).await?;
    let s = match import::apply(cmd.tx(), text).await? {
        Ok(s) => s,
        Err(problem) => return Ok(Err(problem)),
    };
    let detail = format!(
        "{} new, {} changed, {} unchanged, {} skipped",
        s.created, s.updated, s.same, s.skipped
    );
    cmd.done(&Target::Directory, Some(detail)).await?;
    Ok(Ok(s))
}
