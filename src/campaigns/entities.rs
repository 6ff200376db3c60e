//! SeaORM entities of campaigns, invitations and access tokens.

pub mod campaign {
    use sea_orm::entity::prelude::*;

    /// Whether a campaign takes answers (with its closing day) and sends mail.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, serde::Serialize)]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    #[serde(rename_all = "lowercase")]
    pub enum Status {
        #[sea_orm(string_value = "open")]
        Open,
        #[sea_orm(string_value = "closed")]
        Closed,
    }

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "campaigns")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub form_id: String,
        pub year: i32,
        /// The schema as it was when the campaign opened.
        #[sea_orm(column_type = "Text")]
        #[serde(skip)]
        pub schema_json: String,
        pub status: Status,
        pub closes_on: Option<Date>,
        pub created_at: DateTimeWithTimeZone,
        /// Days before `closes_on` on which reminders go out automatically.
        pub reminder_days: crate::campaigns::ReminderDays,
        /// At most this many reminders per contact.
        pub reminder_max: i32,
        /// At least this many days between two reminders to a contact.
        pub reminder_gap_days: i32,
        /// When the secretariat closed it; `None` while open (a reopening clears it).
        pub closed_at: Option<DateTimeWithTimeZone>,
        /// The survey's version it was opened with; `None` for a campaign opened before
        /// versions were kept whose schema matches none of them.
        pub form_version: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::invitation::Entity")]
        Invitation,
    }

    impl Related<super::invitation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Invitation.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "invitations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub campaign_id: i32,
        pub contact_id: i32,
        /// Whose response this contact shares.
        pub unit_key: crate::campaigns::UnitKey,
        pub created_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::campaign::Entity",
            from = "Column::CampaignId",
            to = "super::campaign::Column::Id"
        )]
        Campaign,
        #[sea_orm(
            belongs_to = "crate::directory::contact::Entity",
            from = "Column::ContactId",
            to = "crate::directory::contact::Column::Id"
        )]
        Contact,
        #[sea_orm(has_many = "super::access_token::Entity")]
        AccessToken,
    }

    impl Related<super::access_token::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::AccessToken.def()
        }
    }

    impl Related<super::campaign::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Campaign.def()
        }
    }

    impl Related<crate::directory::contact::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Contact.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod access_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "access_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub invitation_id: i32,
        /// SHA-256 of the token, hex.
        #[sea_orm(unique)]
        pub token_hash: String,
        /// The outbox message that carried the link.
        pub outbox_id: Option<i32>,
        /// Sent to replace lost links: at its first use the older links of its invitation are
        /// revoked (then this is cleared). Never at the request, which anyone can make.
        pub supersedes: bool,
        pub created_at: DateTimeWithTimeZone,
        /// Set when a newer link replaced this one (a lost-link request): it opens nothing.
        pub revoked_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::invitation::Entity",
            from = "Column::InvitationId",
            to = "super::invitation::Column::Id"
        )]
        Invitation,
    }

    impl Related<super::invitation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Invitation.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod handover {
    use sea_orm::entity::prelude::*;

    /// Where a colleague proposed by a respondent stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, serde::Serialize)]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    #[serde(rename_all = "lowercase")]
    pub enum State {
        #[sea_orm(string_value = "pending")]
        Pending,
        #[sea_orm(string_value = "confirmed")]
        Confirmed,
        #[sea_orm(string_value = "declined")]
        Declined,
    }

    /// A respondent's proposal that a colleague answer instead of (or besides) them; the
    /// secretariat decides, and only then does the colleague get a link.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "handovers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The invitation of the respondent who proposed the colleague.
        pub invitation_id: i32,
        pub name: String,
        pub email: String,
        pub language: crate::i18n::Lang,
        #[sea_orm(column_type = "Text", nullable)]
        pub note: Option<String>,
        pub created_at: DateTimeWithTimeZone,
        pub state: State,
        pub decided_by: Option<String>,
        pub decided_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
