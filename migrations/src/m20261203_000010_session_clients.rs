//! Where each staff session was opened from, so that the account page can list one's sessions
//! and the person can tell which to end.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["ip", "agent"] {
            m.alter_table(
                Table::alter()
                    .table("staff_sessions")
                    .add_column(string_null(col))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["agent", "ip"] {
            m.alter_table(
                Table::alter()
                    .table("staff_sessions")
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
