//! SIGTERM, as systemd stops the service, while a campaign's mail goes out and people submit:
//! the process ends within its bound, every acknowledged save is kept, no message is left
//! held under a lease or sent without being recorded, and after a restart every message
//! arrives exactly once.
use crate::common::{self, TestApp};
use crate::load::{crowd, nothing_acknowledged_is_lost, run_crowd, Plan};
use crate::service::Service;
use coomet_surveys::mail::outbox;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use smtp_sink::Sink;
use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

async fn with_status(t: &TestApp, status: outbox::Status) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(status))
        .count(&t.app.db)
        .await
        .unwrap()
}

#[rocket::async_test]
async fn sigterm_while_sending_and_saving_loses_nothing_and_nothing_is_sent_twice() {
    for backend in common::backends() {
        let sink = Sink::start().await.unwrap();
        let t = TestApp::start(&backend).await;
        // The crowd's invitations went to the test's file outbox; what the service sends is
        // the campaign's large sending and the confirmations of the submissions.
        let people = crowd(&t, 40, 5).await;
        let earlier: BTreeSet<String> = outbox::Entity::find()
            .all(&t.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.message_id)
            .collect();
        common::queue_many(&t.app, 400).await;
        let url = sink.url();
        let env = [("SMTP_URL", url.as_str()), ("MAIL_PER_MINUTE", "1200")];
        // The service's own log, so that a failed stop says why.
        let log_path = t.dir.path().join("serve.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let service = Arc::new(Service::start_logging(&t, &env, log.into()).await);
        let saving = {
            let (service, people) = (service.clone(), people.clone());
            tokio::spawn(async move { run_crowd(&service, &people, Plan::SubmitUntilGone).await })
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while (service.acknowledged.load(Ordering::SeqCst) < 30 || sink.count() < 20)
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let status = service
            .terminate(Duration::from_secs(40))
            .await
            .expect("the service ends within its bound");
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        assert!(
            status.success(),
            "{backend:?}: a clean exit: {status}; the service's log:\n{log}"
        );
        let tally = saving.await.unwrap();
        assert!(tally.acked.len() >= 30, "saves were acknowledged");

        // Stopped in the middle of the sending; nothing left leased; the sink has exactly
        // what is recorded as sent.
        assert!(common::unsent(&t.app).await > 0, "stopped mid-sending");
        assert_eq!(
            with_status(&t, outbox::Status::Sending).await,
            0,
            "leases handed back"
        );
        let sent = with_status(&t, outbox::Status::Sent).await as usize - earlier.len();
        assert_eq!(sink.count(), sent, "{backend:?}: sent = recorded as sent");
        nothing_acknowledged_is_lost(&t, &tally.acked).await;

        let restarted = Service::start(&t, &env).await;
        let deadline = Instant::now() + Duration::from_secs(180);
        while common::unsent(&t.app).await > 0 {
            assert!(
                Instant::now() < deadline,
                "the rest goes out after the restart"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        drop(restarted);
        let rows = outbox::Entity::find().all(&t.app.db).await.unwrap();
        let ids = common::message_ids(&sink);
        let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{backend:?}: sent twice: {twice:?}");
        for r in rows.iter().filter(|r| !earlier.contains(&r.message_id)) {
            assert_eq!(r.status, outbox::Status::Sent, "{}", r.message_id);
            assert_eq!(ids.get(&r.message_id), Some(&1), "{}", r.message_id);
        }
        assert_eq!(sink.count(), rows.len() - earlier.len());
        t.finish().await;
    }
}

/// An idle service stops with status 0; a second one on the port the first holds does
/// not start, and says why.
#[rocket::async_test]
async fn an_idle_stop_is_clean_and_a_taken_port_is_named() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        let service = Service::start(&t, &[]).await;
        let port = service.addr.rsplit(':').next().unwrap().to_string();
        let second = std::process::Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
            .arg("serve")
            .current_dir(common::root())
            .env("DATABASE_URL", &t.database_url)
            .env("DATA_DIR", t.dir.path().join("data"))
            .env("PUBLIC_URL", common::PUBLIC_URL)
            .env("ROCKET_PORT", &port)
            .env("RUST_LOG", "off")
            .output()
            .expect("the second service runs");
        let said = String::from_utf8_lossy(&second.stderr);
        assert!(!second.status.success(), "{backend:?}: {said}");
        assert!(said.contains("the web service:"), "{backend:?}: {said}");

        let status = service
            .terminate(Duration::from_secs(40))
            .await
            .expect("an idle service ends within its bound");
        assert!(status.success(), "{backend:?}: {status}");
        t.finish().await;
    }
}
