//! The disk fills up under the running service, then space returns. The data folder is a
//! small tmpfs of its own, filled to the last byte by a file the test writes and then removes:
//! while full, every save answers 503 with what was typed and `/health` says why; after, a
//! burst of saves all succeed at once (no connection is left holding SQLite's write lock) and
//! every acknowledged save is in the history. Also `backup`, `export` and `report` onto a full
//! disk.
use crate::common::{self, Backend, TestApp};
use crate::load::{self, Respondent};
use crate::service::Service;
use crate::small_disk::SmallDisk;
use coomet_surveys::campaigns::UnitKey;
use std::path::Path;
use std::sync::Arc;

/// An SQLite test app whose database and data folder are on `disk`.
async fn app_on(disk: &Path) -> (TestApp, String) {
    let url = format!("sqlite://{}?mode=rwc", disk.join("coomet.db").display());
    let data = disk.join("data");
    let u = url.clone();
    let t = TestApp::start_with(&Backend::Sqlite, move |c| {
        c.database_url = u;
        c.data_dir = data;
    })
    .await;
    (t, url)
}

/// Each respondent posts a submission at the same time; the replies in their order.
async fn all_submit(
    service: &Arc<Service>,
    people: &[Respondent],
    topic: &str,
) -> Vec<(u16, String)> {
    let tasks: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(n, who)| {
            let (service, path) = (service.clone(), who.path().to_string());
            let topic = format!("{topic} {n}");
            tokio::spawn(async move {
                let page = service.request("GET", &path, None).await.unwrap();
                let version = crate::html::Page::parse(&page.body)
                    .input("_version")
                    .expect("the form's version");
                let form = load::answers(&version, "submit", &topic);
                let r = service.request("POST", &path, Some(&form)).await.unwrap();
                (r.status, r.body)
            })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.unwrap());
    }
    replies
}

/// Where the test's data lives on the small disk: on SQLite the database file and the data
/// folder; on PostgreSQL (whose server writes elsewhere) a tablespace there holding the
/// responses and their history, so that a save, and only a save, finds no room.
async fn app_with_data_on(backend: &Backend, disk: &SmallDisk) -> (TestApp, Vec<(String, String)>) {
    match backend {
        Backend::Sqlite => {
            let (t, url) = app_on(&disk.path).await;
            let data = disk.path.join("data").display().to_string();
            let env = [
                ("DATABASE_URL", url),
                ("DATA_DIR", data),
                ("METRICS", "true".into()),
            ];
            (t, env.map(|(k, v)| (k.to_string(), v)).to_vec())
        }
        Backend::Postgres(_) => {
            let t = TestApp::start(backend).await;
            pg_tables_on(&t, disk).await;
            (t, Vec::new())
        }
    }
}

fn tablespace(disk: &SmallDisk) -> String {
    let dir = disk.path.parent().unwrap().file_name().unwrap();
    format!(
        "small_{}",
        dir.to_string_lossy()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "")
    )
    .to_lowercase()
}

async fn pg_tables_on(t: &TestApp, disk: &SmallDisk) {
    use sea_orm::ConnectionTrait;
    let chown = std::process::Command::new("chown")
        .args(["postgres:postgres"])
        .arg(&disk.path)
        .status()
        .unwrap();
    assert!(chown.success(), "the tablespace's folder is the server's");
    let space = tablespace(disk);
    let location = disk.path.display();
    let db = &t.app.db;
    db.execute_unprepared(&format!("CREATE TABLESPACE {space} LOCATION '{location}'"))
        .await
        .unwrap();
    for table in ["responses", "response_history"] {
        db.execute_unprepared(&format!("ALTER TABLE {table} SET TABLESPACE {space}"))
            .await
            .unwrap();
    }
}

/// The tablespace goes once its database has.
async fn drop_tablespace(disk: &SmallDisk) {
    use sea_orm::ConnectionTrait;
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        return;
    };
    let admin = sea_orm::Database::connect(&url).await.unwrap();
    let sql = format!("DROP TABLESPACE IF EXISTS {}", tablespace(disk));
    admin.execute_unprepared(&sql).await.unwrap();
    admin.close().await.ok();
}

#[rocket::async_test]
async fn a_full_disk_refuses_saves_with_the_answers_kept_and_recovers_at_once() {
    for backend in common::backends() {
        let Some(disk) = SmallDisk::mount(24) else {
            return;
        };
        let (t, env) = app_with_data_on(&backend, &disk).await;
        let people = load::crowd(&t, 12, 0).await;
        use coomet_surveys::directory::{staff, staff_user::Role};
        staff::add_user(
            &t.app.db,
            "sec@example.org",
            Role::Secretariat,
            "correct horse battery",
        )
        .await
        .unwrap();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let log_path = t.dir.path().join("service.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let service = Arc::new(Service::start_logging(&t, &env, log.into()).await);
        let sqlite = !t.is_postgres();
        let mut mail = None;
        if sqlite {
            // Mail waiting for the worker, which will find no room for its files.
            let campaign = t.open_campaign("traineeship-needs", 2026).await;
            let queued = coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
                .await
                .unwrap();
            mail = Some(queued);
            // An emptied WAL: each save must grow it, so none finds room written before the
            // disk filled.
            use sea_orm::ConnectionTrait;
            let db = &t.app.db;
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .unwrap();
        }
        disk.fill();
        let mut acked = Vec::new();
        let mut refused = Vec::new();
        for round in 0..3 {
            let topic = format!("full {round}");
            let replies = all_submit(&service, &people, &topic).await;
            for (n, (status, body)) in replies.iter().enumerate() {
                let typed = format!("{topic} {n}");
                match status {
                    // PostgreSQL may still find room in a page it has: a save it took is
                    // acknowledged, and must be in the history.
                    303 if !sqlite => acked.push((n, typed)),
                    503 => {
                        assert!(body.contains(&typed), "what was typed is kept");
                        assert!(body.contains("закончилось место на диске"), "{body:.2000}");
                        refused.push(typed);
                    }
                    _ => panic!("round {round}, respondent {n}: {status} {body:.300}"),
                }
            }
        }
        assert!(
            refused.len() >= 12,
            "the full disk refused saves: {}",
            refused.len()
        );
        if sqlite {
            the_staff_are_told_why(&service).await;
            the_worker_backs_off(&t, &log_path).await;
        }

        disk.free();
        let health = service.request("GET", "/health", None).await.unwrap();
        assert_eq!(health.status, 200, "{}", health.body);
        let started = std::time::Instant::now();
        let replies = all_submit(&service, &people, "after").await;
        eprintln!(
            "12 submissions after space returned: {:?}",
            started.elapsed()
        );
        for (n, (status, body)) in replies.iter().enumerate() {
            assert_eq!(*status, 303, "respondent {n}: {body:.300}");
            acked.push((n, format!("after {n}")));
        }
        let acked: Vec<_> = acked
            .into_iter()
            .map(|(n, topic)| (people[n].unit().clone(), 0, topic, "submit"))
            .collect();
        every_save_in_the_history(&t, &acked).await;
        nothing_refused_was_written(&t, &refused).await;
        if let Some(queued) = mail {
            every_message_once(&t, &disk, queued).await;
        }
        drop(service);
        t.finish().await;
        drop_tablespace(&disk).await;
        drop(disk);
    }
}

/// `/health` names the space; a sign-in (which writes a session) is refused in the user's
/// language.
async fn the_staff_are_told_why(service: &Service) {
    let health = service.request("GET", "/health", None).await.unwrap();
    assert_eq!(health.status, 503, "{}", health.body);
    let h: serde_json::Value = serde_json::from_str(&health.body).unwrap();
    assert_eq!(h["disk"], "low", "{h}");
    assert_eq!(h["space"][0]["free_bytes"], 0, "{h}");
    let m = service.metrics().await;
    assert_eq!(m.sum("coomet_disk_bytes", &[("kind", "free")]), 0.0);
    assert!(m.sum("coomet_disk_bytes", &[("kind", "floor")]) > 0.0);
    let form = "email=sec%40example.org&password=correct+horse+battery";
    let login = service
        .request_with(
            "POST",
            "/admin/login",
            Some(form),
            &[("Accept-Language", "en")],
        )
        .await
        .unwrap();
    assert_eq!(login.status, 503, "{}", login.body);
    assert!(
        login.body.contains("run out of disk space"),
        "{}",
        login.body
    );
    assert!(
        login.body.contains("sec@example.org"),
        "the address typed is kept"
    );
}

/// The delivery worker, finding no room (for its files, its claims), says so and backs off;
/// unless it sent the mail before the disk filled.
async fn the_worker_backs_off(t: &TestApp, log: &Path) {
    use std::time::{Duration, Instant};
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        if said.contains("cannot write") {
            eprintln!("the worker backed off");
            break;
        }
        if common::unsent(&t.app).await == 0 {
            eprintln!("the worker had sent everything before the disk filled");
            break;
        }
        assert!(Instant::now() < deadline, "the worker tried: {said}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Once space is back, every message goes, once, on its first counted attempt: the full
/// disk was no attempt at the message, and nothing was recorded sent that was not.
async fn every_message_once(t: &TestApp, disk: &SmallDisk, queued: usize) {
    use coomet_surveys::mail::outbox;
    use sea_orm::EntityTrait;
    use std::time::{Duration, Instant};
    let deadline = Instant::now() + Duration::from_secs(120);
    while common::unsent(&t.app).await > 0 {
        assert!(Instant::now() < deadline, "the outbox empties");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The crowd's invitations, sent before, and those queued before the disk filled.
    let rows = outbox::Entity::find().all(&t.app.db).await.unwrap();
    assert!(rows.len() > queued, "{} messages", rows.len());
    for r in &rows {
        assert_eq!(r.status, outbox::Status::Sent, "{}", r.to_addr);
        assert_eq!(r.attempts, 1, "{}: {:?}", r.to_addr, r.last_error);
        let file = disk.path.join("data/outbox").join(format!("{}.eml", r.id));
        assert!(file.exists(), "{} written", file.display());
    }
    let partial = std::fs::read_dir(disk.path.join("data/outbox"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(partial, 0, "no half-written message is left");
}

/// Each acknowledged submission is a line of its response's history with what it carried.
async fn every_save_in_the_history(t: &TestApp, acked: &[(UnitKey, i32, String, &str)]) {
    use coomet_surveys::responses::{history, response};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    for (unit, _, topic, _) in acked {
        let r = response::Entity::find()
            .filter(response::Column::UnitKey.eq(unit.clone()))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{unit}: a response"));
        let lines = history::Entity::find()
            .filter(history::Column::ResponseId.eq(r.id))
            .all(&t.app.db)
            .await
            .unwrap();
        let found = lines
            .iter()
            .filter(|h| h.after_json.contains(&format!("\"{topic}\"")))
            .count();
        assert_eq!(found, 1, "{unit}: {topic} in the history once");
    }
}

/// No trace of a refused save: no history line carries its answers, and the database is
/// whole.
async fn nothing_refused_was_written(t: &TestApp, refused: &[String]) {
    use coomet_surveys::responses::history;
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
    for topic in refused {
        let lines = history::Entity::find()
            .filter(history::Column::AfterJson.contains(format!("\"{topic}\"")))
            .count(&t.app.db)
            .await
            .unwrap();
        assert_eq!(
            lines, 0,
            "the refused save {topic} left a line in the history"
        );
    }
    if t.is_postgres() {
        return;
    }
    let check = t
        .app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            t.app.db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
}

/// Nothing but the filler on `disk`: no file under the name asked for, no temporary beside it.
fn only_the_filler(disk: &SmallDisk) {
    let names: Vec<String> = std::fs::read_dir(&disk.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["filler"], "nothing left behind");
}

#[rocket::async_test]
async fn backup_export_and_report_onto_a_full_disk_fail_and_leave_no_file() {
    let Some(disk) = SmallDisk::mount(1) else {
        return;
    };
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await.to_string();
        let target = |name: &str| disk.path.join(name).display().to_string();
        let (backup, export, report) = (target("backup.db"), target("x.xlsx"), target("r.html"));
        disk.fill();
        let commands: [&[&str]; 3] = [
            &["backup", "-o", &backup],
            &["export", &campaign, "--format", "xlsx", "-o", &export],
            &["report", "--year", "2026", "-o", &report],
        ];
        for args in commands {
            let (ok, out, err) = crate::cli::run(&t, args);
            assert!(!ok, "{args:?} fails: {out}");
            assert!(err.contains("no space left on the disk"), "{args:?}: {err}");
            only_the_filler(&disk);
        }
        disk.free();
        let (ok, _, err) = crate::cli::run(&t, &["backup", "-o", &backup]);
        assert!(ok, "with space, the backup is written: {err}");
        std::fs::remove_file(&backup).unwrap();
    });
    drop(disk);
}
