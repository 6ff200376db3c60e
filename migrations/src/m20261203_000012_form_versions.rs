//! Surveys' versions kept in the database: each survey's numbered versions with the source they
//! were published from, the checked schema, who published it and what changed; a campaign names
//! the version it was opened with. `forms/` seeds version 1 of each survey.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("form_versions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string("form_id"))
                .col(integer("version"))
                // The TOML as published, comments and all: what `forms export` gives back.
                .col(text("source"))
                // The checked schema with its reference lists resolved, as campaigns keep it.
                .col(text("schema_json"))
                .col(string("published_by"))
                .col(timestamp_with_time_zone("published_at"))
                // The difference from the version before, as published (empty for a first).
                .col(text_null("changes"))
                .to_owned(),
        )
        .await?;
        m.create_index(crate::unique_index(
            "form_versions",
            &["form_id", "version"],
        ))
        .await?;
        m.alter_table(
            Table::alter()
                .table("campaigns")
                .add_column(integer_null("form_version"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("campaigns")
                .drop_column("form_version")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("form_versions").to_owned())
            .await
    }
}
