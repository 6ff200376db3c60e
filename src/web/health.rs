//! `GET /health`: JSON, with a real query to the database and the outbox's backlog (what is
//! waiting, what failed for good, how old the oldest waiting message is), so that a monitor
//! sees both a database that is gone (503) and mail that stopped going out.
use crate::app::App;
use rocket::http::Status;
use rocket::serde::json::{json, Json, Value};
use rocket::{get, routes, Route, State};
use sea_orm::ConnectionTrait;

pub fn routes() -> Vec<Route> {
    routes![health]
}

#[get("/health")]
async fn health(app: &State<App>) -> (Status, Json<Value>) {
    let checked = async {
        app.db.execute_unprepared("SELECT 1").await?;
        crate::mail::backlog(&app.db).await
    };
    match checked.await {
        Ok(outbox) => (
            Status::Ok,
            Json(json!({
                "status": "ok",
                "database": "ok",
                "forms": app.forms.forms.len(),
                "outbox": outbox,
            })),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (
                Status::ServiceUnavailable,
                Json(json!({"status": "error", "database": "unavailable"})),
            )
        }
    }
}
