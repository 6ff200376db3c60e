//! The SeaORM entity of a survey's version.
pub mod form_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "form_versions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub form_id: String,
        pub version: i32,
        /// The TOML it was published from, comments and all.
        #[sea_orm(column_type = "Text")]
        pub source: String,
        /// The checked schema, reference lists resolved: what a campaign keeps.
        #[sea_orm(column_type = "Text")]
        pub schema_json: String,
        /// The account that published it, `cli`, or the file it was seeded from.
        pub published_by: String,
        pub published_at: DateTimeWithTimeZone,
        /// The difference from the version before, one change per line, as published.
        #[sea_orm(column_type = "Text", nullable)]
        pub changes: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
