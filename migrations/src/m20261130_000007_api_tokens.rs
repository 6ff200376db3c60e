//! Bearer tokens of the read API: named by the secretariat, stored as a digest, revocable.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("api_tokens")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string("name"))
                // SHA-256 of the token: a copy of the database reads nothing through the API.
                .col(string_uniq("token_hash"))
                .col(string("scope"))
                // The creator by address: the record outlives a deactivated account.
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("api_tokens").to_owned())
            .await
    }
}
