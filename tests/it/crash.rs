//! The service is killed while it sends; after a restart every message is delivered, and none
//! twice beyond the messages that were in flight at the kill (which SMTP itself can duplicate:
//! a server may accept a message whose acknowledgement never reached us).
use crate::common;

use coomet_surveys::mail::outbox;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use smtp_sink::Sink;
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn serve(t: &common::TestApp, sink: &Sink) -> Child {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
        .arg("serve")
        .current_dir(common::root())
        .env("DATABASE_URL", &t.database_url)
        .env("DATA_DIR", t.dir.path().join("data"))
        .env("PUBLIC_URL", common::PUBLIC_URL)
        .env("SMTP_URL", sink.url())
        // Slow enough to be killed in the middle, with leases that expire quickly.
        .env("MAIL_PER_MINUTE", "240")
        .env("MAIL_LEASE_SECONDS", "2")
        .env("ROCKET_PORT", port.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the service starts")
}

#[rocket::async_test]
async fn killed_while_sending_then_restarted_every_message_arrives_once() {
    for backend in common::backends() {
        let sink = Sink::start().await.unwrap();
        let url = sink.url();
        let t = common::TestApp::start_with(&backend, move |c| c.smtp_url = Some(url)).await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        let queued = coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        assert_eq!(queued, 31);

        let mut first = serve(&t, &sink);
        sink.wait_for(5, Duration::from_secs(30)).await;
        first.kill().unwrap();
        first.wait().unwrap();
        let before_restart = sink.count();
        assert!(
            before_restart < 31,
            "killed in the middle: {before_restart} sent"
        );
        assert!(common::unsent(&t.app).await > 0);

        let mut second = serve(&t, &sink);
        let deadline = Instant::now() + Duration::from_secs(60);
        while common::unsent(&t.app).await > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        second.kill().unwrap();
        second.wait().unwrap();
        assert_eq!(
            common::unsent(&t.app).await,
            0,
            "everything was delivered after the restart"
        );

        let mut per_recipient: BTreeMap<String, usize> = BTreeMap::new();
        for m in sink.messages() {
            for to in m.to {
                *per_recipient.entry(to).or_default() += 1;
            }
        }
        assert_eq!(
            per_recipient.len(),
            31,
            "every invited contact got the invitation"
        );
        let duplicates: usize = per_recipient.values().map(|n| n - 1).sum();
        assert!(
            duplicates <= coomet_surveys::mail::deliver::CONCURRENCY,
            "at most the messages in flight at the kill: {duplicates}"
        );
        let sent = outbox::Entity::find()
            .filter(outbox::Column::Status.eq(outbox::Status::Sent))
            .count(&t.app.db)
            .await
            .unwrap();
        assert_eq!(sent, 31);
        sink.stop().await;
        t.finish().await;
    }
}
