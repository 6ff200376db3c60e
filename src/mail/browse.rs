//! The outbox as the secretariat reads it: a page of messages under filters, one message (its
//! delivered copy, which holds a working link, on the trail), and waking the delivery worker.
use super::entity::{self as outbox, Kind, Status};
use super::mailer::Transport;
use crate::audit::{Action, Actor, Command, Target};
use crate::{Error, Result};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Iterable,
    PaginatorTrait, QueryFilter, QueryOrder,
};

/// What to list; an unknown status or kind in a request is simply no filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub campaign: Option<i32>,
    /// Part of the recipient's address.
    pub to: Option<String>,
}

impl Filter {
    /// The filter of a page's query: names of a status and a kind as the database stores them.
    pub fn parse(status: Option<&str>, kind: Option<&str>) -> (Option<Status>, Option<Kind>) {
        (
            status.and_then(|v| Status::try_from_value(&v.to_string()).ok()),
            kind.and_then(|v| Kind::try_from_value(&v.to_string()).ok()),
        )
    }
}

/// One page of the list, newest first.
pub struct Listed {
    pub rows: Vec<outbox::Model>,
    /// Messages that match, on every page.
    pub total: u64,
    pub pages: u64,
    /// The page given (a page past the end gives the last).
    pub page: u64,
}

pub async fn list(
    db: &impl ConnectionTrait,
    f: &Filter,
    page: u64,
    per_page: u64,
) -> Result<Listed> {
    let mut q = outbox::Entity::find();
    if let Some(status) = f.status {
        q = q.filter(outbox::Column::Status.eq(status));
    }
    if let Some(kind) = f.kind {
        q = q.filter(outbox::Column::Kind.eq(kind));
    }
    if let Some(c) = f.campaign {
        q = q.filter(outbox::Column::CampaignId.eq(c));
    }
    let to =
        f.to.as_deref()
            .map(crate::db::search_text)
            .unwrap_or_default();
    if !to.is_empty() {
        q = q.filter(outbox::Column::ToAddr.contains(to.to_lowercase()));
    }
    let pages = q.order_by_desc(outbox::Column::Id).paginate(db, per_page);
    let counts = pages.num_items_and_pages().await?;
    let page = page.min(counts.number_of_pages.saturating_sub(1));
    Ok(Listed {
        rows: pages.fetch_page(page).await?,
        total: counts.number_of_items,
        pages: counts.number_of_pages,
        page,
    })
}

/// The stored names of every status and every kind, for the page's choices.
pub fn names() -> (Vec<String>, Vec<String>) {
    (
        Status::iter().map(|s| s.to_value()).collect(),
        Kind::iter().map(|k| k.to_value()).collect(),
    )
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<outbox::Model> {
    outbox::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// The file outbox's delivered copy of a message, where there is one. It holds a working
/// personal link, so `by` reading it is on the trail first.
pub async fn delivered_copy(
    db: &DatabaseConnection,
    by: &Actor,
    transport: &Transport,
    id: i32,
) -> Result<Option<String>> {
    let Some(copy) = transport.delivered_copy(id) else {
        return Ok(None);
    };
    crate::audit::read(db, by, Action::MailRead, &Target::Message(id), None).await?;
    Ok(Some(copy))
}

/// The secretariat's "send now": on the trail; returns how many messages wait. The caller
/// wakes the worker.
pub async fn send_now(db: &DatabaseConnection, by: &Actor) -> Result<u64> {
    let cmd = Command::begin(db, by, Action::MailSend).await?;
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([Status::Queued, Status::Sending]))
        .count(cmd.tx())
        .await?;
    cmd.done(&Target::Outbox, None).await?;
    Ok(waiting)
}
