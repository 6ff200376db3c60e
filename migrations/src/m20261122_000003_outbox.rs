//! The mail outbox: every e-mail is a row written in the same transaction as its cause.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("outbox")
                .if_not_exists()
                .col(pk_auto("id"))
                // e.g. "invitation:3:17": a second row for the same reason is refused by the index
                .col(string_uniq("dedupe_key"))
                .col(string("kind"))
                .col(integer_null("campaign_id"))
                .col(integer_null("contact_id"))
                // set when the message carries a personal link: a token is minted on delivery
                .col(integer_null("invitation_id"))
                .col(string("to_addr"))
                .col(string("to_name"))
                .col(string_len("language", 2))
                .col(string("subject"))
                // rendered bodies; a personal link is the placeholder {{LINK}} until delivery
                .col(text("body_text"))
                .col(text("body_html"))
                .col(string("message_id"))
                .col(string("status"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_outbox_status_next")
                .table("outbox")
                .col("status")
                .col("next_attempt_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("outbox").to_owned()).await
    }
}
