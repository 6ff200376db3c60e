//! What respondents reach without an account: the form behind a personal link (`page`, saved by
//! `save`, a colleague's concurrent save shown by `conflict`), asking for lost links again, and
//! passing a survey on to a colleague; and the same form previewed by staff (`preview`) and
//! filled in by the secretariat from an institute's letter (`entry`).
pub mod conflict;
mod entry;
pub mod form;
pub mod form_view;
pub mod lost_link;
pub mod page;
pub mod pass_on;
mod prepared;
mod preview;
mod print;
mod record;
pub mod save;

use crate::app::App;
use crate::{Error, Result};
use rocket::{Build, Rocket};
use std::net::IpAddr;

pub fn stage(rocket: Rocket<Build>) -> Rocket<Build> {
    rocket
        .mount("/", page::routes())
        .mount("/", lost_link::routes())
        .mount("/", pass_on::routes())
        .mount("/", print::routes())
        .mount("/admin", preview::routes())
        .mount("/admin", entry::routes())
}

/// Counts a failure from `ip` against the links' limit (unknown personal links, lost-link
/// requests); refused with 429 once the address has failed too often, on any instance.
pub(super) async fn link_failure(app: &App, ip: Option<IpAddr>) -> Result<()> {
    use crate::limits::{self, Key, Scope, LINKS};
    let key = [Key::address(Scope::Links, ip)];
    match limits::fail(&app.db, &key, &LINKS, crate::db::now()).await? {
        Some(_) => {
            tracing::warn!(ip = ?ip, "too many failures from one address");
            Err(Error::TooManyRequests)
        }
        None => Ok(()),
    }
}
