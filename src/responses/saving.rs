//! Saving a unit's answers, by the contact whose link it is or by the secretariat typing in what
//! the institute sent by letter: the same rules, the same version check, one history line; the
//! secretariat's save is also a command on the audit trail, in the same transaction.
use super::{current, history, response, unit_contacts, Author, Letter, Respondent, Status};
use crate::app::App;
use crate::audit::{Action, Command, Target};
use crate::campaigns::campaign;
use crate::forms::Answers;
use crate::mail::outbox;
use crate::notifications::{self, Submission};
use crate::{Error, Refusal, Result};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

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
    let change = Change {
        answers,
        status,
        expected_version,
    };
    let outcome = match &who.author {
        Author::Contact => {
            let tx = crate::db::begin_write(&app.db).await?;
            let outcome = write(app, &tx, who, &change).await?;
            if let Some(Saved::Saved(_)) = &outcome {
                tx.commit().await?;
            }
            outcome
        }
        Author::Secretariat { actor, letter } => {
            let letter = letter.as_ref().ok_or(Refusal::EntryLetter(Letter::MAX))?;
            let cmd = Command::begin(&app.db, actor, Action::ResponseEnter).await?;
            let outcome = write(app, cmd.tx(), who, &change).await?;
            if let Some(Saved::Saved(_)) = &outcome {
                let target = Target::Unit(who.campaign.id, who.invitation.unit_key.to_string());
                cmd.done(&target, Some(letter.to_string())).await?;
            }
            outcome
        }
    };
    match outcome {
        Some(saved) => Ok(saved),
        // Another first save won the unique index (possible on PostgreSQL, where the
        // transaction takes no lock up front): this one was rolled back, theirs stands, and
        // this one is a conflict.
        None => current(&app.db, who.campaign.id, &who.invitation.unit_key)
            .await?
            .map(Saved::Conflict)
            .ok_or(Error::NotFound),
    }
}

/// What a save asks for.
struct Change<'a> {
    answers: &'a Answers,
    status: Status,
    expected_version: i32,
}

/// The save's rules and writes in `tx`; `None` when a concurrent first save won (the caller
/// drops the transaction and reads theirs). Only `Some(Saved::Saved)` wrote anything.
async fn write(
    app: &App,
    tx: &DatabaseTransaction,
    who: &Respondent,
    change: &Change<'_>,
) -> Result<Option<Saved>> {
    let (answers, status) = (change.answers, change.status);
    let unit_key = &who.invitation.unit_key;
    // Read again under the write lock: a close or an acceptance that came after the page was
    // shown decides.
    let campaign = crate::campaigns::held(tx, who.campaign.id).await?;
    let existing = current(tx, who.campaign.id, unit_key).await?;
    let today = chrono::Utc::now().date_naive();
    if let Err(locked) = changeable(&campaign, existing.as_ref(), today) {
        return Ok(Some(Saved::Locked(locked)));
    }
    let written = match existing {
        Some(r) if r.version != change.expected_version => {
            return Ok(Some(Saved::Conflict(r)));
        }
        Some(r) => update(tx, who, r, answers, status).await?,
        None if change.expected_version != 0 => {
            // The response it was based on is gone; saving would look like a first answer.
            return Err(Error::Invalid("the response was removed".into()));
        }
        None => match insert(tx, who, answers, status).await {
            Ok(r) => Ok(r),
            Err(Error::Db(e)) if crate::db::is_unique_violation(&e) => Err(()),
            Err(e) => return Err(e),
        },
    };
    let Ok((saved, before)) = written else {
        return Ok(None);
    };
    history::ActiveModel {
        response_id: Set(saved.id),
        version: Set(saved.version),
        actor: Set(who.author_name().to_string()),
        action: Set(who.author.event(status)),
        before_json: Set(before),
        after_json: Set(saved.answers_json.clone()),
        at: Set(saved.updated_at),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    if status == Status::Submitted {
        after_submission(app, tx, who, &saved, answers).await?;
    }
    Ok(Some(Saved::Saved(saved)))
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
    saved.updated_by = Some(who.author_name().to_string());
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
        updated_by: Set(Some(who.author_name().to_string())),
        updated_at: Set(now),
        submitted_at: Set((status == Status::Submitted).then_some(now)),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok((saved, None))
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
        by: who.author_name(),
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
