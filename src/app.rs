//! The application: configuration, database, forms, templates and the mailer, built once at
//! start-up and shared by the web service and the command line. A plain holder: it builds and
//! hands out, and decides nothing.
use crate::forms::versions::Store;
use crate::forms::Snapshots;
use crate::i18n::Renderer;
use crate::mail::{Mailer, Outgoing};
use crate::{Config, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub db: DatabaseConnection,
    /// The surveys' versions, as the database has them.
    pub forms: Arc<Store>,
    /// Campaigns' schemas, parsed once each.
    pub snapshots: Arc<Snapshots>,
    pub renderer: Arc<Renderer>,
    pub mailer: Mailer,
    /// Wakes the delivery worker, where one runs (the secretariat's "send now").
    pub mail_wake: Arc<Notify>,
    /// The free space where the service writes.
    pub space: Arc<crate::storage::Watch>,
}

impl App {
    /// Connects and migrates the database, then loads forms and templates; any schema or
    /// template problem stops here rather than on a user's request.
    pub async fn init(config: Config) -> Result<Self> {
        crate::private::tighten(&config.data_dir)?;
        let db = crate::db::connect(&config.database_url).await?;
        crate::db::migrate(&db).await?;
        Self::with_db(config, db).await
    }

    /// The application over a migrated database: `forms/` checked (a broken file stops the
    /// start) and each survey the database lacks added as its version 1.
    pub async fn with_db(config: Config, db: DatabaseConnection) -> Result<Self> {
        crate::dates::show_in(config.time_zone);
        let renderer = Renderer::load(&config.templates_dir)?;
        let lists = crate::forms::lists::store::seed(&db, &config.seeds_dir).await?;
        if lists > 0 {
            tracing::info!(
                lists,
                "reference lists of seeds/lists added as their version 1"
            );
        }
        let refs = crate::forms::lists::store::current(&db, &config.seeds_dir).await?;
        let files = crate::forms::load::files(&config.forms_dir, &refs, &renderer.i18n)?;
        let added = crate::forms::versions::seed(&db, &files).await?;
        if added > 0 {
            tracing::info!(added, "surveys of forms/ added as their version 1");
        }
        let mailer = Mailer::from_config(&config)?;
        let places = std::iter::once(config.data_dir.clone())
            .chain(crate::db::sqlite_dir(&config.database_url));
        let space = crate::storage::Watch::new(places, config.disk_floor);
        Ok(App {
            space: Arc::new(space),
            config,
            db,
            forms: Arc::default(),
            snapshots: Arc::default(),
            renderer: Arc::new(renderer),
            mailer,
            mail_wake: Arc::new(Notify::new()),
        })
    }

    /// The address a command makes links with: see `settings::link_base`.
    pub async fn link_base(&self) -> Result<String> {
        let recorded = crate::settings::recorded_public_url(&self.db).await?;
        let own = &self.config.public_url;
        crate::settings::link_base(own, self.config.public_url_given, recorded.as_deref())
    }

    /// At the service's start: refuses to make links with the default address where the
    /// service ran at another, then records the address it runs at.
    pub async fn record_public_url(&self) -> Result<()> {
        let recorded = crate::settings::recorded_public_url(&self.db).await?;
        let own = &self.config.public_url;
        crate::settings::serve_check(own, self.config.public_url_given, recorded.as_deref())?;
        crate::settings::record_public_url(&self.db, own).await
    }

    /// Renders and queues a message in `db` (usually the transaction of its cause); true if
    /// it was queued, false if one for the same reason already was.
    pub async fn enqueue(&self, db: &impl ConnectionTrait, msg: &Outgoing) -> Result<bool> {
        crate::mail::enqueue(db, &self.renderer, &self.mailer.host, msg).await
    }
}
