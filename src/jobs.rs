//! The background jobs, declared in one place: delivering the outbox (woken early by the
//! secretariat's "send now") and queueing the scheduled reminders. Both stop when told, after
//! the work under way is finished.
use crate::app::App;
use crate::campaigns::tokens::Minter;
use crate::mail::worker;
use crate::responses::reminders;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often the reminder schedule is looked at; dedupe keys make a second look on the same
/// day harmless.
pub const SCHEDULE_EVERY: Duration = Duration::from_secs(600);

/// The jobs of a running service.
pub struct Running {
    handles: Vec<JoinHandle<()>>,
}

/// Starts every job; each ends once `stop` resolves.
pub fn start<S>(app: &App, stop: S) -> Running
where
    S: Future<Output = ()> + Clone + Send + 'static,
{
    let links = Arc::new(Minter::new(app.db.clone(), &app.mailer.public_url));
    let delivery = tokio::spawn(worker::run(
        app.db.clone(),
        app.mailer.clone(),
        links,
        app.mail_wake.clone(),
        stop.clone(),
    ));
    let schedule = tokio::spawn(reminder_schedule(app.clone(), stop));
    Running {
        handles: vec![delivery, schedule],
    }
}

impl Running {
    /// Waits for the jobs to finish their work under way, at most `bound`.
    pub async fn join(self, bound: Duration) {
        let all = futures_util::future::join_all(self.handles);
        if tokio::time::timeout(bound, all).await.is_err() {
            tracing::warn!("background jobs still busy at shutdown; leases will expire");
        }
    }
}

async fn reminder_schedule(app: App, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        let today = chrono::Utc::now().date_naive();
        match reminders::run_schedule(&app, today).await {
            Ok(n) if n > 0 => {
                tracing::info!(queued = n, "scheduled reminders");
                app.mail_wake.notify_one();
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "scheduled reminders"),
        }
        tokio::select! {
            _ = &mut stop => break,
            _ = tokio::time::sleep(SCHEDULE_EVERY) => {}
        }
    }
}
