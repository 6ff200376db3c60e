//! Responses: one per unit and campaign, shared by the unit's invited contacts. Every save is
//! checked against the version the person started from, so two people saving at once never
//! overwrite each other silently, and every change is kept in the history.
pub mod entities;

pub use entities::{history, response};

use crate::app::App;
use crate::campaigns::{campaign, invitation, tokens};
use crate::directory::{contact, country, institute};
use crate::forms::Form;
use crate::mail::{outbox, templates::enqueue, Outgoing};
use crate::{Error, Result};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::{json, Map, Value};

/// Everything a personal link opens.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub invitation: invitation::Model,
    pub contact: contact::Model,
    pub institute: institute::Model,
    pub country: Option<country::Model>,
    pub campaign: campaign::Model,
    pub form: Form,
}

pub async fn respondent(db: &impl ConnectionTrait, token: &str) -> Result<Option<Respondent>> {
    let Some(invitation) = tokens::find(db, token).await? else {
        return Ok(None);
    };
    let contact = contact::Entity::find_by_id(invitation.contact_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    if !contact.active {
        return Ok(None);
    }
    let institute = institute::Entity::find_by_id(contact.institute_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let country = country::Entity::find_by_id(institute.country_code.clone())
        .one(db)
        .await?;
    let campaign = crate::campaigns::get(db, invitation.campaign_id).await?;
    let form = campaign.form()?;
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
    unit_key: &str,
) -> Result<Option<response::Model>> {
    Ok(response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign_id))
        .filter(response::Column::UnitKey.eq(unit_key))
        .one(db)
        .await?)
}

#[derive(Debug, Clone)]
pub enum Saved {
    Saved(response::Model),
    /// Someone saved since `expected_version`: here is what they saved; nothing was written.
    Conflict(response::Model),
}

/// Saves the unit's answers with `status`, if the response is still at `expected_version`
/// (0 for a response that does not exist yet).
pub async fn save(
    app: &App,
    who: &Respondent,
    answers: &Map<String, Value>,
    status: &str,
    expected_version: i32,
) -> Result<Saved> {
    let db = &app.db;
    let unit_key = &who.invitation.unit_key;
    let after = serde_json::to_string(answers)?;
    let now = crate::db::now();
    let submitted_at = (status == response::SUBMITTED).then_some(now);
    let tx = db.begin().await?;
    let existing = current(&tx, who.campaign.id, unit_key).await?;
    let (id, version, before) = match existing {
        Some(r) if r.version != expected_version => return Ok(Saved::Conflict(r)),
        Some(r) => {
            let updated = response::Entity::update_many()
                .col_expr(response::Column::AnswersJson, Expr::value(after.clone()))
                .col_expr(response::Column::Status, Expr::value(status))
                .col_expr(response::Column::Version, Expr::value(r.version + 1))
                .col_expr(
                    response::Column::UpdatedBy,
                    Expr::value(who.contact.email.clone()),
                )
                .col_expr(response::Column::UpdatedAt, Expr::value(now))
                .col_expr(
                    response::Column::SubmittedAt,
                    Expr::value(submitted_at.or(r.submitted_at)),
                )
                .filter(response::Column::Id.eq(r.id))
                .filter(response::Column::Version.eq(r.version))
                .exec(&tx)
                .await?;
            if updated.rows_affected != 1 {
                tx.rollback().await?;
                let now_there = current(db, who.campaign.id, unit_key).await?;
                return now_there.map(Saved::Conflict).ok_or(Error::NotFound);
            }
            (r.id, r.version + 1, Some(r.answers_json))
        }
        None if expected_version != 0 => {
            // The response it was based on is gone; saving would look like a first answer.
            tx.rollback().await?;
            return Err(Error::Invalid("the response was removed".into()));
        }
        None => {
            let inserted = response::ActiveModel {
                campaign_id: Set(who.campaign.id),
                unit_key: Set(unit_key.clone()),
                institute_id: Set(Some(who.institute.id)),
                country_code: Set(Some(who.institute.country_code.clone())),
                contact_id: Set(Some(who.contact.id)),
                ceems: Set(who.country.as_ref().is_some_and(|c| c.ceems)),
                status: Set(status.to_string()),
                version: Set(1),
                answers_json: Set(after.clone()),
                updated_by: Set(Some(who.contact.email.clone())),
                updated_at: Set(now),
                submitted_at: Set(submitted_at),
                ..Default::default()
            }
            .insert(&tx)
            .await;
            match inserted {
                Ok(r) => (r.id, 1, None),
                Err(_) => {
                    // Another first save won the unique index.
                    tx.rollback().await?;
                    let now_there = current(db, who.campaign.id, unit_key).await?;
                    return now_there.map(Saved::Conflict).ok_or(Error::NotFound);
                }
            }
        }
    };
    history::ActiveModel {
        response_id: Set(id),
        version: Set(version),
        actor: Set(who.contact.email.clone()),
        action: Set(status.to_string()),
        before_json: Set(before),
        after_json: Set(after),
        at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    if status == response::SUBMITTED {
        after_submission(app, &tx, who, id, version, answers).await?;
    }
    tx.commit().await?;
    let saved = response::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Saved::Saved(saved))
}

pub async fn history_of(
    db: &impl ConnectionTrait,
    response_id: i32,
) -> Result<Vec<history::Model>> {
    use sea_orm::QueryOrder;
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
    response_id: i32,
    version: i32,
    answers: &Map<String, Value>,
) -> Result<()> {
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(who.campaign.id))
        .filter(invitation::Column::UnitKey.eq(&who.invitation.unit_key))
        .all(tx)
        .await?;
    let ids: Vec<i32> = invitations.iter().map(|i| i.contact_id).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(outbox::CANCELLED))
        .filter(outbox::Column::CampaignId.eq(who.campaign.id))
        .filter(outbox::Column::Kind.eq("reminder"))
        .filter(outbox::Column::Status.eq(outbox::QUEUED))
        .filter(outbox::Column::ContactId.is_in(ids.clone()))
        .exec(tx)
        .await?;
    let contacts = contact::Entity::find()
        .filter(contact::Column::Id.is_in(ids))
        .filter(contact::Column::Active.eq(true))
        .all(tx)
        .await?;
    let form = &who.form;
    let when = crate::db::now().format("%Y-%m-%d %H:%M UTC").to_string();
    for c in contacts {
        let Some(inv) = invitations.iter().find(|i| i.contact_id == c.id) else {
            continue;
        };
        let mut data =
            crate::campaigns::mail_data(form, &who.campaign, &c.language, &who.institute);
        if let Some(map) = data.as_object_mut() {
            map.insert("survey_en".into(), json!(form.title.get("en")));
            map.insert("survey_ru".into(), json!(form.title.get("ru")));
            map.insert("by".into(), json!(who.contact.email));
            map.insert("when".into(), json!(when));
            map.insert(
                "summary_en".into(),
                json!(crate::forms::summary::lines(form, answers, "en")),
            );
            map.insert(
                "summary_ru".into(),
                json!(crate::forms::summary::lines(form, answers, "ru")),
            );
        }
        let message = Outgoing::to_contact(
            "confirmation",
            format!("confirmation:{response_id}:{version}:{}", c.id),
            &c,
            Some(who.campaign.id),
            Some(inv.id),
            data,
        );
        enqueue(tx, &app.renderer, &app.host(), &message).await?;
    }
    Ok(())
}

/// The unit's submitted answers in the latest earlier campaign of the same survey, with its year:
/// what a new campaign offers to start from.
pub async fn previous(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    unit_key: &str,
) -> Result<Option<(i32, Map<String, Value>)>> {
    use sea_orm::QueryOrder;
    let earlier = campaign::Entity::find()
        .filter(campaign::Column::FormId.eq(&c.form_id))
        .filter(campaign::Column::Year.lt(c.year))
        .order_by_desc(campaign::Column::Year)
        .all(db)
        .await?;
    for e in earlier {
        if let Some(r) = current(db, e.id, unit_key).await? {
            if r.status == response::SUBMITTED {
                return Ok(Some((e.year, r.answers())));
            }
        }
    }
    Ok(None)
}
