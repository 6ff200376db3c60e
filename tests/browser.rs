//! The respondent's form in a real browser: Debian's Chromium driven through ChromeDriver
//! (`apt-get install chromium chromium-driver`; `.ci/run` installs them). The service runs on a
//! real port, and the links come from the delivered invitations.
mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for_port(port: u16) {
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

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn browser(profile: &std::path::Path) -> (Driver, Client) {
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
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", profile.display()), "--window-size=1200,2000"],
        }),
    );
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
async fn serve() -> (common::TestApp, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let public = base.clone();
    let t =
        common::TestApp::start_with(&common::Backend::Sqlite, move |c| c.public_url = public).await;
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

fn link_of(t: &common::TestApp, base: &str, email: &str) -> String {
    let mails = t.mails();
    let raw = &mails[email].raw;
    let prefix = format!("{base}/r/");
    let start = raw.find(&prefix).expect("link");
    raw[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
        .collect()
}

async fn by_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn value(c: &Client, css: &str) -> String {
    by_css(c, css)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[rocket::async_test]
async fn a_respondent_fills_corrects_and_submits_the_form_in_russian() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, campaign)
        .await
        .unwrap();
    t.send().await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path()).await;

    c.goto(&link).await.unwrap();
    assert_eq!(
        by_css(&c, "html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("ru")
    );
    assert!(by_css(&c, "h1")
        .await
        .text()
        .await
        .unwrap()
        .contains("Потребности в обучении"));

    // Ticking a field reveals the text box for its topical issues.
    let detail = by_css(&c, "[name='fields.detail.2']").await;
    assert!(!detail.is_displayed().await.unwrap());
    by_css(&c, "input[name='fields'][value='TC 1.3']")
        .await
        .click()
        .await
        .unwrap();
    assert!(detail.is_displayed().await.unwrap());
    detail
        .send_keys("Поверка счётчиков электроэнергии")
        .await
        .unwrap();

    by_css(&c, "[name='needs.0.topic']")
        .await
        .send_keys("Неопределённость измерений мощности")
        .await
        .unwrap();
    by_css(&c, "select[name='needs.0.field']")
        .await
        .select_by_value("TC 1.3")
        .await
        .unwrap();
    by_css(&c, "input[name='needs.0.format'][value='webinar']")
        .await
        .click()
        .await
        .unwrap();
    by_css(&c, "[name='needs.0.staff']")
        .await
        .send_keys("0")
        .await
        .unwrap();
    by_css(&c, "button[value='submit']")
        .await
        .click()
        .await
        .unwrap();

    // Refused: the message is beside the field, and everything typed is still there.
    let error = by_css(&c, "[id='f-needs.0.staff'] .error")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(error, "Введите число не меньше 1.");
    assert_eq!(value(&c, "[name='needs.0.staff']").await, "0");
    assert_eq!(
        value(&c, "[name='needs.0.topic']").await,
        "Неопределённость измерений мощности"
    );
    assert_eq!(
        value(&c, "[name='fields.detail.2']").await,
        "Поверка счётчиков электроэнергии"
    );
    assert_eq!(value(&c, "select[name='needs.0.field']").await, "TC 1.3");
    assert!(by_css(&c, "input[name='fields'][value='TC 1.3']")
        .await
        .is_selected()
        .await
        .unwrap());

    // Corrected and submitted.
    let staff = by_css(&c, "[name='needs.0.staff']").await;
    staff.clear().await.unwrap();
    staff.send_keys("12").await.unwrap();
    by_css(&c, "button[value='submit']")
        .await
        .click()
        .await
        .unwrap();
    assert!(c
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("done=true"));
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("Спасибо"), "{notice}");

    // The same page in English, one click away.
    by_css(&c, "a[hreflang='en']").await.click().await.unwrap();
    assert_eq!(
        by_css(&c, "html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );
    assert!(by_css(&c, "button[value='submit']")
        .await
        .text()
        .await
        .unwrap()
        .contains("Submit changes"));

    let stored = coomet_surveys::responses::current(&t.app.db, campaign, "institute:NBSM")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "submitted");
    assert_eq!(stored.answers()["needs"][0]["staff"], 12);
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn a_row_is_added_by_posting_the_form_with_nothing_lost() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, campaign)
        .await
        .unwrap();
    t.send().await;
    let link = link_of(&t, &base, "research.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path()).await;
    c.goto(&link).await.unwrap();
    // No script on the page adds rows: the button posts the form and the page comes back.
    c.execute("window.__marker = 1;", vec![]).await.unwrap();
    by_css(&c, "[name='needs.0.topic']")
        .await
        .send_keys("First need")
        .await
        .unwrap();
    by_css(&c, "[name='staff_coomet']")
        .await
        .send_keys("4")
        .await
        .unwrap();
    by_css(&c, "button[value='add:needs']")
        .await
        .click()
        .await
        .unwrap();
    by_css(&c, "[name='needs.1.topic']")
        .await
        .send_keys("Second need")
        .await
        .unwrap();
    assert_eq!(value(&c, "[name='needs.0.topic']").await, "First need");
    assert_eq!(value(&c, "[name='staff_coomet']").await, "4");
    by_css(&c, "button[value='draft']")
        .await
        .click()
        .await
        .unwrap();
    let stored = coomet_surveys::responses::current(&t.app.db, campaign, "institute:NBSM")
        .await
        .unwrap()
        .unwrap();
    let needs = stored.answers()["needs"].as_array().unwrap().clone();
    assert_eq!(needs.len(), 2);
    assert_eq!(needs[1]["topic"], "Second need");
    c.close().await.unwrap();
    t.finish().await;
}
