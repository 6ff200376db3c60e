//! Mail through an SMTP server that accepts connections and never answers, then through a real
//! one on the same port: pages stay quick meanwhile, and every message arrives once.
use crate::common::{self, TestApp};
use crate::service::Service;
use std::sync::Arc;

/// An SMTP server that accepts connections and never says a word, until it is closed with
/// every connection it holds.
struct Tarpit {
    port: u16,
    accept: tokio::task::JoinHandle<()>,
    held: Arc<std::sync::Mutex<Vec<tokio::net::TcpStream>>>,
}

impl Tarpit {
    async fn start() -> Tarpit {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let held: Arc<std::sync::Mutex<Vec<_>>> = Arc::default();
        let h = held.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                h.lock().unwrap().push(stream);
            }
        });
        Tarpit { port, accept, held }
    }

    fn held(&self) -> usize {
        self.held.lock().unwrap().len()
    }

    /// Returns once the port is free again.
    async fn close(self) {
        self.accept.abort();
        let _ = self.accept.await;
        self.held.lock().unwrap().clear();
    }
}

#[rocket::async_test]
async fn mail_held_by_a_server_that_never_answers_arrives_once_from_the_next_one() {
    use std::time::{Duration, Instant};
    for backend in common::backends() {
        let tarpit = Tarpit::start().await;
        let port = tarpit.port;
        let url = format!("smtp://127.0.0.1:{port}");
        let u = url.clone();
        let t = TestApp::start_with(&backend, move |c| c.smtp_url = Some(u)).await;
        let campaign = t.open_campaign("training-needs", 2026).await;
        let queued = coomet_surveys::campaigns::invite(&t.app, &common::operator(), campaign)
            .await
            .unwrap();
        let service = Service::start(&t, &[("SMTP_URL", url.as_str())]).await;
        let deadline = Instant::now() + Duration::from_secs(30);
        while tarpit.held() == 0 {
            assert!(Instant::now() < deadline, "the worker connects");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The worker waits on the silent server; the pages do not.
        for path in ["/health", "/admin/login", "/r"] {
            let r = service.request("GET", path, None).await.unwrap();
            assert_eq!(r.status, 200, "{path} answers while the mail waits");
        }
        assert_eq!(
            common::unsent(&t.app).await as usize,
            queued,
            "nothing counted sent"
        );

        tarpit.close().await;
        let sink = smtp_sink::Sink::start_on(port).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(180);
        while common::unsent(&t.app).await > 0 {
            assert!(Instant::now() < deadline, "the outbox empties");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let ids = common::message_ids(&sink);
        assert_eq!(ids.len(), queued, "every invitation arrived");
        assert!(ids.values().all(|n| *n == 1), "none twice: {ids:?}");
        drop(service);
        sink.stop().await;
        t.finish().await;
    }
}
