//! Links bound to their message: which invitation each link marker of a stored mail stands
//! for (`outbox.links`), which mail carried each minted link (`access_tokens.outbox_id`), and
//! whether a link replaces the older ones at its first use (`access_tokens.supersedes`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters a table one column at a time.
        m.alter_table(
            Table::alter()
                .table("outbox")
                .add_column(json_null("links"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("access_tokens")
                .add_column(integer_null("outbox_id"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("access_tokens")
                .add_column(boolean("supersedes").default(false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("access_tokens", "supersedes"),
            ("access_tokens", "outbox_id"),
            ("outbox", "links"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
