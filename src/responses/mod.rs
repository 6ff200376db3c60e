//! Responses: one per unit and campaign, shared by the unit's invited contacts. Every save is
//! checked against the version the person started from, so two people saving at once never
//! overwrite each other silently, and every change is kept in the history.
pub mod attachments;
pub mod changes;
pub mod deadlines;
pub mod digest;
pub mod entities;
mod lost_links;
pub mod matching;
pub mod on_behalf;
pub mod progress;
pub mod reminders;
pub mod returning;
mod saving;
pub mod standing;

pub use entities::{history, response};
pub use lost_links::resend_links;
pub use on_behalf::{on_behalf, Author, Letter};
pub use response::Status;
pub use returning::return_for_correction;
pub use saving::{changeable, save, Locked, Saved};

use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::{campaign, invitation, tokens, UnitKey};
use crate::directory::{contact, country, institute};
use crate::forms::{Answers, Form};
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

/// Everything a personal link opens.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub invitation: invitation::Model,
    pub contact: contact::Model,
    pub institute: institute::Model,
    pub country: Option<country::Model>,
    pub campaign: campaign::Model,
    pub form: Arc<Form>,
    /// Who saves: the link's contact, or the secretariat on the unit's behalf.
    pub author: Author,
}

/// Who a token belongs to, or `None` for a token that opens nothing (unknown, or its contact
/// deactivated). The campaign's schema comes from the snapshot cache: parsed once per campaign.
pub async fn respondent(app: &App, token: &str) -> Result<Option<Respondent>> {
    let db = &app.db;
    let Some((invitation, contact, institute)) = tokens::find(db, token).await? else {
        return Ok(None);
    };
    if !contact.active {
        return Ok(None);
    }
    let country = country::Entity::find_by_id(institute.country_code.clone())
        .one(db)
        .await?;
    let campaign = crate::campaigns::get(db, invitation.campaign_id).await?;
    let form = campaign.cached_form(&app.snapshots)?;
    Ok(Some(Respondent {
        invitation,
        contact,
        institute,
        country,
        campaign,
        form,
        author: Author::Contact,
    }))
}

pub async fn current(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    unit_key: &UnitKey,
) -> Result<Option<response::Model>> {
    Ok(response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign_id))
        .filter(response::Column::UnitKey.eq(unit_key.clone()))
        .one(db)
        .await?)
}

pub async fn history_of(
    db: &impl ConnectionTrait,
    response_id: i32,
) -> Result<Vec<history::Model>> {
    Ok(history::Entity::find()
        .filter(history::Column::ResponseId.eq(response_id))
        .order_by_asc(history::Column::Version)
        .all(db)
        .await?)
}

/// The invitations of a unit with their contacts and institutes.
pub(crate) async fn unit_contacts(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    unit_key: &UnitKey,
) -> Result<Vec<(invitation::Model, contact::Model, institute::Model)>> {
    crate::campaigns::invitations_with_contacts(db, campaign_id, Some(unit_key)).await
}

/// The unit's submitted answers in the latest earlier campaign of the same survey, with its year:
/// what a new campaign offers to start from, and what its pages show beside this year's
/// answers. Read by `form`, campaign `c`'s schema (the caller's, already parsed: this runs
/// on every form page).
pub async fn previous(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    form: &Form,
    unit_key: &UnitKey,
) -> Result<Option<(i32, Answers)>> {
    let earlier = campaign::Entity::find()
        .filter(campaign::Column::FormId.eq(&c.form_id))
        .filter(campaign::Column::Year.lt(c.year))
        .order_by_desc(campaign::Column::Year)
        .all(db)
        .await?;
    for e in earlier {
        if let Some(r) = current(db, e.id, unit_key).await? {
            if r.is_submitted() {
                // Read by this year's questions: a renamed one takes what it `was`.
                return Ok(Some((
                    e.year,
                    crate::forms::carry::carried(form, r.answers()?),
                )));
            }
        }
    }
    Ok(None)
}

/// Deletes a campaign that nobody has answered (a draft counts as an answer), in one
/// transaction with the count, so an answer saved meanwhile is never deleted with it.
pub async fn delete_campaign(app: &App, by: &Actor, campaign_id: i32) -> Result<()> {
    let cmd = Command::begin(&app.db, by, Action::CampaignDelete).await?;
    use sea_orm::PaginatorTrait;
    let answers = response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign_id))
        .count(cmd.tx())
        .await?;
    if answers > 0 {
        return Err(crate::Refusal::HasAnswers {
            id: campaign_id,
            answers,
        }
        .into());
    }
    crate::campaigns::delete_unanswered(cmd.tx(), campaign_id).await?;
    cmd.done(&Target::Campaign(campaign_id), None).await
}
