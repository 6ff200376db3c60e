//! Schema of coomet-surveys as SeaORM migrations. Every statement goes through sea-query, so the
//! same migration runs on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261122_000001_directory;
mod m20261122_000002_campaigns;
mod m20261122_000003_outbox;
mod m20261122_000004_reminders;
mod m20261130_000005_security;
mod m20261130_000006_directory_work;
mod m20261130_000007_api_tokens;
mod m20261201_000008_instances;
mod m20261203_000009_link_slots;
mod m20261203_000010_session_clients;
mod m20261203_000011_second_factor;
mod m20261203_000012_form_versions;
mod m20261206_000013_list_versions;
mod m20261207_000014_service_settings;
mod m20261208_000015_response_files;
mod m20261209_000016_report_texts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_directory::Migration),
            Box::new(m20261122_000002_campaigns::Migration),
            Box::new(m20261122_000003_outbox::Migration),
            Box::new(m20261122_000004_reminders::Migration),
            Box::new(m20261130_000005_security::Migration),
            Box::new(m20261130_000006_directory_work::Migration),
            Box::new(m20261130_000007_api_tokens::Migration),
            Box::new(m20261201_000008_instances::Migration),
            Box::new(m20261203_000009_link_slots::Migration),
            Box::new(m20261203_000010_session_clients::Migration),
            Box::new(m20261203_000011_second_factor::Migration),
            Box::new(m20261203_000012_form_versions::Migration),
            Box::new(m20261206_000013_list_versions::Migration),
            Box::new(m20261207_000014_service_settings::Migration),
            Box::new(m20261208_000015_response_files::Migration),
            Box::new(m20261209_000016_report_texts::Migration),
        ]
    }
}

/// Foreign key helper: `from_table.from_col` references `to_table.id`.
pub(crate) fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
    to_col: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{from_col}"))
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

pub(crate) fn unique_index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("ux_{table}_{}", cols.join("_")))
        .table(table)
        .unique();
    for c in cols {
        idx.col(*c);
    }
    idx.to_owned()
}
