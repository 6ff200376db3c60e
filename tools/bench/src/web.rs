//! The web part's setup, through the service's own executable: a data directory and database of
//! their own, the reference data, N respondents with personal links (on synthetic institutes, so
//! that most are alone on their unit and a few share one in pairs), a training-needs campaign,
//! and the real `serve` and the bare route as child processes.
use crate::load::Respondent;
use crate::setup::vm_hwm_kb;
use crate::sql::{self, Row};
use crate::Result;
use sea_orm::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The `coomet-surveys` executable with the environment of one benchmark service.
pub struct Service {
    pub exe: PathBuf,
    pub data_dir: PathBuf,
    pub port: u16,
    env: Vec<(&'static str, String)>,
}

impl Service {
    pub fn new(
        exe: PathBuf,
        root: &Path,
        data_dir: PathBuf,
        db_url: &str,
        port: u16,
    ) -> Result<Service> {
        std::fs::create_dir_all(&data_dir)?;
        let at = |dir: &str| root.join(dir).display().to_string();
        let env = vec![
            ("DATA_DIR", data_dir.display().to_string()),
            ("DATABASE_URL", db_url.to_string()),
            ("FORMS_DIR", at("forms")),
            ("TEMPLATES_DIR", at("templates")),
            ("SEEDS_DIR", at("seeds")),
            ("PUBLIC_URL", format!("http://127.0.0.1:{port}")),
            ("RUST_LOG", "warn".into()),
            ("ROCKET_ADDRESS", "127.0.0.1".into()),
            ("ROCKET_PORT", port.to_string()),
            ("ROCKET_LOG_LEVEL", "off".into()),
            ("NO_COLOR", "1".into()),
        ];
        Ok(Service {
            exe,
            data_dir,
            port,
            env,
        })
    }

    /// A command with this service's environment; settings that would change what is measured
    /// (SMTP, sending limits, a proxy header) are removed from the inherited one.
    pub fn command(&self, exe: &Path) -> Command {
        let mut cmd = Command::new(exe);
        for name in [
            "SMTP_URL",
            "MAIL_PER_MINUTE",
            "ROCKET_IP_HEADER",
            "ROCKET_SECRET_KEY",
        ] {
            cmd.env_remove(name);
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.data_dir);
        cmd
    }

    /// Runs `coomet-surveys args..`; its standard output, or an error with its messages.
    pub fn cli(&self, args: &[&str]) -> Result<String> {
        let out = self
            .command(&self.exe)
            .args(args)
            .output()
            .map_err(|e| format!("running {}: {e}", self.exe.display()))?;
        if !out.status.success() {
            return Err(format!(
                "coomet-surveys {}: {}{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// Migrates and seeds, adds `n` respondents (pairs share an institute), opens the campaign,
/// invites and mails them; returns each respondent's link path, read from the file outbox.
pub async fn prepare(service: &Service, db_url: &str, n: usize) -> Result<Vec<Respondent>> {
    service.cli(&["migrate"])?;
    service.cli(&["seed"])?;
    let people = add_respondents(db_url, n).await?;
    let id = service.cli(&[
        "campaign",
        "open",
        "--form",
        "training-needs",
        "--year",
        "2026",
        "--closes",
        "2099-12-31",
    ])?;
    let id = id.trim().lines().last().unwrap_or("").trim().to_string();
    service.cli(&["invite", &id])?;
    service.cli(&["mail", "send"])?;
    let links = links_in_outbox(&service.data_dir.join("outbox"), service.port)?;
    people
        .into_iter()
        .map(|(email, shared)| {
            let path = links
                .get(&email)
                .ok_or_else(|| format!("no invitation with a link reached {email}"))?;
            Ok(Respondent {
                path: path.clone(),
                shared,
            })
        })
        .collect()
}

/// `n` contacts with the role `training` on synthetic institutes `BENCH001..`: the first
/// `n / 4` institutes have two contacts each (a shared unit), the others one. Returns
/// (e-mail, shares a unit) per contact.
async fn add_respondents(db_url: &str, n: usize) -> Result<Vec<(String, bool)>> {
    let pairs = n / 4;
    let institutes = n - pairs;
    let db = sea_orm::Database::connect(db_url).await?;
    let countries = sql::texts(&db, "SELECT code FROM countries ORDER BY code").await?;
    let rows: Vec<Row> = (0..institutes)
        .map(|i| {
            let country = &countries[i % countries.len()][0];
            vec![
                Value::from(format!("BENCH{:03}", i + 1)),
                country.clone().into(),
                format!("Benchmark Institute {}", i + 1).into(),
                Value::from("NMI"),
            ]
        })
        .collect();
    let cols = ["acronym", "country_code", "name_en", "kind"];
    sql::insert(&db, "institutes", &cols, &rows).await?;
    let ids = sql::texts(
        &db,
        "SELECT CAST(id AS TEXT) FROM institutes WHERE acronym LIKE 'BENCH%' ORDER BY acronym",
    )
    .await?;
    let mut people = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for k in 0..n {
        // Contacts 0,1 share institute 0, 2,3 institute 1, ...; the rest are alone.
        let (institute, shared) = if k < 2 * pairs {
            (k / 2, true)
        } else {
            (k - pairs, false)
        };
        let email = format!("bench-{}@example.org", k + 1);
        let language = if k % 2 == 0 { "ru" } else { "en" };
        rows.push(vec![
            ids[institute][0].parse::<i32>()?.into(),
            format!("Bench Respondent {}", k + 1).into(),
            email.clone().into(),
            language.into(),
            "training".into(),
            true.into(),
            sql::now().into(),
        ]);
        people.push((email, shared));
    }
    let cols = [
        "institute_id",
        "name",
        "email",
        "language",
        "roles",
        "active",
        "created_at",
    ];
    sql::insert(&db, "contacts", &cols, &rows).await?;
    db.close().await?;
    Ok(people)
}

/// E-mail address -> `/r/<token>`, from the `.eml` files of the file outbox.
fn links_in_outbox(dir: &Path, port: u16) -> Result<BTreeMap<String, String>> {
    let prefix = format!("http://127.0.0.1:{port}/r/");
    let mut links = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let raw = std::fs::read_to_string(entry?.path())?;
        let to = raw
            .lines()
            .find_map(|l| l.strip_prefix("To:"))
            .map(|t| t.trim())
            .map(|t| {
                t.rsplit_once('<')
                    .map_or(t, |(_, a)| a.trim_end_matches('>'))
            })
            .unwrap_or("");
        let token: Option<String> = raw.find(&prefix).map(|at| {
            raw[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        });
        if let Some(token) = token.filter(|t| t.len() == 43) {
            links.insert(to.to_string(), format!("/r/{token}"));
        }
    }
    Ok(links)
}

/// The warnings and errors in a server's log (Rocket's own launch line aside).
#[derive(Debug, Default)]
pub struct LogSummary {
    pub warnings: usize,
    pub errors: usize,
    pub first_error: Option<String>,
}

impl LogSummary {
    pub fn read(path: &Path) -> LogSummary {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut summary = LogSummary::default();
        for line in text.lines().map(without_ansi) {
            if line.contains(" ERROR ") {
                summary.errors += 1;
                summary.first_error.get_or_insert(line);
            } else if line.contains(" WARN ") && !line.contains("Rocket has launched") {
                summary.warnings += 1;
            }
        }
        summary
    }
}

/// `line` without terminal colour sequences (ESC [ ... m).
fn without_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A server child process whose peak memory is polled every 20 ms while it runs.
pub struct Server {
    pub name: &'static str,
    child: Child,
    peak_kb: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Starts `cmd` (stdout and stderr to `log`) and waits until `probe` answers 200.
    pub async fn start(
        name: &'static str,
        mut cmd: Command,
        log: &Path,
        probe: &str,
        port: u16,
    ) -> Result<Server> {
        let file = std::fs::File::create(log)?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()
            .map_err(|e| format!("starting {name}: {e}"))?;
        let pid = child.id();
        let (peak_kb, stop) = (
            Arc::new(AtomicU64::new(0)),
            Arc::new(AtomicBool::new(false)),
        );
        let (peak, halt) = (peak_kb.clone(), stop.clone());
        std::thread::spawn(move || {
            while !halt.load(Ordering::Relaxed) {
                if let Some(kb) = vm_hwm_kb(pid) {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let mut server = Server {
            name,
            child,
            peak_kb,
            stop,
        };
        server.wait_ready(probe, port).await?;
        Ok(server)
    }

    async fn wait_ready(&mut self, probe: &str, port: u16) -> Result<()> {
        let addr = ([127, 0, 0, 1], port).into();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if let Some(status) = self.child.try_wait()? {
                return Err(format!("{} exited at start ({status})", self.name).into());
            }
            let mut conn = crate::http::Conn::new(addr);
            if let Ok(reply) = conn.get(probe).await {
                if reply.status == 200 {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{} did not answer {probe} within 60 s", self.name).into())
    }

    /// Peak resident memory so far, in kB (the child's `VmHWM`).
    pub fn peak_kb(&self) -> u64 {
        if let Some(kb) = vm_hwm_kb(self.child.id()) {
            self.peak_kb.fetch_max(kb, Ordering::Relaxed);
        }
        self.peak_kb.load(Ordering::Relaxed)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
