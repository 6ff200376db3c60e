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
