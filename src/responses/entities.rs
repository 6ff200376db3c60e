//! SeaORM entities of responses and their history.

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize,
    )]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    #[serde(rename_all = "lowercase")]
    pub enum Status {
        #[sea_orm(string_value = "draft")]
        Draft,
        #[sea_orm(string_value = "submitted")]
        Submitted,
        /// Sent back by the secretariat with a note; edited and submitted again like a draft.
        #[sea_orm(string_value = "returned")]
        Returned,
    }

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "responses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub campaign_id: i32,
        pub unit_key: crate::campaigns::UnitKey,
        pub institute_id: Option<i32>,
        pub country_code: Option<String>,
        pub contact_id: Option<i32>,
        /// The CEEMS status of the unit's country when the response was made.
        pub ceems: bool,
        pub status: Status,
        /// Raised by every save; a save based on an older version is refused.
        pub version: i32,
        #[sea_orm(column_type = "Text")]
        pub answers_json: String,
        pub updated_by: Option<String>,
        pub updated_at: DateTimeWithTimeZone,
        pub submitted_at: Option<DateTimeWithTimeZone>,
        /// The secretariat's note when it returned the response for correction.
        #[sea_orm(column_type = "Text", nullable)]
        pub note: Option<String>,
        /// The secretariat accepted the submitted answers: the unit's link shows them read-only.
        pub accepted_at: Option<DateTimeWithTimeZone>,
        pub accepted_by: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::campaigns::campaign::Entity",
            from = "Column::CampaignId",
            to = "crate::campaigns::campaign::Column::Id"
        )]
        Campaign,
        #[sea_orm(has_many = "super::history::Entity")]
        History,
    }

    impl Related<crate::campaigns::campaign::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Campaign.def()
        }
    }

    impl Related<super::history::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::History.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The stored answers; a row that does not parse is reported, never read as empty.
        pub fn answers(&self) -> crate::Result<crate::forms::Answers> {
            serde_json::from_str(&self.answers_json).map_err(|source| {
                crate::Error::CorruptAnswers {
                    response_id: self.id,
                    source,
                }
            })
        }

        pub fn is_submitted(&self) -> bool {
            self.status == Status::Submitted
        }
    }
}

pub mod history {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "response_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub response_id: i32,
        pub version: i32,
        pub actor: String,
        pub action: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub before_json: Option<String>,
        #[sea_orm(column_type = "Text")]
        pub after_json: String,
        pub at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::response::Entity",
            from = "Column::ResponseId",
            to = "super::response::Column::Id"
        )]
        Response,
    }

    impl Related<super::response::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Response.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}
