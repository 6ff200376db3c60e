//! `mail-bench [--messages 10000] [--concurrency 16] [--database-url URL] [--no-dkim]`
//!
//! Queues N invitations through the real outbox, then delivers them to a local SMTP sink three
//! times: with the service's own worker (`coomet_surveys::mail::deliver_due`), again with the
//! same worker signing every message with DKIM (RSA-2048, made by openssl), and with lettre
//! alone sending the same messages. Each measured part, and the sink, is a child process of
//! this one (the same executable in another mode), so each peak memory figure is its own.
mod child;
mod measure;
mod setup;

use clap::{Parser, Subcommand};
use coomet_surveys::mail::deliver::CONCURRENCY;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

/// What `MAIL_FROM` defaults to in the service.
pub const DEFAULT_MAIL_FROM: &str = "COOMET Secretariat <secretariat@example.org>";
/// Base of the personal links; a real link is this, `/r/` and a 43-character token.
pub const PUBLIC_URL: &str = "http://127.0.0.1:8000";
/// Rows `coomet-surveys mail send` (and the worker of `serve`) claims per batch.
pub const MAIL_SEND_BATCH: u64 = 100;

#[derive(Parser)]
#[command(
    about = "Messages per second and peak memory: the coomet-surveys outbox against lettre alone",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Invitations to queue and deliver
    #[arg(long, default_value_t = 10_000)]
    messages: usize,
    /// Concurrent sends of the lettre part; the outbox always uses
    /// coomet_surveys::mail::deliver::CONCURRENCY
    #[arg(long, default_value_t = CONCURRENCY)]
    concurrency: usize,
    /// Rows the outbox part claims per deliver_due call (`mail send` uses 100)
    #[arg(long, default_value_t = MAIL_SEND_BATCH)]
    batch: u64,
    /// Database: a fresh SQLite file in a temporary directory by default. A postgres:// URL names
    /// a server: the benchmark creates its own database there and drops it afterwards
    #[arg(long)]
    database_url: Option<String>,
    /// Sender of every message, as in the service
    #[arg(long, env = "MAIL_FROM", default_value = DEFAULT_MAIL_FROM)]
    mail_from: String,
    /// Leave out the DKIM-signed part (it needs openssl to make its key)
    #[arg(long)]
    no_dkim: bool,
    #[command(subcommand)]
    mode: Option<Mode>,
}

/// The child processes; the parent starts them, a person has no reason to.
#[derive(Subcommand)]
enum Mode {
    /// Count-only SMTP sink on 127.0.0.1; prints `listening <port>`, answers `count` on stdin
    Sink {
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Part 1: deliver the outbox the way `coomet-surveys mail send` does
    Deliver {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        smtp_url: String,
        #[arg(long, default_value_t = MAIL_SEND_BATCH)]
        batch: u64,
        #[arg(long, env = "MAIL_FROM", default_value = DEFAULT_MAIL_FROM)]
        mail_from: String,
        /// Sign every message with this RSA key (PKCS#1 PEM)
        #[arg(long)]
        dkim_key: Option<PathBuf>,
    },
    /// Part 2: send the messages of a JSON-lines file with lettre alone
    Lettre {
        #[arg(long)]
        messages_file: PathBuf,
        #[arg(long)]
        smtp_url: String,
        #[arg(long, default_value_t = CONCURRENCY)]
        concurrency: usize,
        #[arg(long, env = "MAIL_FROM", default_value = DEFAULT_MAIL_FROM)]
        mail_from: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.mode {
        Some(Mode::Sink { port }) => child::sink(port).map(|()| true),
        Some(Mode::Deliver {
            database_url,
            smtp_url,
            batch,
            mail_from,
            dkim_key,
        }) => child::deliver(
            &database_url,
            &smtp_url,
            batch,
            &mail_from,
            dkim_key.as_deref(),
        )
        .map(|()| true),
        Some(Mode::Lettre {
            messages_file,
            smtp_url,
            concurrency,
            mail_from,
        }) => child::lettre(&messages_file, &smtp_url, concurrency, &mail_from),
        None => bench(&Options {
            messages: cli.messages,
            concurrency: cli.concurrency,
            batch: cli.batch,
            database_url: cli.database_url,
            mail_from: cli.mail_from,
            dkim: !cli.no_dkim,
        }),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("mail-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    messages: usize,
    concurrency: usize,
    batch: u64,
    database_url: Option<String>,
    mail_from: String,
    dkim: bool,
}

const OUTBOX: &str = "coomet-surveys outbox";
/// Not starting with OUTBOX: tools/bench finds the outbox's row by its first words.
const SIGNED: &str = "outbox DKIM RSA-2048";
const LETTRE: &str = "lettre alone";

/// One measured part, as printed.
struct Row {
    part: &'static str,
    run: measure::ChildRun,
    /// Messages the sink accepted while the part ran.
    accepted: usize,
}

/// The parent: sink, setup, both parts, the table. Ok(false) when a part fell short.
fn bench(opts: &Options) -> Result<bool> {
    if opts.messages == 0 || opts.concurrency == 0 || opts.batch == 0 {
        return Err("--messages, --concurrency and --batch must be at least 1".into());
    }
    let root = setup::repository_root()?;
    let tmp = setup::TempDir::new()?;
    let rt = tokio::runtime::Runtime::new()?;
    let database = rt.block_on(setup::Database::prepare(
        opts.database_url.as_deref(),
        tmp.path(),
    ))?;
    let result = run_parts(opts, &root, &tmp, &rt, &database.url);
    // The database goes whatever happened, as does the temporary directory (on drop).
    if let Err(e) = rt.block_on(database.drop_if_owned()) {
        eprintln!("mail-bench: could not drop the benchmark database: {e}");
    }
    result
}

fn run_parts(
    opts: &Options,
    root: &std::path::Path,
    tmp: &setup::TempDir,
    rt: &tokio::runtime::Runtime,
    database_url: &str,
) -> Result<bool> {
    let n = opts.messages;
    let mut sink = measure::SinkProcess::start()?;
    let smtp_url = sink.url.clone();
    eprintln!("mail-bench: sink listening on {smtp_url}");

    eprintln!("mail-bench: seeding {n} contacts and queueing {n} invitations ...");
    let messages_file = tmp.path().join("messages.jsonl");
    let config = setup::config(
        root,
        database_url,
        &smtp_url,
        &opts.mail_from,
        tmp.path(),
        None,
    );
    let queued = rt.block_on(setup::prepare(config, n, &messages_file))?;

    let key = if opts.dkim {
        Some(setup::make_dkim_key(tmp.path())?)
    } else {
        None
    };
    let parts = parts(
        opts,
        database_url,
        &smtp_url,
        &messages_file,
        key.as_deref(),
    );
    let mut rows = Vec::new();
    for (part, args) in &parts {
        if *part == SIGNED {
            let again = rt.block_on(setup::requeue(database_url))?;
            eprintln!("mail-bench: {again} messages queued again for the signed part");
        }
        let before = sink.count()?;
        eprintln!("mail-bench: {part} ...");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = measure::run_child(&args)?;
        // A 250 to DATA is sent after the sink counted the message, so this settles at once;
        // the wait only covers a part that fell short.
        let after = sink.wait_for(before + n, Duration::from_secs(5))?;
        rows.push(Row {
            part,
            run,
            accepted: after - before,
        });
    }
    sink.stop();

    print_report(opts, database_url, &queued, &rows);
    let complete = rows
        .iter()
        .all(|r| r.run.exit_ok && r.run.sent == n && r.accepted == n);
    if !complete {
        eprintln!("mail-bench: a part did not deliver {n} messages to the sink (see above)");
    }
    Ok(complete)
}

/// The measured parts in order, each with its child's arguments: the outbox, the outbox
/// signing with `key` (when given), lettre alone.
fn parts(
    opts: &Options,
    database_url: &str,
    smtp_url: &str,
    messages_file: &std::path::Path,
    key: Option<&std::path::Path>,
) -> Vec<(&'static str, Vec<String>)> {
    let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let deliver = args(&[
        "deliver",
        "--database-url",
        database_url,
        "--smtp-url",
        smtp_url,
        "--batch",
        &opts.batch.to_string(),
        "--mail-from",
        &opts.mail_from,
    ]);
    let mut parts = vec![(OUTBOX, deliver.clone())];
    if let Some(key) = key {
        let mut signed = deliver;
        signed.extend(args(&["--dkim-key", &key.display().to_string()]));
        parts.push((SIGNED, signed));
    }
    let lettre = args(&[
        "lettre",
        "--messages-file",
        &messages_file.display().to_string(),
        "--smtp-url",
        smtp_url,
        "--concurrency",
        &opts.concurrency.to_string(),
        "--mail-from",
        &opts.mail_from,
    ]);
    parts.push((LETTRE, lettre));
    parts
}

fn print_report(opts: &Options, database_url: &str, queued: &setup::Queued, rows: &[Row]) {
    let n = opts.messages;
    let backend = if database_url.starts_with("sqlite:") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!();
    println!("command:  {}", command_line());
    println!(
        "setup:    {n} contacts with role training, campaign training-needs, {backend}; \
         sink in count-only mode on loopback"
    );
    println!(
        "queueing: campaigns::invite queued {} invitations in {:.2} s = {:.0} messages/s",
        queued.count,
        queued.seconds,
        queued.count as f64 / queued.seconds
    );
    print_sending(opts, rows);
    println!();
    println!(
        "{:<24} {:>9} {:>9} {:>11} {:>12}",
        "part", "messages", "seconds", "messages/s", "peak RSS MB"
    );
    for r in rows {
        let rate = if r.run.seconds > 0.0 {
            format!("{:.1}", r.run.sent as f64 / r.run.seconds)
        } else {
            "-".into()
        };
        println!(
            "{:<24} {:>9} {:>9.2} {:>11} {:>12.1}",
            r.part,
            r.accepted,
            r.run.seconds,
            rate,
            r.run.peak_kb as f64 / 1024.0
        );
    }
    println!();
    println!("messages: accepted by the sink during the part; peak RSS: the child's VmHWM in MiB");
    for r in rows {
        if !r.run.exit_ok || r.run.sent != n || r.accepted != n || r.run.failed > 0 {
            println!(
                "SHORT: {}: child exit {}, reported {} sent, {} failed, {} to retry; sink accepted {} of {n}",
                r.part,
                if r.run.exit_ok { "ok" } else { "failed" },
                r.run.sent,
                r.run.failed,
                r.run.retrying,
                r.accepted
            );
        }
    }
}

/// How each part sends, as the children reported it.
fn print_sending(opts: &Options, rows: &[Row]) {
    let transport = |part: &str| {
        rows.iter()
            .find(|r| r.part == part)
            .map(|r| r.run.transport.as_str())
            .filter(|t| !t.is_empty())
            .unwrap_or("(not reported)")
            .to_string()
    };
    println!(
        "sending:  outbox: deliver_due in batches of {} rows, {} concurrent sends, over the \
         service's own transport for SMTP_URL: {}",
        opts.batch,
        CONCURRENCY,
        transport(OUTBOX)
    );
    println!(
        "          lettre alone: {} concurrent sends over {}",
        opts.concurrency,
        transport(LETTRE)
    );
    if opts.dkim {
        println!(
            "          signed: the outbox part again, the same messages queued again, each \
             signed as MAIL_DKIM_* signs it (relaxed/relaxed, RSA-2048 SHA-256)"
        );
    }
    println!("          every part builds every message inside the timed span");
}

/// The command line as typed, quoted where a shell would need it.
fn command_line() -> String {
    std::env::args()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c))
            {
                a
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
