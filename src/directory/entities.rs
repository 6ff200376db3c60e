//! SeaORM entities of the directory tables.

pub mod country {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "countries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub name_en: String,
        pub name_ru: String,
        pub membership: String,
        /// A country with an emerging metrology system, as COOMET classes it.
        pub ceems: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn name(&self, lang: &str) -> &str {
            if lang == "ru" {
                &self.name_ru
            } else {
                &self.name_en
            }
        }
    }
}

pub mod institute {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "institutes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub acronym: String,
        pub country_code: String,
        pub name_en: String,
        pub name_ru: Option<String>,
        /// "NMI" or "DI"
        pub kind: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn name(&self, lang: &str) -> &str {
            match (&self.name_ru, lang) {
                (Some(ru), "ru") => ru,
                _ => &self.name_en,
            }
        }
    }
}

pub mod contact {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "contacts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub institute_id: i32,
        pub name: String,
        pub email: String,
        /// "ru" or "en": the language of every e-mail and of the form's first view.
        pub language: String,
        /// Comma-separated roles, e.g. "training,research".
        pub roles: String,
        pub active: bool,
        pub created_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod staff_user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub email: String,
        pub password_hash: String,
        /// "secretariat" or "reviewer"
        pub role: String,
        pub created_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
