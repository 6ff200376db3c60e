//! What several instances on one database share: who runs each background job now (a lease
//! per job), and the counts behind rate limits and sign-in waits, so that a proxy may send a
//! person's requests to any instance.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("job_leases")
                .if_not_exists()
                .col(string("name").primary_key())
                .col(string("holder"))
                .col(timestamp_with_time_zone("leased_until"))
                .col(timestamp_with_time_zone_null("last_run_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("rate_limits")
                .if_not_exists()
                // "sign-in:address:…", "sign-in:account:…", "links:address:…"
                .col(string("key").primary_key())
                .col(integer("failures"))
                .col(timestamp_with_time_zone_null("wait_until"))
                .col(timestamp_with_time_zone("last_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("rate_limits").to_owned())
            .await?;
        m.drop_table(Table::drop().table("job_leases").to_owned())
            .await
    }
}
