//! The unmeasured part: a database of its own, N contacts, a campaign, N queued invitations, and
//! the file of rendered messages for the lettre part.
use crate::{Result, PUBLIC_URL};
use coomet_surveys::campaigns;
use coomet_surveys::config::DkimSettings;
use coomet_surveys::directory::{contact, institute};
use coomet_surveys::mail::outbox;
use coomet_surveys::{App, Config};
use sea_orm::prelude::DateTimeWithTimeZone;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, RandomState};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Contacts per INSERT: 7 columns each, well under SQLite's and PostgreSQL's parameter limits.
const INSERT_CHUNK: usize = 1000;

/// Stands for a minted token in the lettre part: 43 characters of the same alphabet.
const FAKE_TOKEN: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

/// One message of the lettre part, as the outbox holds it (with a link in place).
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredMessage {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub to_addr: String,
    pub to_name: String,
    pub message_id: String,
}

/// The workspace root, where `forms/`, `templates/` and `seeds/` are.
pub fn repository_root() -> Result<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Ok(root.canonicalize()?)
}

/// The service's configuration, as the integration tests build it, with mail going to SMTP
/// (signed with the RSA key in `dkim_key`, when given, as `bench._domainkey` of `MAIL_FROM`'s
/// domain).
pub fn config(
    root: &Path,
    database_url: &str,
    smtp_url: &str,
    mail_from: &str,
    data_dir: &Path,
    dkim_key: Option<&Path>,
) -> Config {
    let dkim = dkim_key.map(|key| DkimSettings {
        selector: "bench".into(),
        domain: mail_from
            .parse::<lettre::message::Mailbox>()
            .map(|m| m.email.domain().to_string())
            .unwrap_or_else(|_| "example.org".into()),
        key_file: key.to_path_buf(),
    });
    Config {
        database_url: database_url.to_string(),
        smtp_url: Some(smtp_url.to_string()),
        mail_from: mail_from.to_string(),
        mail_per_minute: None,
        mail_lease_seconds: 120,
        dkim,
        public_url: PUBLIC_URL.into(),
        public_url_given: true,
        // Only the file outbox writes here, and with SMTP there is none.
        data_dir: data_dir.join("data"),
        forms_dir: root.join("forms"),
        templates_dir: root.join("templates"),
        seeds_dir: root.join("seeds"),
        security: Default::default(),
        disk_floor: Default::default(),
        time_zone: Default::default(),
    }
}

fn random_u64() -> u64 {
    RandomState::new().hash_one(std::process::id())
}

/// A directory of our own under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Result<TempDir> {
        let path = std::env::temp_dir().join(format!("mail-bench-{:016x}", random_u64()));
        std::fs::create_dir(&path)?;
        Ok(TempDir(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The benchmark's database; on PostgreSQL one it created and drops.
pub struct Database {
    pub url: String,
    /// Server URL and name of a database this run created.
    owned: Option<(String, String)>,
}

impl Database {
    pub async fn prepare(given: Option<&str>, tmp: &Path) -> Result<Database> {
        let Some(url) = given else {
            return Ok(Database {
                url: format!("sqlite://{}?mode=rwc", tmp.join("bench.db").display()),
                owned: None,
            });
        };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            // Another SQLite file: used as it is, so it must be a fresh one.
            return Ok(Database {
                url: url.to_string(),
                owned: None,
            });
        }
        let name = format!("mail_bench_{:016x}", random_u64());
        let server = sea_orm::Database::connect(url).await?;
        server
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        server.close().await?;
        Ok(Database {
            url: with_database(url, &name),
            owned: Some((url.to_string(), name)),
        })
    }

    pub async fn drop_if_owned(self) -> Result<()> {
        if let Some((server_url, name)) = self.owned {
            let server = sea_orm::Database::connect(server_url.as_str()).await?;
            server
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await?;
            server.close().await?;
        }
        Ok(())
    }
}

/// `postgres://user@host:5432/any?x=y` with the database `name` instead of `any`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let authority = rest.split('/').next().unwrap_or(rest);
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// How queueing went: `campaigns::invite`, timed.
pub struct Queued {
    pub count: usize,
    pub seconds: f64,
}

/// Seeds, adds `n` contacts, opens a campaign, queues the invitations (timed) and writes the
/// rendered messages to `messages_file` for the lettre part.
pub async fn prepare(config: Config, n: usize, messages_file: &Path) -> Result<Queued> {
    let app = App::init(config).await?;
    coomet_surveys::directory::seed::seed(&app.db, &app.config.seeds_dir, false).await?;
    add_contacts(&app, n).await?;
    let operator = coomet_surveys::audit::Actor::cli();
    let campaign = campaigns::open(
        &app,
        &operator,
        "training-needs",
        2030,
        None,
        &Default::default(),
    )
    .await?;

    let start = Instant::now();
    let count = campaigns::invite(&app, &operator, campaign.id).await?;
    let seconds = start.elapsed().as_secs_f64();
    if count != n {
        return Err(
            format!("invite queued {count} invitations, not {n}: is the database fresh?").into(),
        );
    }

    let written = write_messages(&app, campaign.id, messages_file).await?;
    if written != n {
        return Err(format!("the outbox holds {written} invitations, not {n}").into());
    }
    app.db.close().await?;
    Ok(Queued { count, seconds })
}

/// `n` active contacts with the role `training`, over every seeded institute in turn, Russian
/// and English alternately.
async fn add_contacts(app: &App, n: usize) -> Result<()> {
    let institutes = institute::Entity::find()
        .order_by_asc(institute::Column::Id)
        .all(&app.db)
        .await?;
    if institutes.is_empty() {
        return Err("the seeds hold no institutes".into());
    }
    let now = coomet_surveys::db::now();
    let all: Vec<usize> = (1..=n).collect();
    for chunk in all.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|&i| contact::ActiveModel {
            institute_id: Set(institutes[i % institutes.len()].id),
            name: Set(format!("Bench Contact {i}")),
            email: Set(format!("bench-{i}@example.org")),
            language: Set(if i % 2 == 0 {
                coomet_surveys::i18n::Lang::Ru
            } else {
                coomet_surveys::i18n::Lang::En
            }),
            roles: Set("training".parse().expect("a role")),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        });
        contact::Entity::insert_many(rows)
            .exec_without_returning(&app.db)
            .await?;
    }
    Ok(())
}

/// Makes an RSA-2048 key for the signed part, as docs/deploy.md tells a secretariat to.
pub fn make_dkim_key(dir: &Path) -> Result<PathBuf> {
    let path = dir.join("dkim.pem");
    let status = std::process::Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&path)
        .arg("2048")
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("openssl, which makes the DKIM key, did not run: {e}"))?;
    if !status.success() {
        return Err(format!("openssl genrsa failed: {status}").into());
    }
    Ok(path)
}

/// Puts every message the previous part sent back in the queue, unclaimed and due, so that
/// the next part sends the same messages again. Returns how many.
pub async fn requeue(database_url: &str) -> Result<u64> {
    let db = sea_orm::Database::connect(database_url).await?;
    let done = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::Status::Queued))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTimeWithTimeZone>::None),
        )
        .col_expr(
            outbox::Column::SentAt,
            Expr::value(Option::<DateTimeWithTimeZone>::None),
        )
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(coomet_surveys::db::now()),
        )
        .filter(outbox::Column::Status.eq(outbox::Status::Sent))
        .exec(&db)
        .await?;
    db.close().await?;
    Ok(done.rows_affected)
}

/// The campaign's queued rows as JSON lines, each with a link of a real link's length.
async fn write_messages(app: &App, campaign_id: i32, path: &Path) -> Result<usize> {
    let link = format!("{PUBLIC_URL}/r/{FAKE_TOKEN}");
    let rows = outbox::Entity::find()
        .filter(outbox::Column::CampaignId.eq(campaign_id))
        .filter(outbox::Column::Status.eq(outbox::Status::Queued))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await?;
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for row in &rows {
        let fill = |body: &str| {
            let slots = row.links.iter().flat_map(|s| s.iter());
            slots.fold(body.to_string(), |b, (marker, _)| b.replace(&marker, &link))
        };
        let message = StoredMessage {
            subject: row.subject.clone(),
            body_text: fill(&row.body_text),
            body_html: fill(&row.body_html),
            to_addr: row.to_addr.clone(),
            to_name: row.to_name.clone(),
            message_id: row.message_id.clone(),
        };
        serde_json::to_writer(&mut out, &message)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_link_is_as_long_as_a_real_one() {
        // 32 random bytes in unpadded base64url.
        assert_eq!(FAKE_TOKEN.len(), 43);
    }

    #[test]
    fn database_is_replaced_in_a_server_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "b"),
            "postgres://u:p@h/b?sslmode=disable"
        );
        assert_eq!(
            with_database("postgresql://h:5432", "b"),
            "postgresql://h:5432/b"
        );
    }
}
