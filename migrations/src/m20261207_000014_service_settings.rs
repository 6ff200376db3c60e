//! What the running service records for the command line to agree with, by name: the address
//! its links are made with (`public_url`), so that a command run from a shell without
//! `PUBLIC_URL` mints the same links, and one with a different `PUBLIC_URL` refuses.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("service_settings")
                .if_not_exists()
                .col(string("name").primary_key())
                .col(text("value"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("service_settings").to_owned())
            .await
    }
}
