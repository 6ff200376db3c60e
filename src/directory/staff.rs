//! Staff accounts: argon2 password hashes, never the password.
use super::staff_user::{self, Role};
use crate::{Error, Refusal, Result};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use validator::ValidateEmail;

pub const MIN_PASSWORD_CHARS: usize = 10;

/// The policy of ASVS 6.2: a length floor, no ceiling below 64, and no password that
/// zxcvbn's lists of common passwords, names and words (with the account's address as a
/// hint) guess within 10^8 tries.
pub fn check_password(password: &str, email: &str) -> Result<(), Refusal> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Refusal::PasswordTooShort(MIN_PASSWORD_CHARS));
    }
    let local = email.split('@').next().unwrap_or(email);
    let mut hints: Vec<&str> = email.split(['@', '.', '-', '_']).collect();
    hints.extend([email, local]);
    let strong = zxcvbn::zxcvbn(password, &hints).score() >= zxcvbn::Score::Three;
    if strong {
        Ok(())
    } else {
        Err(Refusal::PasswordGuessable)
    }
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::PasswordHash(e.to_string()))?
        .to_string())
}

/// The account of an address; what is no address is looked up nowhere.
pub async fn find(db: &impl ConnectionTrait, email: &str) -> Result<Option<staff_user::Model>> {
    if !email.trim().validate_email() {
        return Ok(None);
    }
    Ok(staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?)
}

/// Creates the account, or replaces the password and role of an existing one (and
/// reactivates it). Any change of password or role ends the account's sessions.
pub async fn add_user(
    db: &impl ConnectionTrait,
    email: &str,
    role: Role,
    password: &str,
) -> Result<staff_user::Model> {
    let (email, hash) = address_and_hash(email, password)?;
    let model = match find(db, &email).await? {
        Some(user) => {
            super::sessions::end_all(db, user.id).await?;
            let mut am: staff_user::ActiveModel = user.into();
            am.password_hash = Set(hash);
            am.role = Set(role);
            am.active = Set(true);
            am.update(db).await?
        }
        None => insert(db, email, role, hash).await?,
    };
    Ok(model)
}

/// Creates the account only: an address already taken, even by an account committed a moment
/// ago by another transaction, is the unique index's violation, never a reset of its password.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &str,
    role: Role,
    password: &str,
) -> Result<staff_user::Model> {
    let (email, hash) = address_and_hash(email, password)?;
    insert(db, email, role, hash).await
}

/// The address as stored (trimmed, lower-case) and the password's hash, once both are checked.
fn address_and_hash(email: &str, password: &str) -> Result<(String, String)> {
    let email = email.trim().to_lowercase();
    if !email.validate_email() {
        return Err(Error::Invalid(format!("not an e-mail address: {email}")));
    }
    check_password(password, &email)?;
    let hash = hash_password(password)?;
    Ok((email, hash))
}

async fn insert(
    db: &impl ConnectionTrait,
    email: String,
    role: Role,
    hash: String,
) -> Result<staff_user::Model> {
    Ok(staff_user::ActiveModel {
        email: Set(email),
        password_hash: Set(hash),
        role: Set(role),
        created_at: Set(crate::db::now()),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Changes an account's role; its sessions end, so the new rights apply at once.
pub async fn set_role(
    db: &impl ConnectionTrait,
    user: staff_user::Model,
    role: Role,
) -> Result<()> {
    super::sessions::end_all(db, user.id).await?;
    let mut am: staff_user::ActiveModel = user.into();
    am.role = Set(role);
    am.update(db).await?;
    Ok(())
}

/// Deactivates an account: it signs in no more, and its sessions end now.
pub async fn deactivate(db: &impl ConnectionTrait, user: staff_user::Model) -> Result<()> {
    super::sessions::end_all(db, user.id).await?;
    let mut am: staff_user::ActiveModel = user.into();
    am.active = Set(false);
    am.update(db).await?;
    Ok(())
}

/// Sets a new password after the policy; every session of the account ends (the caller
/// opens a fresh one for the person who changed it).
pub async fn set_password(
    db: &impl ConnectionTrait,
    user: staff_user::Model,
    password: &str,
) -> Result<()> {
    check_password(password, &user.email)?;
    let hash = hash_password(password)?;
    super::sessions::end_all(db, user.id).await?;
    let mut am: staff_user::ActiveModel = user.into();
    am.password_hash = Set(hash);
    am.update(db).await?;
    Ok(())
}

/// The account if the password matches. Unknown e-mails still cost one hash verification, so
/// timing does not tell which addresses have accounts.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Option<staff_user::Model>> {
    let user = find(db, email).await?.filter(|u| u.active);
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = verify(stored, password.to_string()).await?;
    // A deactivated account is answered like an unknown one, after the same work.
    Ok(user.filter(|_| ok))
}

/// Argon2 costs tens of milliseconds of CPU by design: it runs on the blocking pool, at most
/// as many at once as there are cores, so a burst of sign-ins cannot stall the async workers
/// that serve every other request.
async fn verify(stored: String, password: String) -> Result<bool> {
    static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| Error::PasswordHash(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| Error::PasswordHash(e.to_string()))
}

// argon2id hash of a random string nobody knows; only used to spend the same time.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Ckm3zRFj5f3dmvDYHVbQW+nbwCkz6gF4l6HGnD7wA0E";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_short_passwords_are_refused() {
        let email = "anna.petrova@example.org";
        assert_eq!(
            check_password("short1!", email),
            Err(Refusal::PasswordTooShort(MIN_PASSWORD_CHARS))
        );
        for weak in [
            "password123",
            "qwertyuiop",
            "1234567890",
            "anna.petrova2026",
            "Password1!",
        ] {
            assert_eq!(
                check_password(weak, email),
                Err(Refusal::PasswordGuessable),
                "{weak}"
            );
        }
        for strong in [
            "correct horse battery",
            "vX9#qt2!LmP0zr",
            "метрология-калибровка-2026",
        ] {
            assert_eq!(check_password(strong, email), Ok(()), "{strong}");
        }
    }
}
