//! The one integration-test binary: every module drives the real service (the Rocket instance,
//! the command line, or the `serve` process) against a fresh database per test, on SQLite and,
//! with `TEST_DATABASE_URL`, on PostgreSQL. Shared setup is in `common`.
#[macro_use]
mod common;

mod admin;
mod analyses;
mod api;
mod authoring;
mod beside;
mod browser;
mod cli;
mod closing;
mod commands;
mod conflicts;
mod crash;
mod directory;
mod disk_full;
mod dkim;
mod downloads;
mod entry;
mod export;
mod fitting;
mod form_errors;
mod forms_check;
mod hostile;
mod html;
mod imports;
mod instances;
mod layers;
mod links;
mod lists;
mod load;
mod mail;
mod outage;
mod paper;
mod probe;
mod record;
mod renames;
mod report_texts;
mod respondent;
mod review;
mod russian;
mod second_factor;
mod security;
mod service;
mod shutdown;
mod sign_in;
mod small_disk;
mod surveys;
mod tarpit;
mod texts;
mod upgrade;
mod validate_props;
mod versions;
mod workspace;
mod xlsform;
