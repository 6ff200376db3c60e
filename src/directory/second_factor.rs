//! A second factor for staff accounts: TOTP (RFC 6238, by `totp-rs`: SHA-1, 6 digits, 30 s,
//! one step of clock skew either way, as every authenticator app reads it) and ten one-time
//! recovery codes for a lost phone. A code is accepted once: the account keeps the last time
//! step it accepted, and a code of that step or an earlier one is refused, also when two
//! arrive at the same moment (the step is moved forward by a conditional update).
use super::recovery_code;
use super::staff_user;
use crate::{Error, Result};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use totp_rs::{Secret, Totp};

/// The name an authenticator app shows beside the account.
pub const ISSUER: &str = "COOMET surveys";
/// Recovery codes made at a time.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code (from `ALPHABET`: 50 random bits).
const CODE_CHARS: usize = 10;
/// No 0/O, 1/I/L: a code copied from paper is read right.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn totp(secret: &str, account: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret)
        .map_err(|e| Error::Invalid(format!("a stored TOTP secret is not base32: {e}")))?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| Error::Invalid(format!("a TOTP secret was refused: {e}")))
}

/// What setting up shows: the secret as text and as the `otpauth://` address a QR code holds.
#[derive(Debug, Clone)]
pub struct Setup {
    pub secret: String,
    pub url: String,
}

/// Starts setting up (or again, over an unconfirmed start): a new 160-bit secret is kept as
/// pending; the factor is on only once a first code confirms it (`confirm`).
pub async fn begin(db: &impl ConnectionTrait, user: &staff_user::Model) -> Result<Setup> {
    let mut bytes = [0u8; 20];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let secret = Secret::from(bytes).to_base32();
    let mut am: staff_user::ActiveModel = user.clone().into();
    am.totp_pending = Set(Some(secret.clone()));
    am.update(db).await?;
    setup(&secret, &user.email)
}

/// The pending set-up of `user`, shown again (a page reloaded, a wrong first code).
pub fn pending(user: &staff_user::Model) -> Result<Option<Setup>> {
    user.totp_pending
        .as_deref()
        .map(|s| setup(s, &user.email))
        .transpose()
}

fn setup(secret: &str, account: &str) -> Result<Setup> {
    let url = totp(secret, account)?
        .to_url()
        .map_err(|e| Error::Invalid(format!("no otpauth address: {e}")))?;
    Ok(Setup {
        secret: secret.to_string(),
        url,
    })
}

/// The time step `code` is valid for under `secret` at `now` (seconds), if any.
fn step_of(secret: &str, account: &str, code: &str, now: u64) -> Result<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    Ok(totp(secret, account)?.check(&code, now).map(|s| s as i64))
}

fn unix(now: chrono::DateTime<chrono::FixedOffset>) -> u64 {
    now.timestamp().max(0) as u64
}

/// Confirms the pending set-up with a first code: the factor is on, and the recovery codes
/// are made and returned (shown once). `None` if the code is wrong or nothing is pending.
pub async fn confirm(
    db: &impl ConnectionTrait,
    user: &staff_user::Model,
    code: &str,
) -> Result<Option<Vec<String>>> {
    let Some(secret) = user.totp_pending.as_deref() else {
        return Ok(None);
    };
    let now = crate::db::now();
    let Some(step) = step_of(secret, &user.email, code, unix(now))? else {
        return Ok(None);
    };
    let mut am: staff_user::ActiveModel = user.clone().into();
    am.totp_secret = Set(Some(secret.to_string()));
    am.totp_pending = Set(None);
    am.totp_since = Set(Some(now));
    am.totp_last_step = Set(Some(step));
    am.update(db).await?;
    Ok(Some(new_recovery_codes(db, user.id).await?))
}

/// Replaces the account's recovery codes with ten new ones, returned in the clear once.
pub async fn new_recovery_codes(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<String>> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::StaffUserId.eq(user_id))
        .exec(db)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let code = random_code();
        recovery_code::ActiveModel {
            staff_user_id: Set(user_id),
            code_hash: Set(crate::secrets::digest(&normal(&code))),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

fn random_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    let chars: String = (0..CODE_CHARS)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// A recovery code as typed ("abcde fghij", "ABCDE-FGHIJ") in the form it is stored under.
fn normal(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// How a code typed at sign-in was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// A current code of the authenticator, not used before.
    Code,
    /// A recovery code, now spent; this many are left.
    RecoveryCode { left: u64 },
    /// Wrong, used already, or the account has no second factor.
    Refused,
}

/// Checks what was typed at sign-in: a six-digit code, or else a recovery code.
pub async fn verify(
    db: &impl ConnectionTrait,
    user: &staff_user::Model,
    typed: &str,
) -> Result<Verified> {
    let Some(secret) = user.totp_secret.as_deref() else {
        return Ok(Verified::Refused);
    };
    let now = crate::db::now();
    if let Some(step) = step_of(secret, &user.email, typed, unix(now))? {
        return Ok(match take_step(db, user.id, step).await? {
            true => Verified::Code,
            false => Verified::Refused,
        });
    }
    spend_recovery_code(db, user.id, typed, now).await
}

/// Moves the account's last step to `step` if it is later: `false` for a replayed code.
async fn take_step(db: &impl ConnectionTrait, user_id: i32, step: i64) -> Result<bool> {
    let moved = staff_user::Entity::update_many()
        .col_expr(staff_user::Column::TotpLastStep, Expr::value(step))
        .filter(staff_user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(staff_user::Column::TotpLastStep.is_null())
                .add(staff_user::Column::TotpLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(moved.rows_affected == 1)
}

async fn spend_recovery_code(
    db: &impl ConnectionTrait,
    user_id: i32,
    typed: &str,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Verified> {
    let code = normal(typed);
    if code.len() != CODE_CHARS {
        return Ok(Verified::Refused);
    }
    let unused = || {
        Condition::all()
            .add(recovery_code::Column::StaffUserId.eq(user_id))
            .add(recovery_code::Column::UsedAt.is_null())
    };
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(unused())
        .filter(recovery_code::Column::CodeHash.eq(crate::secrets::digest(&code)))
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Ok(Verified::Refused);
    }
    let left = recovery_code::Entity::find()
        .filter(unused())
        .count(db)
        .await?;
    Ok(Verified::RecoveryCode { left })
}

/// Unused recovery codes of the account.
pub async fn codes_left(db: &impl ConnectionTrait, user_id: i32) -> Result<u64> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::StaffUserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

/// Turns the factor off and forgets its secret and codes (the person's own choice, or the
/// operator's reset for a lost phone); the account signs in with its password alone until
/// set up again.
pub async fn remove(db: &impl ConnectionTrait, user: &staff_user::Model) -> Result<()> {
    let mut am: staff_user::ActiveModel = user.clone().into();
    am.totp_secret = Set(None);
    am.totp_pending = Set(None);
    am.totp_since = Set(None);
    am.totp_last_step = Set(None);
    am.update(db).await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::StaffUserId.eq(user.id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_valid_for_its_step_and_one_either_side_only() {
        let secret = Secret::from([7u8; 20]).to_base32();
        let t = totp(&secret, "a@example.org").unwrap();
        let now = 1_800_000_000;
        let code = t.generate(now).to_string();
        let step = (now / 30) as i64;
        assert_eq!(
            step_of(&secret, "a@example.org", &code, now).unwrap(),
            Some(step)
        );
        let late = step_of(&secret, "a@example.org", &code, now + 30).unwrap();
        assert_eq!(late, Some(step), "one step of skew");
        assert_eq!(
            step_of(&secret, "a@example.org", &code, now + 90).unwrap(),
            None
        );
        assert_eq!(
            step_of(&secret, "a@example.org", "12345", now).unwrap(),
            None
        );
    }

    #[test]
    fn recovery_codes_are_read_however_typed() {
        let code = random_code();
        assert_eq!(code.len(), CODE_CHARS + 1);
        assert_eq!(
            normal(&code.to_lowercase().replace('-', " ")),
            normal(&code)
        );
        assert_ne!(random_code(), random_code());
    }
}
