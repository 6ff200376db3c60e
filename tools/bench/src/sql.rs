//! Plain SQL on the service's tables (migrations/src), for synthetic rows that would take too
//! long through the service: batched INSERTs built by sea-query for either backend.
use crate::Result;
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, Statement, Value};

/// Rows per INSERT: well under SQLite's and PostgreSQL's parameter limits for our tables.
const CHUNK: usize = 500;

pub type Row = Vec<Value>;

pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().fixed_offset()
}

/// Inserts `rows` into `table`, `CHUNK` rows per statement.
pub async fn insert(
    db: &impl ConnectionTrait,
    table: &'static str,
    columns: &[&'static str],
    rows: &[Row],
) -> Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(table).columns(columns.iter().copied());
        for row in chunk {
            q.values_panic(row.iter().cloned().map(Into::into));
        }
        db.execute(&q).await?;
    }
    Ok(())
}

/// The rows of a query whose columns are all read as text (`CAST(.. AS TEXT)` where needed).
pub async fn texts(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<Vec<String>>> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| {
            (0..row.column_names().len())
                .map(|i| Ok(row.try_get_by_index::<String>(i)?))
                .collect()
        })
        .collect()
}
