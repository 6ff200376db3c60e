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
    /// A short hash of both, in their URLs (`?v=`): a new version is a new URL.
    pub version: String,
}

impl Assets {
    /// Reads `static/app.css` and `static/form.js` of the templates directory; a missing one
    /// stops the start.
    pub fn load(templates_dir: &Path) -> Result<Self> {
        let read = |name: &str| {
            let path = templates_dir.join("static").join(name);
            std::fs::read_to_string(&path)
                .map_err(|e| Error::TemplateLoad(format!("{}: {e}", path.display())))
        };
        let (css, js) = (read("app.css")?, read("form.js")?);
        let digest = Sha256::new()
            .chain_update(&css)
            .chain_update(&js)
            .finalize();
        let version = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(Assets { css, js, version })
    }
}

pub fn routes() -> Vec<Route> {
    routes![asset]
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
        _ => return None,
    };
    Some(Asset {
        body,
        cache: Header::new("Cache-Control", "public, max-age=31536000, immutable"),
    })
}
