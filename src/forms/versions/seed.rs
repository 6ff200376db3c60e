//! `forms/` as the seed of the database's surveys: each survey the database lacks becomes its
//! version 1; one it has is left as it is, and a file that differs from it is named in the log
//! (publishing a file is `forms import`, a decision, never a side effect of a restart).
use super::form_version;
use crate::forms::load::FileForm;
use crate::Result;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

/// Adds version 1 of every survey of `files` that the database has no version of; returns how
/// many. Instances starting together add each once (the unique index decides).
pub async fn seed(db: &impl ConnectionTrait, files: &[FileForm]) -> Result<usize> {
    let mut added = 0;
    for file in files {
        let known: Option<i32> = form_version::Entity::find()
            .select_only()
            .column_as(form_version::Column::Version.max(), "v")
            .filter(form_version::Column::FormId.eq(&file.form.id))
            .into_tuple::<Option<i32>>()
            .one(db)
            .await?
            .flatten();
        if let Some(latest) = known {
            if differs(db, file, latest).await? {
                tracing::info!(
                    file = %file.path.display(),
                    version = latest,
                    "this file differs from the survey's latest version, which is used; \
                     `forms import` publishes the file as a new version"
                );
            }
            continue;
        }
        let mut form = file.form.clone();
        form.version = 1;
        let row = form_version::ActiveModel {
            form_id: Set(form.id.clone()),
            version: Set(1),
            source: Set(super::super::source::with_version(&file.source, 1)),
            schema_json: Set(serde_json::to_string(&form)?),
            published_by: Set(format!("forms/{}", file.name())),
            published_at: Set(crate::db::now()),
            changes: Set(None),
            ..Default::default()
        };
        // A plain insert, its clash read from the unique index: an `ON CONFLICT` naming the
        // index is refused at prepare time by a pooled SQLite connection whose schema was read
        // before the migration made the index (seen as "ON CONFLICT clause does not match"),
        // while a plain statement is prepared again once SQLite sees the schema changed.
        match form_version::Entity::insert(row)
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

/// Whether the file's schema is another than the survey's version `latest`.
async fn differs(db: &impl ConnectionTrait, file: &FileForm, latest: i32) -> Result<bool> {
    let Some(row) = super::record(db, &file.form.id, latest).await? else {
        return Ok(false);
    };
    let stored: crate::forms::Form = serde_json::from_str(&row.schema_json)?;
    Ok(!crate::forms::diff::compare(&stored, &file.form).is_empty())
}
