//! Loading the directory from `seeds/`: reference data always, invented demo contacts on request.
//! Every row is matched on its natural key (country code, institute acronym, contact e-mail), so
//! seeding twice changes nothing and a corrected seed file updates what it names.
use super::{contact, country, institute, Roles};
use crate::i18n::Lang;
use crate::{Error, Result};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub countries: usize,
    pub institutes: usize,
    pub contacts: usize,
}

#[derive(Deserialize)]
struct CountryRow {
    code: String,
    name_en: String,
    name_ru: String,
    membership: String,
    ceems: bool,
}

#[derive(Deserialize)]
struct InstituteRow {
    country: String,
    acronym: String,
    name_en: String,
    name_ru: Option<String>,
    kind: String,
}

#[derive(Deserialize)]
struct ContactRow {
    institute: String,
    name: String,
    email: String,
    language: String,
    roles: String,
}

pub fn read_csv<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| Error::Seed(format!("{}: {e}", path.display())))?;
    reader
        .deserialize()
        .map(|row| row.map_err(|e| Error::Seed(format!("{}: {e}", path.display()))))
        .collect()
}

pub async fn seed(db: &impl ConnectionTrait, seeds_dir: &Path, demo: bool) -> Result<SeedReport> {
    let mut report = SeedReport::default();
    for row in read_csv::<CountryRow>(&seeds_dir.join("countries.csv"))? {
        let am = country::ActiveModel {
            code: Set(row.code.clone()),
            name_en: Set(row.name_en),
            name_ru: Set(row.name_ru),
            membership: Set(row.membership),
            ceems: Set(row.ceems),
        };
        match country::Entity::find_by_id(row.code).one(db).await? {
            Some(_) => am.update(db).await?,
            None => am.insert(db).await?,
        };
        report.countries += 1;
    }
    for row in read_csv::<InstituteRow>(&seeds_dir.join("institutes.csv"))? {
        let Ok(kind) = row.kind.parse::<institute::Kind>() else {
            return Err(Error::Seed(format!(
                "institute {}: kind must be NMI or DI",
                row.acronym
            )));
        };
        let existing = institute::Entity::find()
            .filter(institute::Column::Acronym.eq(&row.acronym))
            .one(db)
            .await?;
        let mut am = match existing {
            Some(m) => m.into(),
            None => <institute::ActiveModel as Default>::default(),
        };
        am.acronym = Set(row.acronym);
        am.country_code = Set(row.country);
        am.name_en = Set(row.name_en);
        am.name_ru = Set(row.name_ru.filter(|n| !n.is_empty()));
        am.kind = Set(kind);
        am.save(db).await?;
        report.institutes += 1;
    }
    if demo {
        report.contacts = seed_contacts(db, &seeds_dir.join("demo").join("contacts.csv")).await?;
    }
    Ok(report)
}

async fn seed_contacts(db: &impl ConnectionTrait, path: &Path) -> Result<usize> {
    let mut count = 0;
    for row in read_csv::<ContactRow>(path)? {
        let inst = institute::Entity::find()
            .filter(institute::Column::Acronym.eq(&row.institute))
            .one(db)
            .await?
            .ok_or_else(|| Error::Seed(format!("unknown institute {}", row.institute)))?;
        let roles: Roles = row
            .roles
            .parse()
            .map_err(|e| Error::Seed(format!("{}: {e}", row.email)))?;
        let email = row.email.trim().to_lowercase();
        let existing = contact::Entity::find()
            .filter(contact::Column::InstituteId.eq(inst.id))
            .filter(contact::Column::Email.eq(&email))
            .one(db)
            .await?;
        let mut am = match existing {
            Some(m) => m.into(),
            None => contact::ActiveModel {
                created_at: Set(crate::db::now()),
                active: Set(true),
                ..Default::default()
            },
        };
        am.institute_id = Set(inst.id);
        am.name = Set(row.name);
        am.email = Set(email);
        am.language = Set(Lang::parse(&row.language)
            .ok_or_else(|| Error::Seed(format!("{}: language must be en or ru", row.email)))?);
        am.roles = Set(roles);
        am.save(db).await?;
        count += 1;
    }
    Ok(count)
}

/// `serve` seeds reference data and the demo directory only into an empty database.
pub async fn seed_if_empty(db: &impl ConnectionTrait, seeds_dir: &Path) -> Result<bool> {
    if country::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    seed(db, seeds_dir, true).await?;
    Ok(true)
}
