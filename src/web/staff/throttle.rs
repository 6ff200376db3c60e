//! Sign-in attempts are counted before any password is checked: per client address and per
//! account, each failure past a free allowance doubles the wait, and while an address or an
//! account waits even the right password is refused unchecked. Guessing is thus slow whatever
//! the attacker spreads over (addresses, or instances behind a proxy: the counts are kept in
//! the database), and a locked account unlocks by itself.
//!
//! An attempt is reserved (counted as a failure) before its password is hashed, in one
//! transaction with the check, so a burst sent at once is let through no further than the
//! same attempts one after another would be; a right password takes its reservation back.
//!
//! A browser that signed in to the account before carries a device cookie (`device`) and is
//! counted on an allowance of its own instead of the address's and the account's: strangers'
//! guesses lock the account for strangers, not for the person whose browser it is (OWASP's
//! device cookies). A device guessing wrong waits like anyone.
use crate::app::App;
use crate::limits::{self, Key, Scope, SIGN_IN};
use crate::Result;
use std::net::IpAddr;
use std::time::Duration;

/// Failures allowed before waiting begins.
pub const FREE_FAILURES: u32 = SIGN_IN.free;

/// A reserved attempt: what it counts against, and the wait it starts if the password is wrong.
#[derive(Debug)]
pub struct Attempt {
    keys: Vec<Key>,
    account: Key,
    pub wait_if_wrong: Option<Duration>,
}

fn keys(ip: Option<IpAddr>, account: &str, device: Option<&str>) -> Vec<Key> {
    match device {
        Some(nonce) => vec![Key::device(Scope::SignIn, nonce)],
        None => vec![
            Key::address(Scope::SignIn, ip),
            Key::account(Scope::SignIn, account),
        ],
    }
}

/// Reserves an attempt to sign in to `account`; `Err(wait)` while it must wait. `device` is
/// the nonce of this browser's device cookie for that account, if it has one.
pub async fn begin(
    app: &App,
    ip: Option<IpAddr>,
    account: &str,
    device: Option<&str>,
) -> Result<std::result::Result<Attempt, Duration>> {
    reserve(
        app,
        keys(ip, account, device),
        Key::account(Scope::SignIn, account),
    )
    .await
}

/// Reserves an attempt at a second factor's code for `account`, by the same rule on counts
/// of their own: the password's allowance does not pay for guessing codes.
pub async fn begin_code(
    app: &App,
    ip: Option<IpAddr>,
    account: &str,
) -> Result<std::result::Result<Attempt, Duration>> {
    let account_key = Key::account(Scope::SecondFactor, account);
    let keys = vec![Key::address(Scope::SecondFactor, ip), account_key.clone()];
    reserve(app, keys, account_key).await
}

async fn reserve(
    app: &App,
    keys: Vec<Key>,
    account: Key,
) -> Result<std::result::Result<Attempt, Duration>> {
    let reserved = limits::reserve(&app.db, &keys, &SIGN_IN, crate::db::now()).await?;
    Ok(reserved.map(|wait_if_wrong| Attempt {
        keys,
        account,
        wait_if_wrong,
    }))
}

/// The password was right: the account's record is cleared and the attempt's reservation taken
/// back from the rest (one good password does not excuse earlier guesses from that address).
pub async fn succeeded(app: &App, attempt: Attempt) -> Result<()> {
    limits::clear(&app.db, &attempt.account).await?;
    for key in attempt.keys.iter().filter(|k| **k != attempt.account) {
        limits::forgive(&app.db, key, &SIGN_IN, crate::db::now()).await?;
    }
    Ok(())
}
