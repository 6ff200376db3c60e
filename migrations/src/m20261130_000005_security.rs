//! Server-side staff sessions, deactivated staff accounts, revocable personal links, the day a
//! campaign was closed, and the audit log of staff actions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("staff_sessions")
                .if_not_exists()
                .col(pk_auto("id"))
                // SHA-256 of the session id the cookie carries: a copy of the database opens
                // no session.
                .col(string_uniq("id_hash"))
                .col(integer("staff_user_id"))
                .col(string("csrf"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .foreign_key(&mut crate::fk(
                    "staff_sessions",
                    "staff_user_id",
                    "staff_users",
                    "id",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("audit_log")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                // The actor by address, not by key: the trail outlives a deleted account.
                .col(string("actor"))
                .col(string("action"))
                .col(string("target"))
                .col(text_null("detail"))
                .col(string_null("ip"))
                .to_owned(),
        )
        .await?;
        let added = [
            ("staff_users", boolean("active").default(true).to_owned()),
            ("access_tokens", timestamp_with_time_zone_null("revoked_at")),
            ("campaigns", timestamp_with_time_zone_null("closed_at")),
        ];
        for (table, col) in added {
            m.alter_table(Table::alter().table(table).add_column(col).to_owned())
                .await?;
        }
        m.create_index(
            Index::create()
                .name("ix_audit_log_at")
                .table("audit_log")
                .col("at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("staff_users", "active"),
            ("access_tokens", "revoked_at"),
            ("campaigns", "closed_at"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        for t in ["audit_log", "staff_sessions"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
