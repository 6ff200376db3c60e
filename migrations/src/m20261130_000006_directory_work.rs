//! The secretariat's directory work: a country's CEEMS status per year, addresses that bounce,
//! a respondent passing the survey to a colleague, and a response accepted by the secretariat.
use crate::{fk, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("country_years")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("country_code", 2))
                .col(integer("year"))
                .col(boolean("ceems"))
                .foreign_key(&mut fk(
                    "country_years",
                    "country_code",
                    "countries",
                    "code",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("country_years", &["country_code", "year"]))
            .await?;
        m.create_table(
            Table::create()
                .table("handovers")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("invitation_id"))
                .col(string("name"))
                .col(string("email"))
                .col(string_len("language", 2))
                .col(text_null("note"))
                .col(timestamp_with_time_zone("created_at"))
                // pending, confirmed or declined
                .col(string("state"))
                .col(string_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .foreign_key(&mut fk("handovers", "invitation_id", "invitations", "id"))
                .to_owned(),
        )
        .await?;
        let added = [
            ("contacts", timestamp_with_time_zone_null("bounced_at")),
            ("contacts", text_null("bounce")),
            // Set by delivery on a permanent refusal, cleared once the contact is marked.
            (
                "outbox",
                boolean("bounce_pending").default(false).to_owned(),
            ),
            ("responses", timestamp_with_time_zone_null("accepted_at")),
            ("responses", string_null("accepted_by")),
        ];
        for (table, col) in added {
            m.alter_table(Table::alter().table(table).add_column(col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            ("contacts", "bounced_at"),
            ("contacts", "bounce"),
            ("outbox", "bounce_pending"),
            ("responses", "accepted_at"),
            ("responses", "accepted_by"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        for t in ["handovers", "country_years"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
