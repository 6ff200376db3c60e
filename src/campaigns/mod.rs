//! Campaigns: a survey opened for a year, its invitations, and who has answered.
pub mod digest;
pub mod entities;
pub mod reminders;
pub mod tokens;

pub use entities::{access_token, campaign, invitation};

use crate::app::App;
use crate::directory::{contact, country, institute};
use crate::forms::{Form, Unit};
use crate::mail::{templates::enqueue, Outgoing};
use crate::responses::response;
use crate::{Error, Result};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl campaign::Model {
    /// The schema the campaign was opened with.
    pub fn form(&self) -> Result<Form> {
        Ok(serde_json::from_str(&self.schema_json)?)
    }

    /// Answers are accepted while the campaign is open and its closing day has not passed.
    pub fn accepts_answers(&self, today: NaiveDate) -> bool {
        self.status == campaign::OPEN && self.closes_on.is_none_or(|d| today <= d)
    }
}

/// When automatic reminders go out: days before the closing day, at most `max` per contact, at
/// least `gap_days` apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    pub days: Vec<u32>,
    pub max: i32,
    pub gap_days: i32,
}

impl Default for ReminderPlan {
    fn default() -> Self {
        ReminderPlan {
            days: vec![14, 7, 2],
            max: 3,
            gap_days: 3,
        }
    }
}

impl ReminderPlan {
    /// Parses "14,7,2"; an empty text means no automatic reminders.
    pub fn parse_days(text: &str) -> Result<Vec<u32>> {
        text.split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                d.parse::<u32>().ok().filter(|d| *d <= 365).ok_or_else(|| {
                    Error::Invalid(format!("reminder day \"{d}\" is not a number of days"))
                })
            })
            .collect()
    }
}

pub async fn open(
    db: &impl ConnectionTrait,
    forms: &crate::forms::Registry,
    form_id: &str,
    year: i32,
    closes_on: Option<NaiveDate>,
    plan: &ReminderPlan,
) -> Result<campaign::Model> {
    let form = forms
        .get(form_id)
        .ok_or_else(|| Error::Invalid(format!("no form \"{form_id}\" in forms/")))?;
    if !(2000..=2100).contains(&year) {
        return Err(Error::Invalid(format!("year {year} is out of range")));
    }
    if let Some(existing) = campaign::Entity::find()
        .filter(campaign::Column::FormId.eq(form_id))
        .filter(campaign::Column::Year.eq(year))
        .one(db)
        .await?
    {
        return Err(Error::Invalid(format!(
            "campaign {} already runs {form_id} for {year}",
            existing.id
        )));
    }
    Ok(campaign::ActiveModel {
        form_id: Set(form_id.to_string()),
        year: Set(year),
        schema_json: Set(serde_json::to_string(form)?),
        status: Set(campaign::OPEN.into()),
        closes_on: Set(closes_on),
        created_at: Set(crate::db::now()),
        reminder_days: Set(plan
            .days
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",")),
        reminder_max: Set(plan.max.max(0)),
        reminder_gap_days: Set(plan.gap_days.max(0)),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

pub fn unit_key(unit: Unit, contact: &contact::Model, inst: &institute::Model) -> String {
    match unit {
        Unit::Institute => format!("institute:{}", inst.acronym),
        Unit::Country => format!("country:{}", inst.country_code),
        Unit::Contact => format!("contact:{}", contact.id),
    }
}

/// Queues an invitation for every invited contact that has none yet; returns how many.
/// Each invitation and its e-mail are written in one transaction.
pub async fn invite(app: &App, campaign_id: i32) -> Result<usize> {
    let campaign = get(&app.db, campaign_id).await?;
    if campaign.status != campaign::OPEN {
        return Err(Error::Invalid(format!("campaign {campaign_id} is closed")));
    }
    let form = campaign.form()?;
    let institutes = crate::directory::institutes_by_id(&app.db).await?;
    let invited: BTreeSet<i32> = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .all(&app.db)
        .await?
        .into_iter()
        .map(|i| i.contact_id)
        .collect();
    let contacts = contact::Entity::find()
        .filter(contact::Column::Active.eq(true))
        .order_by_asc(contact::Column::Id)
        .all(&app.db)
        .await?;
    let mut queued = 0;
    for c in contacts {
        if invited.contains(&c.id) || !c.has_any_role(&form.audience) {
            continue;
        }
        let Some(inst) = institutes.get(&c.institute_id) else {
            continue;
        };
        let tx = app.db.begin().await?;
        let inv = invitation::ActiveModel {
            campaign_id: Set(campaign_id),
            contact_id: Set(c.id),
            unit_key: Set(unit_key(form.unit, &c, inst)),
            created_at: Set(crate::db::now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let message = Outgoing::to_contact(
            "invitation",
            format!("invitation:{campaign_id}:{}", c.id),
            &c,
            Some(campaign_id),
            Some(inv.id),
            mail_data(&form, &campaign, &c.language, inst),
        );
        enqueue(&tx, &app.renderer, &app.host(), &message).await?;
        tx.commit().await?;
        queued += 1;
    }
    Ok(queued)
}

/// What every e-mail about a campaign can say.
pub fn mail_data(
    form: &Form,
    campaign: &campaign::Model,
    lang: &str,
    inst: &institute::Model,
) -> serde_json::Value {
    json!({
        "survey": form.title.get(lang),
        "year": campaign.year.to_string(),
        "institute": inst.acronym,
        "deadline": campaign.closes_on.map(|d| d.format("%d.%m.%Y").to_string()),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub campaign: campaign::Model,
    pub title_en: String,
    pub title_ru: String,
    pub invited_units: usize,
    pub drafts: usize,
    pub submitted: usize,
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Summary>> {
    let campaigns = campaign::Entity::find()
        .order_by_desc(campaign::Column::Year)
        .order_by_asc(campaign::Column::FormId)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for c in campaigns {
        let units = unit_statuses(db, &c).await?;
        let count = |s: &str| units.iter().filter(|u| u.status == s).count();
        let form = c.form()?;
        out.push(Summary {
            title_en: form.title.en.clone(),
            title_ru: form.title.ru.clone(),
            invited_units: units.len(),
            drafts: count(response::DRAFT),
            submitted: count(response::SUBMITTED),
            campaign: c,
        });
    }
    Ok(out)
}

/// One answering unit of a campaign as the secretariat sees it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitStatus {
    pub unit_key: String,
    pub label: String,
    pub country_code: String,
    pub contacts: Vec<String>,
    /// `invited`, `draft` or `submitted`.
    pub status: String,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

pub async fn unit_statuses(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
) -> Result<Vec<UnitStatus>> {
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(c.id))
        .all(db)
        .await?;
    let contacts = crate::directory::contacts_by_id(db, false).await?;
    let countries = countries(db).await?;
    let institutes = crate::directory::institutes_by_id(db).await?;
    let responses: HashMap<String, response::Model> = response::Entity::find()
        .filter(response::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.unit_key.clone(), r))
        .collect();
    let mut units: BTreeMap<String, UnitStatus> = BTreeMap::new();
    for inv in invitations {
        let Some(person) = contacts.get(&inv.contact_id) else {
            continue;
        };
        let inst = institutes.get(&person.institute_id);
        let entry = units.entry(inv.unit_key.clone()).or_insert_with(|| {
            let resp = responses.get(&inv.unit_key);
            let (kind, id) = inv.unit_key.split_once(':').unwrap_or(("", ""));
            UnitStatus {
                label: match (kind, inst) {
                    ("institute", Some(i)) => format!("{} ({})", i.acronym, i.name_en),
                    ("contact", _) => format!("{} <{}>", person.name, person.email),
                    ("country", _) => match countries.get(id) {
                        Some(c) => format!("{} ({id})", c.name_en),
                        None => id.to_string(),
                    },
                    _ => id.to_string(),
                },
                country_code: inst.map(|i| i.country_code.clone()).unwrap_or_default(),
                contacts: Vec::new(),
                status: resp
                    .map(|r| r.status.clone())
                    .unwrap_or_else(|| "invited".into()),
                updated_at: resp.map(|r| r.updated_at.format("%Y-%m-%d %H:%M").to_string()),
                updated_by: resp.and_then(|r| r.updated_by.clone()),
                unit_key: inv.unit_key.clone(),
            }
        });
        entry.contacts.push(person.email.clone());
    }
    Ok(units.into_values().collect())
}

/// Countries by code, for labels and CEEMS status.
pub async fn countries(db: &impl ConnectionTrait) -> Result<HashMap<String, country::Model>> {
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code.clone(), c))
        .collect())
}

/// Queues, for a contact who lost their e-mail, a message with their link for each open
/// campaign. At most one per invitation and hour, so the page cannot be used to flood anyone.
/// Returns how many were queued; the caller must not tell the visitor.
pub async fn resend_links(app: &App, email: &str) -> Result<usize> {
    let email = email.trim().to_lowercase();
    let hour = chrono::Utc::now().format("%Y-%m-%dT%H").to_string();
    let today = chrono::Utc::now().date_naive();
    let mut queued = 0;
    let people = contact::Entity::find()
        .filter(contact::Column::Email.eq(&email))
        .filter(contact::Column::Active.eq(true))
        .all(&app.db)
        .await?;
    for person in people {
        let Some(inst) = institute::Entity::find_by_id(person.institute_id)
            .one(&app.db)
            .await?
        else {
            continue;
        };
        for inv in invitation::Entity::find()
            .filter(invitation::Column::ContactId.eq(person.id))
            .all(&app.db)
            .await?
        {
            let c = get(&app.db, inv.campaign_id).await?;
            if !c.accepts_answers(today) {
                continue;
            }
            let form = c.form()?;
            let message = Outgoing::to_contact(
                "lost-link",
                format!("lost-link:{}:{hour}", inv.id),
                &person,
                Some(c.id),
                Some(inv.id),
                mail_data(&form, &c, &person.language, &inst),
            );
            if enqueue(&app.db, &app.renderer, &app.host(), &message).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}
