//! Starts the background jobs when Rocket lifts off. They stop when Rocket's shutdown is asked
//! for; `web::serve` waits for their work under way after Rocket has returned (not in a
//! shutdown fairing: Rocket skips those when a SIGTERM meets its accept loop, and the time
//! they take would be counted against the requests' own grace period).
use crate::app::App;
use crate::jobs::{self, Running};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Orbit, Rocket};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a stop waits for the jobs' work under way.
pub const SHUTDOWN_BOUND: Duration = Duration::from_secs(20);

type Slot = Arc<Mutex<Option<Running>>>;

pub struct Jobs(Slot);

pub fn fairing() -> Jobs {
    Jobs(Slot::default())
}

impl Jobs {
    /// What lets the caller of `launch` wait for the jobs once Rocket has returned.
    pub fn waiter(&self) -> Waiter {
        Waiter(self.0.clone())
    }
}

pub struct Waiter(Slot);

impl Waiter {
    /// Waits, at most `SHUTDOWN_BOUND`, for the jobs started at lift-off (if they were).
    pub async fn join(self) {
        let running = self.0.lock().ok().and_then(|mut slot| slot.take());
        if let Some(running) = running {
            running.join(SHUTDOWN_BOUND).await;
        }
    }
}

#[rocket::async_trait]
impl Fairing for Jobs {
    fn info(&self) -> Info {
        Info {
            name: "background jobs",
            kind: Kind::Liftoff,
        }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        let Some(app) = rocket.state::<App>() else {
            return;
        };
        let running = jobs::start(app, rocket.shutdown());
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(running);
        }
    }
}
