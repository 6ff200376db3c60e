//! Starts the background jobs when Rocket lifts off and waits for them when it shuts down, so
//! a SIGTERM lets the batch under way finish.
use crate::app::App;
use crate::jobs::{self, Running};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Orbit, Rocket};
use std::sync::Mutex;
use std::time::Duration;

/// How long shutdown waits for the jobs' work under way.
pub const SHUTDOWN_BOUND: Duration = Duration::from_secs(20);

pub struct Jobs(Mutex<Option<Running>>);

pub fn fairing() -> Jobs {
    Jobs(Mutex::new(None))
}

#[rocket::async_trait]
impl Fairing for Jobs {
    fn info(&self) -> Info {
        Info {
            name: "background jobs",
            kind: Kind::Liftoff | Kind::Shutdown,
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

    async fn on_shutdown(&self, _rocket: &Rocket<Orbit>) {
        let running = self.0.lock().ok().and_then(|mut slot| slot.take());
        if let Some(running) = running {
            running.join(SHUTDOWN_BOUND).await;
        }
    }
}
