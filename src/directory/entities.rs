//! SeaORM entities of the directory tables.

pub mod country {
    use crate::i18n::Lang;
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
    pub enum Relation {
        #[sea_orm(has_many = "super::institute::Entity")]
        Institute,
    }

    impl Related<super::institute::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Institute.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn name(&self, lang: Lang) -> &str {
            lang.pick(&self.name_en, &self.name_ru)
        }
    }
}

pub mod institute {
    use crate::i18n::Lang;
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
        pub kind: Kind,
    }

    /// A national metrology institute, or a designated institute.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize,
    )]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    pub enum Kind {
        #[sea_orm(string_value = "NMI")]
        #[serde(rename = "NMI")]
        Nmi,
        #[sea_orm(string_value = "DI")]
        #[serde(rename = "DI")]
        Di,
    }

    impl std::str::FromStr for Kind {
        type Err = ();

        /// "NMI" or "DI", as the directory's files and forms write it.
        fn from_str(s: &str) -> Result<Kind, ()> {
            Kind::try_from_value(&s.trim().to_string()).map_err(|_| ())
        }
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::country::Entity",
            from = "Column::CountryCode",
            to = "super::country::Column::Code"
        )]
        Country,
        #[sea_orm(has_many = "super::contact::Entity")]
        Contact,
    }

    impl Related<super::country::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Country.def()
        }
    }

    impl Related<super::contact::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Contact.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn name(&self, lang: Lang) -> &str {
            match (&self.name_ru, lang) {
                (Some(ru), Lang::Ru) if !ru.is_empty() => ru,
                _ => &self.name_en,
            }
        }
    }
}

pub mod contact {
    use crate::i18n::Lang;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "contacts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub institute_id: i32,
        pub name: String,
        pub email: String,
        /// The language of every e-mail and of the form's first view.
        pub language: Lang,
        pub roles: crate::directory::Roles,
        pub active: bool,
        pub created_at: DateTimeWithTimeZone,
        /// When a server last refused this address for good; cleared when the address changes.
        pub bounced_at: Option<DateTimeWithTimeZone>,
        /// The server's words when it refused the address.
        #[sea_orm(column_type = "Text", nullable)]
        pub bounce: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::institute::Entity",
            from = "Column::InstituteId",
            to = "super::institute::Column::Id"
        )]
        Institute,
    }

    impl Related<super::institute::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Institute.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod country_year {
    use sea_orm::entity::prelude::*;

    /// A country's CEEMS status in one year; a year without a row takes the country's own flag.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "country_years")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub country_code: String,
        pub year: i32,
        pub ceems: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod staff_user {
    use sea_orm::entity::prelude::*;

    /// What a staff account may do: the secretariat changes things, a reviewer reads.
    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        Eq,
        EnumIter,
        DeriveActiveEnum,
        serde::Serialize,
        serde::Deserialize,
    )]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    #[serde(rename_all = "lowercase")]
    pub enum Role {
        #[sea_orm(string_value = "secretariat")]
        Secretariat,
        #[sea_orm(string_value = "reviewer")]
        Reviewer,
    }

    impl std::str::FromStr for Role {
        type Err = crate::Error;

        fn from_str(s: &str) -> crate::Result<Role> {
            match s {
                "secretariat" => Ok(Role::Secretariat),
                "reviewer" => Ok(Role::Reviewer),
                _ => Err(crate::Error::Invalid(format!(
                    "role must be secretariat or reviewer, not \"{s}\""
                ))),
            }
        }
    }

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub email: String,
        pub password_hash: String,
        pub role: Role,
        pub created_at: DateTimeWithTimeZone,
        /// A deactivated account signs in no more; its trail in the audit log stays.
        pub active: bool,
        /// The TOTP secret (base32) once a first code confirmed it: sign-in asks for a code.
        pub totp_secret: Option<String>,
        /// A secret shown for setting up, not yet confirmed by a code.
        pub totp_pending: Option<String>,
        pub totp_since: Option<DateTimeWithTimeZone>,
        /// The last time step a code was accepted for: a code, once used, works no more.
        pub totp_last_step: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod recovery_code {
    use sea_orm::entity::prelude::*;

    /// A one-time code that stands in for the authenticator once, kept as a digest.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_recovery_codes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub staff_user_id: i32,
        pub code_hash: String,
        pub used_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
