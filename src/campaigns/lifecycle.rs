//! A campaign's deadline moved: the new closing day, and every invited contact told once.
use super::{campaign, get};
use crate::app::App;
use crate::notifications;
use crate::{Error, Result};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, Set};

/// Moves the closing day of an open campaign to `closes_on` (today or later) and queues one
/// mail per invited contact and new day, in one transaction; returns how many were queued.
pub async fn extend(
    app: &App,
    campaign_id: i32,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    if closes_on < today {
        return Err(Error::Invalid(format!(
            "the closing date {closes_on} is in the past (today is {today})"
        )));
    }
    let c = get(&app.db, campaign_id).await?;
    if !c.is_open() {
        return Err(Error::Invalid(format!("campaign {campaign_id} is closed")));
    }
    let form = c.form()?;
    let tx = crate::db::begin_write(&app.db).await?;
    let mut am: campaign::ActiveModel = c.into();
    am.closes_on = Set(Some(closes_on));
    let c = am.update(&tx).await?;
    let survey = c.survey(&form);
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
