//! The `outbox` table.
use sea_orm::entity::prelude::*;

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Withdrawn before delivery, e.g. a reminder whose unit has since submitted.
pub const CANCELLED: &str = "cancelled";

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The reason of the message, e.g. `invitation:3:17`; a second row for the same reason is
    /// refused by a unique index, which is what makes queueing idempotent.
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub kind: String,
    pub campaign_id: Option<i32>,
    pub contact_id: Option<i32>,
    pub invitation_id: Option<i32>,
    pub to_addr: String,
    pub to_name: String,
    pub language: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeWithTimeZone,
    pub locked_until: Option<DateTimeWithTimeZone>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub sent_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
