//! The reference lists' versions in the database. `seeds/lists` seeds version 1 of each list the
//! database lacks and never overwrites one it has; a new version is published by the
//! secretariat's command, on the trail with what changed. A version never changes once written,
//! so a survey's version resolved with it keeps its entries.
use super::{Entry, RefLists};
use crate::audit::{Action, Actor, Command, Target};
use crate::{Error, Refusal, Result};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::BTreeMap;
use std::path::Path;

pub mod list_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "list_versions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub list_id: String,
        pub version: i32,
        #[sea_orm(column_type = "Text")]
        pub entries_json: String,
        /// The account that published it, `cli`, or the file it was seeded from.
        pub published_by: String,
        pub published_at: DateTimeWithTimeZone,
        /// What changed from the version before, one change a line, in English.
        #[sea_orm(column_type = "Text", nullable)]
        pub changes: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One version of a list, read.
#[derive(Debug, Clone)]
pub struct Version {
    pub list_id: String,
    pub version: i32,
    pub entries: Vec<Entry>,
    pub published_by: String,
    pub published_at: chrono::DateTime<chrono::FixedOffset>,
}

impl TryFrom<list_version::Model> for Version {
    type Error = Error;
    fn try_from(m: list_version::Model) -> Result<Self> {
        Ok(Version {
            entries: serde_json::from_str(&m.entries_json)?,
            list_id: m.list_id,
            version: m.version,
            published_by: m.published_by,
            published_at: m.published_at,
        })
    }
}

/// Adds version 1 of every list of `seeds_dir/lists` the database has none of; returns how
/// many. Instances starting together add each once (the unique index decides).
pub async fn seed(db: &impl ConnectionTrait, seeds_dir: &Path) -> Result<usize> {
    let known: Vec<String> = all(db).await?.into_keys().collect();
    let mut added = 0;
    for (name, entries) in super::files(seeds_dir)? {
        if known.contains(&name) {
            continue;
        }
        let row = list_version::ActiveModel {
            list_id: Set(name.clone()),
            version: Set(1),
            entries_json: Set(serde_json::to_string(&entries)?),
            published_by: Set(format!("seeds/lists/{name}.csv")),
            published_at: Set(crate::db::now()),
            changes: Set(None),
            ..Default::default()
        };
        // A plain insert, as surveys are seeded (`versions::seed` says why).
        match list_version::Entity::insert(row)
            .exec_without_returning(db)
            .await
        {
            Ok(_) => added += 1,
            Err(e) if crate::db::is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(added)
}

/// Every version of every list, oldest first, by list.
pub async fn all(db: &impl ConnectionTrait) -> Result<BTreeMap<String, Vec<Version>>> {
    let rows = list_version::Entity::find()
        .order_by_asc(list_version::Column::ListId)
        .order_by_asc(list_version::Column::Version)
        .all(db)
        .await?;
    let mut out: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    for row in rows {
        let v = Version::try_from(row)?;
        out.entry(v.list_id.clone()).or_default().push(v);
    }
    Ok(out)
}

/// The latest version of list `id`.
pub async fn latest(db: &impl ConnectionTrait, id: &str) -> Result<Option<Version>> {
    list_version::Entity::find()
        .filter(list_version::Column::ListId.eq(id))
        .order_by_desc(list_version::Column::Version)
        .one(db)
        .await?
        .map(Version::try_from)
        .transpose()
}

/// The lists a survey is checked against: each list of the database at its latest version,
/// with the directory's lists from `seeds_dir`.
pub async fn current(db: &impl ConnectionTrait, seeds_dir: &Path) -> Result<RefLists> {
    let latest = all(db)
        .await?
        .into_values()
        .filter_map(|mut vs| vs.pop())
        .map(|v| (v.list_id, u32::try_from(v.version).unwrap_or(0), v.entries))
        .collect();
    RefLists::with(seeds_dir, latest)
}

/// Publishes `entries` as the version of list `id` after `base` (the one the secretariat
/// edited): refused when another version came first or nothing changed. `changes` is what the
/// trail keeps.
pub async fn publish(
    db: &DatabaseConnection,
    by: &Actor,
    (id, base): (&str, i32),
    entries: &[Entry],
    changes: String,
) -> Result<i32> {
    let cmd = Command::begin(db, by, Action::ListPublish).await?;
    let current = latest(cmd.tx(), id).await?.ok_or(Error::NotFound)?;
    if current.version != base {
        let latest = current.version;
        return Err(Refusal::NewerList {
            list: id.into(),
            latest,
        }
        .into());
    }
    if current.entries == entries {
        return Err(Refusal::ListUnchanged(id.into()).into());
    }
    let number = base + 1;
    let row = list_version::ActiveModel {
        list_id: Set(id.to_string()),
        version: Set(number),
        entries_json: Set(serde_json::to_string(entries)?),
        published_by: Set(by.who.clone()),
        published_at: Set(crate::db::now()),
        changes: Set(Some(changes.clone())),
        ..Default::default()
    };
    match row.insert(cmd.tx()).await {
        Ok(_) => {}
        // Another instance saved the same number first (PostgreSQL; SQLite's write lock orders
        // the two).
        Err(e) if crate::db::is_unique_violation(&e) => {
            let latest = number;
            return Err(Refusal::NewerList {
                list: id.into(),
                latest,
            }
            .into());
        }
        Err(e) => return Err(Error::Db(e)),
    }
    cmd.done(&Target::List(id.into(), number), Some(changes))
        .await?;
    Ok(number)
}
