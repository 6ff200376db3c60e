//! Delivering due rows of the outbox: claim, mint links, send, record the outcome.
//!
//! A row is claimed by setting it to `sending` with a lease (`locked_until`); on PostgreSQL the
//! claim uses `FOR UPDATE SKIP LOCKED`, so several workers never take the same row. A worker that
//! dies mid-send leaves a lease that expires, and the row is sent again: at most one duplicate per
//! crash, which is the bound SMTP itself imposes (a server may accept a message whose
//! acknowledgement is lost).
use super::failure::SendError;
use super::mailer::{Mailer, Transport};
use super::{entity as outbox, Links, Status};
use crate::Result;
use chrono::Duration;
use futures_util::StreamExt;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncTransport, Message};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::sync::atomic::{AtomicBool, Ordering};

/// Attempts before a temporary failure counts as permanent.
pub const MAX_ATTEMPTS: i32 = 8;

impl Transport {
    async fn send(&self, id: i32, message: Message) -> std::result::Result<(), SendError> {
        match self {
            Transport::Relay(relay) => relay.send(&message).await,
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                local: false,
                text: e.to_string(),
            }),
            Transport::File(dir) => {
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    let tmp = dir.join(format!("{id}.eml.tmp"));
                    tokio::fs::write(&tmp, message.formatted()).await?;
                    tokio::fs::rename(&tmp, dir.join(format!("{id}.eml"))).await
                };
                write.await.map_err(|e| SendError {
                    permanent: false,
                    local: crate::faults::is_storage_full(&e),
                    text: e.to_string(),
                })
            }
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
    /// Claimed, then handed back unsent because the worker was told to stop, or because
    /// it could not write (its own state, or the file outbox) and backs off.
    pub released: usize,
    /// Whether a write of the worker's own failed (a full disk, a busy database): the worker
    /// pauses before its next batch.
    pub stalled: bool,
}

impl DeliveryReport {
    pub fn attempted(&self) -> usize {
        self.sent + self.retrying + self.failed
    }
}

/// Messages sent at once. lettre leaves Nagle's algorithm on, so one SMTP connection carries
/// only about 23 messages a second; concurrent sends over the pool make up for it.
pub const CONCURRENCY: usize = 16;

/// Takes up to `limit` due messages and delivers them; `progress` is told after each.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    links: &dyn Links,
    limit: u64,
    progress: &(dyn Fn(&outbox::Model) + Sync),
) -> Result<DeliveryReport> {
    let never = AtomicBool::new(false);
    deliver_batch(db, mailer, links, limit, progress, &never).await
}

/// As `deliver_due`; once `stopping` is set, the messages not yet begun are handed back
/// (queued, unleased) instead of sent, so a shutdown waits only for the sends under way and
/// another instance may take the rest at once.
pub async fn deliver_batch(
    db: &DatabaseConnection,
    mailer: &Mailer,
    links: &dyn Links,
    limit: u64,
    progress: &(dyn Fn(&outbox::Model) + Sync),
    stopping: &AtomicBool,
) -> Result<DeliveryReport> {
    let rows = claim(db, mailer, limit).await?;
    let stalled = AtomicBool::new(false);
    let stalled = &stalled;
    let mut outcomes = futures_util::stream::iter(rows)
        .map(|row| async move {
            if let Some(limit) = &mailer.rate {
                limit.until_ready().await;
            }
            if stopping.load(Ordering::Acquire) || stalled.load(Ordering::Acquire) {
                return set_aside(db, row, stalled).await;
            }
            match deliver_one(mailer, links, &row).await {
                Err(e) if e.local => {
                    tracing::warn!(id = row.id, error = %e.text, "the outbox cannot write: backing off");
                    stalled.store(true, Ordering::Release);
                    set_aside(db, row, stalled).await
                }
                outcome => record_surely(db, row, outcome, stopping, stalled)
                    .await
                    .map(|row| (row, false)),
            }
        })
        .buffer_unordered(CONCURRENCY);
    let mut report = DeliveryReport::default();
    while let Some(done) = outcomes.next().await {
        let (row, released) = done?;
        match row.status {
            _ if released => report.released += 1,
            Status::Sent => report.sent += 1,
            Status::Failed => report.failed += 1,
            _ => report.retrying += 1,
        }
        progress(&row);
    }
    report.stalled = stalled.load(Ordering::Acquire);
    Ok(report)
}

/// A message not attempted: back to the queue, or, when even that cannot be written, left
/// under its lease, which expires (it was not sent, so sending it then is no duplicate).
async fn set_aside(
    db: &DatabaseConnection,
    row: outbox::Model,
    stalled: &AtomicBool,
) -> Result<(outbox::Model, bool)> {
    match hand_back(db, row.clone()).await {
        Ok(row) => Ok((row, true)),
        Err(e) if e.class() == crate::error::Class::Unavailable => {
            stalled.store(true, Ordering::Release);
            Ok((row, true))
        }
        Err(e) => Err(e),
    }
}

/// Records an attempt's outcome, trying again while the database cannot take the write (a
/// full disk, a lock): a message sent but recorded as neither sent nor failed would be sent
/// again when its lease expires. Gives up only when asked to stop, and says so.
async fn record_surely(
    db: &DatabaseConnection,
    row: outbox::Model,
    outcome: std::result::Result<(), SendError>,
    stopping: &AtomicBool,
    stalled: &AtomicBool,
) -> Result<outbox::Model> {
    let mut pause = std::time::Duration::from_millis(500);
    loop {
        match record(db, row.clone(), outcome.clone()).await {
            Err(e) if e.class() == crate::error::Class::Unavailable => {
                stalled.store(true, Ordering::Release);
                if stopping.load(Ordering::Acquire) {
                    tracing::error!(id = row.id, error = %e, "the outcome of a send could not be recorded; it may be sent again");
                    return Err(e);
                }
                tracing::warn!(id = row.id, error = %e, "recording a send: trying again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(std::time::Duration::from_secs(30));
            }
            done => return done,
        }
    }
}

/// Puts a claimed message back as it was before the claim.
async fn hand_back(db: &DatabaseConnection, row: outbox::Model) -> Result<outbox::Model> {
    let mut am: outbox::ActiveModel = row.into();
    am.status = Set(Status::Queued);
    am.locked_until = Set(None);
    Ok(am.update(db).await?)
}

/// Writes the outcome of one attempt: sent, failed for good, or queued again after a backoff.
async fn record(
    db: &DatabaseConnection,
    row: outbox::Model,
    outcome: std::result::Result<(), SendError>,
) -> Result<outbox::Model> {
    let now = crate::db::now();
    let attempts = row.attempts + 1;
    let (id, to) = (row.id, row.to_addr.clone());
    let mut am: outbox::ActiveModel = row.into();
    am.attempts = Set(attempts);
    am.locked_until = Set(None);
    match outcome {
        Ok(()) => {
            am.status = Set(Status::Sent);
            am.sent_at = Set(Some(now));
            am.last_error = Set(None);
        }
        Err(e) if e.permanent || attempts >= MAX_ATTEMPTS => {
            tracing::warn!(id, %to, error = %e.text, "message failed for good");
            // Only the server's refusal says the address is bad; a long outage says nothing.
            am.bounce_pending = Set(e.permanent);
            am.status = Set(Status::Failed);
            am.last_error = Set(Some(e.text));
        }
        Err(e) => {
            tracing::info!(id, attempts, error = %e.text, "delivery will be retried");
            am.status = Set(Status::Queued);
            am.next_attempt_at = Set(now + backoff(attempts));
            am.last_error = Set(Some(e.text));
        }
    }
    Ok(am.update(db).await?)
}

/// 30 s, 1 min, 2 min, ... capped at 2 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 12) as u32 - 1;
    Duration::seconds((30i64 << exp).min(7200))
}

async fn claim(db: &DatabaseConnection, mailer: &Mailer, limit: u64) -> Result<Vec<outbox::Model>> {
    let now = crate::db::now();
    let tx = crate::db::begin_write(db).await?;
    let due = Condition::any()
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Queued))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Sending))
                .add(outbox::Column::LockedUntil.lt(now)),
        );
    let rows = outbox::Entity::find()
        .filter(due)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&tx)
        .await?;
    if !rows.is_empty() {
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
            .col_expr(outbox::Column::LockedUntil, Expr::value(now + mailer.lease))
            .filter(outbox::Column::Id.is_in(ids))
            .exec(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows)
}

async fn deliver_one(
    mailer: &Mailer,
    links: &dyn Links,
    row: &outbox::Model,
) -> std::result::Result<(), SendError> {
    let (text, html) = with_links(links, row)
        .await
        .map_err(|e| SendError::temporary(e.to_string()))?;
    let readable = mailer.is_file_outbox();
    let mut message =
        build_message(mailer.from.clone(), row, text, html, readable).map_err(|text| {
            SendError {
                permanent: true,
                local: false,
                text,
            }
        })?;
    if let Some(dkim) = &mailer.dkim {
        message = signed(message, dkim.clone()).await?;
    }
    mailer.transport.send(row.id, message).await
}

/// The bodies with a fresh link where the message's own templates asked for one, and nowhere
/// else: a marker is looked for only as the message's slots name it (`LinkSlots`), and a link is
/// minted only for a marker the bodies hold.
async fn with_links(links: &dyn Links, row: &outbox::Model) -> Result<(String, String)> {
    let (mut text, mut html) = (row.body_text.clone(), row.body_html.clone());
    let supersede = row.links.as_ref().is_some_and(|s| s.supersede);
    let slots: Vec<(String, i32)> = match (&row.links, row.invitation_id) {
        (Some(slots), _) => slots.iter().collect(),
        // Queued before links were bound to their message: only the recipient's own link, in
        // the one form the old templates wrote. Whatever else looks like a placeholder stays
        // text; an old message listing several links (lost-link) goes without them, and its
        // reader may ask again.
        (None, Some(own)) => vec![(LEGACY_OWN_LINK.to_string(), own)],
        (None, None) => Vec::new(),
    };
    for (marker, invitation) in slots {
        if !text.contains(&marker) && !html.contains(&marker) {
            continue;
        }
        let link = links.mint(invitation, row.id, supersede).await?;
        text = text.replace(&marker, &link);
        html = html.replace(&marker, &link);
    }
    Ok((text, html))
}

/// Where the templates of the first releases put the recipient's own link.
const LEGACY_OWN_LINK: &str = "{{LINK}}";

/// An RSA signature costs milliseconds of CPU: on the blocking pool it neither stalls the
/// requests this runtime thread serves nor holds a batch's concurrent sends to one core.
async fn signed(
    mut message: Message,
    dkim: std::sync::Arc<lettre::message::dkim::DkimConfig>,
) -> std::result::Result<Message, SendError> {
    tokio::task::spawn_blocking(move || {
        lettre::message::dkim::dkim_sign(&mut message, &dkim);
        message
    })
    .await
    .map_err(|e| SendError::temporary(format!("signing the message: {e}")))
}

fn build_message(
    from: Mailbox,
    row: &outbox::Model,
    text: String,
    html: String,
    readable: bool,
) -> std::result::Result<Message, String> {
    let to = Mailbox::new(
        Some(row.to_name.clone()),
        row.to_addr.parse().map_err(|e| format!("address: {e}"))?,
    );
    let part = |content_type: ContentType, body: String| {
        // The file outbox keeps UTF-8 as it is, so that it can be read as it stands.
        // lettre picks 8bit only for lines under 76 bytes, which Cyrillic text rarely is;
        // RFC 5322 allows 998, and that is checked here.
        let fits = body.lines().all(|l| l.len() < 998) && !body.contains('\0');
        let body = if readable && fits {
            Body::dangerous_pre_encoded(
                body.replace("\r\n", "\n")
                    .replace('\n', "\r\n")
                    .into_bytes(),
                ContentTransferEncoding::EightBit,
            )
        } else {
            Body::new(body)
        };
        SinglePart::builder().header(content_type).body(body)
    };
    Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .multipart(
            MultiPart::alternative()
                .singlepart(part(ContentType::TEXT_PLAIN, text))
                .singlepart(part(ContentType::TEXT_HTML, html)),
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(5).num_seconds(), 480);
        assert_eq!(backoff(40).num_seconds(), 7200);
    }
}
