//! Where browsers report what the Content-Security-Policy blocked (`report-uri`). A report
//! means a page tried something the policy forbids: our own mistake (an inline script or
//! style slipped into a template) or an injection. Each is logged at `warn` and counted.
use rocket::data::{Data, ToByteUnit};
use rocket::http::Status;
use rocket::{post, routes, Route};
use std::sync::atomic::{AtomicU64, Ordering};

pub const REPORT_PATH: &str = "/csp-report";

static VIOLATIONS: AtomicU64 = AtomicU64::new(0);

/// How many violations browsers have reported since the process started.
pub fn violations() -> u64 {
    VIOLATIONS.load(Ordering::Relaxed)
}

pub fn routes() -> Vec<Route> {
    routes![report]
}

#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "csp-report")]
    report: Report,
}

#[derive(serde::Deserialize)]
struct Report {
    #[serde(rename = "violated-directive", default)]
    directive: String,
    #[serde(rename = "blocked-uri", default)]
    blocked: String,
}

/// Logs the directive and what was blocked, but never the page's address: a respondent's
/// page address holds the personal link.
#[post("/csp-report", data = "<data>")]
async fn report(data: Data<'_>) -> Status {
    let Ok(body) = data.open(16.kibibytes()).into_bytes().await else {
        return Status::BadRequest;
    };
    let Ok(Envelope { report }) = serde_json::from_slice::<Envelope>(&body) else {
        return Status::BadRequest;
    };
    VIOLATIONS.fetch_add(1, Ordering::Relaxed);
    let blocked = if report.blocked.contains("/r/") {
        "[a respondent's page]".to_string()
    } else {
        report.blocked.chars().take(120).collect()
    };
    let directive: String = report.directive.chars().take(120).collect();
    tracing::warn!(%directive, %blocked, "content security policy violation reported");
    Status::NoContent
}
