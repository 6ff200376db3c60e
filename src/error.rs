//! The library's error type: one variant per kind of failure, so that callers (the web layer's
//! responder in `web::errors`, the command line) can tell a refusal from a fault.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database failed; never a reason to say "not found".
    #[error("database: {0}")]
    Db(sea_orm::DbErr),
    /// The database is busy beyond the bound a write waits (SQLite's lock, a pool exhausted).
    #[error("database busy: {0}")]
    Busy(sea_orm::DbErr),
    /// A write refused for lack of space (the disk or a quota full), by the database or by a
    /// file of ours: 503 with what was typed kept, never a half write; it passes when space
    /// returns. The text is the underlying error's.
    #[error("no space left on the disk; nothing was written (free some space and try again): {0}")]
    DiskFull(String),
    /// The database did not answer within the bound of a check that must answer promptly.
    #[error("the database did not answer within {0:?}")]
    DatabaseSilent(std::time::Duration),
    #[error("not found")]
    NotFound,
    /// A request or a command that the rules of the domain refuse; the text says why.
    #[error("{0}")]
    Invalid(String),
    /// What the rules of campaigns do not allow (a closing date in the past, deleting a
    /// campaign with answers, ...).
    #[error("{0}")]
    Refused(#[from] crate::Refusal),
    /// A personal link whose campaign closed longer ago than the grace period.
    #[error("link expired")]
    LinkExpired,
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests,
    /// Stored answers that do not parse: a fault to report, never an empty answer set.
    #[error("response {response_id}: stored answers are not valid JSON: {source}")]
    CorruptAnswers {
        response_id: i32,
        source: serde_json::Error,
    },
    #[error("configuration:\n  {}", .0.join("\n  "))]
    Config(Vec<String>),
    #[error("template: {0}")]
    Template(#[from] handlebars::RenderError),
    #[error("templates: {0}")]
    TemplateLoad(String),
    #[error("form schema: {0}")]
    Schema(String),
    #[error("mail: {0}")]
    Mail(String),
    /// A file of `seeds/` that cannot be loaded; the text names the file and the row.
    #[error("seeds: {0}")]
    Seed(String),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("password hashing: {0}")]
    PasswordHash(String),
    /// The web service could not start (its address taken, a bad Rocket setting).
    #[error("the web service: {0}")]
    Launch(String),
    /// Requests were still running when every bound of a stop had passed; they were cut off
    /// (their transactions rolled back).
    #[error("requests still running {0:?} after the stop was asked were cut off")]
    StopUnfinished(std::time::Duration),
    /// A command's `PUBLIC_URL` differs from the address the running service recorded: its
    /// links would not open.
    #[error("PUBLIC_URL is \"{own}\" here but the service runs at \"{service}\": links made here would not open; run this with PUBLIC_URL={service}, or without PUBLIC_URL")]
    LinkBase { own: String, service: String },
    /// A command that makes links has no `PUBLIC_URL`, and no service has recorded its address.
    #[error("PUBLIC_URL is not set and the service has not recorded its address (it does at start): set PUBLIC_URL to the address people reach the service at, or start `coomet-surveys serve` once")]
    LinkBaseUnknown,
    #[error("i/o: {0}")]
    Io(std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The questionnaire's Word document could not be put together (its archive).
    #[error("writing the document: {0}")]
    Document(String),
    /// A chart could not be drawn as PNG.
    #[error("drawing the chart: {0}")]
    Picture(String),
    /// The machine has none of the fonts a chart's PNG is drawn with (Debian: fonts-dejavu-core).
    #[error("no sans-serif font to draw the chart's text with: install fonts-dejavu-core")]
    NoFont,
}

impl From<sea_orm::DbErr> for Error {
    /// A lock that was not granted within the busy timeout, or no free connection within the
    /// acquire timeout, is `Busy` (503, try again) rather than a fault; so is a write the disk
    /// had no room for.
    fn from(e: sea_orm::DbErr) -> Self {
        if crate::faults::is_busy(&e) {
            Error::Busy(e)
        } else if crate::faults::is_disk_full(&e) {
            Error::DiskFull(e.to_string())
        } else {
            Error::Db(e)
        }
    }
}

/// The workbook writer's own I/O errors (its temporary files in constant-memory mode) keep
/// their kind, so that a full disk is told as such.
impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        match e {
            rust_xlsxwriter::XlsxError::IoError(io) => Error::from(io),
            e => Error::Io(std::io::Error::other(e)),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if crate::faults::is_storage_full(&e) {
            Error::DiskFull(e.to_string())
        } else {
            Error::Io(e)
        }
    }
}

/// What kind of answer an error deserves, independent of any web framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    NotFound,
    Gone,
    Invalid,
    Forbidden,
    TooMany,
    Unavailable,
    Fault,
}

impl Error {
    pub fn class(&self) -> Class {
        match self {
            Error::NotFound => Class::NotFound,
            Error::Invalid(_) | Error::Refused(_) => Class::Invalid,
            Error::LinkExpired => Class::Gone,
            Error::Forbidden => Class::Forbidden,
            Error::TooManyRequests => Class::TooMany,
            Error::Busy(_) | Error::DiskFull(_) | Error::DatabaseSilent(_) | Error::NoFont => {
                Class::Unavailable
            }
            _ => Class::Fault,
        }
    }
}
