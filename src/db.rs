//! Connecting to SQLite or PostgreSQL with the settings each needs.
pub use crate::faults::{is_busy, is_disk_full};
use crate::Result;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::time::Duration;

pub async fn connect(url: &str) -> Result<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        if let Some(dir) = sqlite_dir(url) {
            std::fs::create_dir_all(dir)?;
        }
        if let Some(file) = sqlite_file(url) {
            // A database an earlier release made is readable by every local user: no longer.
            for end in ["", "-wal", "-shm", "-journal"] {
                let mut name = file.clone().into_os_string();
                name.push(end);
                crate::private::tighten(std::path::Path::new(&name))?;
            }
        }
        // WAL lets readers proceed beside the one writer; the busy timeout makes a second writer
        // wait instead of failing (which works only because every write transaction takes the
        // lock first: see `begin_write`); a small pool keeps writers from piling up in the busy
        // handler. synchronous=NORMAL under WAL: a commit survives the process being killed at any
        // moment (the WAL is written before the reply); only a power cut may lose the last few.
        opts.max_connections(4).min_connections(1);
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .create_if_missing(true)
        });
        opts.map_sqlx_sqlite_pool_opts(|o| o.after_release(|c, _| Box::pin(clean(c))));
    } else {
        opts.max_connections(16);
        opts.map_sqlx_postgres_pool_opts(|o| o.after_release(|c, _| Box::pin(clean(c))));
    }
    Ok(Database::connect(opts).await?)
}

/// Whether a connection going back to the pool is fit to be used again: one still inside a
/// transaction is closed instead, which ends the transaction and frees its locks. That happens
/// when a write failed in a way that made the rollback fail too: on a full disk SQLite may roll
/// the transaction back itself, and the driver's rollback, finding none, leaves its count of
/// open transactions at one; or the rollback itself is refused. Kept, such a connection held
/// SQLite's write lock until it happened to be reused or dropped, and every other writer waited
/// out the busy timeout.
async fn clean<C: sea_orm::sqlx::Connection>(
    conn: &mut C,
) -> std::result::Result<bool, sea_orm::sqlx::Error> {
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    // A transaction dropped without commit is rolled back by a queued command: wait for it
    // before judging.
    conn.ping().await?;
    if conn.is_in_transaction() {
        tracing::warn!("a database connection left inside a failed transaction is closed");
        return Ok(false);
    }
    Ok(true)
}

fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(path.into())
}

/// The folder of an SQLite database file, where SQLite writes its WAL too.
pub fn sqlite_dir(url: &str) -> Option<std::path::PathBuf> {
    sqlite_file(url)?
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.to_path_buf())
}

pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().fixed_offset()
}

/// A transaction that will write. On SQLite it takes the write lock at `BEGIN IMMEDIATE`, where
/// the busy timeout applies: a deferred transaction that reads and then writes cannot upgrade
/// its lock once another connection has committed (`SQLITE_BUSY_SNAPSHOT`) and fails at once,
/// whatever the timeout. PostgreSQL ignores the mode; its row locks and unique indexes decide.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(db.begin_with_options(options).await?)
}

/// Whether the database answers at all (the health check).
pub async fn ping(db: &DatabaseConnection) -> Result<()> {
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("SELECT 1").await?;
    Ok(())
}

/// The pool's connections: how many are open, and how many of those are idle.
pub fn pool_use(db: &DatabaseConnection) -> (u32, usize) {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    match ConnectionTrait::get_database_backend(db) {
        DatabaseBackend::Postgres => {
            let p = db.get_postgres_connection_pool();
            (p.size(), p.num_idle())
        }
        _ => {
            let p = db.get_sqlite_connection_pool();
            (p.size(), p.num_idle())
        }
    }
}

/// A duplicate key in a unique index: the one failure that means another writer got there first.
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Text typed into a search or filter box, fit for a query: control characters removed
/// (PostgreSQL refuses a NUL in any string, and none belongs in a search).
pub fn search_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Where `backup` writes, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// SQLite's `VACUUM INTO`: a consistent copy, taken while others read and write.
    SqliteCopy,
    /// `pg_dump` in its custom format, for `pg_restore`.
    PgDump,
}

/// A consistent copy of the database into `to`, which must not exist yet.
pub async fn backup(
    db: &DatabaseConnection,
    url: &str,
    to: &std::path::Path,
) -> Result<BackupKind> {
    use sea_orm::ConnectionTrait;
    if to.exists() {
        return Err(crate::Error::Invalid(format!(
            "{} exists already",
            to.display()
        )));
    }
    // Written beside `to` and renamed when complete: a full disk leaves no partial copy under
    // the name asked for.
    let partial = crate::storage::Partial::beside(to);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        // A path in an SQL string literal: quotes doubled, nothing else is special.
        let path = partial.path().to_string_lossy().replace('\'', "''");
        db.execute_unprepared(&format!("VACUUM INTO '{path}'"))
            .await?;
        partial.finish()?;
        return Ok(BackupKind::SqliteCopy);
    }
    let output = tokio::process::Command::new("pg_dump")
        .arg("--format=custom")
        .arg("--file")
        .arg(partial.path())
        .arg("--dbname")
        .arg(url)
        .stderr(std::process::Stdio::piped())
        .output()
        .await
        .map_err(|e| {
            crate::Error::Io(std::io::Error::new(
                e.kind(),
                format!("pg_dump could not be run ({e}); install PostgreSQL's client tools"),
            ))
        })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim();
        // pg_dump says "No space left on device" in its own words; told as such, the operator
        // knows to free space rather than to look at the database.
        if said.contains("No space left on device") || said.contains("Disk quota exceeded") {
            return Err(crate::Error::DiskFull(format!("pg_dump: {said}")));
        }
        return Err(crate::Error::Io(std::io::Error::other(format!(
            "pg_dump failed ({}): {said}",
            output.status
        ))));
    }
    partial.finish()?;
    Ok(BackupKind::PgDump)
}
