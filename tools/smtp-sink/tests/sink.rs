//! End-to-end tests with a minimal raw-TCP SMTP client.

use std::io::ErrorKind;
use std::time::Duration;

use smtp_sink::{Received, Sink};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Every network step gets a deadline so a broken sink fails the test instead of hanging it.
const STEP: Duration = Duration::from_secs(5);

struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Client {
    async fn connect(port: u16) -> Client {
        let stream = timeout(STEP, TcpStream::connect(("127.0.0.1", port)))
            .await
            .expect("connect timed out")
            .expect("connect");
        let (reader, writer) = stream.into_split();
        let mut client = Client {
            reader: BufReader::new(reader),
            writer,
        };
        assert_eq!(client.reply().await, (220, "sink ESMTP".to_owned()));
        client
    }

    /// Reads one (possibly multi-line) reply: its code and its lines joined by '\n'.
    async fn reply(&mut self) -> (u16, String) {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let n = timeout(STEP, self.reader.read_line(&mut line))
                .await
                .expect("reply timed out")
                .expect("read reply");
            assert!(n > 0, "connection closed while waiting for a reply");
            assert!(line.ends_with("\r\n"), "reply line without CRLF: {line:?}");
            let code = line[..3].parse().expect("reply code");
            let last = line.as_bytes()[3] == b' ';
            lines.push(line[4..line.len() - 2].to_owned());
            if last {
                return (code, lines.join("\n"));
            }
        }
    }

    async fn send(&mut self, raw: &str) {
        self.writer.write_all(raw.as_bytes()).await.expect("write");
    }

    async fn cmd(&mut self, line: &str) -> u16 {
        self.send(&format!("{line}\r\n")).await;
        self.reply().await.0
    }

    /// Sends one message and returns the reply to the final dot.
    async fn mail(&mut self, from: &str, to: &[&str], body: &str) -> (u16, String) {
        assert_eq!(
            self.cmd(&format!("MAIL FROM:<{from}> BODY=8BITMIME")).await,
            250
        );
        for to in to {
            assert_eq!(self.cmd(&format!("RCPT TO:<{to}>")).await, 250);
        }
        assert_eq!(self.cmd("DATA").await, 354);
        self.send(&format!("{body}\r\n.\r\n")).await;
        self.reply().await
    }
}

#[tokio::test]
async fn two_messages_over_one_connection() {
    let sink = Sink::start().await.unwrap();
    assert_eq!(sink.url(), format!("smtp://127.0.0.1:{}", sink.port()));
    let mut client = Client::connect(sink.port()).await;

    client.send("EHLO test\r\n").await;
    let (code, text) = client.reply().await;
    assert_eq!(code, 250);
    assert_eq!(text, "sink\n8BITMIME\nSMTPUTF8\nPIPELINING");

    let first = "Subject: one\r\n\r\nline\r\n..dot-stuffed\r\n...two";
    let (code, text) = client
        .mail("a@example.org", &["b@example.org", "c@example.org"], first)
        .await;
    assert_eq!((code, text.as_str()), (250, "queued as 1"));
    let (code, text) = client
        .mail("", &["d@example.org"], "Subject: two\r\n\r\nbody")
        .await;
    assert_eq!((code, text.as_str()), (250, "queued as 2"));
    assert_eq!(client.cmd("QUIT").await, 221);

    let got = sink.wait_for(2, STEP).await;
    assert_eq!(
        got,
        [
            Received {
                from: "a@example.org".into(),
                to: vec!["b@example.org".into(), "c@example.org".into()],
                data: "Subject: one\r\n\r\nline\r\n.dot-stuffed\r\n..two".into(),
            },
            Received {
                from: "".into(),
                to: vec!["d@example.org".into()],
                data: "Subject: two\r\n\r\nbody".into(),
            },
        ]
    );
    assert_eq!(sink.count(), 2);
}

#[tokio::test]
async fn pipelined_commands_and_bare_lf() {
    let sink = Sink::start().await.unwrap();
    let mut client = Client::connect(sink.port()).await;
    client
        .send("HELO x\nMAIL FROM:<a@x>\nRCPT TO:<b@x>\nDATA\n")
        .await;
    for expected in [250, 250, 250, 354] {
        assert_eq!(client.reply().await.0, expected);
    }
    client.send("hi\n..\n.\nNOOP\r\nFOO\r\nQUIT\r\n").await;
    for expected in [250, 250, 502, 221] {
        assert_eq!(client.reply().await.0, expected);
    }
    let got = sink.wait_for(1, STEP).await;
    assert_eq!(got[0].data, "hi\n.");
}

#[tokio::test]
async fn rejected_recipients_get_their_code() {
    let sink = Sink::start().await.unwrap();
    sink.reject_recipient("bounce", 550);
    sink.reject_recipient("@later.example", 451);
    let mut client = Client::connect(sink.port()).await;
    assert_eq!(client.cmd("EHLO test").await, 250);
    assert_eq!(client.cmd("MAIL FROM:<a@x>").await, 250);
    client.send("RCPT TO:<Bounce@x>\r\n").await;
    let (code, text) = client.reply().await;
    assert_eq!(
        (code, text.as_str()),
        (550, "recipient <Bounce@x> rejected")
    );
    assert_eq!(client.cmd("RCPT TO:<b@later.example>").await, 451);
    // Every recipient refused: DATA itself is refused and nothing is stored.
    assert_eq!(client.cmd("DATA").await, 554);

    assert_eq!(client.cmd("RSET").await, 250);
    assert_eq!(client.cmd("MAIL FROM:<a@x>").await, 250);
    assert_eq!(client.cmd("RCPT TO:<bounce@x>").await, 550);
    assert_eq!(client.cmd("RCPT TO:<ok@x>").await, 250);
    assert_eq!(client.cmd("DATA").await, 354);
    client.send("partly delivered\r\n.\r\n").await;
    assert_eq!(client.reply().await.0, 250);

    sink.clear_rejections();
    assert_eq!(client.cmd("MAIL FROM:<a@x>").await, 250);
    assert_eq!(client.cmd("RCPT TO:<bounce@x>").await, 250);
    assert_eq!(client.cmd("QUIT").await, 221);

    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["ok@x"]);
}

#[tokio::test]
async fn stop_refuses_connections_and_port_can_be_reused() {
    let sink = Sink::start().await.unwrap();
    let port = sink.port();
    let mut open = Client::connect(port).await;
    assert_eq!(open.cmd("EHLO test").await, 250);

    sink.stop().await;
    sink.stop().await; // idempotent
    let refused = TcpStream::connect(("127.0.0.1", port)).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
    // The connection that was open has been dropped by the sink.
    let mut rest = Vec::new();
    let closed = timeout(STEP, open.reader.read_to_end(&mut rest)).await;
    assert!(matches!(closed, Ok(Ok(0)) | Ok(Err(_))), "{closed:?}");

    let again = Sink::start_on(port)
        .await
        .expect("restart on the same port");
    let mut client = Client::connect(port).await;
    assert_eq!(client.mail("a@x", &["b@x"], "again").await.0, 250);
    assert_eq!(again.wait_for(1, STEP).await.len(), 1);
    again.stop().await;
}

#[tokio::test]
async fn many_concurrent_connections() {
    let sink = Sink::start().await.unwrap();
    let port = sink.port();
    let clients: Vec<_> = (0..20)
        .map(|i| {
            tokio::spawn(async move {
                let mut client = Client::connect(port).await;
                for j in 0..5 {
                    let body = format!("message {i}/{j}");
                    assert_eq!(client.mail("a@x", &["b@x"], &body).await.0, 250);
                }
                assert_eq!(client.cmd("QUIT").await, 221);
            })
        })
        .collect();
    for client in clients {
        client.await.unwrap();
    }
    assert_eq!(sink.wait_for(100, STEP).await.len(), 100);
}

#[tokio::test]
async fn counting_mode_keeps_only_the_count() {
    let sink = Sink::start_counting(0).await.unwrap();
    let mut client = Client::connect(sink.port()).await;
    let big = "x".repeat(100_000);
    assert_eq!(client.mail("a@x", &["b@x"], &big).await.0, 250);
    assert_eq!(client.mail("a@x", &["b@x"], "small").await.0, 250);
    assert!(sink.wait_for(2, STEP).await.is_empty());
    assert_eq!(sink.count(), 2);
}

#[tokio::test]
async fn wait_for_returns_at_timeout_with_what_it_has() {
    let sink = Sink::start().await.unwrap();
    let started = std::time::Instant::now();
    assert!(sink
        .wait_for(1, Duration::from_millis(100))
        .await
        .is_empty());
    assert!(started.elapsed() >= Duration::from_millis(100));
}
