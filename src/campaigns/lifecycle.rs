//! A campaign's life after it opens: its deadline moved (every invited contact told once),
//! closed, reopened, or deleted while nobody has answered.
use super::{campaign, get, locked};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::mail::outbox::{self, Kind};
use crate::notifications;
use crate::Refusal;
use crate::Result;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// Moves the closing day of an open campaign to `closes_on` (today or later) and queues one
/// mail per invited contact and new day; returns how many were queued.
pub async fn extend(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::CampaignExtend).await?;
    let c = locked(cmd.tx(), campaign_id).await?;
    if !c.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    let queued = move_deadline(app, cmd.tx(), c, closes_on, today).await?;
    let detail = Some(closes_on.to_string());
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(queued)
}

/// Sets the closing day and tells every active invited contact of it once.
async fn move_deadline(
    app: &App,
    tx: &DatabaseTransaction,
    c: campaign::Model,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    if closes_on < today {
        return Err(Refusal::ClosingDateInPast {
            day: closes_on,
            today,
        }
        .into());
    }
    let form = c.form()?;
    let campaign_id = c.id;
    let mut am: campaign::ActiveModel = c.into();
    am.closes_on = Set(Some(closes_on));
    let c = am.update(tx).await?;
    let names = super::place_names(tx, &form).await?;
    let survey = c.survey(&form).naming(&names);
    let invited = super::invitations_with_contacts(tx, campaign_id, None).await?;
    let mut queued = 0;
    for (inv, person, inst) in invited.iter().filter(|(_, p, _)| p.active) {
        let message = notifications::deadline_changed(&survey, person, inst, inv.id);
        if app.enqueue(tx, &message).await? {
            queued += 1;
        }
    }
    Ok(queued)
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

/// Opens a closed campaign again. With `closes_on` the closing day moves too and every invited
/// contact is told (as by `extend`); without it the old closing day must still lie ahead.
/// Returns how many contacts will be told.
pub async fn reopen(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::CampaignReopen).await?;
    let c = locked(cmd.tx(), campaign_id).await?;
    if c.is_open() {
        return Err(Refusal::Open(campaign_id).into());
    }
    let day = closes_on.or(c.closes_on);
    if let Some(day) = day.filter(|d| *d < today) {
        return Err(Refusal::ClosingDateInPast { day, today }.into());
    }
    let mut am: campaign::ActiveModel = c.into();
    am.status = Set(campaign::Status::Open);
    am.closed_at = Set(None);
    let c = am.update(cmd.tx()).await?;
    let told = match closes_on {
        Some(day) => move_deadline(app, cmd.tx(), c, day, today).await?,
        None => 0,
    };
    let detail = closes_on.map(|d| d.to_string());
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(told)
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
