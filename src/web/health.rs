//! `GET /health`: JSON, with a real query to the database and the outbox's backlog (what is
//! waiting, what failed for good, how old the oldest waiting message is), so that a monitor
//! sees both a database that is gone (503) and mail that stopped going out; and who runs the
//! periodic jobs, when several instances share the database; and the free space where the
//! service writes, 503 below its floor (`DISK_FREE_FLOOR_MIB`, `DISK_FREE_FLOOR_PERCENT`), as
//! writes are refused when the disk is full.
use crate::app::App;
use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route, State};

pub fn routes() -> Vec<Route> {
    routes![health]
}

/// A monitor needs an answer, not a request that hangs while the pool waits for a database
/// that is gone.
const BOUND: std::time::Duration = std::time::Duration::from_secs(5);

#[get("/health")]
async fn health(app: &State<App>) -> (Status, Json<Value>) {
    let checked = async {
        crate::db::ping(&app.db).await?;
        let outbox = crate::mail::backlog(&app.db).await?;
        let jobs: Vec<Value> = crate::jobs::lease::all(&app.db)
            .await?
            .into_iter()
            .map(|j| json!({"name": j.name, "instance": j.holder, "last_run_at": j.last_run_at}))
            .collect();
        let forms = app.forms.current(&app.db).await?.forms.len();
        crate::Result::Ok((outbox, jobs, forms))
    };
    let checked = tokio::time::timeout(BOUND, checked)
        .await
        .unwrap_or(Err(crate::Error::DatabaseSilent(BOUND)));
    let disk = app.space.read();
    let disk_low = disk.iter().any(|r| r.low);
    match checked {
        Ok((outbox, jobs, forms)) => (
            if disk_low {
                Status::ServiceUnavailable
            } else {
                Status::Ok
            },
            Json(json!({
                "status": if disk_low { "error" } else { "ok" },
                "database": "ok",
                "disk": if disk_low { "low" } else { "ok" },
                "space": disk,
                "forms": forms,
                "outbox": outbox,
                "jobs": jobs,
            })),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (
                Status::ServiceUnavailable,
                Json(json!({
                    "status": "error",
                    "database": "unavailable",
                    "disk": if disk_low { "low" } else { "ok" },
                    "space": disk,
                })),
            )
        }
    }
}
