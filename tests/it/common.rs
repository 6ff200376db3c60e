//! Test harness: the real Rocket instance over a fresh database per test: a new SQLite file, and,
//! when `TEST_DATABASE_URL` is set, also a new PostgreSQL database created for the test and
//! dropped after it.
#![allow(dead_code)]

use coomet_surveys::{App, Config};
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::{Client, LocalResponse};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// https, as in production: the staff cookie is `Secure` and pages carry HSTS.
pub const PUBLIC_URL: &str = "https://surveys.test";

/// Runs `$body` once per backend, with `$app` a fresh `TestApp`.
macro_rules! on_every_backend {
    (|$app:ident| $body:block) => {
        for backend in common::backends() {
            let $app = common::TestApp::start(&backend).await;
            $body
            $app.finish().await;
        }
    };
}

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

pub fn backends() -> Vec<Backend> {
    let mut list = vec![Backend::Sqlite];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        if !url.trim().is_empty() {
            list.push(Backend::Postgres(url));
        }
    }
    list
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A PostgreSQL database made for one test; dropped when the guard goes, even on panic.
struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(db) = sea_orm::Database::connect(&admin_url).await {
                        use sea_orm::ConnectionTrait;
                        let _ = db
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                        let _ = db.close().await;
                    }
                });
            }
        })
        .join();
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let prefix = match base.rsplit_once('/') {
        Some((prefix, _))
            if prefix.contains("://") && prefix.len() > prefix.find("://").unwrap_or(0) + 3 =>
        {
            prefix.to_string()
        }
        _ => base.trim_end_matches('/').to_string(),
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// A unit key as the tests write it, e.g. `institute:NBSM`.
/// The operator at the command line, who may take every action: what the tests act as when
/// they call a command directly.
pub fn operator() -> coomet_surveys::audit::Actor {
    coomet_surveys::audit::Actor::cli()
}

pub fn unit(key: &str) -> coomet_surveys::campaigns::UnitKey {
    key.parse().expect("a unit key")
}

pub struct TestApp {
    pub app: App,
    pub client: Client,
    pub dir: tempfile::TempDir,
    pub database_url: String,
    pg: Option<PgDatabase>,
}

impl TestApp {
    pub async fn start(backend: &Backend) -> TestApp {
        Self::start_with(backend, |_| {}).await
    }

    pub async fn start_with(backend: &Backend, tweak: impl FnOnce(&mut Config)) -> TestApp {
        Self::start_opts(backend, tweak, false).await
    }

    /// As `serve` runs: with the background jobs (the delivery worker, the reminder schedule).
    pub async fn start_with_jobs(backend: &Backend) -> TestApp {
        Self::start_opts(backend, |_| {}, true).await
    }

    async fn start_opts(backend: &Backend, tweak: impl FnOnce(&mut Config), jobs: bool) -> TestApp {
        Self::start_full(backend, tweak, jobs, None::<fn(&str, &Path)>).await
    }

    /// Over a database that `load` fills first (given its URL and the test's directory), as an
    /// earlier release left it: migrated at start as `serve` would, and not seeded.
    pub async fn start_from(backend: &Backend, load: impl FnOnce(&str, &Path)) -> TestApp {
        Self::start_full(backend, |_| {}, false, Some(load)).await
    }

    async fn start_full(
        backend: &Backend,
        tweak: impl FnOnce(&mut Config),
        jobs: bool,
        load: Option<impl FnOnce(&str, &Path)>,
    ) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, pg) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
                None,
            ),
            Backend::Postgres(admin_url) => {
                let name = format!("coomet_test_{:016x}", rand::random::<u64>());
                let admin = sea_orm::Database::connect(admin_url)
                    .await
                    .expect("TEST_DATABASE_URL reachable");
                use sea_orm::ConnectionTrait;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let url = with_database(admin_url, &name);
                (
                    url,
                    Some(PgDatabase {
                        admin_url: admin_url.clone(),
                        name,
                    }),
                )
            }
        };
        let mut config = Config {
            database_url: database_url.clone(),
            smtp_url: None,
            mail_from: "COOMET Secretariat <secretariat@example.org>".into(),
            mail_per_minute: None,
            mail_lease_seconds: 120,
            dkim: None,
            public_url: PUBLIC_URL.into(),
            public_url_given: true,
            data_dir: dir.path().join("data"),
            forms_dir: root().join("forms"),
            templates_dir: root().join("templates"),
            seeds_dir: root().join("seeds"),
            security: Default::default(),
            disk_floor: Default::default(),
            time_zone: coomet_surveys::config::time_zone(&root().join("seeds")).unwrap(),
        };
        tweak(&mut config);
        let loaded = load.is_some();
        if let Some(load) = load {
            load(&database_url, dir.path());
        }
        let app = App::init(config).await.expect("app starts");
        if !loaded {
            coomet_surveys::directory::seed::seed(&app.db, &app.config.seeds_dir, true)
                .await
                .expect("seed");
        }
        let rocket = if jobs {
            coomet_surveys::web::service(app.clone())
        } else {
            coomet_surveys::web::rocket(app.clone())
        };
        let rocket = rocket.expect("rocket");
        let client = Client::tracked(rocket).await.expect("client");
        TestApp {
            app,
            client,
            dir,
            database_url,
            pg,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    pub async fn finish(self) {
        let TestApp {
            app,
            client,
            dir,
            pg,
            ..
        } = self;
        drop(client);
        app.db.close().await.ok();
        drop(pg);
        drop(dir);
    }

    pub async fn open_campaign(&self, form: &str, year: i32) -> i32 {
        coomet_surveys::campaigns::open(
            &self.app,
            &operator(),
            form,
            year,
            None,
            &Default::default(),
        )
        .await
        .expect("campaign opens")
        .id
    }

    /// A training-needs campaign closing in five days, with reminders 14, 7 and 2 days before
    /// (two at most, three days apart), invited: its 7-day step is due today for every
    /// contact. Returns the campaign and how many were invited.
    pub async fn campaign_with_reminders_due(&self) -> (i32, usize) {
        let today = chrono::Utc::now().date_naive();
        let plan = coomet_surveys::campaigns::ReminderPlan {
            days: "14,7,2".parse().unwrap(),
            max: 2,
            gap_days: 3,
        };
        let c = coomet_surveys::campaigns::open(
            &self.app,
            &operator(),
            "training-needs",
            2026,
            Some(today + chrono::Duration::days(5)),
            &plan,
        )
        .await
        .expect("campaign opens");
        let invited = coomet_surveys::campaigns::invite(&self.app, &operator(), c.id)
            .await
            .expect("invite");
        (c.id, invited)
    }

    /// Invites and delivers; returns every delivered message by recipient.
    pub async fn invite_and_send(&self, campaign: i32) -> BTreeMap<String, Mail> {
        coomet_surveys::campaigns::invite(&self.app, &operator(), campaign)
            .await
            .expect("invite");
        self.send().await;
        self.mails()
    }

    pub async fn send(&self) -> coomet_surveys::mail::DeliveryReport {
        deliver(&self.app).await
    }

    /// Every message in the file outbox, by recipient address (the last one wins).
    pub fn mails(&self) -> BTreeMap<String, Mail> {
        self.all_mails()
            .into_iter()
            .map(|m| (m.to.clone(), m))
            .collect()
    }

    /// Every delivered message of one kind (its Message-ID starts with the kind's name), by
    /// recipient: the last one wins.
    pub fn mails_of(&self, kind: &str) -> BTreeMap<String, Mail> {
        let mut out = self.all_mails();
        out.retain(|m| m.message_id.starts_with(&format!("<{kind}.")));
        out.into_iter().map(|m| (m.to.clone(), m)).collect()
    }

    fn all_mails(&self) -> Vec<Mail> {
        let dir = self.app.config.outbox_dir();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort_by_key(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u32>().ok())
        });
        paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .map(|p| Mail::read(&p))
            .collect()
    }

    /// Waits until a lost-link message to `email` is queued: the page answers first and
    /// queues it after, so that its time tells nothing.
    pub async fn lost_link_queued(&self, email: &str) {
        use coomet_surveys::mail::{outbox, Kind};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        for _ in 0..200 {
            let found = outbox::Entity::find()
                .filter(outbox::Column::Kind.eq(Kind::LostLink))
                .filter(outbox::Column::ToAddr.eq(email))
                .one(&self.app.db)
                .await
                .expect("outbox");
            if found.is_some() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("no lost-link message to {email}");
    }

    pub async fn get(&self, path: &str) -> (Status, String) {
        let r = self.client.get(path).dispatch().await;
        read(r).await
    }

    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (Status, String, Option<String>) {
        let body = encode(fields);
        let r = self
            .client
            .post(path)
            .header(ContentType::Form)
            .body(body)
            .dispatch()
            .await;
        let location = r.headers().get_one("Location").map(String::from);
        let (status, body) = read(r).await;
        (status, body, location)
    }

    /// The directory's contact of an address.
    pub async fn contact(&self, email: &str) -> Option<coomet_surveys::directory::contact::Model> {
        use coomet_surveys::directory::contact;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        contact::Entity::find()
            .filter(contact::Column::Email.eq(email))
            .one(&self.app.db)
            .await
            .unwrap()
    }

    pub async fn login_secretariat(&self) {
        coomet_surveys::directory::staff::add_user(
            &self.app.db,
            "sec@example.org",
            coomet_surveys::directory::staff_user::Role::Secretariat,
            "correct horse battery",
        )
        .await
        .expect("user");
        let (status, _, location) = self
            .post_form(
                "/admin/login",
                &[
                    ("email", "sec@example.org"),
                    ("password", "correct horse battery"),
                ],
            )
            .await;
        assert_eq!(status, Status::SeeOther, "login redirects");
        assert_eq!(location.as_deref(), Some("/admin"));
    }
}

/// Delivers every due message of `app`'s outbox, as the worker would.
pub async fn deliver(app: &App) -> coomet_surveys::mail::DeliveryReport {
    let links =
        coomet_surveys::campaigns::tokens::Minter::new(app.db.clone(), &app.mailer.public_url);
    coomet_surveys::mail::deliver_due(&app.db, &app.mailer, &links, 10_000, &|_| {})
        .await
        .expect("delivery")
}

pub fn encode(fields: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}

async fn read(r: LocalResponse<'_>) -> (Status, String) {
    let status = r.status();
    let body = r.into_string().await.unwrap_or_default();
    (status, body)
}

/// A delivered message as the file outbox holds it (8bit UTF-8 parts).
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub raw: String,
    pub message_id: String,
}

impl Mail {
    fn read(path: &Path) -> Mail {
        let raw = std::fs::read_to_string(path).expect("eml");
        let header = |name: &str| {
            raw.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let to = header("To:");
        let to = to
            .rsplit_once('<')
            .map(|(_, a)| a.trim_end_matches('>').to_string())
            .unwrap_or(to);
        Mail {
            to,
            message_id: header("Message-ID:"),
            raw,
        }
    }

    /// The personal link's path, `/r/<token>`, whatever the service's address (the tests'
    /// `PUBLIC_URL`, or a real port).
    pub fn link_path(&self) -> String {
        let start = self
            .raw
            .match_indices("/r/")
            .map(|(i, _)| i)
            .find(|i| {
                let before = &self.raw[..*i];
                before.rfind("http").is_some_and(|h| {
                    let host = &before[h..];
                    (host.starts_with("http://") || host.starts_with("https://"))
                        && host.matches('/').count() == 2
                        && !host.contains(char::is_whitespace)
                })
            })
            .expect("message has a personal link");
        self.raw[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | 'r'))
            .collect()
    }

    pub fn token(&self) -> String {
        self.link_path().trim_start_matches("/r/").to_string()
    }
}

/// The readable text of a MIME message as an SMTP server receives it: headers as they are,
/// and every base64 or quoted-printable part decoded.
pub fn decoded(raw: &str) -> String {
    use base64::Engine;
    let lines: Vec<&str> = raw.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        out.push_str(line);
        out.push('\n');
        let encoding = line
            .strip_prefix("Content-Transfer-Encoding:")
            .map(|e| e.trim().to_ascii_lowercase());
        i += 1;
        let Some(encoding) = encoding.filter(|e| e == "base64" || e == "quoted-printable") else {
            continue;
        };
        while i < lines.len() && !lines[i].is_empty() {
            i += 1;
        }
        let start = i;
        while i < lines.len() && !lines[i].starts_with("--") {
            i += 1;
        }
        let body = &lines[start..i];
        if encoding == "base64" {
            let joined: String = body.concat();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(joined.trim())
                .unwrap_or_default();
            out.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            out.push_str(&decode_qp(&body.join("\n")));
        }
        out.push('\n');
    }
    out
}

fn decode_qp(text: &str) -> String {
    let mut bytes = Vec::new();
    let raw = text.replace("=\n", "");
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&raw[i + 1..i + 3], 16) {
                bytes.push(v);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The path `/r/<token>` of the first personal link in a decoded message.
pub fn link_in(text: &str, base: &str) -> Option<String> {
    let prefix = format!("{base}/r/");
    let start = text.find(&prefix)? + base.len();
    Some(
        text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '<' | '>'))
            .collect(),
    )
}

pub fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
        .map(str::trim)
}

/// Queues `n` plain messages (`load.<i>`) straight into the outbox, as a large sending would.
pub async fn queue_many(app: &App, n: usize) {
    use coomet_surveys::mail::outbox;
    use sea_orm::{EntityTrait, Set};
    let now = coomet_surveys::db::now();
    let all: Vec<usize> = (0..n).collect();
    for chunk in all.chunks(200) {
        let rows = chunk.iter().map(|i| outbox::ActiveModel {
            dedupe_key: Set(format!("load:{i}")),
            kind: Set(outbox::Kind::Digest),
            campaign_id: Set(None),
            contact_id: Set(None),
            invitation_id: Set(None),
            to_addr: Set(format!("person{i}@example.org")),
            to_name: Set(format!("Person {i}")),
            language: Set(coomet_surveys::i18n::Lang::En),
            subject: Set(format!("Message {i}")),
            body_text: Set(format!("Message {i}.")),
            body_html: Set(format!("<p>Message {i}.</p>")),
            message_id: Set(format!("<load.{i}@surveys.test>")),
            status: Set(outbox::Status::Queued),
            attempts: Set(0),
            next_attempt_at: Set(now),
            locked_until: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            bounce_pending: Set(false),
            ..Default::default()
        });
        outbox::Entity::insert_many(rows)
            .exec(&app.db)
            .await
            .expect("queued");
    }
}

/// Messages not yet delivered nor failed for good.
pub async fn unsent(app: &App) -> u64 {
    use coomet_surveys::mail::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .count(&app.db)
        .await
        .expect("counted")
}

/// The `Message-ID` of every message a sink received, with how often each arrived.
pub fn message_ids(sink: &smtp_sink::Sink) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for m in sink.messages() {
        let id = header(&m.data, "Message-ID")
            .unwrap_or("none")
            .trim()
            .to_string();
        *ids.entry(id).or_insert(0) += 1;
    }
    ids
}
