//! Configuration from the environment, with defaults that run the service with nothing set.
use std::path::PathBuf;

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
    /// Base of every link in e-mails; never derived from a request.
    pub public_url: String,
    pub data_dir: PathBuf,
    pub forms_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub seeds_dir: PathBuf,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Self {
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", data_dir.join("coomet.db").display())
        });
        Config {
            database_url,
            smtp_url: var("SMTP_URL"),
            mail_per_minute: var("MAIL_PER_MINUTE").and_then(|v| v.parse().ok()),
            mail_lease_seconds: var("MAIL_LEASE_SECONDS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(120),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "COOMET Secretariat <secretariat@example.org>".into()),
            public_url: var("PUBLIC_URL")
                .unwrap_or_else(|| "http://127.0.0.1:8000".into())
                .trim_end_matches('/')
                .to_string(),
            data_dir,
            forms_dir: var("FORMS_DIR").unwrap_or_else(|| "forms".into()).into(),
            templates_dir: var("TEMPLATES_DIR")
                .unwrap_or_else(|| "templates".into())
                .into(),
            seeds_dir: var("SEEDS_DIR").unwrap_or_else(|| "seeds".into()).into(),
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}
