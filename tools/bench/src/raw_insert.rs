//! The reference of the save workload: raw sqlx (sea-orm's own copy), one ~2 KB JSON row per
//! transaction, from as many concurrent tasks as there are respondents, at the durability the
//! service runs with: SQLite in WAL with synchronous=NORMAL and the service's busy timeout and
//! pool size; PostgreSQL with synchronous_commit on and the service's pool size. The pool size
//! is read from a connection made by the service's own `db::connect`.
use crate::stats::Run;
use crate::{lib_calls, Result};
use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::sqlx::{self, PgPool, SqlitePool};
use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::future::Future;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The service's busy timeout on SQLite (src/db.rs).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What the reference measured, and how it was set up.
pub struct Inserts {
    pub run: Run,
    pub settings: String,
    pub first_error: Option<String>,
}

/// Inserts for `duration` from `tasks` tasks into a table of its own in the database `url`.
pub async fn run(url: &str, tasks: usize, duration: Duration) -> Result<Inserts> {
    let service = lib_calls::connect(url).await?;
    let pool_size = pool_size(&service);
    service.close().await?;
    let body: Arc<str> = json_row(2048).into();
    let (settings, outcome) = if crate::setup::is_postgres(url) {
        let opts = PgConnectOptions::from_str(url)?.options([("synchronous_commit", "on")]);
        let pool = PgPoolOptions::new()
            .max_connections(pool_size)
            .connect_with(opts)
            .await?;
        sqlx::query("CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)")
            .execute(&pool)
            .await?;
        let settings = "PostgreSQL, synchronous_commit=on";
        let insert = move || insert_pg(pool.clone(), body.clone());
        (settings, drive(tasks, duration, insert).await)
    } else {
        let opts = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .create_if_missing(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(pool_size)
            .connect_with(opts)
            .await?;
        sqlx::query(
            "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)",
        )
        .execute(&pool)
        .await?;
        let settings = "SQLite WAL, synchronous=NORMAL, busy_timeout 10 s";
        let insert = move || insert_sqlite(pool.clone(), body.clone());
        (settings, drive(tasks, duration, insert).await)
    };
    let (run, first_error) = outcome;
    Ok(Inserts {
        run,
        settings: format!(
            "{settings}, pool {pool_size} (as db::connect), {tasks} tasks, one 2048-byte JSON row \
             per transaction"
        ),
        first_error,
    })
}

fn pool_size(db: &DatabaseConnection) -> u32 {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => db
            .get_postgres_connection_pool()
            .options()
            .get_max_connections(),
        _ => db
            .get_sqlite_connection_pool()
            .options()
            .get_max_connections(),
    }
}

async fn insert_sqlite(pool: SqlitePool, body: Arc<str>) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO bench_rows (body) VALUES (?)")
        .bind(&*body)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn insert_pg(pool: PgPool, body: Arc<str>) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO bench_rows (body) VALUES ($1)")
        .bind(&*body)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `insert()` in a loop from `tasks` tasks for `duration`; a failed insert counts as a 5xx.
async fn drive<F, Fut>(tasks: usize, duration: Duration, insert: F) -> (Run, Option<String>)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<()>> + Send,
{
    let start = Instant::now();
    let deadline = start + duration;
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let insert = insert.clone();
            tokio::spawn(async move {
                let (mut run, mut error) = (Run::default(), None);
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let outcome = insert().await;
                    let status = outcome.as_ref().map_or(500, |()| 200);
                    run.record(&Ok(status), t.elapsed().as_micros() as u64);
                    if let Err(e) = outcome {
                        error.get_or_insert(e.to_string());
                    }
                }
                (run, error)
            })
        })
        .collect();
    let (mut total, mut first_error) = (Run::default(), None);
    for handle in handles {
        if let Ok((run, error)) = handle.await {
            total.merge(run);
            first_error = first_error.or(error);
        }
    }
    total.seconds = start.elapsed().as_secs_f64();
    (total, first_error)
}

/// A JSON object of exactly `size` bytes: answers-like keys with text values.
fn json_row(size: usize) -> String {
    let mut map = serde_json::Map::new();
    let mut i = 0;
    loop {
        let text = "Calibration of gauge blocks by interferometry, two experts, four weeks.";
        map.insert(format!("q{i:02}"), text.into());
        let len = serde_json::to_string(&map).map_or(size, |s| s.len());
        if len + text.len() + 8 > size {
            break;
        }
        i += 1;
    }
    let len = serde_json::to_string(&map).map_or(0, |s| s.len());
    // Pad the last value so the row is exactly `size` bytes.
    let pad = size.saturating_sub(len + 8);
    map.insert("zz".into(), "x".repeat(pad).into());
    serde_json::to_string(&map).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_are_2_kb_of_json() {
        let row = super::json_row(2048);
        assert_eq!(row.len(), 2048);
        assert!(serde_json::from_str::<serde_json::Value>(&row).is_ok());
    }
}
