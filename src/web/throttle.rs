//! Sign-in attempts are counted before any password is checked: per client address and per
//! account, each failure past a free allowance doubles the wait, and while an address or an
//! account waits even the right password is refused unchecked. Guessing is thus slow whatever
//! the attacker spreads over, and a locked account unlocks by itself.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before waiting begins.
pub const FREE_FAILURES: u32 = 5;
/// The first wait; each further failure doubles it, up to `MAX_WAIT`.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// A record untouched this long is forgotten (and the map stays small).
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Address(IpAddr),
    Account(String),
}

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    wait_until: Option<Instant>,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct Throttle(Mutex<HashMap<Key, Record>>);

fn keys(ip: Option<IpAddr>, account: &str) -> [Key; 2] {
    [
        Key::Address(ip.unwrap_or(IpAddr::from([0, 0, 0, 0]))),
        Key::Account(account.trim().to_lowercase()),
    ]
}

impl Throttle {
    /// How long the address or the account must still wait, if either must.
    pub fn wait(&self, ip: Option<IpAddr>, account: &str, now: Instant) -> Option<Duration> {
        let map = self.0.lock().ok()?;
        keys(ip, account)
            .iter()
            .filter_map(|k| map.get(k)?.wait_until)
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max()
    }

    /// Counts a failure against both; returns the wait it starts, if any.
    pub fn failed(&self, ip: Option<IpAddr>, account: &str, now: Instant) -> Option<Duration> {
        let mut map = self.0.lock().ok()?;
        if map.len() > 10_000 {
            map.retain(|_, r| now.duration_since(r.last) < FORGET_AFTER);
        }
        let mut longest = None;
        for key in keys(ip, account) {
            let r = map.entry(key).or_insert(Record {
                failures: 0,
                wait_until: None,
                last: now,
            });
            if now.duration_since(r.last) >= FORGET_AFTER {
                r.failures = 0;
            }
            r.failures += 1;
            r.last = now;
            if r.failures > FREE_FAILURES {
                let doublings = (r.failures - FREE_FAILURES - 1).min(16);
                let wait = FIRST_WAIT.saturating_mul(1 << doublings).min(MAX_WAIT);
                r.wait_until = Some(now + wait);
                longest = longest.max(Some(wait));
            }
        }
        longest
    }

    /// A successful sign-in clears the account's record (not the address's: one good password
    /// does not excuse guessing at others from there).
    pub fn succeeded(&self, account: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&Key::Account(account.trim().to_lowercase()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_failures_and_double() {
        let t = Throttle::default();
        let ip = Some(IpAddr::from([10, 0, 0, 1]));
        let now = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(t.failed(ip, "a@example.org", now), None);
        }
        assert_eq!(t.wait(ip, "a@example.org", now), None);
        assert_eq!(t.failed(ip, "a@example.org", now), Some(FIRST_WAIT));
        assert_eq!(t.failed(ip, "A@example.org ", now), Some(FIRST_WAIT * 2));
        // Another address is held back on that account too; the account's address elsewhere too.
        let other = Some(IpAddr::from([10, 0, 0, 2]));
        assert!(t.wait(other, "a@example.org", now).is_some());
        assert!(t.wait(ip, "b@example.org", now).is_some());
        assert!(t.wait(other, "b@example.org", now).is_none());
        let later = now + MAX_WAIT + Duration::from_secs(1);
        assert_eq!(t.wait(ip, "a@example.org", later), None);
    }
}
