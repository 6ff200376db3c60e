//! SeaORM entities of responses and their history.

pub mod response {
    use sea_orm::entity::prelude::*;

    pub const DRAFT: &str = "draft";
    pub const SUBMITTED: &str = "submitted";
    /// Sent back by the secretariat with a note; edited and submitted again like a draft.
    pub const RETURNED: &str = "returned";

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "responses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub campaign_id: i32,
        pub unit_key: String,
        pub institute_id: Option<i32>,
        pub country_code: Option<String>,
        pub contact_id: Option<i32>,
        /// The CEEMS status of the unit's country when the response was made.
        pub ceems: bool,
        pub status: String,
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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn answers(&self) -> serde_json::Map<String, serde_json::Value> {
            serde_json::from_str(&self.answers_json).unwrap_or_default()
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
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
