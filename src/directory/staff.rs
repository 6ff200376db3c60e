//! Staff accounts: argon2 password hashes, never the password.
use super::staff_user::{self, Role};
use crate::{Error, Result};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use validator::ValidateEmail;

/// Creates the account, or replaces the password and role of an existing one.
pub async fn add_user(
    db: &impl ConnectionTrait,
    email: &str,
    role: Role,
    password: &str,
) -> Result<staff_user::Model> {
    let email = email.trim().to_lowercase();
    if !email.validate_email() {
        return Err(Error::Invalid(format!("not an e-mail address: {email}")));
    }
    if password.chars().count() < 10 {
        return Err(Error::Invalid(
            "the password needs at least 10 characters".into(),
        ));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::PasswordHash(e.to_string()))?
        .to_string();
    let existing = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let model = match existing {
        Some(user) => {
            let mut am: staff_user::ActiveModel = user.into();
            am.password_hash = Set(hash);
            am.role = Set(role);
            am.update(db).await?
        }
        None => {
            staff_user::ActiveModel {
                email: Set(email),
                password_hash: Set(hash),
                role: Set(role),
                created_at: Set(crate::db::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(model)
}

/// The account if the password matches. Unknown e-mails still cost one hash verification, so
/// timing does not tell which addresses have accounts.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Option<staff_user::Model>> {
    let email = email.trim().to_lowercase();
    let user = staff_user::Entity::find()
        .filter(staff_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let stored = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = verify(stored, password.to_string()).await?;
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
