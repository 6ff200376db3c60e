//! The `outbox` table.
use sea_orm::entity::prelude::*;

use crate::i18n::Lang;

/// Where a message is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker until `locked_until`.
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Withdrawn before delivery, e.g. a reminder whose unit has since submitted.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

/// What a message is for; names its templates `mail/<kind>.{txt,html}` and its subject text
/// `mail-<kind>-subject`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[sea_orm(string_value = "invitation")]
    Invitation,
    #[sea_orm(string_value = "reminder")]
    Reminder,
    #[sea_orm(string_value = "confirmation")]
    Confirmation,
    #[sea_orm(string_value = "returned")]
    Returned,
    #[sea_orm(string_value = "lost-link")]
    LostLink,
    #[sea_orm(string_value = "digest")]
    Digest,
    #[sea_orm(string_value = "deadline-changed")]
    DeadlineChanged,
}

impl Status {
    /// Its name as stored (`queued`, `sent`...).
    pub fn name(self) -> String {
        use sea_orm::ActiveEnum;
        self.to_value()
    }
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Invitation => "invitation",
            Kind::Reminder => "reminder",
            Kind::Confirmation => "confirmation",
            Kind::Returned => "returned",
            Kind::LostLink => "lost-link",
            Kind::Digest => "digest",
            Kind::DeadlineChanged => "deadline-changed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The reason of the message, e.g. `invitation:3:17`; a second row for the same reason is
    /// refused by a unique index, which is what makes queueing idempotent.
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub kind: Kind,
    pub campaign_id: Option<i32>,
    pub contact_id: Option<i32>,
    pub invitation_id: Option<i32>,
    /// Which invitation each link marker in the bodies stands for; `None` for a message that
    /// carries no link, or one queued before links were bound to their message.
    #[sea_orm(column_type = "Json", nullable)]
    pub links: Option<super::LinkSlots>,
    pub to_addr: String,
    pub to_name: String,
    pub language: Lang,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub message_id: String,
    pub status: Status,
    pub attempts: i32,
    pub next_attempt_at: DateTimeWithTimeZone,
    pub locked_until: Option<DateTimeWithTimeZone>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub sent_at: Option<DateTimeWithTimeZone>,
    /// The server refused the address for good; cleared once the directory has marked it.
    pub bounce_pending: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
