//! `smtp-sink --port 2525 [--quiet] [--count-only]`
//!
//! Runs until SIGINT/SIGTERM. Stdout carries only numbers a benchmark script can
//! parse: `accepted <n>` at most once per second while the total changes, then
//! `total <n>` on exit. The listening address goes to stderr.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use smtp_sink::Sink;
use tokio::time::MissedTickBehavior;

#[derive(Parser)]
#[command(
    version,
    about = "SMTP sink on 127.0.0.1 for tests and mail benchmarks"
)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 2525)]
    port: u16,
    /// Do not print the running total
    #[arg(long)]
    quiet: bool,
    /// Count messages without keeping them, so memory stays bounded on long runs
    #[arg(long)]
    count_only: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let started = if args.count_only {
        Sink::start_counting(args.port).await
    } else {
        Sink::start_on(args.port).await
    };
    let sink = match started {
        Ok(sink) => sink,
        Err(e) => {
            eprintln!("smtp-sink: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    eprintln!("smtp-sink: listening on {}", sink.url());

    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    let mut reported = 0;
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            _ = tick.tick() => {
                let count = sink.count();
                if count != reported && !args.quiet {
                    println!("accepted {count}");
                    reported = count;
                }
            }
        }
    }
    sink.stop().await;
    println!("total {}", sink.count());
    ExitCode::SUCCESS
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        // If the handler cannot be installed, ctrl-c below still works.
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
