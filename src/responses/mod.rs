//! Responses: one per unit and campaign, shared by the unit's invited contacts. Every save is
//! checked against the version the person started from, so two people saving at once never
//! overwrite each other silently, and every change is kept in the history.
pub mod changes;
pub mod deadlines;
pub mod digest;
pub mod entities;
mod lost_links;
pub mod matching;
pub mod progress;
pub mod reminders;
pub mod returning;
pub mod standing;

pub use entities::{history, response};
pub use lost_links::resend_links;
pub use response::Status;
pub use returning::return_for_correction;

use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::{campaign, invitation, tokens, UnitKey};
use crate::directory::{contact, country, institute};
use crate::forms::{Answers, Form};
use crate::mail::outbox;
use crate::notifications::{self, Submission};
use crate::{Error, Result};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
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

#[derive(Debug, Clone)]
pub enum Saved {
    Saved(response::Model),
    /// Someone saved since `expected_version`: here is what they saved; nothing was written.
    Conflict(response::Model),
    /// The answers cannot change any more; nothing was written.
    Locked(Locked),
}

/// Why a unit's answers cannot change now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// The campaign is closed, or its closing day has passed.
    Closed,
    /// The secretariat accepted the response.
    Accepted,
}

/// The rule for every change of a unit's answers: the campaign takes answers on `today` and the
/// secretariat has not accepted the response. `save` applies it in its transaction; pages ask
/// it to show the form read-only.
pub fn changeable(
    campaign: &campaign::Model,
    current: Option<&response::Model>,
    today: chrono::NaiveDate,
) -> std::result::Result<(), Locked> {
    if !campaign.accepts_answers(today) {
        Err(Locked::Closed)
    } else if current.is_some_and(|r| r.accepted_at.is_some()) {
        Err(Locked::Accepted)
    } else {
        Ok(())
    }
}

/// Saves the unit's answers with `status`, if the response is still at `expected_version`
/// (0 for a response that does not exist yet). The write lock is taken first, so concurrent
/// saves queue behind each other instead of failing; the version decides who wins.
pub async fn save(
    app: &App,
    who: &Respondent,
    answers: &Answers,
    status: Status,
    expected_version: i32,
) -> Result<Saved> {
    let unit_key = &who.invitation.unit_key;
    let tx = crate::db::begin_write(&app.db).await?;
    // Read again under the write lock: a close or an acceptance that came after the page was
    // shown decides.
    let campaign = crate::campaigns::held(&tx, who.campaign.id).await?;
    let existing = current(&tx, who.campaign.id, unit_key).await?;
    let today = chrono::Utc::now().date_naive();
    if let Err(locked) = changeable(&campaign, existing.as_ref(), today) {
        return Ok(Saved::Locked(locked));
    }
    let written = match existing {
        Some(r) if r.version != expected_version => return Ok(Saved::Conflict(r)),
        Some(r) => update(&tx, who, r, answers, status).await?,
        None if expected_version != 0 => {
            // The response it was based on is gone; saving would look like a first answer.
            return Err(Error::Invalid("the response was removed".into()));
        }
        None => match insert(&tx, who, answers, status).await {
            Ok(r) => Ok(r),
            // Another first save won the unique index (possible on PostgreSQL, where the
            // transaction takes no lock up front): theirs stands, and this one is a conflict.
            Err(Error::Db(e)) if crate::db::is_unique_violation(&e) => Err(()),
            Err(e) => return Err(e),
        },
    };
    let (saved, before) = match written {
        Ok(pair) => pair,
        Err(()) => {
            tx.rollback().await?;
            let theirs = current(&app.db, who.campaign.id, unit_key).await?;
            return theirs.map(Saved::Conflict).ok_or(Error::NotFound);
        }
    };
    history::ActiveModel {
        response_id: Set(saved.id),
        version: Set(saved.version),
        actor: Set(who.contact.email.clone()),
        action: Set(history::Event::Saved(status)),
        before_json: Set(before),
        after_json: Set(saved.answers_json.clone()),
        at: Set(saved.updated_at),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    if status == Status::Submitted {
        after_submission(app, &tx, who, &saved, answers).await?;
    }
    tx.commit().await?;
    Ok(Saved::Saved(saved))
}

type Written = std::result::Result<(response::Model, Option<String>), ()>;

/// The next version of an existing response; `Err(())` if another save got there first.
async fn update(
    tx: &DatabaseTransaction,
    who: &Respondent,
    r: response::Model,
    answers: &Answers,
    status: Status,
) -> Result<Written> {
    let mut saved = r.clone();
    saved.answers_json = serde_json::to_string(answers)?;
    saved.status = status;
    saved.version = r.version + 1;
    saved.updated_by = Some(who.contact.email.clone());
    saved.updated_at = crate::db::now();
    if status == Status::Submitted {
        saved.submitted_at = Some(saved.updated_at);
    }
    // The version in the filter makes this safe without a lock on PostgreSQL too.
    let updated = response::Entity::update_many()
        .col_expr(
            response::Column::AnswersJson,
            Expr::value(saved.answers_json.clone()),
        )
        .col_expr(response::Column::Status, Expr::value(status))
        .col_expr(response::Column::Version, Expr::value(saved.version))
        .col_expr(
            response::Column::UpdatedBy,
            Expr::value(saved.updated_by.clone()),
        )
        .col_expr(response::Column::UpdatedAt, Expr::value(saved.updated_at))
        .col_expr(
            response::Column::SubmittedAt,
            Expr::value(saved.submitted_at),
        )
        .filter(response::Column::Id.eq(r.id))
        .filter(response::Column::Version.eq(r.version))
        .exec(tx)
        .await?;
    Ok(if updated.rows_affected == 1 {
        Ok((saved, Some(r.answers_json)))
    } else {
        Err(())
    })
}

async fn insert(
    tx: &DatabaseTransaction,
    who: &Respondent,
    answers: &Answers,
    status: Status,
) -> Result<(response::Model, Option<String>)> {
    let now = crate::db::now();
    let code = &who.institute.country_code;
    let ceems = crate::directory::countries::ceems_in(tx, who.campaign.year)
        .await?
        .get(code)
        .copied()
        .unwrap_or(false);
    let saved = response::ActiveModel {
        campaign_id: Set(who.campaign.id),
        unit_key: Set(who.invitation.unit_key.clone()),
        institute_id: Set(Some(who.institute.id)),
        country_code: Set(Some(who.institute.country_code.clone())),
        contact_id: Set(Some(who.contact.id)),
        ceems: Set(ceems),
        status: Set(status),
        version: Set(1),
        answers_json: Set(serde_json::to_string(answers)?),
        updated_by: Set(Some(who.contact.email.clone())),
        updated_at: Set(now),
        submitted_at: Set((status == Status::Submitted).then_some(now)),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok((saved, None))
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

/// In the submission's transaction: reminders still queued for the unit are withdrawn, and each
/// of its contacts gets a confirmation with a summary of the answers in both languages.
async fn after_submission(
    app: &App,
    tx: &DatabaseTransaction,
    who: &Respondent,
    saved: &response::Model,
    answers: &Answers,
) -> Result<()> {
    let unit = unit_contacts(tx, who.campaign.id, &who.invitation.unit_key).await?;
    let ids: Vec<i32> = unit.iter().map(|(_, c, _)| c.id).collect();
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(outbox::Status::Cancelled),
        )
        .filter(outbox::Column::CampaignId.eq(who.campaign.id))
        .filter(outbox::Column::Kind.eq(outbox::Kind::Reminder))
        .filter(outbox::Column::Status.eq(outbox::Status::Queued))
        .filter(outbox::Column::ContactId.is_in(ids))
        .exec(tx)
        .await?;
    let names = crate::campaigns::place_names(tx, &who.form).await?;
    let survey = who.campaign.survey(&who.form).naming(&names);
    let submission = Submission {
        response_id: saved.id,
        version: saved.version,
        by: &who.contact.email,
        at: saved.updated_at,
        answers,
    };
    for (inv, person, inst) in unit.iter().filter(|(_, c, _)| c.active) {
        let message = notifications::confirmation(
            &survey,
            person,
            inst,
            inv.id,
            &submission,
            &app.renderer.i18n,
        );
        app.enqueue(tx, &message).await?;
    }
    Ok(())
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
/// what a new campaign offers to start from.
pub async fn previous(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
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
                let form = c.form()?;
                return Ok(Some((
                    e.year,
                    crate::forms::carry::carried(&form, r.answers()?),
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
