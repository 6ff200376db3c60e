//! `GET /health`: JSON, and a real query to the database.
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
    match app.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (
            Status::Ok,
            Json(json!({"status": "ok", "database": "ok", "forms": app.forms.forms.len()})),
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
