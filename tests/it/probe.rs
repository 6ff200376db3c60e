//! Issue 22's smaller findings that show on the running service: what reaches its log, and
//! who may read what it writes, and whose answers a colleague passed a survey to gets.
use crate::common::{self, TestApp};
use crate::service::Service;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One raw HTTP/1.0 request with exactly these headers and body; returns the status line.
async fn raw(addr: &str, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "{head}\r\nHost: {addr}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    answer.lines().next().unwrap_or_default().to_string()
}

#[rocket::async_test]
async fn no_token_and_no_forged_line_reach_the_log_at_debug() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let c = t.open_campaign("training-needs", 2026).await;
    let token = t.invite_and_send(c).await["training.nbsm@example.org"].token();
    let log_path = t.dir.path().join("service.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let env = [("RUST_LOG", "debug"), ("ROCKET_LOG_LEVEL", "debug")];
    let s = Service::start_logging(&t, &env, Stdio::from(log)).await;
    let json = "Content-Type: application/json";
    for (method, path, headers, body) in [
        ("OPTIONS", format!("/r/{token}"), "", ""),
        ("PUT", format!("/r/{token}"), json, "{}"),
        ("POST", format!("/r/{token}"), json, "{\"a\":1}"),
        ("POST", format!("/r/{token}/pass"), json, "{}"),
        ("DELETE", format!("/r/{token}"), "", ""),
        (
            "PATCH",
            format!("/r/{token}/pass?lang=en"),
            "Content-Type: text/plain",
            "x",
        ),
        ("GET", format!("/r/{token}/nothing/here"), "", ""),
        (
            "POST",
            format!("/r/{token}"),
            "Content-Type: multipart/form-data",
            "--",
        ),
    ] {
        let head = format!("{method} {path} HTTP/1.0\r\n{headers}");
        let status = raw(&s.addr, head.trim_end(), body).await;
        assert!(!status.contains(" 500 "), "{method} {path}: {status}");
    }
    let forged = "x\n2026-12-03T07:00:00.000000Z  INFO FORGED signed in account=sec@example.org";
    let report = serde_json::json!({"csp-report": {
        "violated-directive": forged, "blocked-uri": forged }});
    let head = format!("POST /csp-report HTTP/1.0\r\n{json}");
    let status = raw(&s.addr, &head, &report.to_string()).await;
    assert!(status.contains(" 204 "), "{status}");
    assert!(s.terminate(Duration::from_secs(20)).await.is_some());

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("DEBUG"), "the log was at debug");
    assert!(
        log.contains("/r/[token]"),
        "the odd requests were logged, redacted"
    );
    assert!(!log.contains(&token), "a personal link in the log");
    let forged_lines: Vec<&str> = log.lines().filter(|l| l.contains("FORGED")).collect();
    assert!(!forged_lines.is_empty());
    for line in forged_lines {
        assert!(line.contains("content security policy violation"), "{line}");
    }
    t.finish().await;
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[rocket::async_test]
async fn what_the_service_writes_is_its_users_alone_under_umask_022() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let data = t.dir.path().join("data");
    // As an earlier release left it: readable by every local user.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
        .await
        .unwrap();
    let s = Service::start(&t, &[]).await;
    let outbox = t.app.config.outbox_dir();
    for _ in 0..100 {
        if std::fs::read_dir(&outbox).map(|d| d.count()).unwrap_or(0) >= 31 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let backup = t.dir.path().join("backup.db");
    let out = Command::new("sh")
        .args(["-c", "umask 022 && exec \"$0\" backup -o \"$1\""])
        .arg(env!("CARGO_BIN_EXE_coomet-surveys"))
        .arg(&backup)
        .current_dir(common::root())
        .env("DATABASE_URL", &t.database_url)
        .env("DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&outbox), 0o700);
    let db = t.dir.path().join("test.db");
    let mut files = vec![backup, db.clone(), db.with_extension("db-wal")];
    for entry in std::fs::read_dir(&data)
        .unwrap()
        .chain(std::fs::read_dir(&outbox).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            files.push(path);
        }
    }
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    assert!(names.iter().any(|n| n.ends_with(".eml")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("secret.key")), "{names:?}");
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    drop(s);
    t.finish().await;
}

/// Finding 9: on a survey each person answers for themselves, the colleague a respondent
/// proposes gets a response of their own; the proposer's ratings stay the proposer's.
#[rocket::async_test]
async fn a_colleague_proposed_on_a_personal_survey_gets_a_response_of_their_own() {
    use coomet_surveys::campaigns::handover;
    use sea_orm::EntityTrait;
    on_every_backend!(|t| {
        let c = t.open_campaign("csb-satisfaction", 2026).await;
        let proposer = "training.nbsm@example.org";
        let link = t.invite_and_send(c).await[proposer].link_path();
        let mine = [
            ("_version", "0"),
            ("bodies.0.satisfaction", "2"),
            ("bodies.0.comment", "Мой личный отзыв"),
            ("_action", "draft"),
        ];
        assert_eq!(
            t.post_form(&link, &mine).await.0,
            rocket::http::Status::SeeOther
        );
        let pass = format!("{link}/pass?lang=ru");
        let (_, page) = t.get(&pass).await;
        assert!(page.contains("на собственную анкету"), "{page}");
        let olga = [
            ("name", "Ольга Смирнова"),
            ("email", "olga.smirnova@nbsm.example.org"),
            ("language", "ru"),
        ];
        assert_eq!(t.post_form(&pass, &olga).await.0, rocket::http::Status::Ok);
        t.login_secretariat().await;
        let csrf = crate::directory::csrf(&t).await;
        let h = handover::Entity::find()
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        let confirm = format!("/admin/handovers/{}/confirm", h.id);
        let fields = [("csrf", csrf.as_str())];
        let status = t.post_form(&confirm, &fields).await.0;
        assert_eq!(status, rocket::http::Status::SeeOther);
        t.send().await;
        let theirs = t.mails()["olga.smirnova@nbsm.example.org"].link_path();
        let (_, form) = t.get(&theirs).await;
        assert!(
            !form.contains("Мой личный отзыв"),
            "the proposer's comment: {form}"
        );
        let own = [
            ("_version", "0"),
            ("bodies.0.satisfaction", "5"),
            ("_action", "draft"),
        ];
        let status = t.post_form(&theirs, &own).await.0;
        assert_eq!(status, rocket::http::Status::SeeOther);
        let t = &t;
        let id_of = |email: &'static str| async move { t.contact(email).await.expect(email).id };
        let answers = |who: i32| {
            let db = t.app.db.clone();
            async move {
                let unit = common::unit(&format!("contact:{who}"));
                let r = coomet_surveys::responses::current(&db, c, &unit)
                    .await
                    .unwrap();
                r.expect("a response").answers_json
            }
        };
        let kept = answers(id_of(proposer).await).await;
        assert!(
            kept.contains("Мой личный отзыв") && kept.contains("\"2\""),
            "{kept}"
        );
        let new = answers(id_of("olga.smirnova@nbsm.example.org").await).await;
        assert!(new.contains("\"5\"") && !new.contains("отзыв"), "{new}");
    });
}
