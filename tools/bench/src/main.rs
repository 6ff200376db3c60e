//! `bench [--quick] [--respondents 16] [--seconds 10] [--database-url postgres://...]`
//!
//! The benchmarks of issue 9 in one command, every figure beside a reference measured in the
//! same run on the same machine: the form page against a bare Rocket route serving the same
//! bytes; saves and submits against raw single-row inserts; the outbox against lettre alone
//! (tools/mail-bench); indicators against one plain scan of the same answers; the peak memory
//! of `serve` against the bare route's. See tools/bench/README.md.
mod answers;
mod bare;
mod export;
mod http;
mod indicators;
mod lib_calls;
mod load;
mod mail;
mod raw_insert;
mod report;
mod setup;
mod sql;
mod stats;
mod web;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

#[derive(Parser)]
#[command(
    about = "coomet-surveys benchmarks, each figure beside a reference from the same run",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// 3-second loads, 500 messages, one indicators round
    #[arg(long)]
    quick: bool,
    /// Concurrent respondents (N) of the web loads and tasks of the raw inserts
    #[arg(long, default_value_t = 16)]
    respondents: usize,
    /// Seconds per web load and for the raw inserts [default: 10, 3 with --quick]
    #[arg(long)]
    seconds: Option<u64>,
    /// PostgreSQL server (postgres://user@host:port/any): every part creates its own database
    /// there and drops it. Default: SQLite files in a temporary directory
    #[arg(long)]
    database_url: Option<String>,
    /// Invitations mail-bench sends [default: 2000, 500 with --quick]
    #[arg(long)]
    messages: Option<usize>,
    /// Years of campaigns of every form in the indicators data
    #[arg(long, default_value_t = 10)]
    years: i32,
    /// Synthetic institutes in the indicators data
    #[arg(long, default_value_t = 200)]
    institutes: usize,
    /// Rounds of the indicators timing (the median is reported) [default: 3, 1 with --quick]
    #[arg(long)]
    rounds: Option<usize>,
    /// Parts to leave out: web, mail, indicators, export (comma-separated)
    #[arg(long, value_delimiter = ',')]
    skip: Vec<String>,
    /// Use the executables as they are instead of running cargo build first
    #[arg(long)]
    no_build: bool,
    #[command(subcommand)]
    mode: Option<Mode>,
}

/// The child process the parent starts; a person has no reason to.
#[derive(Subcommand)]
enum Mode {
    /// The bare Rocket route: serves the pages of DIR (file name = token) on ROCKET_PORT
    Bare {
        #[arg(long)]
        pages: PathBuf,
    },
}

/// Everything the web part measured.
pub struct WebResults {
    pub get_serve: stats::Run,
    pub get_bare: stats::Run,
    pub save_serve: load::SaveRun,
    pub save_bare: load::SaveRun,
    pub raw: raw_insert::Inserts,
    pub peak_serve_kb: u64,
    pub peak_bare_kb: u64,
    /// What `serve` logged at RUST_LOG=warn while under load.
    pub serve_log: web::LogSummary,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.mode {
        Some(Mode::Bare { pages }) => bare::serve(pages).map(|()| true),
        None => bench(&cli),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every part; Ok(false) if a part failed (the others still run and are reported).
fn bench(cli: &Cli) -> Result<bool> {
    if cli.respondents < 2 {
        return Err("--respondents must be at least 2".into());
    }
    let root = setup::repository_root()?;
    if !cli.no_build {
        build(&root)?;
    }
    let seconds = cli.seconds.unwrap_or(if cli.quick { 3 } else { 10 });
    let duration = Duration::from_secs(seconds);
    let tmp = setup::TempDir::new()?;
    let rt = tokio::runtime::Runtime::new()?;
    let skip = |part: &str| cli.skip.iter().any(|s| s == part);
    let server = cli.database_url.as_deref();
    let load_before = report::load_average();
    let mut ok = true;
    let mut failed = |part: &str, e: Error| {
        eprintln!("bench: the {part} part failed: {e}");
        ok = false;
    };

    let web = (!skip("web"))
        .then(|| {
            rt.block_on(web_part(
                &root,
                tmp.path(),
                server,
                cli.respondents,
                duration,
            ))
        })
        .and_then(|r| r.map_err(|e| failed("web", e)).ok());
    let messages = cli.messages.unwrap_or(if cli.quick { 500 } else { 2000 });
    let mail = (!skip("mail"))
        .then(|| mail::run(&setup::sibling_executable("mail-bench")?, messages, server))
        .and_then(|r| r.map_err(|e| failed("mail", e)).ok());
    let rounds = cli.rounds.unwrap_or(if cli.quick { 1 } else { 3 }).max(1);
    let ind = (!skip("indicators"))
        .then(|| rt.block_on(indicators_part(&root, tmp.path(), server, cli, rounds)))
        .and_then(|r| r.map_err(|e| failed("indicators", e)).ok());

    let complete = mail.as_ref().is_none_or(|m| m.complete);
    print(cli, seconds, &load_before, &web, &mail, &ind);
    Ok(ok && complete)
}

fn print(
    cli: &Cli,
    seconds: u64,
    load_before: &str,
    web: &Option<WebResults>,
    mail: &Option<mail::Mail>,
    ind: &Option<(
        indicators::Dataset,
        indicators::Timings,
        Option<export::Timings>,
    )>,
) {
    let database = match cli.database_url {
        Some(_) => "PostgreSQL",
        None => "SQLite",
    };
    report::header(database, load_before, cli.respondents, seconds);
    if let Some(w) = web {
        report::web(w);
    }
    if let Some(m) = mail {
        report::mail(m);
    }
    if let Some((d, t, e)) = ind {
        report::indicators(d, t);
        if let Some(e) = e {
            report::export(e);
        }
    }
    report::summary(
        web.as_ref(),
        mail.as_ref(),
        ind.as_ref().map(|(d, t, _)| (d, t)),
    );
}

/// `cargo build` of the service and mail-bench, with this executable's profile.
fn build(root: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.current_dir(root)
        .args(["build", "-p", "coomet-surveys", "-p", "mail-bench"]);
    // What `cargo run` set for this process is not the caller's environment: some build
    // scripts (ring's) track CARGO_MANIFEST_DIR, and inheriting it would rebuild them here and
    // again in the next ordinary `cargo build`.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let set_by_cargo_run = name.starts_with("CARGO_PKG_")
            || [
                "CARGO_MANIFEST_DIR",
                "CARGO_MANIFEST_PATH",
                "CARGO_CRATE_NAME",
                "CARGO_BIN_NAME",
                "CARGO_PRIMARY_PACKAGE",
                "CARGO_TARGET_TMPDIR",
            ]
            .contains(&name.as_ref());
        if set_by_cargo_run {
            cmd.env_remove(name.as_ref());
        }
    }
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    } else {
        eprintln!("bench: a debug build: its figures mean nothing; use cargo run --release");
    }
    eprintln!("bench: building coomet-surveys and mail-bench ...");
    if !cmd.status()?.success() {
        return Err("cargo build of coomet-surveys and mail-bench failed".into());
    }
    Ok(())
}

async fn web_part(
    root: &Path,
    tmp: &Path,
    server: Option<&str>,
    n: usize,
    duration: Duration,
) -> Result<WebResults> {
    let db = setup::Database::prepare(server, tmp, "web").await?;
    let outcome = web_loads(root, tmp, &db.url, n, duration).await;
    db.drop_if_owned().await?;
    let (loads, peaks, serve_log) = outcome?;
    eprintln!("bench: raw inserts (reference of the saves) ...");
    let raw_db = setup::Database::prepare(server, tmp, "raw").await?;
    let raw = raw_insert::run(&raw_db.url, n, duration).await;
    raw_db.drop_if_owned().await?;
    let [get_serve, get_bare] = loads.0;
    let [save_serve, save_bare] = loads.1;
    Ok(WebResults {
        get_serve,
        get_bare,
        save_serve,
        save_bare,
        raw: raw?,
        peak_serve_kb: peaks.0,
        peak_bare_kb: peaks.1,
        serve_log,
    })
}

type Loads = ([stats::Run; 2], [load::SaveRun; 2]);

/// Prepares the service, starts `serve` and the bare route, and runs both loads on each.
async fn web_loads(
    root: &Path,
    tmp: &Path,
    db_url: &str,
    n: usize,
    duration: Duration,
) -> Result<(Loads, (u64, u64), web::LogSummary)> {
    let data_dir = tmp.join("web");
    let exe = setup::sibling_executable("coomet-surveys")?;
    let service = web::Service::new(
        exe.clone(),
        root,
        data_dir.clone(),
        db_url,
        setup::free_port()?,
    )?;
    eprintln!("bench: preparing the service: {n} respondents, campaign, invitations ...");
    let respondents = web::prepare(&service, db_url, n).await?;
    let mut cmd = service.command(&exe);
    cmd.arg("serve");
    let serve_log = tmp.join("serve.log");
    let serve = web::Server::start("serve", cmd, &serve_log, "/health", service.port).await?;
    let serve_addr = ([127, 0, 0, 1], service.port).into();

    let pages = tmp.join("pages");
    save_pages(serve_addr, &respondents, &pages).await?;
    let bare_env = web::Service::new(exe, root, data_dir, db_url, setup::free_port()?)?;
    let mut cmd = bare_env.command(&std::env::current_exe()?);
    cmd.arg("bare").arg("--pages").arg(&pages);
    let probe = &respondents[0].path;
    let bare = web::Server::start("bare", cmd, &tmp.join("bare.log"), probe, bare_env.port).await?;
    let bare_addr = ([127, 0, 0, 1], bare_env.port).into();

    let paths: Vec<String> = respondents.iter().map(|r| r.path.clone()).collect();
    eprintln!("bench: form GET, serve then bare route ...");
    let gets = [
        load::get_load(serve_addr, &paths, duration).await,
        load::get_load(bare_addr, &paths, duration).await,
    ];
    eprintln!("bench: save and submit, serve then bare route ...");
    let body = answers::encode(answers::TRAINING_NEEDS.iter().copied());
    let saves = [
        load::save_load(serve_addr, &respondents, &body, duration).await,
        load::save_load(bare_addr, &respondents, &body, duration).await,
    ];
    let peaks = (serve.peak_kb(), bare.peak_kb());
    drop((serve, bare));
    Ok(((gets, saves), peaks, web::LogSummary::read(&serve_log)))
}

/// Each respondent's page as `serve` gives it, into `dir/<token>` for the bare route.
async fn save_pages(
    addr: std::net::SocketAddr,
    respondents: &[load::Respondent],
    dir: &Path,
) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut conn = http::Conn::new(addr);
    for r in respondents {
        let reply = conn.get(&r.path).await?;
        if reply.status != 200 || load::version_in(&String::from_utf8_lossy(&reply.body)).is_none()
        {
            return Err(format!("GET {} answered {} without a form", r.path, reply.status).into());
        }
        std::fs::write(dir.join(r.path.trim_start_matches("/r/")), &reply.body)?;
    }
    Ok(())
}

async fn indicators_part(
    root: &Path,
    tmp: &Path,
    server: Option<&str>,
    cli: &Cli,
    rounds: usize,
) -> Result<(
    indicators::Dataset,
    indicators::Timings,
    Option<export::Timings>,
)> {
    let db = setup::Database::prepare(server, tmp, "indicators").await?;
    let outcome = async {
        let forms = lib_calls::Forms::load(root)?;
        let exe = setup::sibling_executable("coomet-surveys")?;
        let dir = tmp.join("indicators");
        let service = web::Service::new(exe, root, dir, &db.url, setup::free_port()?)?;
        eprintln!(
            "bench: indicators data: {} years x {} institutes x every form ...",
            cli.years, cli.institutes
        );
        let data = indicators::build(&service, &db.url, &forms, cli.years, cli.institutes).await?;
        eprintln!("bench: indicators, {rounds} round(s) ...");
        let timings = indicators::measure(&db.url, rounds, &forms, root).await?;
        let export = if cli.skip.iter().any(|s| s == "export") {
            None
        } else {
            eprintln!(
                "bench: export of {} responses, {rounds} round(s) ...",
                export::RESPONSES
            );
            Some(export::measure(&db.url, rounds).await?)
        };
        Ok::<_, Error>((data, timings, export))
    }
    .await;
    db.drop_if_owned().await?;
    outcome
}
