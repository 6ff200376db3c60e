//! A small SMTP sink: accepts mail on 127.0.0.1 and keeps it in memory.
//!
//! Used by integration tests (start on an ephemeral port, point the mailer at
//! [`Sink::url`], then [`Sink::wait_for`] the messages) and by the
//! mail-throughput benchmark (the `smtp-sink` binary with `--count-only`).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use std::time::Duration;
//! let sink = smtp_sink::Sink::start().await?;
//! sink.reject_recipient("bounce@", 550);
//! // ... send mail to sink.url() ...
//! let got = sink.wait_for(1, Duration::from_secs(5)).await;
//! assert_eq!(got[0].to, ["someone@example.org"]);
//! sink.stop().await;
//! # Ok(())
//! # }
//! ```
//!
//! Dropping the last clone of a [`Sink`] also shuts the server down, so a
//! forgotten sink does not keep its port.

mod session;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// One message accepted by the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Reverse path of `MAIL FROM`, without the angle brackets (empty for `<>`).
    pub from: String,
    /// Every recipient that was accepted for this message (rejected ones are absent).
    pub to: Vec<String>,
    /// The message after dot-unstuffing, without the final `"\r\n.\r\n"`.
    /// Line endings are kept as the client sent them; non-UTF-8 bytes are replaced.
    pub data: String,
}

/// Handle to a running sink. Cheap to clone; all clones share the same server.
#[derive(Clone)]
pub struct Sink {
    inner: Arc<Inner>,
}

struct Inner {
    port: u16,
    state: Arc<State>,
    stop: watch::Sender<bool>,
    // A tokio mutex so that concurrent `stop` calls all wait for the shutdown to finish.
    server: tokio::sync::Mutex<Option<JoinHandle<()>>>,
}

/// State shared between the handle and the connection tasks.
struct State {
    /// False in counting mode: messages are counted but not kept.
    record: bool,
    messages: Mutex<Vec<Received>>,
    rejections: Mutex<Vec<(String, u16)>>,
    /// Number of accepted messages; a watch channel so `wait_for` needs no polling.
    count: watch::Sender<usize>,
}

impl Sink {
    /// Starts a sink on an ephemeral port of 127.0.0.1.
    pub async fn start() -> std::io::Result<Sink> {
        Self::start_with(0, true).await
    }

    /// Starts a sink on 127.0.0.1:`port` (0 picks an ephemeral port).
    pub async fn start_on(port: u16) -> std::io::Result<Sink> {
        Self::start_with(port, true).await
    }

    /// Starts a sink on 127.0.0.1:`port` that only counts messages.
    ///
    /// Message bodies are read and discarded line by line, so memory stays
    /// bounded however many (or however large) messages arrive. [`Sink::count`]
    /// works as usual; [`Sink::messages`] and [`Sink::wait_for`] return an empty list.
    pub async fn start_counting(port: u16) -> std::io::Result<Sink> {
        Self::start_with(port, false).await
    }

    async fn start_with(port: u16, record: bool) -> std::io::Result<Sink> {
        let listener = bind(port)?;
        let port = listener.local_addr()?.port();
        let state = Arc::new(State {
            record,
            messages: Mutex::new(Vec::new()),
            rejections: Mutex::new(Vec::new()),
            count: watch::Sender::new(0),
        });
        let (stop, stop_rx) = watch::channel(false);
        let server = tokio::spawn(serve(listener, Arc::clone(&state), stop_rx));
        let inner = Inner {
            port,
            state,
            stop,
            server: tokio::sync::Mutex::new(Some(server)),
        };
        Ok(Sink {
            inner: Arc::new(inner),
        })
    }

    pub fn port(&self) -> u16 {
        self.inner.port
    }

    /// `smtp://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.inner.port)
    }

    /// Snapshot of the accepted messages, in order of acceptance.
    pub fn messages(&self) -> Vec<Received> {
        lock(&self.inner.state.messages).clone()
    }

    /// Number of accepted messages (a DATA with at least one accepted recipient).
    pub fn count(&self) -> usize {
        *self.inner.state.count.borrow()
    }

    /// Returns as soon as at least `n` messages were accepted, or at `timeout`
    /// with whatever has arrived by then.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let mut count = self.inner.state.count.subscribe();
        // The sender lives in `self`, so `wait_for` can only end by success or timeout.
        let _ = tokio::time::timeout(timeout, count.wait_for(|&c| c >= n)).await;
        self.messages()
    }

    /// Answers `RCPT TO` for addresses containing `needle` (ASCII case-insensitive)
    /// with `code` and a short text, e.g. 550 (permanent) or 451 (temporary).
    /// The code is sent as given. Registering the same needle again replaces its code;
    /// otherwise the first matching needle wins.
    pub fn reject_recipient(&self, needle: &str, code: u16) {
        let needle = needle.to_ascii_lowercase();
        let mut rejections = lock(&self.inner.state.rejections);
        match rejections.iter_mut().find(|(n, _)| *n == needle) {
            Some(entry) => entry.1 = code,
            None => rejections.push((needle, code)),
        }
    }

    pub fn clear_rejections(&self) {
        lock(&self.inner.state.rejections).clear();
    }

    /// Stops listening and drops every open connection; when this returns,
    /// connecting is refused. Idempotent.
    pub async fn stop(&self) {
        self.inner.stop.send_replace(true);
        if let Some(server) = self.inner.server.lock().await.take() {
            let _ = server.await;
        }
    }
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sink")
            .field("port", &self.inner.port)
            .field("count", &self.count())
            .finish_non_exhaustive()
    }
}

impl State {
    /// Code for a recipient that must be refused, if any.
    fn rejection(&self, address: &str) -> Option<u16> {
        let address = address.to_ascii_lowercase();
        lock(&self.rejections)
            .iter()
            .find(|(needle, _)| address.contains(needle.as_str()))
            .map(|&(_, code)| code)
    }

    /// Records a message and returns its sequence number (1-based).
    fn accept(&self, message: Received) -> usize {
        // Numbering and storing under one lock keeps "queued as <n>" equal to the position.
        let mut messages = lock(&self.messages);
        let n = *self.count.borrow() + 1;
        if self.record {
            messages.push(message);
        }
        self.count.send_replace(n);
        n
    }
}

fn bind(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // Lets a restarted sink take the port back while old connections sit in TIME_WAIT.
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    socket.listen(1024)
}

async fn serve(listener: TcpListener, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            biased;
            // Also fires with Err when every `Sink` handle is gone.
            _ = stop.changed() => break,
            // Reap finished connections so a long benchmark does not accumulate them.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    // Replies are small and latency-bound; Nagle would stall pipelined clients.
                    let _ = stream.set_nodelay(true);
                    connections.spawn(session::run(stream, Arc::clone(&state)));
                }
                // Usually out of file descriptors; back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
        }
    }
    drop(listener);
    connections.shutdown().await;
}

/// A panic elsewhere must not make the sink unusable for the rest of a test run.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
