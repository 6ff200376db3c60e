//! How errors answer. Every unknown URL and every wrong link gets the same 404, in the user's
//! language; `/api` and `/health` get JSON. Internal details go to the log only.
use crate::app::App;
use crate::error::Class;
use crate::Error;
use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Redirect, Responder};
use rocket::{catch, catchers, Catcher};
use serde::Serialize;

pub fn status(e: &Error) -> Status {
    match e.class() {
        Class::NotFound => Status::NotFound,
        Class::Gone => Status::Gone,
        Class::Invalid => Status::UnprocessableEntity,
        Class::Forbidden => Status::Forbidden,
        Class::TooMany => Status::TooManyRequests,
        Class::Unavailable => Status::ServiceUnavailable,
        Class::Fault => Status::InternalServerError,
    }
}

/// Errors become a status; the catchers below render it as a page.
impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = status(&self);
        let path = redacted(req.uri().path().as_str());
        let ip = req.client_ip();
        let id = crate::web::headers::RequestId::of(req);
        if matches!(self, Error::DiskFull(_)) {
            req.local_cache(|| DiskFull(true));
            if let Some(app) = req.rocket().state::<App>() {
                app.space.noticed_full();
            }
        }
        match status.code {
            // Security events: someone acting beyond their rights or guessing.
            403 | 429 => tracing::warn!(%id, ?ip, %path, error = %self, "request refused"),
            503 => tracing::warn!(%id, %path, error = %self, "request refused: busy"),
            500.. => tracing::error!(%id, %path, error = %self, "request failed"),
            _ => tracing::debug!(%id, %path, error = %self, "request refused"),
        }
        Err(status)
    }
}

/// A path fit for the log: a personal link's token is never written.
pub fn redacted(path: &str) -> String {
    match path.strip_prefix("/r/") {
        Some(rest) if !rest.is_empty() => "/r/[token]".to_string(),
        _ => path.to_string(),
    }
}

/// Set on a request whose answer is 503 because the disk was full: its page says so (nothing
/// was saved, and why), not "busy".
struct DiskFull(bool);

pub fn catchers() -> Vec<Catcher> {
    catchers![unauthorized, default]
}

#[catch(401)]
fn unauthorized(req: &rocket::Request<'_>) -> Redirect {
    match req
        .local_cache(|| crate::web::staff::session::SetUpFirst(false))
        .0
    {
        true => Redirect::to("/admin/password#second-factor"),
        false => Redirect::to("/admin/login"),
    }
}

#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    message_key: &'static str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: &'a str,
    status: u16,
}

#[catch(default)]
fn default(status: Status, req: &Request<'_>) -> (Status, (ContentType, String)) {
    let path = req.uri().path();
    if path.starts_with("/api") || path.starts_with("/health") {
        let body = ErrorJson {
            error: status.reason().unwrap_or("error"),
            status: status.code,
        };
        let json = serde_json::to_string(&body).unwrap_or_default();
        return (status, (ContentType::JSON, json));
    }
    let message_key = match status.code {
        404 => "error-404",
        410 => "error-410",
        403 => "error-403",
        413 => "error-413",
        422 | 400 => "error-400",
        429 => "error-429",
        503 if req.local_cache(|| DiskFull(false)).0 => "error-disk-full",
        503 => "error-503",
        _ => "error-500",
    };
    let lang = crate::web::lang::of(req);
    let html = req.rocket().state::<App>().and_then(|app| {
        let page = ErrorPage {
            status: status.code,
            message_key,
        };
        crate::web::view::render(app, "error", &crate::web::view::Base::public(lang), &page)
            .ok()
            .map(|h| h.0)
    });
    let html = html.unwrap_or_else(|| format!("<h1>{status}</h1>"));
    (status, (ContentType::HTML, html))
}
