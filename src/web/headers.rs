//! Headers every answer carries: a content security policy without inline code, no framing,
//! no sniffing, no referrer leaving the respondent's pages (their URLs hold the token), no
//! caching of pages with personal data, and HSTS when the service is reached over https.
use crate::app::App;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src 'self'; \
report-uri /csp-report";

pub struct SecurityHeaders;

/// A request's id: in the `X-Request-Id` answer header and in every line the request's errors
/// log, so that a user's report ("it failed at 10:02, id 3f2a…") finds its log line.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl RequestId {
    pub fn of(req: &Request<'_>) -> String {
        req.local_cache(|| {
            let mut bytes = [0u8; 8];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
            RequestId(bytes.iter().map(|b| format!("{b:02x}")).collect())
        })
        .0
        .clone()
    }
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path();
        // A handler that set its own policy (the mail preview's frame) keeps it.
        if !res.headers().contains("Content-Security-Policy") {
            res.set_header(Header::new("Content-Security-Policy", CSP));
            res.set_header(Header::new("X-Frame-Options", "DENY"));
        }
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        res.set_header(Header::new("X-Request-Id", RequestId::of(req)));
        // The admin's language switch goes back to the page it was chosen on, which needs the
        // referrer within the site; the respondent's pages send none at all.
        let referrer = if path.starts_with("/r/") {
            "no-referrer"
        } else {
            "same-origin"
        };
        res.set_header(Header::new("Referrer-Policy", referrer));
        if !path.starts_with("/static/") {
            res.set_header(Header::new("Cache-Control", "no-store"));
        }
        let https = req
            .rocket()
            .state::<App>()
            .is_some_and(|app| app.config.public_url.starts_with("https://"));
        if https {
            res.set_header(Header::new(
                "Strict-Transport-Security",
                "max-age=31536000; includeSubDomains",
            ));
        }
    }
}
