//! Pages in a real browser: Debian's Chromium driven through ChromeDriver (`apt-get install
//! chromium chromium-driver`; `.ci/run` installs them). The service runs on a real port, and
//! the links come from the delivered invitations. The helpers are here; the respondent's form
//! and the staff pages each have a module.
use crate::common;

mod accessibility;
mod analyses;
mod authoring;
mod form_layout;
mod lists;
mod nothing_lost;
mod paper;
mod respondent;
mod reviewer;
mod staff;
mod xlsform;

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(super) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(super) async fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("nothing listens on port {port}");
}

pub(super) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Saves what the browser shows to `target/screenshots/<name>.png`, for a person to look at.
pub(super) async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let dir = common::root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// A headless Chromium; with `javascript` false, the page's scripts do not run, as for a
/// respondent whose browser blocks them (WebDriver's own commands still work).
pub(super) async fn browser(profile: &std::path::Path, javascript: bool) -> (Driver, Client) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver is installed (apt-get install chromium chromium-driver, or run .ci/run)",
        );
    let driver = Driver(child);
    wait_for_port(port).await;
    let mut caps = serde_json::Map::new();
    let mut options = serde_json::json!({
        "binary": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 format!("--user-data-dir={}", profile.display()), "--window-size=1200,2000"],
    });
    if !javascript {
        // 2 = block: the content setting a user or an administrator sets to turn scripts off.
        options["prefs"] =
            serde_json::json!({"profile.managed_default_content_settings.javascript": 2});
    }
    caps.insert("goog:chromeOptions".into(), options);
    // ChromeDriver is on loopback: plain HTTP, no TLS stack needed.
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a browser session");
    (driver, client)
}

/// The app on a real port, with `PUBLIC_URL` pointing at it; returns the invitations' links.
pub(super) async fn serve() -> (common::TestApp, String) {
    serve_forms(None).await
}

/// The same, with the forms of `forms_dir` instead of those of `forms/`.
pub(super) async fn serve_forms(
    forms_dir: Option<std::path::PathBuf>,
) -> (common::TestApp, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let public = base.clone();
    let t = common::TestApp::start_with(&common::Backend::Sqlite, move |c| {
        c.public_url = public;
        if let Some(dir) = forms_dir {
            c.forms_dir = dir;
        }
    })
    .await;
    let rocket = coomet_surveys::web::rocket(t.app.clone()).unwrap();
    let figment = rocket
        .figment()
        .clone()
        .merge(("port", port))
        .merge(("address", "127.0.0.1"))
        .merge(("log_level", "off"));
    tokio::spawn(rocket.configure(figment).launch());
    wait_for_port(port).await;
    (t, base)
}

pub(super) fn link_of(t: &common::TestApp, base: &str, email: &str) -> String {
    let mails = t.mails();
    let raw = &mails[email].raw;
    let prefix = format!("{base}/r/");
    let start = raw.find(&prefix).expect("link");
    raw[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
        .collect()
}

pub(super) async fn by_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

pub(super) const MARKER: &str = "return window.__marker === undefined ? null : window.__marker;";

/// `window.__marker` of the current document: set by a test, gone once a new page is loaded.
pub(super) async fn marker(c: &Client) -> serde_json::Value {
    c.execute(MARKER, vec![]).await.unwrap()
}

/// Whether the document on which the test set `window.__marker` is replaced within ten
/// seconds by a new one, as when the server answers a posted form.
pub(super) async fn new_page(c: &Client) -> bool {
    for _ in 0..100 {
        if let Ok(serde_json::Value::Null) = c.execute(MARKER, vec![]).await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Clicks a button that posts the form, and waits for the page the server answers with.
pub(super) async fn post(c: &Client, css: &str) {
    c.execute("window.__marker = 'posting';", vec![])
        .await
        .unwrap();
    click(c, css).await;
    assert!(new_page(c).await, "{css} posted the form");
}

pub(super) async fn click(c: &Client, css: &str) {
    by_css(c, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

/// Signs TC 4's reviewer (`review::add_reviewer`) in on the staff login page.
pub(super) async fn sign_in_reviewer(b: &Client, base: &str) {
    b.goto(&format!("{base}/admin/login")).await.unwrap();
    type_in(b, "#email", "tc4@example.org").await;
    type_in(b, "#password", "correct horse battery").await;
    click(b, "button[type=submit]").await;
}

pub(super) async fn type_in(c: &Client, css: &str, text: &str) {
    by_css(c, css)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

/// The text of the first element `css` selects.
pub(super) async fn text(c: &Client, css: &str) -> String {
    by_css(c, css).await.text().await.unwrap()
}

pub(super) async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

pub(super) async fn shown(c: &Client, css: &str) -> bool {
    by_css(c, css).await.is_displayed().await.unwrap()
}

pub(super) async fn value(c: &Client, css: &str) -> String {
    by_css(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Whether the page's style sheet applies (the header is white on the grey page): under the
/// content security policy, only a style sheet served as a file can do that.
pub(super) async fn styled(c: &Client) -> bool {
    let background = c
        .execute(
            "return getComputedStyle(document.querySelector('header.top')).backgroundColor;",
            vec![],
        )
        .await
        .unwrap();
    background == "rgb(255, 255, 255)"
}
