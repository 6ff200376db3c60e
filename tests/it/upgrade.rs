//! An upgrade from the previous release: the databases it made (`tests/fixtures/release-0.1.0`,
//! kept as SQL dumps,
//! written by `tools/release-db/make.sh` from its commit be4b0d8, with respondents answering
//! through its own pages: submissions, drafts, Cyrillic and punctuation) are migrated at start by
//! this release; every response then exports exactly as that release exported it, and the
//! personal links it mailed still open their answers.
use crate::common::{self, Backend, TestApp};
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, Statement};
use std::path::{Path, PathBuf};
use std::process::Command;

fn release() -> PathBuf {
    common::root().join("tests/fixtures/release-0.1.0")
}

fn name(backend: &Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres(_) => "postgres",
    }
}

/// Puts the release's database where the test's database is.
fn load(backend: &Backend) -> impl FnOnce(&str, &Path) {
    let backend = backend.clone();
    move |url: &str, _dir: &Path| match backend {
        Backend::Sqlite => {
            // The release's file, kept as its SQL dump (Python's `iterdump`), rebuilt here.
            let path = url.trim_start_matches("sqlite://");
            let path = path.split('?').next().unwrap();
            let out = Command::new("python3")
                .args([
                    "-c",
                    "import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(open(sys.argv[2], encoding='utf-8').read())",
                    path,
                ])
                .arg(release().join("sqlite.sql"))
                .output()
                .expect("python3");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Backend::Postgres(_) => {
            let out = Command::new("psql")
                .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f"])
                .arg(release().join("postgres.sql"))
                .output()
                .expect("psql (postgresql-client) is installed");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[rocket::async_test]
async fn the_previous_releases_database_upgrades_with_every_response_intact() {
    for backend in common::backends() {
        let t = TestApp::start_from(&backend, load(&backend)).await;
        let which = name(&backend);

        let applied = t
            .app
            .db
            .query_one_raw(Statement::from_string(
                t.app.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM seaql_migrations",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(applied as usize, migration::Migrator::migrations().len());

        let before = json(&release().join(format!("{which}-export.json")));
        let file = t.dir.path().join("now.json");
        let out = Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
            .args(["export", "1", "--format", "json", "-o"])
            .arg(&file)
            .current_dir(common::root())
            .env("DATABASE_URL", &t.database_url)
            .env("DATA_DIR", t.dir.path().join("data"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let now = json(&file);
        let responses = before["responses"].as_array().unwrap();
        assert!(
            responses.len() >= 10,
            "{which}: the release's answers are there to check"
        );
        assert_eq!(
            now["responses"], before["responses"],
            "{which}: every response intact"
        );
        assert_eq!(now["campaign"], before["campaign"]);
        assert_eq!(
            now["schema"], before["schema"],
            "the campaign keeps its schema"
        );

        // The links the release mailed open their answers, submitted and draft alike.
        let links = json(&release().join(format!("{which}-links.json")));
        for state in ["submit", "draft"] {
            let link = &links["answered"][state];
            let (status, page) = t.get(link["path"].as_str().unwrap()).await;
            assert_eq!(status.code, 200, "{which} {state}");
            let topic = link["topic"].as_str().unwrap();
            let shown = crate::html::Page::parse(&page).input("needs.0.topic");
            assert_eq!(shown.as_deref(), Some(topic), "{which} {state}");
        }
        t.finish().await;
    }
}
