//! The export part: the first training-needs campaign of the indicators data topped up to
//! `RESPONSES` submitted responses, exported through the library as CSV (a ZIP of one file per
//! table) and as XLSX, beside a reference measured in the same run: the same responses read
//! and written as CSV without the engine (`SELECT answers_json`, parsed, one row each).
use crate::lib_calls;
use crate::sql::{self, Row};
use crate::Result;
use sea_orm::sqlx;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::time::Instant;

/// Responses in the exported campaign (issue 11: 10,000, goal under 0.5 s).
pub const RESPONSES: usize = 10_000;

#[derive(Default)]
pub struct Timings {
    pub responses: usize,
    pub csv: Vec<f64>,
    pub xlsx: Vec<f64>,
    pub reference: Vec<f64>,
    pub csv_bytes: usize,
    pub xlsx_bytes: usize,
}

pub async fn measure(db_url: &str, rounds: usize) -> Result<Timings> {
    let db = lib_calls::connect(db_url).await?;
    let first = sql::texts(
        &db,
        "SELECT CAST(id AS TEXT) FROM campaigns WHERE form_id = 'training-needs' ORDER BY id",
    )
    .await?;
    let id: i32 = first
        .first()
        .ok_or("no training-needs campaign in the indicators data")?[0]
        .parse()?;
    let mut t = Timings {
        responses: top_up(&db, id).await?,
        ..Default::default()
    };
    for _ in 0..rounds {
        let start = Instant::now();
        t.csv_bytes = lib_calls::export(&db, id, false).await?;
        t.csv.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        t.xlsx_bytes = lib_calls::export(&db, id, true).await?;
        t.xlsx.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        std::hint::black_box(reference(&db, id).await?);
        t.reference.push(start.elapsed().as_secs_f64());
    }
    db.close().await?;
    Ok(t)
}

/// Copies of the campaign's responses under new unit keys until it has `RESPONSES`.
async fn top_up(db: &DatabaseConnection, id: i32) -> Result<usize> {
    let have = sql::texts(
        db,
        &format!(
            "SELECT COALESCE(country_code, ''), answers_json FROM responses \
             WHERE campaign_id = {id} AND status = 'submitted'"
        ),
    )
    .await?;
    if have.is_empty() {
        return Err("the campaign has no submitted response to copy".into());
    }
    let now = sql::now();
    let rows: Vec<Row> = (have.len()..RESPONSES)
        .map(|n| {
            let src = &have[n % have.len()];
            vec![
                id.into(),
                format!("institute:BENCH{n:05}").into(),
                Some(src[0].clone()).into(),
                false.into(),
                "submitted".into(),
                1.into(),
                src[1].clone().into(),
                Some("bench@example.org".to_string()).into(),
                now.into(),
                Some(now).into(),
            ]
        })
        .collect();
    let cols = [
        "campaign_id",
        "unit_key",
        "country_code",
        "ceems",
        "status",
        "version",
        "answers_json",
        "updated_by",
        "updated_at",
        "submitted_at",
    ];
    sql::insert(db, "responses", &cols, &rows).await?;
    Ok(have.len() + rows.len())
}

/// The reference: the campaign's answers read, parsed, and written one CSV row each.
async fn reference(db: &DatabaseConnection, id: i32) -> Result<usize> {
    let texts: Vec<String> = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            sqlx::query_scalar("SELECT answers_json FROM responses WHERE campaign_id = $1")
                .bind(id)
                .fetch_all(db.get_postgres_connection_pool())
                .await?
        }
        _ => {
            sqlx::query_scalar("SELECT answers_json FROM responses WHERE campaign_id = ?")
                .bind(id)
                .fetch_all(db.get_sqlite_connection_pool())
                .await?
        }
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    for text in &texts {
        let answers: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)?;
        out.write_record([answers.len().to_string(), text.clone()])?;
    }
    Ok(out.into_inner().map_err(|e| e.to_string())?.len())
}
