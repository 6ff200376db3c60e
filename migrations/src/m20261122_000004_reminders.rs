//! Reminder settings of a campaign, and the secretariat's note on a returned response.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        let campaign_columns = [
            // days before the closing day on which a reminder goes out, e.g. "14,7,2"
            string("reminder_days").default("").to_owned(),
            integer("reminder_max").default(3).to_owned(),
            integer("reminder_gap_days").default(3).to_owned(),
        ];
        for col in campaign_columns {
            m.alter_table(Table::alter().table("campaigns").add_column(col).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("responses")
                .add_column(text_null("note"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["reminder_days", "reminder_max", "reminder_gap_days"] {
            m.alter_table(
                Table::alter()
                    .table("campaigns")
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table("responses")
                .drop_column("note")
                .to_owned(),
        )
        .await
    }
}
