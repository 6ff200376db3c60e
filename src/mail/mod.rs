//! The mail outbox. Every e-mail is first a row, written in the same transaction as what caused
//! it (an invitation, a reminder), so that nothing is sent that did not happen and nothing that
//! happened goes unsent. Delivery reads due rows and hands them to SMTP or to the file outbox.
//!
//! This module knows nothing of campaigns or responses: callers say what a message is
//! (`Outgoing`, built in `notifications`), and delivery is told how to mint the personal link a
//! message carries (`Links`).
pub mod browse;
pub mod deliver;
pub mod dkim;
pub mod entity;
mod failure;
pub mod links;
mod mailer;
mod relay;
pub mod templates;
pub mod worker;

pub use deliver::{deliver_batch, deliver_due, DeliveryReport};
pub use entity as outbox;
pub use entity::{Kind, Status};
pub use links::LinkSlots;
pub use mailer::{Mailer, Transport};
pub use templates::{enqueue, render, Outgoing};

use futures_util::future::BoxFuture;

/// Mints the link a message carries, at delivery, so that no usable link is ever stored.
pub trait Links: Send + Sync {
    /// A new link for the invitation, recorded as carried by outbox message `message_id`;
    /// `supersede`: once used, it replaces the invitation's earlier links.
    fn mint(
        &self,
        invitation_id: i32,
        message_id: i32,
        supersede: bool,
    ) -> BoxFuture<'_, crate::Result<String>>;
}

/// The links of a delivered file-outbox message (`.eml`), for the secretariat's preview.
pub fn links_in(eml: &str, public_url: &str) -> Vec<String> {
    let prefix = format!("{public_url}/r/");
    let mut links: Vec<String> = Vec::new();
    for word in eml.split_whitespace().filter(|w| w.starts_with(&prefix)) {
        let link = word
            .trim_end_matches(['.', ',', ')', '"', '<', '>'])
            .to_string();
        if !links.contains(&link) {
            links.push(link);
        }
    }
    links
}

/// A message whose address a server refused for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    pub contact_id: Option<i32>,
    pub to_addr: String,
    pub error: String,
}

/// Whether any refusal waits to be handed over.
pub async fn bounces_waiting(db: &impl sea_orm::ConnectionTrait) -> crate::Result<bool> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::BouncePending.eq(true))
        .count(db)
        .await?;
    Ok(waiting > 0)
}

/// The refusals not yet handed over, each handed over once: the caller marks the addresses in
/// the same transaction, so a crash between the two hands them over again.
pub async fn take_bounces(db: &impl sea_orm::ConnectionTrait) -> crate::Result<Vec<Bounce>> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = outbox::Entity::find()
        .filter(outbox::Column::BouncePending.eq(true))
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::BouncePending, Expr::value(false))
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Bounce {
            contact_id: r.contact_id,
            to_addr: r.to_addr,
            error: r.last_error.unwrap_or_default(),
        })
        .collect())
}

/// The state of the outbox, for `/health`: messages waiting to go (queued or being sent), those
/// that failed for good, and when the oldest waiting one was queued.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Backlog {
    pub waiting: u64,
    pub failed: u64,
    pub oldest_waiting: Option<String>,
    /// Seconds since the oldest waiting message was queued: what an alert watches.
    pub oldest_waiting_seconds: Option<i64>,
}

pub async fn backlog(db: &impl sea_orm::ConnectionTrait) -> crate::Result<Backlog> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let waiting_filter =
        outbox::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]);
    let waiting = outbox::Entity::find()
        .filter(waiting_filter.clone())
        .count(db)
        .await?;
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(outbox::Status::Failed))
        .count(db)
        .await?;
    let oldest = outbox::Entity::find()
        .filter(waiting_filter)
        .order_by_asc(outbox::Column::CreatedAt)
        .one(db)
        .await?
        .map(|m| m.created_at);
    let now = crate::db::now();
    Ok(Backlog {
        waiting,
        failed,
        oldest_waiting: oldest.map(|t| t.to_rfc3339()),
        oldest_waiting_seconds: oldest.map(|t| (now - t).num_seconds().max(0)),
    })
}
