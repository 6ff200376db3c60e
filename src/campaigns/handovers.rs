//! Contacts change jobs. A respondent who is not the right person proposes a colleague (name,
//! address, language) from the form; the secretariat confirms or declines. Confirmed, the
//! colleague joins the directory with the proposer's roles and is invited to the same unit's
//! response, in one transaction with the invitation mail. Nothing reaches the colleague before
//! the secretariat has decided: a form is no way to mail strangers.
use super::entities::handover::{self, State};
use super::{get, invitation, UnitKey};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::directory::check::Problem;
use crate::directory::contacts::{self, Draft};
use crate::directory::{contact, institute};
use crate::forms::Unit;
use crate::notifications;
use crate::Result;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Proposals an invitation may have waiting at once.
pub const PENDING_MAX: u64 = 3;
/// Longest note kept with a proposal.
pub const NOTE_MAX: usize = 1000;

/// Why a proposal was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotProposed {
    /// The name, address or language, each problem beside its field.
    Problems(Vec<Problem>),
    /// The note is too long or holds control characters.
    BadNote,
    /// The respondent proposed themselves.
    Themselves,
    /// `PENDING_MAX` proposals already wait for the secretariat.
    TooMany,
}

/// A colleague as the respondent typed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Proposal {
    pub name: String,
    pub email: String,
    pub language: String,
    pub note: String,
}

/// Records the proposal of a colleague by the holder of `inv`.
pub async fn propose(
    db: &impl ConnectionTrait,
    inv: &invitation::Model,
    by: &contact::Model,
    p: &Proposal,
) -> Result<std::result::Result<handover::Model, NotProposed>> {
    let draft = Draft {
        name: p.name.clone(),
        email: p.email.clone(),
        language: p.language.clone(),
        roles: by.roles.to_string(),
        active: true,
    };
    let clean = match draft.check() {
        Ok(clean) => clean,
        Err(problems) => return Ok(Err(NotProposed::Problems(problems))),
    };
    let note = p.note.trim();
    let control = note
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if note.chars().count() > NOTE_MAX || control {
        return Ok(Err(NotProposed::BadNote));
    }
    if clean.email == by.email {
        return Ok(Err(NotProposed::Themselves));
    }
    let waiting = handover::Entity::find()
        .filter(handover::Column::InvitationId.eq(inv.id))
        .filter(handover::Column::State.eq(State::Pending))
        .count(db)
        .await?;
    if waiting >= PENDING_MAX {
        return Ok(Err(NotProposed::TooMany));
    }
    let model = handover::ActiveModel {
        invitation_id: Set(inv.id),
        name: Set(clean.name),
        email: Set(clean.email),
        language: Set(clean.language),
        note: Set((!note.is_empty()).then(|| note.to_string())),
        created_at: Set(crate::db::now()),
        state: Set(State::Pending),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok(model))
}

/// A proposal with what the secretariat needs to decide on it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub handover: handover::Model,
    pub invitation: invitation::Model,
    pub by: contact::Model,
    pub institute: institute::Model,
}

/// Every proposal, the waiting ones first, then the decided ones, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Listed>> {
    let rows = handover::Entity::find()
        .order_by_desc(handover::Column::CreatedAt)
        .all(db)
        .await?;
    // Three queries in all, not three per proposal.
    let ids: Vec<i32> = rows.iter().map(|h| h.invitation_id).collect();
    let invited: std::collections::HashMap<i32, (invitation::Model, contact::Model)> =
        invitation::Entity::find()
            .filter(invitation::Column::Id.is_in(ids))
            .find_also_related(contact::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(inv, by)| Some((inv.id, (inv, by?))))
            .collect();
    let institutes = crate::directory::institutes_by_id(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for h in rows {
        let Some((inv, by)) = invited.get(&h.invitation_id).cloned() else {
            continue;
        };
        let Some(inst) = institutes.get(&by.institute_id).cloned() else {
            continue;
        };
        out.push(Listed {
            handover: h,
            invitation: inv,
            by,
            institute: inst,
        });
    }
    out.sort_by_key(|l| l.handover.state != State::Pending);
    Ok(out)
}

/// What confirming did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub colleague: contact::Model,
    /// Whether a new invitation (and its mail) was made; `false` if the colleague had one.
    pub invited: bool,
}

/// Confirms a waiting proposal: the colleague joins (or rejoins) the directory and is invited
/// to the same unit's response (on a survey answered per contact, to one of their own); with `retire`, the proposer is deactivated (their links stop
/// working). `None` when the proposal is not waiting any more.
pub async fn confirm(app: &App, actor: &Actor, id: i32, retire: bool) -> Result<Option<Confirmed>> {
    let cmd = Command::begin(&app.db, actor, Action::HandoverConfirm).await?;
    let tx = cmd.tx();
    let Some(h) = handover::Entity::find_by_id(id)
        .one(tx)
        .await?
        .filter(|h| h.state == State::Pending)
    else {
        return Ok(None);
    };
    let inv = invitation::Entity::find_by_id(h.invitation_id)
        .one(tx)
        .await?
        .ok_or(crate::Error::NotFound)?;
    let proposer = contact::Entity::find_by_id(inv.contact_id)
        .one(tx)
        .await?
        .ok_or(crate::Error::NotFound)?;
    let inst = crate::directory::institutes::get(tx, proposer.institute_id).await?;
    let colleague = join(tx, &h, &proposer).await?;
    let existing = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(inv.campaign_id))
        .filter(invitation::Column::ContactId.eq(colleague.id))
        .one(tx)
        .await?;
    let invited = existing.is_none();
    if invited {
        let c = get(tx, inv.campaign_id).await?;
        let form = c.form()?;
        // A survey answered per contact holds each person's own answers: the colleague gets a
        // response of their own, never the proposer's.
        let unit_key = match form.unit {
            Unit::Contact => UnitKey::Contact(colleague.id),
            _ => inv.unit_key.clone(),
        };
        let new = invitation::ActiveModel {
            campaign_id: Set(inv.campaign_id),
            contact_id: Set(colleague.id),
            unit_key: Set(unit_key),
            created_at: Set(crate::db::now()),
            ..Default::default()
        }
        .insert(tx)
        .await?;
        let names = super::place_names(tx, &form).await?;
        let survey = c.survey(&form).naming(&names);
        let message = notifications::invitation(&survey, &colleague, &inst, new.id);
        app.enqueue(tx, &message).await?;
    }
    if retire && proposer.id != colleague.id {
        let mut am: contact::ActiveModel = proposer.into();
        am.active = Set(false);
        am.update(tx).await?;
    }
    decide(tx, h, State::Confirmed, &actor.who).await?;
    let retired = if retire { ", proposer deactivated" } else { "" };
    let detail = Some(format!("{}{retired}", colleague.email));
    cmd.done(&Target::Handover(id), detail).await?;
    Ok(Some(Confirmed { colleague, invited }))
}

/// The colleague as a contact of the proposer's institute: found by address (and made active
/// again) or added with the proposer's roles.
async fn join(
    db: &impl ConnectionTrait,
    h: &handover::Model,
    proposer: &contact::Model,
) -> Result<contact::Model> {
    if let Some(known) = contacts::find_in(db, proposer.institute_id, &h.email).await? {
        if known.active {
            return Ok(known);
        }
        let mut am: contact::ActiveModel = known.into();
        am.active = Set(true);
        return Ok(am.update(db).await?);
    }
    let clean = contacts::Clean {
        name: h.name.clone(),
        email: h.email.clone(),
        language: h.language,
        roles: proposer.roles.clone(),
        active: true,
    };
    contacts::create(db, proposer.institute_id, clean)
        .await?
        .map_err(|_| crate::Error::Invalid("the colleague's address was taken meanwhile".into()))
}

async fn decide(
    db: &impl ConnectionTrait,
    h: handover::Model,
    state: State,
    by: &str,
) -> Result<handover::Model> {
    let mut am: handover::ActiveModel = h.into();
    am.state = Set(state);
    am.decided_by = Set(Some(by.to_string()));
    am.decided_at = Set(Some(crate::db::now()));
    Ok(am.update(db).await?)
}

/// Declines a waiting proposal; `false` when it is not waiting any more.
pub async fn decline(app: &App, actor: &Actor, id: i32) -> Result<bool> {
    let cmd = Command::begin(&app.db, actor, Action::HandoverDecline).await?;
    let Some(h) = handover::Entity::find_by_id(id)
        .one(cmd.tx())
        .await?
        .filter(|h| h.state == State::Pending)
    else {
        return Ok(false);
    };
    decide(cmd.tx(), h, State::Declined, &actor.who).await?;
    cmd.done(&Target::Handover(id), None).await?;
    Ok(true)
}

/// How many proposals wait for the secretariat.
pub async fn waiting(db: &impl ConnectionTrait) -> Result<u64> {
    Ok(handover::Entity::find()
        .filter(handover::Column::State.eq(State::Pending))
        .count(db)
        .await?)
}
