//! The README's walk-through with the real binary: migrate, seed twice, add a user, open a
//! campaign, invite twice, send, list and read the indicators.
use crate::common;

use std::process::Command;

/// Runs the real binary on `t`'s database and data folder: whether it succeeded, its output
/// and its errors.
pub fn run(t: &common::TestApp, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
        .args(args)
        .current_dir(common::root())
        .env("DATABASE_URL", &t.database_url)
        .env("DATA_DIR", t.dir.path().join("data"))
        .env("PUBLIC_URL", common::PUBLIC_URL)
        .env("COOMET_PASSWORD", "a long enough password")
        .env_remove("SMTP_URL")
        .output()
        .expect("binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
