//! The database goes away under a running service and comes back: `/health` answers 503
//! (promptly) while it is gone, a respondent's page says "try again" rather than "no such
//! link", and both recover by themselves when it returns. PostgreSQL is put out of reach by
//! cutting a TCP relay between the service and the server (the machine's server is shared by
//! the other tests, so it is not stopped itself); SQLite, a file in the process, cannot go.
use crate::common::{self, Backend, TestApp};
use crate::service::Service;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

/// A TCP relay to `target` on a port of its own, that can be cut (the port refuses, every
/// relayed connection drops) and restored on the same port.
struct Relay {
    port: u16,
    target: String,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: &str) -> Relay {
        let relay = Relay {
            port: 0,
            target: target.to_string(),
            tasks: Arc::default(),
        };
        relay.listen().await
    }

    async fn listen(mut self) -> Relay {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        socket
            .bind(format!("127.0.0.1:{}", self.port).parse().unwrap())
            .unwrap();
        let listener: TcpListener = socket.listen(64).unwrap();
        self.port = listener.local_addr().unwrap().port();
        let (target, tasks) = (self.target.clone(), self.tasks.clone());
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                let relayed = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tasks.lock().unwrap().push(relayed);
            }
        });
        self.tasks.lock().unwrap().push(accept);
        self
    }

    fn cut(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    async fn restore(self) -> Relay {
        self.listen().await
    }
}

async fn health_becomes(service: &Service, status: u16, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let started = Instant::now();
        let reply = service.request("GET", "/health", None).await.unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "/health answers promptly"
        );
        if reply.status == status {
            return reply.body;
        }
        assert!(
            Instant::now() < deadline,
            "/health never became {status}: {}",
            reply.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[rocket::async_test]
async fn health_is_503_while_postgresql_is_out_of_reach_and_recovers_when_it_returns() {
    let Some(backend) = common::backends()
        .into_iter()
        .find(|b| matches!(b, Backend::Postgres(_)))
    else {
        eprintln!("PostgreSQL only: set TEST_DATABASE_URL (as .ci/run does)");
        return;
    };
    let t = TestApp::start(&backend).await;
    // postgres://user@host:port/db: the relay stands in for host:port.
    let url = &t.database_url;
    let at = url.find('@').unwrap() + 1;
    let end = at + url[at..].find('/').unwrap();
    let relay = Relay::start(&url[at..end]).await;
    let relayed = format!("{}127.0.0.1:{}{}", &url[..at], relay.port, &url[end..]);
    let service = Service::start(&t, &[("DATABASE_URL", &relayed)]).await;
    let body = health_becomes(&service, 200, Duration::from_secs(5)).await;
    assert!(body.contains(r#""database":"ok""#), "{body}");

    relay.cut();
    let body = health_becomes(&service, 503, Duration::from_secs(20)).await;
    assert!(body.contains(r#""database":"unavailable""#), "{body}");
    let missing = format!("/r/{}", "D".repeat(43));
    let page = service.request("GET", &missing, None).await.unwrap();
    assert_eq!(page.status, 503, "a database gone is not a link unknown");

    let relay = relay.restore().await;
    let body = health_becomes(&service, 200, Duration::from_secs(30)).await;
    assert!(body.contains(r#""database":"ok""#), "{body}");
    let page = service.request("GET", &missing, None).await.unwrap();
    assert_eq!(page.status, 404, "and an unknown link is unknown again");
    relay.cut();
    drop(service);
    t.finish().await;
}
