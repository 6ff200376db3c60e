//! Error pages. Every unknown URL and every wrong link gets the same 404, in the user's
//! language; `/api` and `/health` get JSON.
use super::lang::Lang;
use crate::app::App;
use rocket::http::{ContentType, Status};
use rocket::response::Redirect;
use rocket::{catch, catchers, Catcher, Request};
use serde_json::json;

pub fn catchers() -> Vec<Catcher> {
    catchers![unauthorized, default]
}

#[catch(401)]
fn unauthorized() -> Redirect {
    Redirect::to("/admin/login")
}

#[catch(default)]
fn default(status: Status, req: &Request<'_>) -> (Status, (ContentType, String)) {
    let path = req.uri().path();
    if path.starts_with("/api") || path.starts_with("/health") {
        let body = json!({"error": status.reason().unwrap_or("error"), "status": status.code});
        return (status, (ContentType::JSON, body.to_string()));
    }
    let lang = Lang::of(req).0;
    let key = match status.code {
        404 => "error-404",
        403 => "error-403",
        413 => "error-413",
        422 | 400 => "error-400",
        429 => "error-429",
        _ => "error-500",
    };
    let html = req.rocket().state::<App>().and_then(|app| {
        let data = json!({"lang": lang, "status": status.code, "message_key": key, "staff": null});
        app.renderer.render("error", &data).ok()
    });
    let html = html.unwrap_or_else(|| format!("<h1>{}</h1>", status));
    (status, (ContentType::HTML, html))
}
