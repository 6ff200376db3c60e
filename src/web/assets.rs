//! The page's style sheet and script, served as files of their own (so that the content
//! security policy can forbid inline code), under a URL that names their version so that
//! browsers may keep them for good.
use crate::{Error, Result};
use rocket::http::{ContentType, Header};
use rocket::{get, routes, Route, State};
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Assets {
    css: String,
    js: String,
    icon: String,
    /// A short hash of both, in their URLs (`?v=`): a new version is a new URL.
    pub version: String,
}

impl Assets {
    /// Reads `static/app.css`, `static/form.js` and `static/favicon.svg` of the templates
    /// directory; a missing one stops the start.
    pub fn load(templates_dir: &Path) -> Result<Self> {
        let read = |name: &str| {
            let path = templates_dir.join("static").join(name);
            std::fs::read_to_string(&path)
                .map_err(|e| Error::TemplateLoad(format!("{}: {e}", path.display())))
        };
        let (css, js, icon) = (read("app.css")?, read("form.js")?, read("favicon.svg")?);
        let digest = Sha256::new()
            .chain_update(&css)
            .chain_update(&js)
            .chain_update(&icon)
            .finalize();
        let version = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(Assets {
            css,
            js,
            icon,
            version,
        })
    }
}

pub fn routes() -> Vec<Route> {
    routes![asset, favicon]
}

#[derive(rocket::Responder)]
struct Asset {
    body: (ContentType, String),
    cache: Header<'static>,
}

#[get("/static/<name>")]
fn asset(assets: &State<Assets>, name: &str) -> Option<Asset> {
    let body = match name {
        "app.css" => (ContentType::CSS, assets.css.clone()),
        "form.js" => (ContentType::JavaScript, assets.js.clone()),
        "favicon.svg" => (ContentType::SVG, assets.icon.clone()),
        _ => return None,
    };
    Some(Asset {
        body,
        cache: Header::new("Cache-Control", "public, max-age=31536000, immutable"),
    })
}

/// Browsers ask for `/favicon.ico` whatever the page says; the answer is the same icon (an SVG,
/// which they read whatever the name), kept for a day since its URL has no version.
#[get("/favicon.ico")]
fn favicon(assets: &State<Assets>) -> Asset {
    Asset {
        body: (ContentType::SVG, assets.icon.clone()),
        cache: Header::new("Cache-Control", "public, max-age=86400"),
    }
}
