//! DKIM: messages signed with the configured key pass a receiving server's check (dkimpy, with
//! the public key standing in for DNS), over SMTP and in the file outbox, in both languages; a
//! message changed on the way fails it; a half-made configuration stops the service at start.
use crate::common::{self, TestApp};
use coomet_surveys::config::DkimSettings;
use smtp_sink::Sink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// A fresh RSA key in PKCS#1 PEM, and its public half as DNS publishes it (base64 DER).
fn key_pair(dir: &Path) -> (std::path::PathBuf, String) {
    let key = dir.join("dkim.pem");
    let made = Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&key)
        .arg("2048")
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{made:?}");
    let public = Command::new("openssl")
        .args(["rsa", "-pubout", "-outform", "DER", "-in"])
        .arg(&key)
        .output()
        .expect("openssl runs");
    assert!(public.status.success());
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(public.stdout);
    (key, b64)
}

/// Whether the signature holds, with what the checker said.
fn check(dir: &Path, raw: &str, public: &str) -> (bool, String) {
    let path = dir.join(format!("m{:08x}.eml", rand::random::<u32>()));
    std::fs::write(&path, raw).unwrap();
    let script = common::root().join("tests/it/scripts/dkim_verify.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&path)
        .args(["coomet", "example.org", public])
        .output()
        .expect("python3 with dkimpy (.ci/run installs it)");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "the checker ran: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn verifies(dir: &Path, raw: &str, public: &str) -> bool {
    let (valid, said) = check(dir, raw, public);
    if !valid {
        eprintln!("dkimpy: {said}");
    }
    valid
}

#[rocket::async_test]
async fn signed_mail_passes_a_receivers_dkim_check_and_a_changed_one_fails() {
    for backend in common::backends() {
        let sink = Sink::start().await.unwrap();
        let keys = tempfile::tempdir().unwrap();
        let (key_file, public) = key_pair(keys.path());
        let url = sink.url();
        let settings = DkimSettings {
            selector: "coomet".into(),
            domain: "example.org".into(),
            key_file,
        };
        let t = TestApp::start_with(&backend, move |c| {
            c.smtp_url = Some(url);
            c.dkim = Some(settings);
        })
        .await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        t.invite_and_send(campaign).await;
        let received = sink.wait_for(31, Duration::from_secs(30)).await;
        assert_eq!(received.len(), 31);
        let (russian, english): (Vec<_>, Vec<_>) = received
            .iter()
            .map(|m| m.data.clone())
            .partition(|raw| common::decoded(raw).contains("Здравствуйте"));
        assert!(!russian.is_empty() && !english.is_empty());
        let english = &english[0];
        assert!(english.contains("DKIM-Signature:"), "signed");
        for raw in [english, &russian[0]] {
            assert!(
                verifies(keys.path(), raw, &public),
                "{backend:?}: valid: {raw:.400}"
            );
        }
        let changed = english.replacen("Subject: ", "Subject: Re: ", 1);
        assert!(
            !verifies(keys.path(), &changed, &public),
            "a changed subject fails"
        );
        let body_changed = english.replacen("\r\n\r\n", "\r\n\r\nX", 2);
        assert!(
            !verifies(keys.path(), &body_changed, &public),
            "a changed body fails"
        );
        t.finish().await;
    }
}

#[rocket::async_test]
async fn the_file_outbox_keeps_the_signature_and_a_half_made_setting_stops_serve() {
    let keys = tempfile::tempdir().unwrap();
    let (key_file, public) = key_pair(keys.path());
    let settings = DkimSettings {
        selector: "coomet".into(),
        domain: "example.org".into(),
        key_file: key_file.clone(),
    };
    let t = TestApp::start_with(&common::Backend::Sqlite, move |c| c.dkim = Some(settings)).await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(campaign).await;
    for mail in mails.values().take(3) {
        assert!(
            verifies(keys.path(), &mail.raw, &public),
            "{:.300}",
            mail.raw
        );
    }

    for (env, named) in [
        (vec![("MAIL_DKIM_SELECTOR", "coomet")], "MAIL_DKIM_KEY_FILE"),
        (
            vec![
                ("MAIL_DKIM_SELECTOR", "coomet"),
                ("MAIL_DKIM_KEY_FILE", "/nonexistent/dkim.pem"),
            ],
            "/nonexistent/dkim.pem",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
            .arg("serve")
            .current_dir(common::root())
            .env("DATA_DIR", t.dir.path().join("other"))
            .env("ROCKET_PORT", "0")
            .envs(env)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "serve refuses to start");
        assert!(said.contains(named), "{said}");
    }
    t.finish().await;
}
