//! The service as operators run it: `coomet-surveys serve` in its own process, on a port of its
//! own, reached over TCP by as many clients at once as a test wants.
use crate::common::{self, TestApp};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Service {
    child: Mutex<Child>,
    pub addr: String,
    /// Saves the test's clients saw acknowledged, for tests that act on progress.
    pub acknowledged: AtomicUsize,
}

impl Service {
    /// Starts `serve` over the test's database and data directory; returns once `/health`
    /// answers.
    pub async fn start(t: &TestApp, env: &[(&str, &str)]) -> Service {
        Self::start_logging(t, env, Stdio::null()).await
    }

    /// As `start`, with the service's log (standard error) sent to `log`.
    pub async fn start_logging(t: &TestApp, env: &[(&str, &str)], log: Stdio) -> Service {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Under the umask most machines start services with: what it writes is private anyway.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "umask 022 && exec \"$0\" serve"])
            .arg(env!("CARGO_BIN_EXE_coomet-surveys"))
            .current_dir(common::root())
            .env("DATABASE_URL", &t.database_url)
            .env("DATA_DIR", t.dir.path().join("data"))
            .env("PUBLIC_URL", common::PUBLIC_URL)
            .env("ROCKET_PORT", port.to_string())
            .env("ROCKET_LOG_LEVEL", "off")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("the service starts");
        let service = Service {
            child: Mutex::new(child),
            acknowledged: AtomicUsize::new(0),
            addr: format!("127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = service.request("GET", "/health", None).await {
                if r.status == 200 {
                    return service;
                }
            }
            assert!(Instant::now() < deadline, "the service answers /health");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Asks the process to stop (SIGTERM), as systemd does; returns its exit status, or None
    /// if it has not ended within `bound`.
    pub async fn terminate(&self, bound: Duration) -> Option<std::process::ExitStatus> {
        let pid = self.child.lock().unwrap().id();
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
        let deadline = Instant::now() + bound;
        loop {
            if let Some(status) = self.child.lock().unwrap().try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Kills the process at once (SIGKILL): nothing is flushed or finished.
    pub fn kill(&self) {
        let mut child = self.child.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// One request on a connection of its own (HTTP/1.0: no chunks, closed after the answer).
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        form: Option<&str>,
    ) -> std::io::Result<Reply> {
        self.request_with(method, path, form, &[]).await
    }

    /// As `request`, with more headers (a `Cookie`, say).
    pub async fn request_with(
        &self,
        method: &str,
        path: &str,
        form: Option<&str>,
        headers: &[(&str, &str)],
    ) -> std::io::Result<Reply> {
        self.request_from(None, method, path, form, headers).await
    }

    /// As `request_with`, from a loopback address of the test's choosing (`127.x.y.z`), as
    /// different clients would come.
    pub async fn request_from(
        &self,
        source: Option<std::net::IpAddr>,
        method: &str,
        path: &str,
        form: Option<&str>,
        headers: &[(&str, &str)],
    ) -> std::io::Result<Reply> {
        let mut stream = match source {
            None => TcpStream::connect(&self.addr).await?,
            Some(ip) => {
                let socket = tokio::net::TcpSocket::new_v4()?;
                socket.bind(std::net::SocketAddr::new(ip, 0))?;
                socket
                    .connect(self.addr.parse().map_err(std::io::Error::other)?)
                    .await?
            }
        };
        let body = form.unwrap_or("");
        let extra: String = headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let head = format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{extra}\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Reply::parse(&String::from_utf8_lossy(&raw))
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub request_id: Option<String>,
    /// `name=value` of every `Set-Cookie`.
    pub cookies: Vec<String>,
    pub body: String,
}

impl Reply {
    fn parse(raw: &str) -> std::io::Result<Reply> {
        let bad = || std::io::Error::other(format!("not an HTTP answer: {:.80}", raw));
        let (head, body) = raw.split_once("\r\n\r\n").ok_or_else(bad)?;
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        let headers: Vec<(&str, &str)> = lines.filter_map(|l| l.split_once(':')).collect();
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_string())
        };
        Ok(Reply {
            status,
            location: header("location"),
            request_id: header("x-request-id"),
            cookies: headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
                .filter_map(|(_, v)| v.trim().split(';').next().map(String::from))
                .collect(),
            body: body.to_string(),
        })
    }
}

/// One sample of a scrape: its name, labels and value.
type Sample = (String, Vec<(String, String)>, f64);

/// A scrape of `/metrics`: every sample with its labels.
pub struct Metrics(Vec<Sample>);

impl Metrics {
    /// Parses Prometheus' text format; a line that is not a sample or a comment fails the test.
    pub fn parse(text: &str) -> Metrics {
        let mut samples = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (series, value) = line.rsplit_once(' ').expect("a sample line");
            let value: f64 = value.parse().unwrap_or_else(|_| panic!("a value: {line}"));
            let (name, labels) = match series.split_once('{') {
                Some((name, rest)) => {
                    let rest = rest.strip_suffix('}').expect("closed labels");
                    let labels = rest
                        .split("\",")
                        .filter(|p| !p.is_empty())
                        .map(|p| {
                            let (k, v) = p.split_once("=\"").expect("label=\"value\"");
                            (k.to_string(), v.trim_end_matches('"').to_string())
                        })
                        .collect();
                    (name.to_string(), labels)
                }
                None => (series.to_string(), Vec::new()),
            };
            samples.push((name, labels, value));
        }
        Metrics(samples)
    }

    /// The sum of `name`'s samples whose labels include every one of `with`.
    pub fn sum(&self, name: &str, with: &[(&str, &str)]) -> f64 {
        self.0
            .iter()
            .filter(|(n, labels, _)| {
                n == name
                    && with
                        .iter()
                        .all(|(k, v)| labels.iter().any(|(lk, lv)| lk == k && lv == v))
            })
            .map(|(_, _, v)| v)
            .sum()
    }
}

impl Service {
    pub async fn metrics(&self) -> Metrics {
        let reply = self
            .request("GET", "/metrics", None)
            .await
            .expect("scraped");
        assert_eq!(reply.status, 200, "/metrics answers");
        Metrics::parse(&reply.body)
    }
}
