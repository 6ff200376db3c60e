//! The library's error type, and how the web layer answers with it.
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Invalid(String),
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests,
    #[error("template: {0}")]
    Template(#[from] handlebars::RenderError),
    #[error("templates: {0}")]
    TemplateLoad(String),
    #[error("form schema: {0}")]
    Schema(String),
    #[error("mail: {0}")]
    Mail(String),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    pub fn status(&self) -> Status {
        match self {
            Error::NotFound => Status::NotFound,
            Error::Invalid(_) => Status::UnprocessableEntity,
            Error::Forbidden => Status::Forbidden,
            Error::TooManyRequests => Status::TooManyRequests,
            _ => Status::InternalServerError,
        }
    }
}

/// Errors become a status; the catchers in `web::errors` render it as a page in the user's
/// language, or as JSON under `/api` and `/health`. Internal details go to the log only.
impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, _req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        if status.code >= 500 {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::debug!(error = %self, "request refused");
        }
        Err(status)
    }
}
