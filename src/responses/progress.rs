//! Who has answered: per campaign, each invited unit with its status, and the counts of the
//! campaign list. Two queries per campaign (invitations joined with their contacts, institutes
//! and countries; the campaign's responses), never whole tables.
use super::{response, Status};
use crate::campaigns::{self, campaign, UnitKey};
use crate::i18n::Lang;
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Where a unit stands: not answered yet, or the status of its response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitState {
    Invited,
    Draft,
    Submitted,
    Returned,
}

impl From<Status> for UnitState {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => UnitState::Draft,
            Status::Submitted => UnitState::Submitted,
            Status::Returned => UnitState::Returned,
        }
    }
}

/// One answering unit of a campaign as the secretariat sees it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitStatus {
    pub unit_key: UnitKey,
    pub label: String,
    pub country_code: String,
    /// The unit's invited contacts, each with the campaign's mails to them.
    pub contacts: Vec<ContactState>,
    pub status: UnitState,
    /// A submitted response the secretariat accepted (it still counts as submitted).
    pub accepted: bool,
    pub updated_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub updated_by: Option<String>,
}

/// An invited contact and what the campaign has mailed them, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct ContactState {
    pub email: String,
    pub active: bool,
    pub mails: Vec<MailState>,
}

/// One mail of the campaign to a contact, and how far it got.
#[derive(Debug, Clone, Serialize)]
pub struct MailState {
    pub id: i32,
    pub kind: crate::mail::Kind,
    pub status: crate::mail::outbox::Status,
    /// When it was sent, or else queued.
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

/// The columns of an outbox row the progress shows (never the bodies).
#[derive(sea_orm::FromQueryResult)]
struct MailRow {
    id: i32,
    contact_id: Option<i32>,
    kind: crate::mail::Kind,
    status: crate::mail::outbox::Status,
    created_at: chrono::DateTime<chrono::FixedOffset>,
    sent_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// The campaign's mails by contact: one query, of the few columns shown.
async fn mails_by_contact(
    db: &impl ConnectionTrait,
    campaign_id: i32,
) -> Result<HashMap<i32, Vec<MailState>>> {
    use crate::mail::outbox::{Column, Entity};
    use sea_orm::QuerySelect;
    let rows = Entity::find()
        .select_only()
        .columns([Column::Id, Column::ContactId, Column::Kind, Column::Status])
        .columns([Column::CreatedAt, Column::SentAt])
        .filter(Column::CampaignId.eq(campaign_id))
        .order_by_asc(Column::Id)
        .into_model::<MailRow>()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<MailState>> = HashMap::new();
    for m in rows {
        if let Some(contact) = m.contact_id {
            out.entry(contact).or_default().push(MailState {
                id: m.id,
                kind: m.kind,
                status: m.status,
                at: m.sent_at.unwrap_or(m.created_at),
            });
        }
    }
    Ok(out)
}

/// Every unit of the campaign with where it stands, labelled in `lang`.
pub async fn unit_statuses(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    lang: crate::i18n::Lang,
) -> Result<Vec<UnitStatus>> {
    let responses: HashMap<UnitKey, response::Model> = response::Entity::find()
        .filter(response::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.unit_key.clone(), r))
        .collect();
    let mut mails = mails_by_contact(db, c.id).await?;
    let mut units: BTreeMap<UnitKey, UnitStatus> = BTreeMap::new();
    for inv in campaigns::invited(db, c.id).await? {
        let entry = units.entry(inv.unit_key.clone()).or_insert_with(|| {
            let resp = responses.get(&inv.unit_key);
            UnitStatus {
                label: match &inv.unit_key {
                    UnitKey::Institute(_) => {
                        format!("{} ({})", inv.acronym, inv.institute_name(lang))
                    }
                    UnitKey::Contact(_) => format!("{} <{}>", inv.contact_name, inv.email),
                    UnitKey::Country(code) => match inv.country_name(lang) {
                        Some(name) => format!("{name} ({code})"),
                        None => code.clone(),
                    },
                },
                country_code: inv.country_code.clone(),
                contacts: Vec::new(),
                status: resp.map_or(UnitState::Invited, |r| r.status.into()),
                accepted: resp.is_some_and(|r| r.accepted_at.is_some()),
                updated_at: resp.map(|r| r.updated_at),
                updated_by: resp.and_then(|r| r.updated_by.clone()),
                unit_key: inv.unit_key.clone(),
            }
        });
        entry.contacts.push(ContactState {
            email: inv.email,
            active: inv.active,
            mails: mails.remove(&inv.contact_id).unwrap_or_default(),
        });
    }
    Ok(units.into_values().collect())
}

/// A campaign with its counts, as the dashboard and `campaign list` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub campaign: campaign::Model,
    pub title_en: String,
    pub title_ru: String,
    pub invited_units: usize,
    pub drafts: usize,
    pub submitted: usize,
}

impl Summary {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_en, &self.title_ru)
    }
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Summary>> {
    let campaigns = campaign::Entity::find()
        .order_by_desc(campaign::Column::Year)
        .order_by_asc(campaign::Column::FormId)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for c in campaigns {
        out.push(summary(db, c).await?);
    }
    Ok(out)
}

/// One campaign with its counts.
pub async fn summary(db: &impl ConnectionTrait, c: campaign::Model) -> Result<Summary> {
    // Only counted: the labels' language does not matter.
    let units = unit_statuses(db, &c, crate::i18n::Lang::En).await?;
    let count = |s: UnitState| units.iter().filter(|u| u.status == s).count();
    let form = c.form()?;
    Ok(Summary {
        title_en: form.title.en.clone(),
        title_ru: form.title.ru.clone(),
        invited_units: units.len(),
        drafts: count(UnitState::Draft),
        submitted: count(UnitState::Submitted),
        campaign: c,
    })
}
