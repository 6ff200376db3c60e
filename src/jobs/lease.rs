//! One instance at a time runs each periodic job: the instance that takes a job's lease keeps
//! it for one period and renews it at its next run, so the job runs once per period however
//! many instances share the database. An instance that dies stops renewing and another takes
//! the job over when the lease runs out; one that stops gracefully hands it back at once.
//! The lease is a single conditional UPDATE, atomic on SQLite and PostgreSQL alike.
use crate::Result;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::time::Duration;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "job_leases")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub holder: String,
        pub leased_until: DateTimeWithTimeZone,
        pub last_run_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A job that runs on one instance at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Queueing the day's scheduled reminders, and forgetting old rate-limit records.
    Schedule,
    /// Marking on contacts the addresses that bounced.
    Bounces,
}

impl Job {
    pub fn name(self) -> &'static str {
        match self {
            Job::Schedule => "schedule",
            Job::Bounces => "bounces",
        }
    }
}

/// This process among the instances: host, process id and a random part (a pid is reused
/// after a restart; the lease of the process before must not pass as ours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder(String);

impl Holder {
    pub fn this_process() -> Holder {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "host".into());
        Holder(format!(
            "{host}/{}/{:08x}",
            std::process::id(),
            rand::random::<u32>()
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn later(span: Duration) -> chrono::DateTime<chrono::FixedOffset> {
    crate::db::now() + chrono::TimeDelta::from_std(span).unwrap_or(chrono::TimeDelta::MAX)
}

/// Takes or renews `job`'s lease for `span`; false while another instance holds it.
pub async fn take(
    db: &impl ConnectionTrait,
    job: Job,
    me: &Holder,
    span: Duration,
) -> Result<bool> {
    let now = crate::db::now();
    entity::Entity::insert(entity::ActiveModel {
        name: Set(job.name().to_string()),
        holder: Set(String::new()),
        leased_until: Set(now),
        last_run_at: Set(None),
    })
    .on_conflict_do_nothing_on([entity::Column::Name])
    .exec_without_returning(db)
    .await?;
    let taken = entity::Entity::update_many()
        .col_expr(entity::Column::Holder, Expr::value(me.as_str()))
        .col_expr(entity::Column::LeasedUntil, Expr::value(later(span)))
        .col_expr(entity::Column::LastRunAt, Expr::value(now))
        .filter(entity::Column::Name.eq(job.name()))
        .filter(
            Condition::any()
                .add(entity::Column::Holder.eq(me.as_str()))
                .add(entity::Column::LeasedUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Hands the lease back, if this instance holds it, so another takes the job at its next look.
pub async fn release(db: &impl ConnectionTrait, job: Job, me: &Holder) -> Result<()> {
    entity::Entity::update_many()
        .col_expr(entity::Column::LeasedUntil, Expr::value(crate::db::now()))
        .filter(entity::Column::Name.eq(job.name()))
        .filter(entity::Column::Holder.eq(me.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Who holds each job's lease, and when it last ran (for `/health`).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<entity::Model>> {
    Ok(entity::Entity::find().all(db).await?)
}
