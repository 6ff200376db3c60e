//! Failure counts behind rate limits and sign-in waits, kept in the database so that every
//! instance on it counts the same failures: a proxy may send a guesser's requests to any
//! instance, and a restart does not forgive them. Only failures are written (a wrong password,
//! an unknown link), never ordinary requests, and nothing is written while a key already
//! waits, so a flood of refusals costs reads, not writes.
use crate::Result;
use chrono::{DateTime, FixedOffset, TimeDelta};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::time::Duration;

pub mod record {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rate_limits")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub failures: i32,
        pub wait_until: Option<DateTimeWithTimeZone>,
        pub last_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// How failures turn into a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Failures allowed before waiting begins.
    pub free: u32,
    pub first_wait: Duration,
    /// Whether each further failure doubles the wait (up to `max_wait`).
    pub doubling: bool,
    pub max_wait: Duration,
    /// A record untouched this long starts again from nothing.
    pub forget_after: Duration,
}

/// Staff sign-in and the current password of a password change: five free failures, then
/// 30 s, doubling up to 15 minutes; forgotten after an hour of quiet.
pub const SIGN_IN: Rule = Rule {
    free: 5,
    first_wait: Duration::from_secs(30),
    doubling: true,
    max_wait: Duration::from_secs(15 * 60),
    forget_after: Duration::from_secs(60 * 60),
};

/// Unknown personal links and lost-link requests from one address: twenty with no minute's
/// pause between them, then a minute's wait.
pub const LINKS: Rule = Rule {
    free: 20,
    first_wait: Duration::from_secs(60),
    doubling: false,
    max_wait: Duration::from_secs(60),
    forget_after: Duration::from_secs(60),
};

/// What is counted: an address or an account, within one rule's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

/// Which limit a key counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    SignIn,
    /// Codes of a second factor, at sign-in and on the account page.
    SecondFactor,
    Links,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::SignIn => "sign-in",
            Scope::SecondFactor => "second-factor",
            Scope::Links => "links",
        }
    }
}

impl Key {
    /// A client address; requests without one share a key.
    pub fn address(scope: Scope, ip: Option<IpAddr>) -> Key {
        let ip = ip.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Key(format!("{}:address:{ip}", scope.name()))
    }

    /// A browser that signed in to an account before, by its device cookie's nonce (digested,
    /// like an account: the nonce opens that browser's allowance).
    pub fn device(scope: Scope, nonce: &str) -> Key {
        let digest = Sha256::digest(nonce.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Key(format!("{}:device:{hex}", scope.name()))
    }

    /// An account by the address typed, case and spacing aside; stored as a digest, since what
    /// a guesser types is not ours to keep.
    pub fn account(scope: Scope, email: &str) -> Key {
        let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Key(format!("{}:account:{hex}", scope.name()))
    }
}

/// A key's count as a rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub failures: u32,
    pub wait_until: Option<DateTime<FixedOffset>>,
    pub last_at: DateTime<FixedOffset>,
}

fn span(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

impl Rule {
    /// The count after one more failure at `now`.
    pub fn after_failure(&self, before: Option<Count>, now: DateTime<FixedOffset>) -> Count {
        let failures = match before {
            Some(c) if now - c.last_at < span(self.forget_after) => c.failures,
            _ => 0,
        } + 1;
        let wait_until = (failures > self.free).then(|| {
            let doublings = if self.doubling {
                (failures - self.free - 1).min(16)
            } else {
                0
            };
            now + span(
                self.first_wait
                    .saturating_mul(1 << doublings)
                    .min(self.max_wait),
            )
        });
        Count {
            failures,
            wait_until,
            last_at: now,
        }
    }
}

/// How long the longest of `keys` still waits, if any does.
pub async fn waiting(
    db: &impl ConnectionTrait,
    keys: &[Key],
    now: DateTime<FixedOffset>,
) -> Result<Option<Duration>> {
    let names: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    let rows = record::Entity::find()
        .filter(record::Column::Key.is_in(names))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.wait_until)
        .filter(|until| *until > now)
        .map(|until| (until - now).to_std().unwrap_or_default())
        .max())
}

/// Counts a failure against every key, unless one of them already waits (a refusal costs no
/// write); returns the wait, if the keys now wait.
pub async fn fail(
    db: &sea_orm::DatabaseConnection,
    keys: &[Key],
    rule: &Rule,
    now: DateTime<FixedOffset>,
) -> Result<Option<Duration>> {
    Ok(match reserve(db, keys, rule, now).await? {
        Ok(started) => started,
        Err(wait) => Some(wait),
    })
}

/// Reserves one attempt against every key before it is made, counted as the failure it will
/// be unless `forgive` takes it back: `Err(wait)` if a key already waits (nothing is
/// written), else `Ok` with the wait this attempt starts should it fail. The check and the
/// count are one transaction holding the keys' rows, so attempts that arrive together, on
/// one instance or several, are counted one after another: no more are let through than one
/// at a time would be.
pub async fn reserve(
    db: &sea_orm::DatabaseConnection,
    keys: &[Key],
    rule: &Rule,
    now: DateTime<FixedOffset>,
) -> Result<std::result::Result<Option<Duration>, Duration>> {
    if let Some(wait) = waiting(db, keys, now).await? {
        return Ok(Err(wait));
    }
    let tx = crate::db::begin_write(db).await?;
    let rows = locked(&tx, keys, now).await?;
    let waits = rows
        .iter()
        .filter_map(|r| r.wait_until)
        .filter(|u| *u > now);
    if let Some(until) = waits.max() {
        tx.rollback().await?;
        return Ok(Err((until - now).to_std().unwrap_or_default()));
    }
    let mut longest = None;
    for row in rows {
        let before = Count {
            failures: row.failures.max(0) as u32,
            wait_until: row.wait_until,
            last_at: row.last_at,
        };
        let after = rule.after_failure(Some(before), now);
        if let Some(until) = after.wait_until {
            longest = longest.max(Some((until - now).to_std().unwrap_or_default()));
        }
        write(&tx, row.key, after).await?;
    }
    tx.commit().await?;
    Ok(Ok(longest))
}

/// Takes back the failure a reserved attempt counted against `key`: the attempt succeeded.
pub async fn forgive(
    db: &sea_orm::DatabaseConnection,
    key: &Key,
    rule: &Rule,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let tx = crate::db::begin_write(db).await?;
    for row in locked(&tx, std::slice::from_ref(key), now).await? {
        let failures = (row.failures.max(1) - 1) as u32;
        let count = Count {
            failures,
            wait_until: row.wait_until.filter(|_| failures > rule.free),
            last_at: row.last_at,
        };
        write(&tx, row.key, count).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The keys' rows, made where missing, locked until the transaction ends: another instance
/// counting the same key waits here (PostgreSQL's row lock; SQLite's write lock is held).
async fn locked(
    tx: &sea_orm::DatabaseTransaction,
    keys: &[Key],
    now: DateTime<FixedOffset>,
) -> Result<Vec<record::Model>> {
    let empty = keys.iter().map(|k| record::ActiveModel {
        key: Set(k.0.clone()),
        failures: Set(0),
        wait_until: Set(None),
        last_at: Set(now),
    });
    record::Entity::insert_many(empty)
        .on_conflict_do_nothing_on([record::Column::Key])
        .exec_without_returning(tx)
        .await?;
    let names: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    Ok(record::Entity::find()
        .filter(record::Column::Key.is_in(names))
        .lock_exclusive()
        .all(tx)
        .await?)
}

async fn write(tx: &sea_orm::DatabaseTransaction, key: String, count: Count) -> Result<()> {
    record::Entity::update(record::ActiveModel {
        key: Set(key),
        failures: Set(count.failures.min(i32::MAX as u32) as i32),
        wait_until: Set(count.wait_until),
        last_at: Set(count.last_at),
    })
    .exec(tx)
    .await?;
    Ok(())
}

/// Forgets a key's failures (an account after its right password).
pub async fn clear(db: &impl ConnectionTrait, key: &Key) -> Result<()> {
    record::Entity::delete_by_id(key.0.clone()).exec(db).await?;
    Ok(())
}

/// Removes the records no rule remembers any more; returns how many.
pub async fn forget_old(db: &impl ConnectionTrait, now: DateTime<FixedOffset>) -> Result<u64> {
    let longest = [SIGN_IN, LINKS]
        .iter()
        .map(|r| r.forget_after.max(r.max_wait))
        .max()
        .unwrap_or_default();
    let before = now - span(longest);
    let done = record::Entity::delete_many()
        .filter(record::Column::LastAt.lt(before))
        .filter(
            Condition::any()
                .add(record::Column::WaitUntil.is_null())
                .add(record::Column::WaitUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<FixedOffset> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0)
            .unwrap()
            .fixed_offset()
    }

    fn run(rule: &Rule, times: &[i64]) -> Count {
        let mut count = None;
        for t in times {
            count = Some(rule.after_failure(count, at(*t)));
        }
        count.unwrap()
    }

    #[test]
    fn sign_in_waits_start_after_the_free_failures_and_double_up_to_the_cap() {
        let c = run(&SIGN_IN, &[0, 1, 2, 3, 4]);
        assert_eq!((c.failures, c.wait_until), (5, None));
        assert_eq!(run(&SIGN_IN, &[0, 1, 2, 3, 4, 5]).wait_until, Some(at(35)));
        assert_eq!(run(&SIGN_IN, &[0; 7]).wait_until, Some(at(60)));
        assert_eq!(run(&SIGN_IN, &[0; 40]).wait_until, Some(at(900)));
    }

    #[test]
    fn an_hour_of_quiet_starts_again_and_links_do_not_double() {
        let c = run(&SIGN_IN, &[0, 1, 2, 3, 4, 3_605]);
        assert_eq!((c.failures, c.wait_until), (1, None));
        assert_eq!(run(&LINKS, &[0; 21]).wait_until, Some(at(60)));
        assert_eq!(run(&LINKS, &[0; 30]).wait_until, Some(at(60)));
    }

    #[test]
    fn accounts_are_keyed_by_digest_whatever_their_case() {
        let a = Key::account(Scope::SignIn, " A@Example.org");
        assert_eq!(a, Key::account(Scope::SignIn, "a@example.org"));
        assert!(!a.0.contains("example"));
        assert_ne!(a, Key::account(Scope::Links, "a@example.org"));
    }
}
