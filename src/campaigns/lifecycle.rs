//! A campaign's life after it opens: its deadline moved (every invited contact told once),
//! closed, reopened, or deleted while nobody has answered.
use super::{campaign, get};
use crate::app::App;
use crate::mail::outbox::{self, Kind};
use crate::notifications;
use crate::Refusal;
use crate::Result;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Moves the closing day of an open campaign to `closes_on` (today or later) and queues one
/// mail per invited contact and new day, in one transaction; returns how many were queued.
pub async fn extend(
    app: &App,
    campaign_id: i32,
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
    let c = get(&app.db, campaign_id).await?;
    if !c.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    let form = c.form()?;
    let tx = crate::db::begin_write(&app.db).await?;
    let mut am: campaign::ActiveModel = c.into();
    am.closes_on = Set(Some(closes_on));
    let c = am.update(&tx).await?;
    let names = super::place_names(&tx, &form).await?;
    let survey = c.survey(&form).naming(&names);
    let invited = super::invitations_with_contacts(&tx, campaign_id, None).await?;
    let mut queued = 0;
    for (inv, person, inst) in invited.iter().filter(|(_, p, _)| p.active) {
        let message = notifications::deadline_changed(&survey, person, inst, inv.id);
        if app.enqueue(&tx, &message).await? {
            queued += 1;
        }
    }
    tx.commit().await?;
    Ok(queued)
}

/// Closes an open campaign: no more answers, no more reminders (those queued are withdrawn);
/// links show the submitted answers read-only until the grace period ends.
pub async fn close(app: &App, campaign_id: i32) -> Result<campaign::Model> {
    let c = get(&app.db, campaign_id).await?;
    if !c.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    let tx = crate::db::begin_write(&app.db).await?;
    withdraw_queued(&tx, campaign_id, &[Kind::Reminder, Kind::Invitation]).await?;
    let mut am: campaign::ActiveModel = c.into();
    am.status = Set(campaign::Status::Closed);
    am.closed_at = Set(Some(crate::db::now()));
    let c = am.update(&tx).await?;
    tx.commit().await?;
    Ok(c)
}

/// Opens a closed campaign again. With `closes_on` the closing day moves too and every invited
/// contact is told (as by `extend`); without it the old closing day must still lie ahead.
/// Returns how many contacts will be told.
pub async fn reopen(
    app: &App,
    campaign_id: i32,
    closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<usize> {
    let c = get(&app.db, campaign_id).await?;
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
    am.update(&app.db).await?;
    match closes_on {
        Some(day) => extend(app, campaign_id, day, today).await,
        None => Ok(0),
    }
}

/// Deletes a campaign with its invitations and links; its queued mail is withdrawn, its sent
/// mail stays on record. Answers would go with it: the layer of answers offers the way in,
/// which refuses a campaign anybody has answered.
pub async fn delete_unanswered(tx: &sea_orm::DatabaseTransaction, campaign_id: i32) -> Result<()> {
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
