//! Sign-in attempts are counted before any password is checked: per client address and per
//! account, each failure past a free allowance doubles the wait, and while an address or an
//! account waits even the right password is refused unchecked. Guessing is thus slow whatever
//! the attacker spreads over (addresses, or instances behind a proxy: the counts are kept in
//! the database), and a locked account unlocks by itself.
use crate::app::App;
use crate::limits::{self, Key, Scope, SIGN_IN};
use crate::Result;
use std::net::IpAddr;
use std::time::Duration;

/// Failures allowed before waiting begins.
pub const FREE_FAILURES: u32 = SIGN_IN.free;

fn keys(ip: Option<IpAddr>, account: &str) -> [Key; 2] {
    [
        Key::address(Scope::SignIn, ip),
        Key::account(Scope::SignIn, account),
    ]
}

/// How long the address or the account must still wait, if either must.
pub async fn wait(app: &App, ip: Option<IpAddr>, account: &str) -> Result<Option<Duration>> {
    limits::waiting(&app.db, &keys(ip, account), crate::db::now()).await
}

/// Counts a failure against both; returns the wait it starts, if any.
pub async fn failed(app: &App, ip: Option<IpAddr>, account: &str) -> Result<Option<Duration>> {
    limits::fail(&app.db, &keys(ip, account), &SIGN_IN, crate::db::now()).await
}

/// A successful sign-in clears the account's record (not the address's: one good password
/// does not excuse guessing at others from there).
pub async fn succeeded(app: &App, account: &str) -> Result<()> {
    limits::clear(&app.db, &Key::account(Scope::SignIn, account)).await
}
