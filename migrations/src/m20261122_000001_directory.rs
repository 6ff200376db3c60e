//! The directory: countries, institutes, their contacts, and staff accounts.
use crate::{fk, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("countries")
                .if_not_exists()
                .col(string_len("code", 2).primary_key())
                .col(string("name_en"))
                .col(string("name_ru"))
                .col(string("membership"))
                .col(boolean("ceems"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("institutes")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_uniq("acronym"))
                .col(string_len("country_code", 2))
                .col(string("name_en"))
                .col(string_null("name_ru"))
                // NMI or DI
                .col(string_len("kind", 8))
                .foreign_key(&mut fk("institutes", "country_code", "countries", "code"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("contacts")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("institute_id"))
                .col(string("name"))
                .col(string("email"))
                .col(string_len("language", 2))
                // comma-separated role names, e.g. "training,research"
                .col(string("roles"))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("contacts", "institute_id", "institutes", "id"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("contacts", &["institute_id", "email"]))
            .await?;
        m.create_table(
            Table::create()
                .table("staff_users")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_uniq("email"))
                .col(string("password_hash"))
                .col(string("role"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["staff_users", "contacts", "institutes", "countries"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
