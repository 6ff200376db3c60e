//! The background jobs, declared in one place: delivering the outbox (woken early by the
//! secretariat's "send now"), queueing the scheduled reminders, and marking in the directory
//! the addresses that bounced. Each stops when told, after the work under way is finished.
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

/// How often refused addresses are looked for; a bounce waits at most this long to show.
pub const BOUNCES_EVERY: Duration = Duration::from_secs(60);

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
    let schedule = tokio::spawn(reminder_schedule(app.clone(), stop.clone()));
    let bounces = tokio::spawn(bounce_marking(app.clone(), stop));
    Running {
        handles: vec![delivery, schedule, bounces],
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

/// Marks on their contacts the addresses a server refused for good since the last look, in one
/// transaction with taking them from the outbox. Returns how many messages bounced.
pub async fn record_bounces(app: &App) -> crate::Result<usize> {
    // A read first: on SQLite a write transaction locks out every saving respondent, and most
    // minutes nothing has bounced.
    if !crate::mail::bounces_waiting(&app.db).await? {
        return Ok(0);
    }
    let tx = crate::db::begin_write(&app.db).await?;
    let bounces = crate::mail::take_bounces(&tx).await?;
    for b in &bounces {
        crate::directory::contacts::mark_bounced(&tx, &b.to_addr, &b.error).await?;
    }
    tx.commit().await?;
    if !bounces.is_empty() {
        tracing::warn!(
            count = bounces.len(),
            "addresses refused for good, marked on contacts"
        );
    }
    Ok(bounces.len())
}

async fn bounce_marking(app: App, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        if let Err(e) = record_bounces(&app).await {
            tracing::error!(error = %e, "marking bounces");
        }
        tokio::select! {
            _ = &mut stop => break,
            _ = tokio::time::sleep(BOUNCES_EVERY) => {}
        }
    }
}
