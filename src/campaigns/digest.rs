//! A digest of a campaign's submitted answers, mailed to every contact of every member country:
//! the annual information on traineeship possibilities (Ind-e.2.3) is the digest of the
//! traineeship-offers campaign. Generic: any campaign's answers can be circulated this way.
use super::{campaign, get};
use crate::app::App;
use crate::directory::{contact, institute};
use crate::forms::summary;
use crate::mail::{templates::enqueue, Outgoing};
use crate::responses::response;
use crate::{Error, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use serde_json::json;
use std::collections::HashMap;

/// Each unit's answers as summary lines in one language, units in the order of their keys.
fn entries(
    form: &crate::forms::Form,
    responses: &[response::Model],
    institutes: &HashMap<i32, institute::Model>,
    lang: &str,
) -> serde_json::Value {
    let items: Vec<_> = responses
        .iter()
        .map(|r| {
            let unit = r
                .institute_id
                .and_then(|id| institutes.get(&id))
                .map(|i| format!("{} ({})", i.acronym, i.name(lang)))
                .unwrap_or_else(|| r.unit_key.clone());
            json!({"unit": unit, "lines": summary::lines(form, &r.answers(), lang)})
        })
        .collect();
    json!(items)
}

/// Queues the digest to every active contact, in one transaction; returns how many. Once per
/// contact and campaign: the dedupe key holds the campaign, so running it again sends nothing.
pub async fn send(app: &App, campaign_id: i32) -> Result<usize> {
    let c: campaign::Model = get(&app.db, campaign_id).await?;
    let form = c.form()?;
    let responses = response::Entity::find()
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::Status.eq(response::SUBMITTED))
        .order_by_asc(response::Column::UnitKey)
        .all(&app.db)
        .await?;
    if responses.is_empty() {
        return Err(Error::Invalid(format!(
            "campaign {campaign_id} has no submitted answers to circulate"
        )));
    }
    let institutes = crate::directory::institutes_by_id(&app.db).await?;
    let data = json!({
        "survey_en": form.title.get("en"),
        "survey_ru": form.title.get("ru"),
        "survey": form.title.get("en"),
        "year": c.year.to_string(),
        "entries_en": entries(&form, &responses, &institutes, "en"),
        "entries_ru": entries(&form, &responses, &institutes, "ru"),
    });
    let contacts = contact::Entity::find()
        .filter(contact::Column::Active.eq(true))
        .order_by_asc(contact::Column::Id)
        .all(&app.db)
        .await?;
    let tx = app.db.begin().await?;
    let mut queued = 0;
    for person in contacts {
        let message = Outgoing::to_contact(
            "digest",
            format!("digest:{campaign_id}:{}", person.id),
            &person,
            Some(campaign_id),
            None,
            data.clone(),
        );
        if enqueue(&tx, &app.renderer, &app.host(), &message).await? {
            queued += 1;
        }
    }
    tx.commit().await?;
    Ok(queued)
}
