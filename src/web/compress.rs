//! Pages sent gzip-compressed to browsers that ask for it: a 30 KB form is 6 KB on the wire,
//! which matters on the slow links some institutes have.
use flate2::write::GzEncoder;
use flate2::Compression;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Header};
use rocket::{Request, Response};
use std::io::Write;

/// Bodies smaller than this are sent as they are: gzip would save nothing worth its header.
const MIN_BYTES: usize = 1024;

pub struct Gzip;

fn accepts_gzip(req: &Request<'_>) -> bool {
    req.headers().get("Accept-Encoding").any(|v| {
        v.split(',').any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            // "gzip;q=0" means "not gzip".
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            name.eq_ignore_ascii_case("gzip") && !refused
        })
    })
}

fn compressible(res: &Response<'_>) -> bool {
    let kind = res.content_type();
    let text = [
        ContentType::HTML,
        ContentType::JSON,
        ContentType::CSS,
        ContentType::JavaScript,
        ContentType::SVG,
        ContentType::Plain,
    ];
    kind.is_some_and(|k| text.iter().any(|t| t.media_type() == k.media_type()))
        && res.headers().get_one("Content-Encoding").is_none()
}

#[rocket::async_trait]
impl Fairing for Gzip {
    fn info(&self) -> Info {
        Info {
            name: "gzip",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        if !compressible(res) {
            return;
        }
        res.adjoin_header(Header::new("Vary", "Accept-Encoding"));
        if !accepts_gzip(req) {
            return;
        }
        let Ok(body) = res.body_mut().to_bytes().await else {
            return;
        };
        if body.len() < MIN_BYTES {
            res.set_sized_body(body.len(), std::io::Cursor::new(body));
            return;
        }
        let mut gz = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::fast());
        let packed = gz.write_all(&body).and_then(|_| gz.finish());
        match packed {
            Ok(packed) => {
                res.set_header(Header::new("Content-Encoding", "gzip"));
                res.set_sized_body(packed.len(), std::io::Cursor::new(packed));
            }
            Err(_) => res.set_sized_body(body.len(), std::io::Cursor::new(body)),
        }
    }
}
