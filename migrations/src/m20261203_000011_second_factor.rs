//! A second factor for staff (RFC 6238 TOTP): each account's secret, the one being set up,
//! the last time step a code was accepted for (a code works once), and one-time recovery
//! codes kept as digests.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 3] = ["totp_secret", "totp_pending", "totp_since"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in COLUMNS {
            let column = match col {
                "totp_since" => timestamp_with_time_zone_null(col),
                _ => string_null(col),
            };
            m.alter_table(
                Table::alter()
                    .table("staff_users")
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table("staff_users")
                .add_column(big_integer_null("totp_last_step"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("staff_recovery_codes")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("staff_user_id"))
                // SHA-256 of the code: 50 random bits need no slow hash.
                .col(string("code_hash"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut crate::fk(
                    "staff_recovery_codes",
                    "staff_user_id",
                    "staff_users",
                    "id",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(crate::unique_index(
            "staff_recovery_codes",
            &["staff_user_id", "code_hash"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("staff_recovery_codes").to_owned())
            .await?;
        for col in COLUMNS.iter().chain(&["totp_last_step"]) {
            m.alter_table(
                Table::alter()
                    .table("staff_users")
                    .drop_column(*col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
