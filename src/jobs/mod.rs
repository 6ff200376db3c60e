//! The background jobs, declared in one place: delivering the outbox (woken early by the
//! secretariat's "send now"), queueing the scheduled reminders, and marking in the directory
//! the addresses that bounced. Each stops when told, after the work under way is finished.
//!
//! Several instances may share one database: every instance delivers (each message is claimed
//! by one: see `mail::deliver`), while the periodic jobs run on whichever instance holds their
//! lease (see `lease`), once per period in all.
pub mod lease;

use crate::app::App;
use crate::campaigns::tokens::Minter;
use crate::mail::worker;
use crate::responses::reminders;
use lease::{Holder, Job};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often the reminder schedule is looked at; dedupe keys make a second look on the same
/// day harmless (two instances, or a lease taken over, may look twice).
pub const SCHEDULE_EVERY: Duration = Duration::from_secs(600);

/// How often refused addresses are looked for; a bounce waits at most this long to show.
pub const BOUNCES_EVERY: Duration = Duration::from_secs(60);

/// The jobs of a running service.
pub struct Running {
    handles: Vec<JoinHandle<()>>,
}

/// A lease outlives its period by this much, so that its holder, not another instance,
/// normally renews it.
const LEASE_MARGIN: Duration = Duration::from_secs(30);

/// Starts every job; each ends once `stop` resolves.
pub fn start<S>(app: &App, stop: S) -> Running
where
    S: Future<Output = ()> + Clone + Send + 'static,
{
    let me = Holder::this_process();
    tracing::info!(instance = me.as_str(), "background jobs start");
    let links = Arc::new(Minter::new(app.db.clone(), &app.mailer.public_url));
    let delivery = tokio::spawn(worker::run(
        app.db.clone(),
        app.mailer.clone(),
        links,
        app.mail_wake.clone(),
        stop.clone(),
    ));
    let schedule = tokio::spawn(periodic(
        app.clone(),
        me.clone(),
        Job::Schedule,
        SCHEDULE_EVERY,
        stop.clone(),
    ));
    let bounces = tokio::spawn(periodic(
        app.clone(),
        me,
        Job::Bounces,
        BOUNCES_EVERY,
        stop.clone(),
    ));
    let space = tokio::spawn(watch_space(app.space.clone(), stop));
    Running {
        handles: vec![delivery, schedule, bounces, space],
    }
}

/// How often the free space is read when nothing else asks.
pub const SPACE_EVERY: Duration = Duration::from_secs(60);

/// Each instance reads its own disks (no lease): the log says when one crosses the floor.
async fn watch_space(watch: Arc<crate::storage::Watch>, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        watch.read();
        tokio::select! {
            _ = &mut stop => break,
            _ = tokio::time::sleep(SPACE_EVERY) => {}
        }
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

/// Runs `job` every `every` while this instance holds its lease; hands the lease back when
/// stopped.
async fn periodic(app: App, me: Holder, job: Job, every: Duration, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        match lease::take(&app.db, job, &me, every + LEASE_MARGIN).await {
            Ok(true) => run_once(&app, job).await,
            Ok(false) => tracing::debug!(job = job.name(), "another instance holds the job"),
            Err(e) => tracing::error!(error = %e, job = job.name(), "taking the job's lease"),
        }
        tokio::select! {
            _ = &mut stop => break,
            _ = tokio::time::sleep(every) => {}
        }
    }
    if let Err(e) = lease::release(&app.db, job, &me).await {
        tracing::warn!(error = %e, job = job.name(), "handing the job's lease back");
    }
}

async fn run_once(app: &App, job: Job) {
    match job {
        Job::Schedule => {
            let today = chrono::Utc::now().date_naive();
            match reminders::run_schedule(app, today).await {
                Ok(n) if n > 0 => {
                    tracing::info!(queued = n, "scheduled reminders");
                    app.mail_wake.notify_one();
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "scheduled reminders"),
            }
            if let Err(e) = crate::limits::forget_old(&app.db, crate::db::now()).await {
                tracing::error!(error = %e, "forgetting old rate-limit records");
            }
        }
        Job::Bounces => {
            if let Err(e) = record_bounces(app).await {
                tracing::error!(error = %e, "marking bounces");
            }
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
