//! What the secretariat writes into a year's annual report: a preface, and a commentary per
//! survey, each in English and Russian (Markdown). One row per year and section; the figures
//! around them are computed, never stored.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("report_texts")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("year"))
                // `preface`, or the id of a survey.
                .col(string("section"))
                .col(text("text_en"))
                .col(text("text_ru"))
                .col(string("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_report_texts_section")
                .table("report_texts")
                .col("year")
                .col("section")
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("report_texts").to_owned())
            .await
    }
}
