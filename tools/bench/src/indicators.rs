//! The indicators part: synthetic years of every survey, then every campaign's indicators
//! through the library beside one plain scan of the same answers.
//!
//! Data: `years` campaigns of every form of forms/ (the first year's opened by
//! `coomet-surveys campaign open`, the others copied from it by SQL with their snapshot),
//! `institutes` synthetic institutes over the seeded countries with one contact each (roles
//! training, research and legal-metrology, so every survey invites them), an invitation per
//! contact and campaign, and a submitted response from about 85 % of the units, each one of
//! the survey's valid answer sets (answers.rs) as the service stores it.
use crate::answers;
use crate::lib_calls::{self, Forms};
use crate::sql::{self, Row};
use crate::web::Service;
use crate::Result;
use sea_orm::sqlx;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, TransactionTrait, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

const FIRST_YEAR: i32 = 2017;
/// Share of units that answered, in percent.
const ANSWERED: u64 = 85;

pub struct Dataset {
    pub campaigns: usize,
    pub years: i32,
    pub institutes: usize,
    pub invitations: usize,
    pub responses: usize,
    pub seconds: f64,
}

struct Contact {
    id: i32,
    institute_id: i32,
    acronym: String,
    country: String,
    ceems: bool,
    email: String,
}

/// Builds the data set in the (fresh) database of `service`.
pub async fn build(
    service: &Service,
    db_url: &str,
    forms: &Forms,
    years: i32,
    institutes: usize,
) -> Result<Dataset> {
    let start = Instant::now();
    service.cli(&["migrate"])?;
    service.cli(&["seed"])?;
    let year = FIRST_YEAR.to_string();
    for form in forms.ids() {
        service.cli(&["campaign", "open", "--form", &form, "--year", &year])?;
    }
    let db = sea_orm::Database::connect(db_url).await?;
    let tx = db.begin().await?;
    for k in 1..years {
        tx.execute_unprepared(&format!(
            "INSERT INTO campaigns (form_id, year, schema_json, status, closes_on, created_at, \
             reminder_days, reminder_max, reminder_gap_days) \
             SELECT form_id, year + {k}, schema_json, status, closes_on, created_at, \
             reminder_days, reminder_max, reminder_gap_days FROM campaigns WHERE year = {FIRST_YEAR}"
        ))
        .await?;
    }
    add_institutes(&tx, institutes).await?;
    let contacts = read_contacts(&tx).await?;
    let campaigns = sql::texts(
        &tx,
        "SELECT CAST(id AS TEXT), form_id, CAST(year AS TEXT) FROM campaigns ORDER BY id",
    )
    .await?;
    let (invitations, responses) = rows(forms, &campaigns, &contacts)?;
    insert_rows(&tx, &invitations, &responses).await?;
    tx.commit().await?;
    db.close().await?;
    Ok(Dataset {
        campaigns: campaigns.len(),
        years,
        institutes,
        invitations: invitations.len(),
        responses: responses.len(),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// For every campaign (id, form, year): an invitation per contact, and a submitted response
/// from about `ANSWERED` % of the units, with one of the form's answer sets in turn.
fn rows(
    forms: &Forms,
    campaigns: &[Vec<String>],
    contacts: &[Contact],
) -> Result<(Vec<Row>, Vec<Row>)> {
    let mut sets = HashMap::new();
    for form in forms.ids() {
        sets.insert(form.clone(), answers::stored_sets(forms, &form)?);
    }
    let (mut invitations, mut responses) = (Vec::new(), Vec::new());
    for c in campaigns {
        let (id, form, year) = (c[0].parse::<i32>()?, &c[1], c[2].parse::<usize>()?);
        let unit = forms.unit(form)?;
        let mut units: BTreeMap<String, &Contact> = BTreeMap::new();
        for k in contacts {
            let key = lib_calls::unit_key(unit, &k.acronym, &k.country, k.id);
            let now = sql::now();
            invitations.push(vec![id.into(), k.id.into(), key.clone().into(), now.into()]);
            units.entry(key).or_insert(k);
        }
        let sets = sets
            .get(form.as_str())
            .ok_or_else(|| format!("a campaign of {form}, which is not in forms/"))?;
        for (j, (key, k)) in units.into_iter().enumerate() {
            if mix(id as u64 * 1_000_003 + j as u64) % 100 < ANSWERED {
                responses.push(response_row(id, key, k, &sets[(j + year) % sets.len()]));
            }
        }
    }
    Ok((invitations, responses))
}

/// `n` institutes `IND001..` over the seeded countries in turn, one contact each, Russian and
/// English alternately, with every role a survey invites.
async fn add_institutes(db: &impl ConnectionTrait, n: usize) -> Result<()> {
    let countries = sql::texts(db, "SELECT code FROM countries ORDER BY code").await?;
    let rows: Vec<Row> = (0..n)
        .map(|i| {
            vec![
                Value::from(format!("IND{:03}", i + 1)),
                countries[i % countries.len()][0].clone().into(),
                format!("Synthetic Institute {}", i + 1).into(),
                Value::from(if i % 5 == 4 { "DI" } else { "NMI" }),
            ]
        })
        .collect();
    let cols = ["acronym", "country_code", "name_en", "kind"];
    sql::insert(db, "institutes", &cols, &rows).await?;
    let sql = "SELECT CAST(id AS TEXT), acronym FROM institutes WHERE acronym LIKE 'IND%' \
               ORDER BY acronym";
    let mut rows: Vec<Row> = Vec::new();
    for (i, r) in sql::texts(db, sql).await?.iter().enumerate() {
        rows.push(vec![
            r[0].parse::<i32>()?.into(),
            format!("Contact of {}", r[1]).into(),
            format!("contact@{}.example.org", r[1].to_lowercase()).into(),
            Value::from(if i % 2 == 0 { "ru" } else { "en" }),
            Value::from("training,research,legal-metrology"),
            true.into(),
            sql::now().into(),
        ]);
    }
    let cols = [
        "institute_id",
        "name",
        "email",
        "language",
        "roles",
        "active",
        "created_at",
    ];
    sql::insert(db, "contacts", &cols, &rows).await
}

async fn read_contacts(db: &impl ConnectionTrait) -> Result<Vec<Contact>> {
    let rows = sql::texts(
        db,
        "SELECT CAST(k.id AS TEXT), CAST(i.id AS TEXT), i.acronym, i.country_code, \
         CAST(c.ceems AS TEXT), k.email FROM contacts k \
         JOIN institutes i ON i.id = k.institute_id JOIN countries c ON c.code = i.country_code \
         ORDER BY k.id",
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Contact {
                id: r[0].parse()?,
                institute_id: r[1].parse()?,
                acronym: r[2].clone(),
                country: r[3].clone(),
                ceems: r[4] == "1" || r[4] == "true",
                email: r[5].clone(),
            })
        })
        .collect()
}

/// A submitted response as `responses::save` writes it for contact `k`.
fn response_row(campaign: i32, key: String, k: &Contact, answers: &str) -> Row {
    let now = sql::now();
    vec![
        campaign.into(),
        key.into(),
        Some(k.institute_id).into(),
        Some(k.country.clone()).into(),
        Some(k.id).into(),
        k.ceems.into(),
        "submitted".into(),
        1i32.into(),
        answers.into(),
        Some(k.email.clone()).into(),
        now.into(),
        Some(now).into(),
    ]
}

async fn insert_rows(
    db: &impl ConnectionTrait,
    invitations: &[Row],
    responses: &[Row],
) -> Result<()> {
    let cols = ["campaign_id", "contact_id", "unit_key", "created_at"];
    sql::insert(db, "invitations", &cols, invitations).await?;
    let cols = [
        "campaign_id",
        "unit_key",
        "institute_id",
        "country_code",
        "contact_id",
        "ceems",
        "status",
        "version",
        "answers_json",
        "updated_by",
        "updated_at",
        "submitted_at",
    ];
    sql::insert(db, "responses", &cols, responses).await
}

/// A fixed pseudo-random number from `x` (splitmix64), so every run builds the same data.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Seconds per round of each side, and what they produced.
#[derive(Default)]
pub struct Timings {
    pub library: Vec<f64>,
    pub scan: Vec<f64>,
    /// The reviewers' page of the newest training-needs campaign (its 10 years beside it).
    pub dashboard: Vec<f64>,
    /// The roadmap overview over every campaign.
    pub overview: Vec<f64>,
    /// Indicator tables per round and rows per scan.
    pub tables: usize,
    pub rows: usize,
}

/// `rounds` times: every campaign's indicators through the library, then the plain scan, both
/// over one connection made as the service makes it.
pub async fn measure(
    db_url: &str,
    rounds: usize,
    forms: &Forms,
    root: &std::path::Path,
) -> Result<Timings> {
    let db = lib_calls::connect(db_url).await?;
    let campaigns = lib_calls::campaigns(&db).await?;
    let mut t = Timings::default();
    for _ in 0..rounds {
        let start = Instant::now();
        let mut tables = 0;
        for c in &campaigns {
            let (n, _headline_sum) = lib_calls::indicators(&db, c).await?;
            tables += n;
        }
        t.library.push(start.elapsed().as_secs_f64());
        t.tables = tables;
        let start = Instant::now();
        t.rows = scan(&db).await?;
        t.scan.push(start.elapsed().as_secs_f64());
        let newest = campaigns
            .iter()
            .filter(|c| c.form_id() == "training-needs")
            .max_by_key(|c| c.year())
            .ok_or("no training-needs campaign")?;
        let start = Instant::now();
        std::hint::black_box(lib_calls::campaign_results(&db, newest).await?);
        t.dashboard.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        std::hint::black_box(lib_calls::roadmap_overview(&db, forms, root).await?);
        t.overview.push(start.elapsed().as_secs_f64());
    }
    db.close().await?;
    Ok(t)
}

/// `SELECT answers_json FROM responses`, every row parsed as a JSON object.
async fn scan(db: &DatabaseConnection) -> Result<usize> {
    let sql = "SELECT answers_json FROM responses";
    let texts: Vec<String> = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            sqlx::query_scalar(sql)
                .fetch_all(db.get_postgres_connection_pool())
                .await?
        }
        _ => {
            sqlx::query_scalar(sql)
                .fetch_all(db.get_sqlite_connection_pool())
                .await?
        }
    };
    let mut keys = 0;
    for text in &texts {
        let answers: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)?;
        keys += answers.len();
    }
    std::hint::black_box(keys);
    Ok(texts.len())
}
