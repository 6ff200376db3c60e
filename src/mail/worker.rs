//! The delivery loop: one step delivers a batch of due messages; the loop sleeps when the
//! outbox is empty, wakes early when told (the secretariat's "send now"), backs off after an
//! error, and when asked to stop finishes the sends under way and hands back the rest of its
//! batch, so that no message is left half-recorded or held under a lease.
use super::{deliver_batch, DeliveryReport, Links, Mailer};
use crate::Result;
use sea_orm::DatabaseConnection;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Rows claimed per step: what a worker holds under lease at once.
pub const BATCH: u64 = 100;
/// How long an idle worker sleeps before it looks again (unless woken).
pub const IDLE: Duration = Duration::from_secs(5);
/// How long it waits after a failed step (the database gone, say).
pub const AFTER_ERROR: Duration = Duration::from_secs(30);
/// The first pause after a step that could not write (a full disk, a locked database); it
/// doubles while that lasts, up to `AFTER_ERROR`, so that the worker comes back soon after
/// space does without spinning while it does not.
pub const AFTER_STALL: Duration = Duration::from_secs(2);

/// What one step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Delivered(DeliveryReport),
    EmptyQueue,
}

/// Delivers one batch; once `stopping` is set, what is not yet begun is handed back.
pub async fn step(
    db: &DatabaseConnection,
    mailer: &Mailer,
    links: &dyn Links,
    stopping: &AtomicBool,
) -> Result<Step> {
    let report = deliver_batch(db, mailer, links, BATCH, &|_| {}, stopping).await?;
    Ok(if report.attempted() == 0 {
        Step::EmptyQueue
    } else {
        Step::Delivered(report)
    })
}

/// Runs until `stop` resolves; then the sends under way finish and the rest of the batch is
/// handed back.
pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    links: Arc<dyn Links>,
    wake: Arc<Notify>,
    stop: impl Future<Output = ()>,
) {
    tokio::pin!(stop);
    let stopping = AtomicBool::new(false);
    let mut stall = AFTER_STALL;
    loop {
        let work = step(&db, &mailer, links.as_ref(), &stopping);
        tokio::pin!(work);
        let done = tokio::select! {
            done = &mut work => done,
            _ = &mut stop => {
                stopping.store(true, Ordering::Release);
                work.await
            }
        };
        let unwritable = match &done {
            Ok(Step::Delivered(r)) => r.stalled,
            Err(e) => e.class() == crate::error::Class::Unavailable,
            Ok(Step::EmptyQueue) => false,
        };
        let pause = if unwritable {
            if let Err(e) = &done {
                tracing::warn!(error = %e, "outbox worker cannot write: backing off");
            }
            let pause = stall;
            stall = (stall * 2).min(AFTER_ERROR);
            pause
        } else {
            stall = AFTER_STALL;
            match done {
                Ok(Step::Delivered(r)) => {
                    tracing::info!(
                        sent = r.sent,
                        retrying = r.retrying,
                        failed = r.failed,
                        handed_back = r.released,
                        "outbox"
                    );
                    Duration::ZERO
                }
                Ok(Step::EmptyQueue) => IDLE,
                Err(e) => {
                    tracing::error!(error = %e, "outbox worker");
                    AFTER_ERROR
                }
            }
        };
        if stopping.load(Ordering::Acquire) {
            break;
        }
        tokio::select! {
            biased;
            _ = &mut stop => break,
            _ = wake.notified() => {}
            _ = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}
