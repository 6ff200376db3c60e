//! The modes the parent runs as child processes: the sink and the measured parts.
use crate::measure::report;
use crate::setup::StoredMessage;
use crate::Result;
use coomet_surveys::campaigns::tokens::Minter;
use coomet_surveys::mail::{deliver_due, DeliveryReport};
use futures_util::StreamExt;
use lettre::message::header::ContentType;
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::time::Instant;

/// Count-only sink until stdin closes (or the process is killed). Prints `listening <port>`,
/// then answers every `count` line on stdin with the number of accepted messages.
pub fn sink(port: u16) -> Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    let sink = rt.block_on(smtp_sink::Sink::start_counting(port))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening {}", sink.port())?;
    out.flush()?;
    // The runtime's worker threads serve SMTP while this thread waits on stdin.
    for line in std::io::stdin().lock().lines() {
        if line?.trim() == "count" {
            writeln!(out, "{}", sink.count())?;
            out.flush()?;
        }
    }
    rt.block_on(sink.stop());
    Ok(())
}

/// Part 1: the service's own delivery, looped as `coomet-surveys mail send` loops it.
/// With `dkim_key`, every message is signed as the service signs it (`MAIL_DKIM_*`).
pub fn deliver(
    database_url: &str,
    smtp_url: &str,
    batch: u64,
    mail_from: &str,
    dkim_key: Option<&Path>,
) -> Result<()> {
    let root = crate::setup::repository_root()?;
    let scratch = std::env::temp_dir();
    let config = crate::setup::config(&root, database_url, smtp_url, mail_from, &scratch, dkim_key);
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        // Connecting, migrating (nothing to do) and loading templates: start-up, not timed.
        let app = coomet_surveys::App::init(config).await?;
        let start = Instant::now();
        let links = Minter::new(app.db.clone(), &app.mailer.public_url);
        let mut total = DeliveryReport::default();
        loop {
            let r = deliver_due(&app.db, &app.mailer, &links, batch, &|_| {}).await?;
            total.sent += r.sent;
            total.retrying += r.retrying;
            total.failed += r.failed;
            if r.attempted() == 0 {
                break;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        // Which of the service's transports SMTP_URL selected: the figures depend on it.
        let transport = format!("{:?}", app.mailer.transport);
        app.db.close().await?;
        report(
            &transport,
            total.sent,
            total.failed,
            total.retrying,
            seconds,
        );
        Ok(())
    })
}

/// Part 2: the same messages, built and sent by lettre alone, with the same pool and the same
/// kind of concurrency as `coomet_surveys::mail::deliver`. Ok(false) if any send failed.
pub fn lettre(
    messages_file: &Path,
    smtp_url: &str,
    concurrency: usize,
    mail_from: &str,
) -> Result<bool> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let from: Mailbox = mail_from.parse()?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?
            .pool_config(PoolConfig::new().max_size(8))
            .build();
        // Read line by line as the sends go, as the outbox reads rows batch by batch: holding
        // every message at once would count the file, not lettre, in the peak memory.
        let lines = BufReader::new(std::fs::File::open(messages_file)?).lines();
        let (transport, from) = (&transport, &from);
        let start = Instant::now();
        let mut outcomes = futures_util::stream::iter(lines)
            .map(|line| async move {
                let stored: StoredMessage = serde_json::from_str(&line?)?;
                let message = build_message(from, stored)?;
                transport.send(message).await?;
                Ok::<(), crate::Error>(())
            })
            .buffer_unordered(concurrency);
        let (mut sent, mut failed) = (0, 0);
        while let Some(outcome) = outcomes.next().await {
            match outcome {
                Ok(()) => sent += 1,
                Err(e) => {
                    if failed == 0 {
                        eprintln!("mail-bench lettre: {e}");
                    }
                    failed += 1;
                }
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        report(
            "lettre::AsyncSmtpTransport(pool_max_size=8)",
            sent,
            failed,
            0,
            seconds,
        );
        Ok(failed == 0)
    })
}

/// The message `coomet_surveys::mail::deliver` builds for SMTP: multipart/alternative, text and
/// HTML, each part encoded as lettre chooses, with the row's own Message-ID.
fn build_message(from: &Mailbox, m: StoredMessage) -> Result<Message> {
    let to = Mailbox::new(Some(m.to_name), m.to_addr.parse()?);
    let part = |content_type: ContentType, body: String| {
        SinglePart::builder()
            .header(content_type)
            .body(Body::new(body))
    };
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject)
        .message_id(Some(m.message_id))
        .multipart(
            MultiPart::alternative()
                .singlepart(part(ContentType::TEXT_PLAIN, m.body_text))
                .singlepart(part(ContentType::TEXT_HTML, m.body_html)),
        )?)
}
