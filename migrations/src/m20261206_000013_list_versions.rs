//! Reference lists (`seeds/lists`: technical committees, OIML publications, COOMET bodies) kept
//! in the database with numbered versions, as surveys are: `seeds/lists` seeds version 1 of each,
//! the secretariat edits them from `/admin/forms`, and a survey's version names the list
//! versions it was resolved with.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("list_versions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string("list_id"))
                .col(integer("version"))
                // Every entry (value, en, ru, retired) as JSON: a version is read whole.
                .col(text("entries_json"))
                .col(string("published_by"))
                .col(timestamp_with_time_zone("published_at"))
                .col(text_null("changes"))
                .to_owned(),
        )
        .await?;
        m.create_index(crate::unique_index(
            "list_versions",
            &["list_id", "version"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("list_versions").to_owned())
            .await
    }
}
