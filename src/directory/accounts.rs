//! What staff do to accounts, each as one command (`audit::Command`): the change, the end of
//! the account's sessions it implies, and the line on the trail commit together. The browser
//! and the command line call these; `staff.rs` holds the primitives they are built of.
use super::second_factor;
use super::sessions::{self, Client, Limits};
use super::staff::{self, find};
use super::staff_user::{self, Role};
use crate::audit::{Action, Actor, Authority, Command, Target};
use crate::{Error, Result};
use sea_orm::{ActiveEnum, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};

/// An account by its id.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<staff_user::Model> {
    staff_user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// Every account, by address.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<staff_user::Model>> {
    Ok(staff_user::Entity::find()
        .order_by_asc(staff_user::Column::Email)
        .all(db)
        .await?)
}

/// What to do with an address that has an account already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// The page's "create": an existing account is changed with its own buttons.
    Refuse,
    /// The command line's `user add`: a new password and role, the account active again.
    Replace,
}

/// Creates an account (or, with `Replace`, resets an existing one); `None` when the address
/// has an account and `Refuse` was asked.
pub async fn add(
    db: &DatabaseConnection,
    by: &Actor,
    email: &str,
    role: Role,
    password: &str,
    if_exists: IfExists,
) -> Result<Option<staff_user::Model>> {
    match add_once(db, by, email, role, password, if_exists).await {
        // On PostgreSQL another secretary's account, not yet committed when this one looked,
        // wins the unique index: looked up again, it exists now.
        Err(Error::Db(e)) if crate::db::is_unique_violation(&e) => {
            add_once(db, by, email, role, password, if_exists).await
        }
        done => done,
    }
}

async fn add_once(
    db: &DatabaseConnection,
    by: &Actor,
    email: &str,
    role: Role,
    password: &str,
    if_exists: IfExists,
) -> Result<Option<staff_user::Model>> {
    // Looked up inside the transaction: two secretaries creating the same account at once
    // create it once, and the second is told it exists rather than resetting it.
    let mut cmd = Command::begin(db, by, Action::UserAdd).await?;
    if find(cmd.tx(), email).await?.is_some() {
        if if_exists == IfExists::Refuse {
            return Ok(None);
        }
        cmd = cmd.recorded_as(Action::UserChange)?;
    }
    // Refusing an existing account: a plain insert, so that one committed meanwhile (on
    // PostgreSQL a later statement sees it) is the unique index's violation, not a reset.
    let user = match if_exists {
        IfExists::Refuse => staff::create_user(cmd.tx(), email, role, password).await?,
        IfExists::Replace => staff::add_user(cmd.tx(), email, role, password).await?,
    };
    let target = Target::Account(user.email.clone());
    cmd.done(&target, Some(role.to_value())).await?;
    Ok(Some(user))
}

/// Changes an account's role; its sessions end, so the new rights apply at once.
pub async fn set_role(db: &DatabaseConnection, by: &Actor, id: i32, role: Role) -> Result<()> {
    let cmd = Command::begin(db, by, Action::UserChange).await?;
    let user = get(cmd.tx(), id).await?;
    let target = Target::Account(user.email.clone());
    staff::set_role(cmd.tx(), user, role).await?;
    cmd.done(&target, Some(role.to_value())).await
}

/// Deactivates an account: it signs in no more, and its sessions end now.
pub async fn deactivate(db: &DatabaseConnection, by: &Actor, id: i32) -> Result<()> {
    let cmd = Command::begin(db, by, Action::UserDeactivate).await?;
    let user = get(cmd.tx(), id).await?;
    let target = Target::Account(user.email.clone());
    staff::deactivate(cmd.tx(), user).await?;
    cmd.done(&target, None).await
}

/// The secretariat sets another account's password (it was forgotten); its sessions end.
pub async fn reset_password(
    db: &DatabaseConnection,
    by: &Actor,
    id: i32,
    password: &str,
) -> Result<()> {
    let cmd = Command::begin(db, by, Action::PasswordReset).await?;
    let user = get(cmd.tx(), id).await?;
    let target = Target::Account(user.email.clone());
    staff::set_password(cmd.tx(), user, password).await?;
    cmd.done(&target, None).await
}

/// One's own new password (the current one was checked by the caller): every session of the
/// account ends and a fresh one opens for this browser; returns its secret id.
pub async fn change_own_password(
    db: &DatabaseConnection,
    by: &Actor,
    user: staff_user::Model,
    password: &str,
    fresh: (Limits, Client),
) -> Result<String> {
    let cmd = Command::begin(db, by, Action::PasswordChange).await?;
    let target = Target::Account(user.email.clone());
    staff::set_password(cmd.tx(), user.clone(), password).await?;
    let (id, _) = sessions::open(cmd.tx(), &user, fresh.0, fresh.1).await?;
    cmd.done(&target, None).await?;
    Ok(id)
}

/// Ends one other session of the account (`only`), or all others; returns how many ended.
pub async fn end_other_sessions(
    db: &DatabaseConnection,
    by: &Actor,
    user_id: i32,
    keep: i32,
    only: Option<i32>,
) -> Result<u64> {
    let cmd = Command::begin(db, by, Action::SessionEnd).await?;
    let n = sessions::end_others(cmd.tx(), user_id, keep, only).await?;
    let target = Target::Account(by.who.clone());
    cmd.done(&target, Some(n.to_string())).await?;
    Ok(n)
}

/// The first code confirms a second factor being set up: the recovery codes, or `None` for a
/// wrong code (nothing changes).
pub async fn confirm_second_factor(
    db: &DatabaseConnection,
    by: &Actor,
    user: &staff_user::Model,
    code: &str,
) -> Result<Option<Vec<String>>> {
    let cmd = Command::begin(db, by, Action::SecondFactorOn).await?;
    let Some(codes) = second_factor::confirm(cmd.tx(), user, code).await? else {
        return Ok(None);
    };
    cmd.done(&Target::Account(user.email.clone()), None).await?;
    Ok(Some(codes))
}

/// New recovery codes (the old ones stop working).
pub async fn new_recovery_codes(
    db: &DatabaseConnection,
    by: &Actor,
    user: &staff_user::Model,
) -> Result<Vec<String>> {
    let cmd = Command::begin(db, by, Action::RecoveryCodesNew).await?;
    let codes = second_factor::new_recovery_codes(cmd.tx(), user.id).await?;
    cmd.done(&Target::Account(user.email.clone()), None).await?;
    Ok(codes)
}

/// Turns one's second factor off.
pub async fn remove_second_factor(
    db: &DatabaseConnection,
    by: &Actor,
    user: &staff_user::Model,
) -> Result<()> {
    let cmd = Command::begin(db, by, Action::SecondFactorOff).await?;
    second_factor::remove(cmd.tx(), user).await?;
    cmd.done(&Target::Account(user.email.clone()), None).await
}

/// The operator's reset for a lost phone: no second factor, every session ended.
pub async fn reset_second_factor(
    db: &DatabaseConnection,
    by: &Actor,
    email: &str,
) -> Result<staff_user::Model> {
    let cmd = Command::begin(db, by, Action::SecondFactorReset).await?;
    let user = find(cmd.tx(), email).await?.ok_or(Error::NotFound)?;
    second_factor::remove(cmd.tx(), &user).await?;
    sessions::end_all(cmd.tx(), user.id).await?;
    cmd.done(&Target::Account(user.email.clone()), None).await?;
    Ok(user)
}

/// Deactivates the account of an address (the command line names accounts by address).
pub async fn deactivate_address(db: &DatabaseConnection, by: &Actor, email: &str) -> Result<()> {
    let user = find(db, email).await?.ok_or(Error::NotFound)?;
    deactivate(db, by, user.id).await
}

/// What an account's role allows.
pub fn authority(role: Role) -> Authority {
    match role {
        Role::Secretariat => Authority::Secretariat,
        Role::Reviewer => Authority::Reviewer,
    }
}

/// The account as the one who acts, from where it acts.
pub fn actor(user: &staff_user::Model, ip: Option<std::net::IpAddr>) -> Actor {
    Actor::staff(&user.email, ip, authority(user.role))
}

/// Opens a session for an account that proved who it is (`detail` says how, for the trail);
/// the session this browser had, if any, ends with it. Returns the new session's secret id.
pub async fn sign_in(
    db: &DatabaseConnection,
    user: &staff_user::Model,
    limits: Limits,
    client: Client,
    before: Option<i32>,
    detail: Option<String>,
) -> Result<String> {
    let by = actor(user, client.ip);
    let cmd = Command::begin(db, &by, Action::SignIn).await?;
    if let Some(old) = before {
        sessions::end(cmd.tx(), old).await?;
    }
    let (id, _) = sessions::open(cmd.tx(), user, limits, client).await?;
    cmd.done(&Target::Nothing, detail).await?;
    Ok(id)
}

/// Ends a session on the server, so a copy of its cookie opens nothing after.
pub async fn sign_out(db: &DatabaseConnection, by: &Actor, session_id: i32) -> Result<()> {
    let cmd = Command::begin(db, by, Action::SignOut).await?;
    sessions::end(cmd.tx(), session_id).await?;
    cmd.done(&Target::Nothing, None).await
}
