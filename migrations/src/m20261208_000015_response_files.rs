//! Files an institute sent instead of (or with) its answers, a letter or a Word file, kept with
//! the unit's response of a campaign in the database, so that every instance serves them and a
//! backup of the database holds them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("response_files")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("campaign_id"))
                .col(string("unit_key"))
                .col(string("name"))
                .col(integer("size"))
                .col(binary("content"))
                .col(string("added_by"))
                .col(timestamp_with_time_zone("added_at"))
                .foreign_key(&mut crate::fk(
                    "response_files",
                    "campaign_id",
                    "campaigns",
                    "id",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_response_files_unit")
                .table("response_files")
                .col("campaign_id")
                .col("unit_key")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("response_files").to_owned())
            .await
    }
}
