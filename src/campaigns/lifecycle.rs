//! A campaign's life after it opens: its deadline moved, closed, reopened, or deleted while
//! nobody has answered. Moving the deadline and reopening tell the contacts, by where their
//! answers stand: those commands are `responses::deadlines`, over the steps here.
use super::{campaign, get, locked, ReminderPlan};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::mail::outbox::{self, Kind};
use crate::Refusal;
use crate::Result;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// Sets the closing day of `c` to `closes_on` (today or later), inside the caller's
/// transaction. Telling the contacts is the caller's: what each is told depends on where its
/// response stands, which the layer of answers knows (`responses::deadlines`).
pub async fn move_deadline(
    tx: &DatabaseTransaction,
    c: campaign::Model,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<campaign::Model> {
    if closes_on < today {
        return Err(Refusal::ClosingDateInPast {
            day: closes_on,
            today,
        }
        .into());
    }
    let mut am: campaign::ActiveModel = c.into();
    am.closes_on = Set(Some(closes_on));
    Ok(am.update(tx).await?)
}

/// Sets when a campaign's automatic reminders go out, refused outside the plan's bounds.
pub async fn schedule_reminders(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    plan: &ReminderPlan,
) -> Result<campaign::Model> {
    plan.check()?;
    let cmd = Command::begin(&app.db, by, Action::RemindSchedule).await?;
    let c = locked(cmd.tx(), campaign_id).await?;
    let mut am: campaign::ActiveModel = c.into();
    am.reminder_days = Set(plan.days.clone());
    am.reminder_max = Set(plan.max);
    am.reminder_gap_days = Set(plan.gap_days);
    let c = am.update(cmd.tx()).await?;
    let detail = Some(format!(
        "days {}, at most {}, {} days apart",
        plan.days, plan.max, plan.gap_days
    ));
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(c)
}

/// Closes an open campaign: no more answers, no more reminders (those queued are withdrawn);
/// links show the submitted answers read-only until the grace period ends.
pub async fn close(app: &App, by: &Actor, campaign_id: i32) -> Result<campaign::Model> {
    let cmd = Command::begin(&app.db, by, Action::CampaignClose).await?;
    let c = locked(cmd.tx(), campaign_id).await?;
    if !c.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    withdraw_queued(cmd.tx(), campaign_id, &[Kind::Reminder, Kind::Invitation]).await?;
    let mut am: campaign::ActiveModel = c.into();
    am.status = Set(campaign::Status::Closed);
    am.closed_at = Set(Some(crate::db::now()));
    let c = am.update(cmd.tx()).await?;
    cmd.done(&Target::Campaign(campaign_id), None).await?;
    Ok(c)
}

/// Opens the closed campaign `c` again, inside the caller's transaction; the old closing day,
/// if it is kept (`closes_on` is `None`), must still lie ahead.
pub async fn set_open(
    tx: &DatabaseTransaction,
    c: campaign::Model,
    closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<campaign::Model> {
    if c.is_open() {
        return Err(Refusal::Open(c.id).into());
    }
    let day = closes_on.or(c.closes_on);
    if let Some(day) = day.filter(|d| *d < today) {
        return Err(Refusal::ClosingDateInPast { day, today }.into());
    }
    let mut am: campaign::ActiveModel = c.into();
    am.status = Set(campaign::Status::Open);
    am.closed_at = Set(None);
    Ok(am.update(tx).await?)
}

/// Deletes a campaign with its invitations and links; its queued mail is withdrawn, its sent
/// mail stays on record. Answers would go with it: the layer of answers offers the way in,
/// which refuses a campaign anybody has answered.
pub async fn delete_unanswered(tx: &DatabaseTransaction, campaign_id: i32) -> Result<()> {
    get(tx, campaign_id).await?;
    withdraw_queued(tx, campaign_id, &[]).await?;
    campaign::Entity::delete_by_id(campaign_id).exec(tx).await?;
    Ok(())
}

/// Withdraws the campaign's queued mail of these kinds (of every kind if none are given).
async fn withdraw_queued(
    db: &impl sea_orm::ConnectionTrait,
    campaign_id: i32,
    kinds: &[Kind],
) -> Result<u64> {
    let mut q = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(outbox::Status::Cancelled),
        )
        .filter(outbox::Column::CampaignId.eq(campaign_id))
        .filter(outbox::Column::Status.eq(outbox::Status::Queued));
    if !kinds.is_empty() {
        q = q.filter(outbox::Column::Kind.is_in(kinds.iter().copied()));
    }
    Ok(q.exec(db).await?.rows_affected)
}
