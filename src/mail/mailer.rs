//! What delivery needs, built once from the configuration: the transport, the sender, the
//! sending limit and the lease. A wrong `MAIL_FROM` or `SMTP_URL` stops the start.
use super::relay::Relay;
use crate::config::Config;
use crate::{Error, Result};
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Clone)]
pub enum Transport {
    /// A plain relay (`smtp://host:port`, no TLS, no credentials), over connections we open
    /// ourselves with TCP_NODELAY: lettre 0.11.23 leaves Nagle's algorithm on, which stalls every
    /// message about 40 ms on a connection.
    Relay(Arc<Relay>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file per message: the embedded default, read in the admin UI.
    File(PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Relay(r) => write!(f, "Transport::Relay({})", r.addr),
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::File(dir) => write!(f, "Transport::File({})", dir.display()),
        }
    }
}

impl Transport {
    fn from_config(config: &Config) -> Result<Self> {
        match &config.smtp_url {
            Some(url) => match Relay::plain(url) {
                Some(addr) => Ok(Transport::Relay(Arc::new(Relay {
                    addr,
                    idle: Mutex::new(Vec::new()),
                }))),
                None => {
                    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                        .map_err(|e| Error::Mail(format!("SMTP_URL: {e}")))?
                        .pool_config(PoolConfig::new().max_size(8))
                        .build();
                    Ok(Transport::Smtp(transport))
                }
            },
            None => Ok(Transport::File(config.outbox_dir())),
        }
    }

    /// The file outbox's copy of a delivered message, where there is one.
    pub fn delivered_copy(&self, id: i32) -> Option<String> {
        match self {
            Transport::File(dir) => std::fs::read_to_string(dir.join(format!("{id}.eml"))).ok(),
            Transport::Smtp(_) | Transport::Relay(_) => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
    /// `MAIL_PER_MINUTE`: a provider's sending limit, kept by waiting before each message.
    pub rate: Option<Arc<governor::DefaultDirectRateLimiter>>,
    pub lease: chrono::Duration,
    /// Signs every message, when the configuration asks for it.
    pub dkim: Option<Arc<lettre::message::dkim::DkimConfig>>,
    /// Base of every link: `PUBLIC_URL`.
    pub public_url: String,
    /// Host part of `PUBLIC_URL`, for Message-IDs.
    pub host: String,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| Error::Config(vec![format!("MAIL_FROM: {e}")]))?;
        let rate = config
            .mail_per_minute
            .and_then(std::num::NonZeroU32::new)
            .map(|n| {
                // Spread over the minute rather than a burst of the whole minute's quota.
                let burst = std::num::NonZeroU32::new((n.get() / 60).max(1)).unwrap_or(n);
                let quota = governor::Quota::per_minute(n).allow_burst(burst);
                Arc::new(governor::RateLimiter::direct(quota))
            });
        let dkim = config.dkim.as_ref().map(super::dkim::config).transpose()?;
        Ok(Mailer {
            dkim: dkim.map(Arc::new),
            transport: Transport::from_config(config)?,
            from,
            rate,
            lease: chrono::Duration::seconds(config.mail_lease_seconds.into()),
            public_url: config.public_url.clone(),
            host: config.public_host(),
        })
    }

    pub fn is_file_outbox(&self) -> bool {
        matches!(self.transport, Transport::File(_))
    }
}
