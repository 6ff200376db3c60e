//! The read API under `/api/v1`: campaigns, responses and indicators as JSON for holders of a
//! bearer token the secretariat made (`/admin/api-tokens`). Nothing here writes. Errors are
//! problem details (RFC 9457). The OpenAPI document is generated from these handlers
//! (`doc.rs`), so it cannot drift from them.
mod doc;
mod endpoints;
mod model;
mod params;

use crate::app::App;
use crate::directory::api_tokens::{self, Scope};
use rocket::http::{ContentType, Header, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};
use rocket::{catch, catchers, Catcher, Route};

pub use doc::Document;
pub use model::Problem;

pub const BASE: &str = "/api/v1";

pub fn routes() -> Vec<Route> {
    let mut all = endpoints::routes();
    all.extend(doc::routes());
    all
}

pub fn catchers() -> Vec<Catcher> {
    catchers![problem]
}

/// A holder of a live token.
pub struct Client {
    pub token_id: i32,
    pub scope: Scope,
}

impl Client {
    /// Reads as a reviewer does: submitted responses only, per-contact surveys through their
    /// indicators alone.
    pub fn reviewer(&self) -> bool {
        self.scope == Scope::Review
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Client {
    type Error = ();

    // Failures are not throttled as sign-ins are: a token is 256 random bits, and one that is
    // not even of our form is refused before any query.
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let Some(app) = req.rocket().state::<App>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let secret = req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, secret)| secret.trim());
        let Some(secret) = secret else {
            return Outcome::Error((Status::Unauthorized, ()));
        };
        match api_tokens::authenticate(&app.db, secret).await {
            Ok(Some(t)) => Outcome::Success(Client {
                token_id: t.id,
                scope: t.scope,
            }),
            Ok(None) => {
                tracing::info!(ip = ?req.client_ip(), "api: unknown or revoked token");
                Outcome::Error((Status::Unauthorized, ()))
            }
            Err(e) => {
                tracing::error!(error = %e, "api: token lookup failed");
                Outcome::Error((super::errors::status(&e), ()))
            }
        }
    }
}

/// What a handler answers instead of its document.
#[derive(Debug)]
pub enum ApiError {
    /// A parameter out of its range; the detail names it.
    BadRequest(String),
    /// The domain's error, as its status.
    Domain(crate::Error),
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> Self {
        ApiError::Domain(e)
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match self {
            ApiError::BadRequest(detail) => {
                Problem::new(Status::BadRequest, Some(detail)).respond_to(req)
            }
            // Logged as every error is; the catcher below writes the problem.
            ApiError::Domain(e) => e.respond_to(req),
        }
    }
}

impl<'r> Responder<'r, 'static> for Problem {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = Status::from_code(self.status).unwrap_or(Status::InternalServerError);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut out = Response::build_from(body.respond_to(req)?);
        out.status(status)
            .header(ContentType::new("application", "problem+json"));
        if status == Status::Unauthorized {
            out.header(Header::new(
                "WWW-Authenticate",
                "Bearer realm=\"coomet-surveys\"",
            ));
        }
        if status == Status::MethodNotAllowed {
            out.header(Header::new("Allow", "GET, HEAD"));
        }
        out.ok()
    }
}

#[catch(default)]
fn problem(status: Status, _req: &Request<'_>) -> Problem {
    // Rocket forwards with 422 a path whose parameter does not parse: the only one is an id.
    let detail = (status == Status::UnprocessableEntity)
        .then(|| "the campaign's id must be a whole number".to_string());
    Problem::new(status, detail)
}
