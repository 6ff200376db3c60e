//! The web front end: the respondents' forms under `/r`, the secretariat under `/admin`, and
//! `/health`. Handlers translate between HTTP and the domain; each page has a typed view model
//! rendered through `view::render`. Rocket lives here and nowhere else.
pub mod admin;
pub mod api;
pub mod assets;
pub mod compress;
pub mod csp;
pub mod download;
pub mod errors;
pub mod forms;
pub mod headers;
pub mod health;
pub mod jobs;
pub mod lang;
pub mod metrics;
pub mod paper;
pub mod respondent;
pub mod review;
pub mod staff;
pub mod stop;
pub mod view;

pub use stop::serve;

use crate::app::App;
use crate::Result;
use rocket::{Build, Rocket};

/// The Rocket instance over `app`, without background jobs (see `jobs::fairing`). The cookie
/// key is `ROCKET_SECRET_KEY`, or one generated once and kept in the data directory, so
/// sessions survive restarts.
pub fn rocket(app: App) -> Result<Rocket<Build>> {
    let mut figment = rocket::Config::figment();
    // Rocket trusts X-Real-IP by default; anyone could then pick the address the rate limiter
    // counts. Only a deployment behind a proxy that sets it should turn it on.
    if std::env::var("ROCKET_IP_HEADER").is_err() {
        figment = figment.merge(("ip_header", false));
    }
    // Rocket's request lines would write every personal link (`GET /r/<token>`) into the log.
    if std::env::var("ROCKET_LOG_LEVEL").is_err() {
        figment = figment.merge(("log_level", "critical"));
    }
    // Rocket's 2 s would cut off a save waiting for SQLite's lock during a stop.
    if std::env::var("ROCKET_SHUTDOWN").is_err() {
        figment = figment
            .merge(("shutdown.grace", 10))
            .merge(("shutdown.mercy", 5));
    }
    // Rocket's 1 MiB for a file would refuse a scanned letter or a contacts workbook before
    // the bounds of our own (attachments, imports) could say so in the user's language; its
    // 32 KiB for a plain form, a report's preface and commentaries in Russian (20,000
    // characters each, two bytes a letter, two languages).
    if std::env::var("ROCKET_LIMITS").is_err() {
        figment = figment
            .merge(("limits.file", "10 MiB"))
            .merge(("limits.data-form", "10 MiB"))
            .merge(("limits.form", "1 MiB"));
    }
    if std::env::var("ROCKET_SECRET_KEY").is_err() {
        figment = figment.merge(("secret_key", secret_key(&app.config.data_dir)?));
    }
    let assets = assets::Assets::load(&app.config.templates_dir)?;
    let metrics_on = app.config.security.metrics;
    // Read once, at start: a bad row in seeds/ stops `serve` rather than a reviewer's page.
    let roadmap = crate::report::roadmap::Roadmap::load(&app.config.seeds_dir)?;
    let _ = view::ASSET_VERSION.set(assets.version.clone());
    let built = rocket::custom(figment)
        .manage(assets)
        .manage(roadmap)
        .manage(app)
        .mount("/", health::routes())
        .mount("/", csp::routes())
        .mount("/", assets::routes())
        .mount("/", rocket::routes![lang::choose]);
    let built = staff::stage(admin::stage(respondent::stage(built)))
        .mount("/review", review::routes())
        .mount(api::BASE, api::routes())
        .manage(api::Document::default())
        .register("/", errors::catchers())
        .register(api::BASE, api::catchers())
        .attach(headers::SecurityHeaders)
        .attach(compress::Gzip);
    if !metrics_on {
        return Ok(built);
    }
    let m = metrics::Metrics::new()?;
    Ok(built
        .manage(m.clone())
        .mount("/", metrics::routes())
        .attach(metrics::Counting(m)))
}

/// The service as `serve` runs it: the web front end and the background jobs.
pub fn service(app: App) -> Result<Rocket<Build>> {
    Ok(rocket(app)?.attach(jobs::fairing()))
}

fn secret_key(data_dir: &std::path::Path) -> Result<String> {
    use base64::Engine;
    let path = data_dir.join("secret.key");
    if let Ok(key) = std::fs::read_to_string(&path) {
        if !key.trim().is_empty() {
            return Ok(key.trim().to_string());
        }
    }
    let mut bytes = [0u8; 64];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let key = base64::engine::general_purpose::STANDARD.encode(bytes);
    std::fs::create_dir_all(data_dir)?;
    // Readable by the service's user only: whoever reads it can forge staff sessions.
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path);
    match file {
        Ok(mut file) => {
            file.write_all(key.as_bytes())?;
            file.sync_all()?;
            Ok(key)
        }
        // Another instance on the same data directory made it first: use theirs, or sessions
        // made there would not open here.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            for _ in 0..50 {
                let theirs = std::fs::read_to_string(&path)?;
                if !theirs.trim().is_empty() {
                    return Ok(theirs.trim().to_string());
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}
