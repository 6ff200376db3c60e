//! Running the service until it is told to stop (SIGTERM or Ctrl-C), and stopping it whole:
//! the requests under way finish (Rocket's grace and mercy periods, raised here to 10 s and 5 s
//! unless `ROCKET_SHUTDOWN` says otherwise), the background jobs finish their work under way,
//! and only then does the process end.
use crate::app::App;
use crate::web::jobs;
use crate::{Error, Result};
use rocket::error::ErrorKind;
use rocket::{Orbit, Rocket};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Serves until stopped; an error only when the service could not start or requests were
/// still running when every bound had passed.
pub async fn serve(app: App) -> Result<()> {
    let jobs = jobs::fairing();
    let waiter = jobs.waiter();
    let rocket = crate::web::rocket(app)?.attach(jobs);
    let drained = match rocket.launch().await {
        Ok(_) => Ok(()),
        Err(e) => match e.kind() {
            // Rocket returns this at once when the signal reaches its accept loop before its
            // own shutdown branch (a race in Rocket 0.5), with the connections still running,
            // and also when they outlast its periods; either way they are ours to wait for.
            ErrorKind::Shutdown(rocket, None) => drain(rocket).await,
            _ => Err(Error::Launch(e.to_string())),
        },
    };
    waiter.join().await;
    drained
}

/// Waits until no connection holds the Rocket instance any more (each keeps a reference while
/// it serves), at most its grace and mercy periods and a second.
async fn drain(rocket: &Arc<Rocket<Orbit>>) -> Result<()> {
    let shutdown = &rocket.config().shutdown;
    let bound = Duration::from_secs(u64::from(shutdown.grace) + u64::from(shutdown.mercy) + 1);
    let deadline = Instant::now() + bound;
    // One reference is the error's own.
    while Arc::strong_count(rocket) > 1 {
        if Instant::now() >= deadline {
            let running = Arc::strong_count(rocket) - 1;
            tracing::warn!(running, "connections still open after the stop's bound");
            return Err(Error::StopUnfinished(bound));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    tracing::info!("stopped: every request under way has finished");
    Ok(())
}
