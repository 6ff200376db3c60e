//! The reference server: Rocket 0.5 alone, in a child process of its own, configured as `serve`
//! configures it (same environment, same worker count, no IP header, a secret key), answering
//! `GET /r/<token>` with the exact bytes the real service gave for that token and
//! `POST /r/<token>` with the same kind of 303 a saved draft gets, after reading the body the
//! same way. No database, no templates: what is left is Rocket's own cost.
use crate::Result;
use rocket::data::{Data, ToByteUnit};
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, State};
use std::collections::HashMap;
use std::path::Path;

/// The real service's body limit for a posted form (`web::respond::BODY_LIMIT_KIB`).
const BODY_LIMIT_KIB: u64 = 512;

struct Pages(HashMap<String, Vec<u8>>);

#[get("/r/<token>")]
fn page<'r>(token: &str, pages: &'r State<Pages>) -> Option<RawHtml<&'r [u8]>> {
    pages.0.get(token).map(|p| RawHtml(p.as_slice()))
}

#[post("/r/<token>", data = "<data>")]
async fn save(token: &str, data: Data<'_>) -> Option<Redirect> {
    let body = data
        .open(BODY_LIMIT_KIB.kibibytes())
        .into_string()
        .await
        .ok()?;
    if !body.is_complete() {
        return None;
    }
    Some(Redirect::to(format!("/r/{token}?lang=en&saved=true")))
}

/// Serves the pages of `dir` (one file per token, named by it) until killed.
pub fn serve(dir: &Path) -> Result<()> {
    let mut pages = HashMap::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let token = entry.file_name().to_string_lossy().into_owned();
        pages.insert(token, std::fs::read(entry.path())?);
    }
    let figment = rocket::Config::figment()
        .merge(("ip_header", false))
        .merge(("secret_key", secret_key()));
    rocket::execute(async move {
        rocket::custom(figment)
            .manage(Pages(pages))
            .mount("/", routes![page, save])
            .launch()
            .await
    })?;
    Ok(())
}

/// 256 bits as 64 hex digits: a release build of Rocket with `secrets` refuses to start
/// without a key, and this server never signs anything with it.
fn secret_key() -> String {
    (0..4)
        .map(|_| format!("{:016x}", crate::setup::random_u64()))
        .collect()
}
