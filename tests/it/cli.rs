//! The README's walk-through with the real binary: migrate, seed twice, add a user, open a
//! campaign, invite twice, send, list and read the indicators.
use crate::common;

use std::process::Command;

/// Runs the real binary on `t`'s database and data folder: whether it succeeded, its output
/// and its errors.
pub fn run(t: &common::TestApp, args: &[&str]) -> (bool, String, String) {
    run_at(t, args, Some(common::PUBLIC_URL))
}

/// The command with this `PUBLIC_URL`, or none.
pub fn run_at(t: &common::TestApp, args: &[&str], public: Option<&str>) -> (bool, String, String) {
    let mut command = command(t);
    match public {
        Some(url) => command.env("PUBLIC_URL", url),
        None => command.env_remove("PUBLIC_URL"),
    };
    let out = command.args(args).output().expect("binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn command(t: &common::TestApp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coomet-surveys"));
    command
        .current_dir(common::root())
        .env("DATABASE_URL", &t.database_url)
        .env("DATA_DIR", t.dir.path().join("data"))
        .env("COOMET_PASSWORD", "a long enough password")
        .env_remove("SMTP_URL");
    command
}

#[rocket::async_test]
async fn the_walk_through_of_the_readme() {
    on_every_backend!(|t| {
        let (ok, out, err) = run(&t, &["migrate"]);
        assert!(ok, "{err}");
        assert!(out.contains("migrations applied"));
        let (ok, first, err) = run(&t, &["seed", "--demo"]);
        assert!(ok, "{err}");
        let (_, second, _) = run(&t, &["seed", "--demo"]);
        assert_eq!(first, second, "seeding twice changes nothing");
        assert_eq!(first.trim(), "16 countries, 23 institutes, 46 contacts");
        use sea_orm::{EntityTrait, PaginatorTrait};
        let contacts = coomet_surveys::directory::contact::Entity::find()
            .count(&t.app.db)
            .await
            .unwrap();
        assert_eq!(contacts, 46);

        let (ok, out, err) = run(
            &t,
            &[
                "user",
                "add",
                "--email",
                "Sec@Example.org",
                "--role",
                "secretariat",
            ],
        );
        assert!(ok, "{err}");
        assert_eq!(out.trim(), "sec@example.org (secretariat)");
        let (ok, _, err) = run(
            &t,
            &[
                "user",
                "add",
                "--email",
                "not-an-address",
                "--role",
                "secretariat",
            ],
        );
        assert!(!ok);
        assert!(err.contains("not an e-mail address"));

        let (ok, out, err) = run(
            &t,
            &[
                "campaign",
                "open",
                "--form",
                "training-needs",
                "--year",
                "2026",
                "--closes",
                "2099-12-31",
            ],
        );
        assert!(ok, "{err}");
        let id = out.trim().to_string();
        assert!(id.parse::<i32>().is_ok(), "prints the id: {out}");
        let (ok, _, err) = run(
            &t,
            &[
                "campaign",
                "open",
                "--form",
                "training-needs",
                "--year",
                "2026",
            ],
        );
        assert!(!ok, "one campaign per survey and year");
        assert!(err.contains("already runs"));
        let (ok, _, err) = run(
            &t,
            &[
                "campaign",
                "open",
                "--form",
                "no-such-form",
                "--year",
                "2026",
            ],
        );
        assert!(!ok);
        assert!(err.contains("no survey \"no-such-form\""), "{err}");

        let (ok, out, err) = run(&t, &["invite", &id]);
        assert!(ok, "{err}");
        assert_eq!(out.trim(), "31 invitations queued");
        let (_, out, _) = run(&t, &["invite", &id]);
        assert_eq!(out.trim(), "0 invitations queued");
        let (ok, out, err) = run(&t, &["mail", "send"]);
        assert!(ok, "{err}");
        assert!(
            out.contains("31 sent, 0 to retry later, 0 failed (0 addresses refused"),
            "{out}"
        );
        assert_eq!(t.mails().len(), 31);

        let (ok, out, _) = run(&t, &["campaign", "list"]);
        assert!(ok);
        assert!(
            out.lines()
                .any(|l| l.contains("training-needs") && l.contains("2026") && l.contains(" 23 ")),
            "{out}"
        );

        let (ok, out, err) = run(&t, &["indicators", &id, "--format", "json"]);
        assert!(ok, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["survey"], "training-needs");
        assert_eq!(doc["year"], 2026);
        let values = &doc["indicators"];
        assert_eq!(values[0]["id"], "response-rate");
        assert_eq!(values[0]["value"], 0.0);
        assert_eq!(values[0]["value_percent"], true);
        assert_eq!(values[0]["columns"][2]["title"], "rate, %");
        let (ok, out, _) = run(&t, &["indicators", &id, "--format", "csv"]);
        assert!(ok);
        assert!(out.starts_with("campaign,survey,year,indicator,codes,row,column,value\n"));
        assert!(
            out.contains(",training-needs,2026,response-rate,Ind-e.1.2,,headline figure,0\n"),
            "{out}"
        );
        let (ok, out, _) = run(&t, &["indicators", &id, "--lang", "ru"]);
        assert!(ok);
        assert!(out.contains("Доля ответивших"));
        assert!(
            out.contains("0 % (не выполнено)") || out.contains("= 0 %"),
            "{out}"
        );
        // Headings never run together: each is set off by two spaces at least.
        let heading = out
            .lines()
            .find(|l| l.contains("приглашено") || l.contains("доля, %"))
            .unwrap_or("");
        assert!(
            !heading.contains("%доля") && heading.contains("  "),
            "{out}"
        );
    });
}

#[test]
fn a_wrong_setting_stops_the_start_and_every_problem_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
        .arg("serve")
        .current_dir(common::root())
        .env("DATA_DIR", dir.path())
        .env("MAIL_PER_MINUTE", "sixty")
        .env("MAIL_FROM", "not a mailbox")
        .env("PUBLIC_URL", "surveys.example.org")
        .env("SMTP_URL", "http://mail.example.org")
        .env_remove("DATABASE_URL")
        .output()
        .expect("binary runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["MAIL_PER_MINUTE", "MAIL_FROM", "PUBLIC_URL", "SMTP_URL"] {
        assert!(err.contains(name), "{name} named in: {err}");
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing was created before the refusal"
    );
}

#[rocket::async_test]
async fn a_campaign_cannot_close_before_it_opens() {
    let t = common::TestApp::start(&common::Backend::Sqlite).await;
    let args = [
        "campaign",
        "open",
        "--form",
        "training-needs",
        "--year",
        "2026",
    ];
    let (ok, _, err) = run(&t, &[&args[..], &["--closes", "2025-01-01"]].concat());
    assert!(!ok);
    assert!(
        err.contains("the closing date 2025-01-01 is in the past"),
        "{err}"
    );
    let (ok, out, _) = run(&t, &["campaign", "list"]);
    assert!(ok);
    assert!(!out.contains("training-needs"), "nothing was opened: {out}");
    t.finish().await;
}

/// The service records the address it runs at; a command run from a shell makes its links
/// with that address, and refuses when its own `PUBLIC_URL` differs (issue 26).
#[rocket::async_test]
async fn commands_make_links_with_the_address_the_service_runs_at() {
    on_every_backend!(|t| {
        let service = "https://surveys.coomet.example";
        let port = crate::browser::free_port();
        let mut serving = command(&t)
            .arg("serve")
            .env("PUBLIC_URL", service)
            .env("ROCKET_PORT", port.to_string())
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the service starts");
        crate::browser::wait_for_port(port).await;
        serving.kill().unwrap();
        serving.wait().unwrap();

        let c = t.open_campaign("training-needs", 2026).await;
        coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
            .await
            .unwrap();
        let (ok, _, err) = run_at(&t, &["mail", "send"], Some("http://127.0.0.1:8000"));
        assert!(!ok, "a differing PUBLIC_URL is refused");
        assert!(
            err.contains(service) && err.contains("http://127.0.0.1:8000"),
            "{err}"
        );
        assert_eq!(common::unsent(&t.app).await, 31, "nothing was sent");

        let (ok, out, err) = run_at(&t, &["mail", "send"], None);
        assert!(ok, "{err}");
        assert!(out.contains("31 sent"), "{out}");
        let mails = t.mails();
        assert_eq!(mails.len(), 31);
        for mail in mails.values() {
            let link = common::link_in(&mail.raw, service);
            assert!(link.is_some(), "{} got a link to {service}", mail.to);
            assert!(!mail.raw.contains("127.0.0.1"));
        }

        let report = t.dir.path().join("report.html");
        let path = report.to_str().unwrap();
        let (ok, _, err) = run_at(&t, &["report", "--year", "2026", "-o", path], None);
        assert!(ok, "{err}");
        let html = std::fs::read_to_string(&report).unwrap();
        assert!(
            html.contains(&format!("href=\"{service}/")),
            "links of the report"
        );

        // Started again without PUBLIC_URL, the service would mail the default address.
        let (ok, _, err) = run_at(&t, &["serve"], None);
        assert!(!ok);
        assert!(
            err.contains("last ran at") && err.contains(service),
            "{err}"
        );
    });
}

#[rocket::async_test]
async fn a_command_without_an_address_refuses_to_make_links() {
    let t = common::TestApp::start(&common::Backend::Sqlite).await;
    let c = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
        .await
        .unwrap();
    let (ok, _, err) = run_at(&t, &["mail", "send"], None);
    assert!(!ok);
    assert!(err.contains("PUBLIC_URL is not set"), "{err}");
    assert_eq!(common::unsent(&t.app).await, 31);
    t.finish().await;
}
