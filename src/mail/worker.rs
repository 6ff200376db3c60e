//! The delivery loop: one step delivers a batch of due messages; the loop sleeps when the
//! outbox is empty, wakes early when told (the secretariat's "send now"), backs off after an
//! error, and stops between batches when asked, so that no message is left half-recorded.
use super::{deliver_due, DeliveryReport, Links, Mailer};
use crate::Result;
use sea_orm::DatabaseConnection;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Rows claimed per step: what a worker holds under lease at once.
pub const BATCH: u64 = 100;
/// How long an idle worker sleeps before it looks again (unless woken).
pub const IDLE: Duration = Duration::from_secs(5);
/// How long it waits after a failed step (the database gone, say).
pub const AFTER_ERROR: Duration = Duration::from_secs(30);

/// What one step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Delivered(DeliveryReport),
    EmptyQueue,
}

/// Delivers one batch.
pub async fn step(db: &DatabaseConnection, mailer: &Mailer, links: &dyn Links) -> Result<Step> {
    let report = deliver_due(db, mailer, links, BATCH, &|_| {}).await?;
    Ok(if report.attempted() == 0 {
        Step::EmptyQueue
    } else {
        Step::Delivered(report)
    })
}

/// Runs until `stop` resolves; a batch under way is finished first.
pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    links: Arc<dyn Links>,
    wake: Arc<Notify>,
    stop: impl Future<Output = ()>,
) {
    tokio::pin!(stop);
    loop {
        let pause = match step(&db, &mailer, links.as_ref()).await {
            Ok(Step::Delivered(r)) => {
                tracing::info!(
                    sent = r.sent,
                    retrying = r.retrying,
                    failed = r.failed,
                    "outbox"
                );
                Duration::ZERO
            }
            Ok(Step::EmptyQueue) => IDLE,
            Err(e) => {
                tracing::error!(error = %e, "outbox worker");
                AFTER_ERROR
            }
        };
        tokio::select! {
            biased;
            _ = &mut stop => break,
            _ = wake.notified() => {}
            _ = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}
