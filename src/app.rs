//! The application: configuration, database, forms, templates and mail transport, built once
//! at start-up and shared by the web service and the command line.
use crate::forms::Registry;
use crate::i18n::Renderer;
use crate::mail::Transport;
use crate::{Config, Result};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub db: DatabaseConnection,
    pub forms: Arc<Registry>,
    pub renderer: Arc<Renderer>,
    pub transport: Transport,
    /// `MAIL_PER_MINUTE`: a provider's sending limit, kept by waiting before each message.
    pub mail_rate: Option<Arc<governor::DefaultDirectRateLimiter>>,
}

impl App {
    /// Connects and migrates the database, then loads forms and templates; any schema or
    /// template problem stops here rather than on a user's request.
    pub async fn init(config: Config) -> Result<Self> {
        let db = crate::db::connect(&config.database_url).await?;
        crate::db::migrate(&db).await?;
        Self::with_db(config, db)
    }

    pub fn with_db(config: Config, db: DatabaseConnection) -> Result<Self> {
        let forms = Registry::load(&config.forms_dir, &config.seeds_dir)?;
        let renderer = Renderer::load(&config.templates_dir)?;
        let transport = Transport::from_config(&config)?;
        let mail_rate = config
            .mail_per_minute
            .and_then(std::num::NonZeroU32::new)
            .map(|n| {
                // Spread over the minute rather than a burst of the whole minute's quota.
                let burst = std::num::NonZeroU32::new((n.get() / 60).max(1)).unwrap_or(n);
                let quota = governor::Quota::per_minute(n).allow_burst(burst);
                Arc::new(governor::RateLimiter::direct(quota))
            });
        Ok(App {
            mail_rate,
            config,
            db,
            forms: Arc::new(forms),
            renderer: Arc::new(renderer),
            transport,
        })
    }

    /// The host part of `PUBLIC_URL`, for Message-IDs.
    pub fn host(&self) -> String {
        let url = &self.config.public_url;
        let rest = url.split_once("://").map(|x| x.1).unwrap_or(url);
        let host = rest.split(['/', ':']).next().unwrap_or("localhost");
        if host.is_empty() {
            "localhost".into()
        } else {
            host.to_string()
        }
    }
}
