//! coomet-surveys: the survey and data-collection service of COOMET.
//!
//! The crate is organised by domain: the `directory` of countries, institutes and contacts; the
//! `forms` engine that reads survey schemas from `forms/`; `campaigns` that open a survey for a year
//! and invite contacts; `responses` collected one per unit; the `mail` outbox; `indicators`
//! computed from the answers; and `web`, the Rocket front end over all of them.
// Functions stay under 80 lines (clippy.toml); tests/it/layers.rs holds the rest of the rules.
#![warn(clippy::too_many_lines)]

pub mod app;
pub mod archives;
pub mod audit;
pub mod campaigns;
pub mod cells;
pub mod cli;
pub mod config;
pub mod dates;
pub mod db;
pub mod directory;
pub mod error;
pub mod export;
pub mod faults;
pub mod forms;
pub mod i18n;
pub mod indicators;
pub mod jobs;
pub mod limits;
pub mod logs;
pub mod mail;
pub mod notifications;
pub mod private;
pub mod refusal;
pub mod report;
pub mod responses;
pub mod secrets;
pub mod settings;
pub mod storage;
pub mod web;

pub use app::App;
pub use config::Config;
pub use error::{Error, Result};
pub use refusal::Refusal;
