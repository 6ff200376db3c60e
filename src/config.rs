//! Configuration from the environment, with defaults that run the service with nothing set.
//! Every value is checked at start and every problem reported at once: a wrong setting never
//! surfaces later as a failed request or a failed mail.
pub use crate::dates::TimeZone;
use crate::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// `None`: mail is written to `data_dir/outbox` and read in the admin UI.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Messages per minute at most; `None` sends as fast as the server takes them.
    pub mail_per_minute: Option<u32>,
    /// How long a worker holds a message it is sending before another may take it over: the
    /// time after which a message of a crashed worker is sent again.
    pub mail_lease_seconds: u32,
    /// DKIM signing of outgoing mail (`MAIL_DKIM_SELECTOR` with `MAIL_DKIM_KEY_FILE`); off
    /// when unset, as a provider that relays the mail usually signs it.
    pub dkim: Option<DkimSettings>,
    /// Base of every link in e-mails; never derived from a request.
    pub public_url: String,
    /// Whether `PUBLIC_URL` was set, rather than `public_url` being the default: a command
    /// without it takes the address the running service recorded (`settings`).
    pub public_url_given: bool,
    pub data_dir: PathBuf,
    pub forms_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub seeds_dir: PathBuf,
    pub security: Security,
    /// Below how much free space `/health` answers 503.
    pub disk_floor: DiskFloor,
    /// The zone moments are shown in: `TIME_ZONE`, else `seeds/organisation.toml`, else UTC.
    pub time_zone: TimeZone,
}

/// What `seeds/organisation.toml` says of the organisation an installation serves.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    time_zone: Option<String>,
    /// The last year of the strategy roadmap whose indicators the surveys feed; later years
    /// continue them (`/review/roadmap` marks them so).
    pub roadmap_ends: Option<i32>,
}

/// `seeds/organisation.toml`, or nothing said where there is no such file; a file that does
/// not parse is a problem reported at start.
pub fn organisation(seeds_dir: &Path) -> std::result::Result<Organisation, String> {
    let path = seeds_dir.join("organisation.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Organisation::default());
    };
    toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))
}

/// The organisation's zone (`TIME_ZONE` first, then the seeds); a name that is no zone, or
/// an unreadable seeds file, is a problem reported at start.
pub fn time_zone(seeds_dir: &Path) -> std::result::Result<TimeZone, String> {
    if let Some(name) = var("TIME_ZONE") {
        return name.parse().map_err(|e| format!("TIME_ZONE: {e}"));
    }
    match organisation(seeds_dir)?.time_zone {
        Some(name) => name
            .parse()
            .map_err(|e| format!("{}: {e}", seeds_dir.join("organisation.toml").display())),
        None => Ok(TimeZone::default()),
    }
}

/// The free space under which the disk counts as nearly full: the smaller of
/// `DISK_FREE_FLOOR_MIB` (50) and `DISK_FREE_FLOOR_PERCENT` (5) of the disk, so that a small
/// VM's disk is not always in alarm and a large one is not alarmed with gigabytes free. 0 in
/// either turns the floor off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskFloor {
    pub mib: u32,
    pub percent: u32,
}

impl Default for DiskFloor {
    fn default() -> Self {
        DiskFloor {
            mib: 50,
            percent: 5,
        }
    }
}

impl DiskFloor {
    /// The floor in bytes on a disk of `total` bytes.
    pub fn bytes(self, total: u64) -> u64 {
        let fixed = u64::from(self.mib) << 20;
        let share = total / 100 * u64::from(self.percent);
        fixed.min(share)
    }

    fn from_env(problems: &mut Vec<String>) -> Self {
        let d = DiskFloor::default();
        DiskFloor {
            mib: number("DISK_FREE_FLOOR_MIB", problems, |_| true).unwrap_or(d.mib),
            percent: number("DISK_FREE_FLOOR_PERCENT", problems, |n| n <= 100).unwrap_or(d.percent),
        }
    }
}

/// Where the DKIM key is, and what the signature claims.
#[derive(Clone, Debug)]
pub struct DkimSettings {
    /// The DNS name `<selector>._domainkey.<domain>` publishes the public key.
    pub selector: String,
    /// `MAIL_DKIM_DOMAIN`, or the domain of `MAIL_FROM` (which DMARC wants it aligned with).
    pub domain: String,
    pub key_file: PathBuf,
}

impl DkimSettings {
    fn from_env(mail_from: &str, problems: &mut Vec<String>) -> Option<DkimSettings> {
        let from_domain = || {
            let mailbox = mail_from.parse::<lettre::message::Mailbox>().ok()?;
            Some(mailbox.email.domain().to_string())
        };
        match (var("MAIL_DKIM_SELECTOR"), var("MAIL_DKIM_KEY_FILE")) {
            (Some(selector), Some(key_file)) => Some(DkimSettings {
                selector: selector.trim().to_string(),
                domain: var("MAIL_DKIM_DOMAIN")
                    .or_else(from_domain)
                    .unwrap_or_default(),
                key_file: key_file.into(),
            }),
            (None, None) => None,
            _ => {
                problems.push(
                    "MAIL_DKIM_SELECTOR and MAIL_DKIM_KEY_FILE: set both to sign, or neither"
                        .into(),
                );
                None
            }
        }
    }
}

/// How long staff sessions and personal links live, and how the staff cookie is sent.
#[derive(Clone, Debug)]
pub struct Security {
    /// A staff session unused this long ends (`SESSION_IDLE_MINUTES`, 30).
    pub session_idle: Duration,
    /// A staff session ends this long after sign-in, however busy (`SESSION_MAX_HOURS`, 12).
    pub session_max: Duration,
    /// The staff cookie is `Secure` and named `__Host-staff` (`COOKIE_SECURE`, true). Only a
    /// trial over plain http on another machine than the browser's needs it off.
    pub cookie_secure: bool,
    /// Personal links open the submitted answers, read-only, this many days after their
    /// campaign closes, and nothing after (`LINK_GRACE_DAYS`, 30).
    pub link_grace_days: u32,
    /// `/metrics` answers, in Prometheus' text format (`METRICS`, false): off unless asked,
    /// as it tells anyone who reaches it how busy the service is.
    pub metrics: bool,
    /// Who must sign in with a second factor (`STAFF_SECOND_FACTOR`: `optional`,
    /// `secretariat` or `all`; optional by default, so that a first trial needs no phone).
    pub second_factor: SecondFactor,
}

/// Whose sign-in needs an authenticator code besides the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// Whoever set one up.
    Optional,
    /// The secretariat's accounts (they change things); reviewers as they choose.
    Secretariat,
    All,
}

impl SecondFactor {
    /// Whether an account (of the secretariat or not) must have one.
    pub fn required_for(self, secretariat: bool) -> bool {
        match self {
            SecondFactor::Optional => false,
            SecondFactor::Secretariat => secretariat,
            SecondFactor::All => true,
        }
    }

    fn from_env(problems: &mut Vec<String>) -> Self {
        match var("STAFF_SECOND_FACTOR").as_deref().map(str::trim) {
            None | Some("optional") => SecondFactor::Optional,
            Some("secretariat") => SecondFactor::Secretariat,
            Some("all") => SecondFactor::All,
            Some(other) => {
                problems.push(format!(
                    "STAFF_SECOND_FACTOR: \"{other}\" is not optional, secretariat or all"
                ));
                SecondFactor::Optional
            }
        }
    }
}

impl Default for Security {
    fn default() -> Self {
        Security {
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 3600),
            cookie_secure: true,
            link_grace_days: 30,
            metrics: false,
            second_factor: SecondFactor::Optional,
        }
    }
}

/// A true/false setting; anything else is a problem named with its variable.
fn switch(name: &str, default: bool, problems: &mut Vec<String>) -> bool {
    match var(name).as_deref().map(str::trim) {
        None => default,
        Some("true" | "1" | "yes") => true,
        Some("false" | "0" | "no") => false,
        Some(other) => {
            problems.push(format!("{name}: \"{other}\" is not true or false"));
            default
        }
    }
}

impl Security {
    fn from_env(problems: &mut Vec<String>) -> Self {
        let d = Security::default();
        let minutes = |n: u32| Duration::from_secs(u64::from(n) * 60);
        let cookie_secure = switch("COOKIE_SECURE", d.cookie_secure, problems);
        let metrics = switch("METRICS", d.metrics, problems);
        Security {
            session_idle: number("SESSION_IDLE_MINUTES", problems, |n| n > 0)
                .map_or(d.session_idle, minutes),
            session_max: number("SESSION_MAX_HOURS", problems, |n| n > 0)
                .map_or(d.session_max, |h| minutes(h * 60)),
            cookie_secure,
            link_grace_days: number("LINK_GRACE_DAYS", problems, |_| true)
                .unwrap_or(d.link_grace_days),
            metrics,
            second_factor: SecondFactor::from_env(problems),
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A number from the environment; a value that is not one is a problem, not a default.
fn number(name: &str, problems: &mut Vec<String>, valid: impl Fn(u32) -> bool) -> Option<u32> {
    let text = var(name)?;
    match text.trim().parse::<u32>() {
        Ok(n) if valid(n) => Some(n),
        _ => {
            problems.push(format!("{name}: \"{text}\" is not an allowed number"));
            None
        }
    }
}

impl Config {
    /// Reads the environment; `Err` lists every setting that is wrong.
    pub fn from_env() -> Result<Self> {
        let mut problems = Vec::new();
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", data_dir.join("coomet.db").display())
        });
        let seeds_dir: PathBuf = var("SEEDS_DIR").unwrap_or_else(|| "seeds".into()).into();
        let time_zone = time_zone(&seeds_dir).unwrap_or_else(|problem| {
            problems.push(problem);
            TimeZone::default()
        });
        let mail_from = var("MAIL_FROM")
            .unwrap_or_else(|| "COOMET Secretariat <secretariat@example.org>".into());
        let config = Config {
            database_url,
            dkim: DkimSettings::from_env(&mail_from, &mut problems),
            smtp_url: var("SMTP_URL"),
            mail_per_minute: number("MAIL_PER_MINUTE", &mut problems, |n| n > 0),
            mail_lease_seconds: number("MAIL_LEASE_SECONDS", &mut problems, |n| n > 0)
                .unwrap_or(120),
            mail_from,
            public_url_given: var("PUBLIC_URL").is_some(),
            public_url: var("PUBLIC_URL")
                .unwrap_or_else(|| "http://127.0.0.1:8000".into())
                .trim_end_matches('/')
                .to_string(),
            data_dir,
            forms_dir: var("FORMS_DIR").unwrap_or_else(|| "forms".into()).into(),
            templates_dir: var("TEMPLATES_DIR")
                .unwrap_or_else(|| "templates".into())
                .into(),
            seeds_dir,
            time_zone,
            security: Security::from_env(&mut problems),
            disk_floor: DiskFloor::from_env(&mut problems),
        };
        problems.extend(config.problems());
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Error::Config(problems))
        }
    }

    /// What is wrong with the values themselves, however they were set.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let db = &self.database_url;
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            problems.push("DATABASE_URL: must start with sqlite: or postgres://".into());
        }
        if let Some(url) = &self.smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                problems.push("SMTP_URL: must start with smtp:// or smtps://".into());
            }
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            problems.push(format!(
                "MAIL_FROM: \"{}\" is not a mailbox",
                self.mail_from
            ));
        }
        let public = &self.public_url;
        let host = public.split_once("://").map(|x| x.1).unwrap_or("");
        if !(public.starts_with("http://") || public.starts_with("https://")) || host.is_empty() {
            problems.push(format!("PUBLIC_URL: \"{public}\" is not an http(s) URL"));
        }
        // A browser keeps a Secure cookie sent over plain http only from its own machine.
        if self.security.cookie_secure && public.starts_with("http://") && !is_loopback(host) {
            problems.push(format!(
                "PUBLIC_URL: \"{public}\" is plain http on another machine, where browsers drop \
the secure staff cookie: serve over https, or set COOKIE_SECURE=false for a trial"
            ));
        }
        for (name, dir) in [
            ("FORMS_DIR", &self.forms_dir),
            ("TEMPLATES_DIR", &self.templates_dir),
            ("SEEDS_DIR", &self.seeds_dir),
        ] {
            if !dir.is_dir() {
                problems.push(format!("{name}: {} is not a directory", dir.display()));
            }
        }
        problems
    }

    pub fn staff_cookie(&self) -> &'static str {
        if self.security.cookie_secure {
            "__Host-staff"
        } else {
            "staff"
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// The host part of `PUBLIC_URL`, for Message-IDs.
    pub fn public_host(&self) -> String {
        let url = &self.public_url;
        let rest = url.split_once("://").map(|x| x.1).unwrap_or(url);
        match rest.split(['/', ':']).next() {
            Some(host) if !host.is_empty() => host.to_string(),
            _ => "localhost".into(),
        }
    }
}

fn is_loopback(host_and_path: &str) -> bool {
    let host = host_and_path.split('/').next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{is_loopback, DiskFloor};

    #[test]
    fn the_disk_floor_is_the_smaller_of_its_two_bounds() {
        let d = DiskFloor::default();
        let mib = |n: u64| n << 20;
        assert_eq!(d.bytes(mib(100 * 1024)), mib(50), "a large disk: 50 MiB");
        assert_eq!(d.bytes(mib(200)), mib(10), "a small one: 5%");
        assert_eq!(DiskFloor { mib: 0, percent: 5 }.bytes(mib(200)), 0);
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for local in [
            "localhost:8000",
            "127.0.0.1:8000/x",
            "[::1]:8000",
            "127.0.0.2",
        ] {
            assert!(is_loopback(local), "{local}");
        }
        for remote in [
            "surveys.coomet.org",
            "10.0.0.5:8000",
            "localhost.example.org",
        ] {
            assert!(!is_loopback(remote), "{remote}");
        }
    }
}
