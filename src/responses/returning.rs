//! Returning a submitted response to its unit for correction, with the secretariat's note.
use super::{current, history, response, unit_contacts, Status};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::{self, UnitKey};
use crate::notifications;
use crate::Result;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Why a response could not be returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReturned {
    /// The note is empty, longer than `NOTE_MAX` characters, or holds control characters.
    BadNote,
    /// Only a submitted response can be returned.
    NotSubmitted,
}

pub const NOTE_MAX: usize = 2000;

/// Sends the unit's submitted response back with `note`: the response becomes editable again,
/// the change is in its history, and every contact of the unit is mailed, in one transaction.
pub async fn return_for_correction(
    app: &App,
    campaign_id: i32,
    unit: &UnitKey,
    note: &str,
    actor: &Actor,
) -> Result<std::result::Result<response::Model, NotReturned>> {
    let note = note.trim();
    let control = note
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if note.is_empty() || note.chars().count() > NOTE_MAX || control {
        return Ok(Err(NotReturned::BadNote));
    }
    let cmd = Command::begin(&app.db, actor, Action::ResponseReturn).await?;
    let tx = cmd.tx();
    let by = actor.who.as_str();
    let c = campaigns::get(tx, campaign_id).await?;
    let form = c.form()?;
    let Some(r) = current(tx, campaign_id, unit)
        .await?
        .filter(|r| r.status == Status::Submitted)
    else {
        return Ok(Err(NotReturned::NotSubmitted));
    };
    let mut returned = r.clone();
    returned.status = Status::Returned;
    returned.note = Some(note.to_string());
    returned.version = r.version + 1;
    returned.updated_at = crate::db::now();
    returned.updated_by = Some(by.to_string());
    returned.accepted_at = None;
    returned.accepted_by = None;
    response::Entity::update_many()
        .col_expr(response::Column::Status, Expr::value(Status::Returned))
        .col_expr(response::Column::Note, Expr::value(note))
        .col_expr(response::Column::Version, Expr::value(returned.version))
        .col_expr(
            response::Column::UpdatedAt,
            Expr::value(returned.updated_at),
        )
        .col_expr(response::Column::UpdatedBy, Expr::value(by))
        // A returned response is open to change again: an earlier acceptance no longer holds.
        .col_expr(
            response::Column::AcceptedAt,
            Expr::value(Option::<chrono::DateTime<chrono::FixedOffset>>::None),
        )
        .col_expr(
            response::Column::AcceptedBy,
            Expr::value(Option::<String>::None),
        )
        .filter(response::Column::Id.eq(r.id))
        .exec(tx)
        .await?;
    history::ActiveModel {
        response_id: Set(r.id),
        version: Set(returned.version),
        actor: Set(by.to_string()),
        action: Set(history::Event::Returned(note.to_string())),
        before_json: Set(Some(r.answers_json.clone())),
        after_json: Set(r.answers_json.clone()),
        at: Set(returned.updated_at),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let names = campaigns::place_names(tx, &form).await?;
    let survey = c.survey(&form).naming(&names);
    for (inv, person, inst) in unit_contacts(tx, campaign_id, unit).await? {
        if person.active {
            let version = (r.id, returned.version);
            let message = notifications::returned(&survey, &person, &inst, inv.id, version, note);
            app.enqueue(tx, &message).await?;
        }
    }
    let target = Target::Unit(campaign_id, unit.to_string());
    cmd.done(&target, Some(note.to_string())).await?;
    Ok(Ok(returned))
}

/// The secretariat accepts the unit's submitted response: its link then shows the answers
/// read-only. `None` when there is no submitted response to accept (or it is accepted already).
/// Returning it later takes the acceptance back.
pub async fn accept(
    app: &App,
    campaign_id: i32,
    unit: &UnitKey,
    actor: &Actor,
) -> Result<Option<response::Model>> {
    let cmd = Command::begin(&app.db, actor, Action::ResponseAccept).await?;
    let tx = cmd.tx();
    let by = actor.who.as_str();
    let Some(r) = current(tx, campaign_id, unit)
        .await?
        .filter(|r| r.status == Status::Submitted && r.accepted_at.is_none())
    else {
        return Ok(None);
    };
    let now = crate::db::now();
    response::Entity::update_many()
        .col_expr(response::Column::AcceptedAt, Expr::value(now))
        .col_expr(response::Column::AcceptedBy, Expr::value(by))
        .col_expr(response::Column::Version, Expr::value(r.version + 1))
        .filter(response::Column::Id.eq(r.id))
        .exec(tx)
        .await?;
    history::ActiveModel {
        response_id: Set(r.id),
        version: Set(r.version + 1),
        actor: Set(by.to_string()),
        action: Set(history::Event::Accepted),
        before_json: Set(Some(r.answers_json.clone())),
        after_json: Set(r.answers_json.clone()),
        at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let accepted = current(tx, campaign_id, unit).await?;
    cmd.done(&Target::Unit(campaign_id, unit.to_string()), None)
        .await?;
    Ok(accepted)
}
