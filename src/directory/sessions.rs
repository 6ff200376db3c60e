//! Server-side staff sessions. The cookie carries a random id; the database keeps its SHA-256
//! with the times that bound it, so a session ends on the server: at sign-out, after an idle
//! spell, at its absolute limit, and when the account's password or role changes or the
//! account is deactivated. Every instance on one database sees the same sessions.
use super::staff_user;
use crate::Result;
use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};
use std::time::Duration;

pub mod staff_session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "staff_sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub id_hash: String,
        pub staff_user_id: i32,
        /// What every state-changing form of this session must echo.
        pub csrf: String,
        pub created_at: DateTimeWithTimeZone,
        pub last_seen_at: DateTimeWithTimeZone,
        /// Where the session was opened from, as the account page shows it.
        pub ip: Option<String>,
        pub agent: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::directory::staff_user::Entity",
            from = "Column::StaffUserId",
            to = "crate::directory::staff_user::Column::Id"
        )]
        StaffUser,
    }

    impl Related<crate::directory::staff_user::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::StaffUser.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// How long a session may be idle, and how long it may last at all.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub idle: Duration,
    pub max: Duration,
}

/// Last-seen times are written at most this often: a page view is not a write per request.
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

fn before(now: DateTime<FixedOffset>, span: Duration) -> DateTime<FixedOffset> {
    now - chrono::TimeDelta::from_std(span).unwrap_or(chrono::TimeDelta::MAX)
}

/// Where a session is opened from: the client's address and its browser's own name.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<std::net::IpAddr>,
    pub agent: Option<String>,
}

/// Opens a session for `user`; returns the id for the cookie (in clear, this once) and the row.
pub async fn open(
    db: &impl ConnectionTrait,
    user: &staff_user::Model,
    limits: Limits,
    client: Client,
) -> Result<(String, staff_session::Model)> {
    let now = crate::db::now();
    // Sessions past their limits are dead already; sign-ins sweep them away.
    staff_session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(staff_session::Column::LastSeenAt.lt(before(now, limits.idle)))
                .add(staff_session::Column::CreatedAt.lt(before(now, limits.max))),
        )
        .exec(db)
        .await?;
    let id = crate::secrets::random();
    let row = staff_session::ActiveModel {
        id_hash: Set(crate::secrets::digest(&id)),
        staff_user_id: Set(user.id),
        csrf: Set(crate::secrets::random()),
        created_at: Set(now),
        last_seen_at: Set(now),
        ip: Set(client.ip.map(|ip| ip.to_string())),
        agent: Set(client.agent.map(|a| a.chars().take(200).collect())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((id, row))
}

/// The live session with this id and its account; `None` for an unknown, ended or expired one
/// (an expired one is deleted on the way).
pub async fn find(
    db: &impl ConnectionTrait,
    id: &str,
    limits: Limits,
    now: DateTime<FixedOffset>,
) -> Result<Option<(staff_session::Model, staff_user::Model)>> {
    if !crate::secrets::plausible(id) {
        return Ok(None);
    }
    let found = staff_session::Entity::find()
        .filter(staff_session::Column::IdHash.eq(crate::secrets::digest(id)))
        .find_also_related(staff_user::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    let expired = session.last_seen_at < before(now, limits.idle)
        || session.created_at < before(now, limits.max);
    if expired || !user.active {
        staff_session::Entity::delete_by_id(session.id)
            .exec(db)
            .await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        let mut am: staff_session::ActiveModel = session.clone().into();
        am.last_seen_at = Set(now);
        // A touch that cannot be written now (a full disk, a locked database) only makes the
        // session end a little sooner: the staff still read while nothing can be written.
        match am.update(db).await.map_err(crate::Error::from) {
            Err(e) if e.class() == crate::error::Class::Unavailable => {
                tracing::warn!(error = %e, "a staff session's last use could not be written");
            }
            done => {
                done?;
            }
        }
    }
    Ok(Some((session, user)))
}

/// Ends one session (sign-out).
pub async fn end(db: &impl ConnectionTrait, session_id: i32) -> Result<()> {
    staff_session::Entity::delete_by_id(session_id)
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of an account; returns how many there were.
pub async fn end_all(db: &impl ConnectionTrait, staff_user_id: i32) -> Result<u64> {
    let done = staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffUserId.eq(staff_user_id))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The live sessions of an account, the most recently used first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    staff_user_id: i32,
    limits: Limits,
    now: DateTime<FixedOffset>,
) -> Result<Vec<staff_session::Model>> {
    use sea_orm::QueryOrder;
    Ok(staff_session::Entity::find()
        .filter(staff_session::Column::StaffUserId.eq(staff_user_id))
        .filter(staff_session::Column::LastSeenAt.gte(before(now, limits.idle)))
        .filter(staff_session::Column::CreatedAt.gte(before(now, limits.max)))
        .order_by_desc(staff_session::Column::LastSeenAt)
        .all(db)
        .await?)
}

/// Ends the account's sessions other than `keep` (or only `only`, when given); returns how
/// many ended. Another account's session is never touched.
pub async fn end_others(
    db: &impl ConnectionTrait,
    staff_user_id: i32,
    keep: i32,
    only: Option<i32>,
) -> Result<u64> {
    let mut q = staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffUserId.eq(staff_user_id))
        .filter(staff_session::Column::Id.ne(keep));
    if let Some(id) = only {
        q = q.filter(staff_session::Column::Id.eq(id));
    }
    Ok(q.exec(db).await?.rows_affected)
}
