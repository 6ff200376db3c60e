//! Each survey's numbered versions, kept in the database so that every instance reads the same
//! surveys and a new version reaches all of them at once. `forms/` is the seed: a survey the
//! database does not have yet becomes version 1 from its file; a survey it has is never
//! overwritten from a file (a changed file is published with `forms import`).
pub mod entity;
mod publish;
mod seed;

pub use entity::form_version;
pub use publish::{check, publish, Candidate, Checked};
pub use seed::seed;

use super::{Form, Registry};
use crate::{Error, Result};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, RwLock};

/// The largest schema source read from outside (a file, an upload): the largest of `forms/` is
/// a fortieth of it.
pub const MAX_SOURCE_BYTES: usize = 512 * 1024;

/// A version's record without its texts: for lists and the survey's page.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Published {
    pub id: i32,
    pub form_id: String,
    pub version: i32,
    pub published_by: String,
    pub published_at: chrono::DateTime<chrono::FixedOffset>,
}

/// The surveys as the database has them, each version parsed once: a version never changes
/// once published, so what was parsed stays true.
#[derive(Debug, Default)]
pub struct Store {
    parsed: RwLock<HashMap<i32, Arc<Form>>>,
    /// The last registry handed out, with the versions it was made of.
    latest: Mutex<Option<(Vec<i32>, Arc<Registry>)>>,
}

impl Store {
    /// The latest version of every survey. One small query per call (the versions' numbers);
    /// the schemas themselves are read and parsed once.
    pub async fn current(&self, db: &impl ConnectionTrait) -> Result<Arc<Registry>> {
        let all = list(db).await?;
        let mut newest: BTreeMap<&str, &Published> = BTreeMap::new();
        for p in &all {
            newest.insert(&p.form_id, p);
        }
        let ids: Vec<i32> = newest.values().map(|p| p.id).collect();
        if let Some((key, registry)) = self.latest.lock().ok().and_then(|l| l.clone()) {
            if key == ids {
                return Ok(registry);
            }
        }
        let mut forms = BTreeMap::new();
        for p in newest.values() {
            forms.insert(p.form_id.clone(), self.parse(db, p.id).await?);
        }
        let registry = Arc::new(Registry { forms });
        if let Ok(mut l) = self.latest.lock() {
            *l = Some((ids, registry.clone()));
        }
        Ok(registry)
    }

    /// Version `version` of `form_id` (the latest with `None`), with its number.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        form_id: &str,
        version: Option<i32>,
    ) -> Result<Option<(i32, Arc<Form>)>> {
        // Not a survey's id (the checker's rule): no such survey, without asking the database
        // (PostgreSQL refuses a NUL in a text).
        if !super::schema::is_form_id(form_id) {
            return Ok(None);
        }
        let mut q = form_version::Entity::find()
            .select_only()
            .column(form_version::Column::Id)
            .column(form_version::Column::Version)
            .filter(form_version::Column::FormId.eq(form_id))
            .order_by_desc(form_version::Column::Version);
        if let Some(v) = version {
            q = q.filter(form_version::Column::Version.eq(v));
        }
        let Some((id, number)) = q.into_tuple::<(i32, i32)>().one(db).await? else {
            return Ok(None);
        };
        Ok(Some((number, self.parse(db, id).await?)))
    }

    async fn parse(&self, db: &impl ConnectionTrait, id: i32) -> Result<Arc<Form>> {
        if let Some(form) = self.parsed.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(form);
        }
        let row = form_version::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(Error::NotFound)?;
        let form = Arc::new(serde_json::from_str::<Form>(&row.schema_json)?);
        if let Ok(mut m) = self.parsed.write() {
            m.insert(id, form.clone());
        }
        Ok(form)
    }
}

/// Every version of every survey, by survey and number.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Published>> {
    Ok(form_version::Entity::find()
        .select_only()
        .column(form_version::Column::Id)
        .column(form_version::Column::FormId)
        .column(form_version::Column::Version)
        .column(form_version::Column::PublishedBy)
        .column(form_version::Column::PublishedAt)
        .order_by_asc(form_version::Column::FormId)
        .order_by_asc(form_version::Column::Version)
        .into_model::<Published>()
        .all(db)
        .await?)
}

/// One version's whole record: its source, schema and the difference it was published with.
pub async fn record(
    db: &impl ConnectionTrait,
    form_id: &str,
    version: i32,
) -> Result<Option<form_version::Model>> {
    if !super::schema::is_form_id(form_id) {
        return Ok(None);
    }
    Ok(form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(form_id))
        .filter(form_version::Column::Version.eq(version))
        .one(db)
        .await?)
}

/// The version numbers of `form_id`, oldest first.
pub async fn numbers(db: &impl ConnectionTrait, form_id: &str) -> Result<Vec<i32>> {
    // Not a survey's id: none, without asking the database (PostgreSQL refuses a NUL).
    if !super::schema::is_form_id(form_id) {
        return Ok(Vec::new());
    }
    Ok(form_version::Entity::find()
        .select_only()
        .column(form_version::Column::Version)
        .filter(form_version::Column::FormId.eq(form_id))
        .order_by_asc(form_version::Column::Version)
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

/// Version `version` of `form_id` as an XLSForm workbook (`forms::xlsform`).
pub async fn workbook(
    store: &Store,
    db: &impl ConnectionTrait,
    form_id: &str,
    version: i32,
) -> Result<Option<Vec<u8>>> {
    let Some(row) = record(db, form_id, version).await? else {
        return Ok(None);
    };
    let Some((_, form)) = store.get(db, form_id, Some(version)).await? else {
        return Ok(None);
    };
    // The survey's own lists are those its file declares; the others are reference lists.
    let own: Vec<String> = row
        .source
        .parse::<toml_edit::DocumentMut>()
        .ok()
        .and_then(|d| {
            d.get("lists")
                .and_then(|l| l.as_table_like())
                .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
        })
        .unwrap_or_default();
    Ok(Some(super::xlsform::export(&form, &own)?))
}
