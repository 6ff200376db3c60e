//! Campaigns, invitations, responses and the history of every change to a response.
use crate::{fk, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("campaigns")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string("form_id"))
                .col(integer("year"))
                // the schema as it was when the campaign opened, so later edits of forms/
                // never change what earlier answers mean
                .col(text("schema_json"))
                .col(string("status"))
                .col(date_null("closes_on"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("campaigns", &["form_id", "year"]))
            .await?;
        m.create_table(
            Table::create()
                .table("invitations")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("campaign_id"))
                .col(integer("contact_id"))
                .col(string("unit_key"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("invitations", "campaign_id", "campaigns", "id"))
                .foreign_key(&mut fk("invitations", "contact_id", "contacts", "id"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("invitations", &["campaign_id", "contact_id"]))
            .await?;
        // A fresh random token is minted for every e-mail that carries a link, at the moment it
        // is delivered; only its SHA-256 is kept, so neither the database nor the outbox ever
        // holds a usable link. All tokens of an invitation stay valid for its campaign.
        m.create_table(
            Table::create()
                .table("access_tokens")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("invitation_id"))
                .col(string_len_uniq("token_hash", 64))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "access_tokens",
                    "invitation_id",
                    "invitations",
                    "id",
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("responses")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("campaign_id"))
                .col(string("unit_key"))
                .col(integer_null("institute_id"))
                .col(string_len_null("country_code", 2))
                .col(integer_null("contact_id"))
                // CEEMS status of the unit's country when the response was made
                .col(boolean("ceems"))
                .col(string("status"))
                .col(integer("version"))
                .col(text("answers_json"))
                .col(string_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .foreign_key(&mut fk("responses", "campaign_id", "campaigns", "id"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("responses", &["campaign_id", "unit_key"]))
            .await?;
        m.create_table(
            Table::create()
                .table("response_history")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("response_id"))
                .col(integer("version"))
                .col(string("actor"))
                .col(string("action"))
                .col(text_null("before_json"))
                .col(text("after_json"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut fk(
                    "response_history",
                    "response_id",
                    "responses",
                    "id",
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "response_history",
            "responses",
            "access_tokens",
            "invitations",
            "campaigns",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
