//! Moving a campaign's closing day, and opening a closed campaign again, with the mail that
//! tells the contacts. Each contact is told what is true for its unit: one still to answer is
//! asked to by the new day, one with a draft that the draft waits, one that submitted that it
//! may change its answers until then; an accepted response's contacts are not mailed.
use super::standing::Standings;
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::{self, campaign};
use crate::notifications::{self, Reader};
use crate::{Refusal, Result};
use chrono::NaiveDate;
use sea_orm::DatabaseTransaction;

/// Moves the closing day of an open campaign to `closes_on` (today or later) and queues one
/// mail per contact still expected to answer and new day; returns how many were queued.
pub async fn extend(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::CampaignExtend).await?;
    let c = campaigns::locked(cmd.tx(), campaign_id).await?;
    if !c.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    let c = campaigns::move_deadline(cmd.tx(), c, closes_on, today).await?;
    let queued = tell(app, cmd.tx(), &c).await?;
    let detail = Some(closes_on.to_string());
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(queued)
}

/// Opens a closed campaign again. With `closes_on` the closing day moves too and the contacts
/// are told (as by `extend`); without it the old closing day must still lie ahead.
/// Returns how many contacts will be told.
pub async fn reopen(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::CampaignReopen).await?;
    let c = campaigns::locked(cmd.tx(), campaign_id).await?;
    let c = campaigns::set_open(cmd.tx(), c, closes_on, today).await?;
    let told = match closes_on {
        Some(day) => {
            let c = campaigns::move_deadline(cmd.tx(), c, day, today).await?;
            tell(app, cmd.tx(), &c).await?
        }
        None => 0,
    };
    let detail = closes_on.map(|d| d.to_string());
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(told)
}

/// Queues the new closing day to every active contact whose unit may still answer.
async fn tell(app: &App, tx: &DatabaseTransaction, c: &campaign::Model) -> Result<usize> {
    let form = c.form()?;
    let names = campaigns::place_names(tx, &form).await?;
    let survey = c.survey(&form).naming(&names);
    let standings = Standings::of_campaign(tx, c.id).await?;
    let invited = campaigns::invitations_with_contacts(tx, c.id, None).await?;
    let mut queued = 0;
    for (inv, person, inst) in invited.iter().filter(|(_, p, _)| p.active) {
        let standing = standings.get(&inv.unit_key);
        if !standing.expected() {
            continue;
        }
        let reader = Reader {
            contact: person,
            institute: inst,
            standing,
            invitation_id: inv.id,
        };
        if app
            .enqueue(tx, &notifications::deadline_changed(&survey, reader))
            .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}
