//! Campaigns: a survey opened for a year, its invitations, and who has answered.
pub mod corrections;
pub mod editions;
pub mod entities;
pub mod handovers;
mod lifecycle;
mod plan;
pub mod tokens;
mod unit;

pub use entities::{access_token, campaign, handover, invitation};
pub use lifecycle::{close, delete_unanswered, move_deadline, schedule_reminders, set_open};
pub use plan::{ReminderDays, ReminderPlan};
pub use unit::UnitKey;

use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::directory::{contact, country, institute};
use crate::forms::Form;
use crate::notifications::{self, Survey};
use crate::{Error, Refusal, Result};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use std::collections::{BTreeSet, HashMap};

impl campaign::Model {
    /// The schema the campaign was opened with.
    pub fn form(&self) -> Result<Form> {
        Ok(serde_json::from_str(&self.schema_json)?)
    }

    /// The same schema, parsed once per campaign and kept in `cache`.
    pub fn cached_form(&self, cache: &crate::forms::Snapshots) -> Result<std::sync::Arc<Form>> {
        let version = self.form_version.unwrap_or(0);
        let key = (self.id, self.created_at.timestamp_micros(), version);
        cache.get_or_parse(key, &self.schema_json)
    }

    /// What a personal link of this campaign opens on `today`: the form while answers are
    /// accepted, the answers read-only for `grace_days` after the close, then nothing.
    pub fn link_state(&self, today: NaiveDate, grace_days: u32) -> LinkState {
        if self.accepts_answers(today) {
            return LinkState::Open;
        }
        let closed_at = self.closed_at.map(|t| t.date_naive());
        let ended = match (closed_at, self.closes_on) {
            (Some(a), Some(b)) => a.min(b),
            (Some(day), None) | (None, Some(day)) => day,
            (None, None) => today,
        };
        if today > ended + chrono::Days::new(grace_days.into()) {
            LinkState::Expired
        } else {
            LinkState::ReadOnly
        }
    }

    /// Answers are accepted while the campaign is open and its closing day has not passed.
    pub fn accepts_answers(&self, today: NaiveDate) -> bool {
        self.status == campaign::Status::Open && self.closes_on.is_none_or(|d| today <= d)
    }

    pub fn is_open(&self) -> bool {
        self.status == campaign::Status::Open
    }

    /// What its e-mails say of it.
    pub fn survey<'a>(&self, form: &'a Form) -> Survey<'a> {
        Survey {
            campaign_id: self.id,
            form,
            year: self.year,
            closes_on: self.closes_on,
            countries: None,
        }
    }
}

/// What a personal link opens; see `campaign::Model::link_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Open,
    ReadOnly,
    Expired,
}

/// Which survey a campaign opens, and which of its versions (`None`: the latest).
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    pub form: &'a str,
    pub version: Option<i32>,
}

impl<'a> From<&'a str> for Opening<'a> {
    fn from(form: &'a str) -> Self {
        Opening {
            form,
            version: None,
        }
    }
}

/// Opens a version of a survey for `year`: refused for an unknown survey or version, a year
/// out of range, a closing day in the past, or a campaign of the same survey and year.
pub async fn open<'s>(
    app: &App,
    by: &Actor,
    survey: impl Into<Opening<'s>>,
    year: i32,
    closes_on: Option<NaiveDate>,
    plan: &ReminderPlan,
) -> Result<campaign::Model> {
    let survey = survey.into();
    plan.check()?;
    let cmd = Command::begin(&app.db, by, Action::CampaignOpen).await?;
    let form_id = survey.form;
    let (version, form) = app
        .forms
        .get(cmd.tx(), form_id, survey.version)
        .await?
        .ok_or_else(|| match survey.version {
            Some(version) => Refusal::UnknownVersion {
                form: form_id.to_string(),
                version,
            },
            None => Refusal::UnknownForm(form_id.to_string()),
        })?;
    if !(2000..=2100).contains(&year) {
        return Err(Refusal::YearOutOfRange(year).into());
    }
    let today = chrono::Utc::now().date_naive();
    if let Some(day) = closes_on.filter(|d| *d < today) {
        return Err(Refusal::ClosingDateInPast { day, today }.into());
    }
    if let Some(existing) = campaign::Entity::find()
        .filter(campaign::Column::FormId.eq(form_id))
        .filter(campaign::Column::Year.eq(year))
        .one(cmd.tx())
        .await?
    {
        return Err(Refusal::Exists {
            form: form_id.to_string(),
            year,
            id: existing.id,
        }
        .into());
    }
    let c = campaign::ActiveModel {
        form_id: Set(form_id.to_string()),
        year: Set(year),
        schema_json: Set(serde_json::to_string(&*form)?),
        form_version: Set(Some(version)),
        status: Set(campaign::Status::Open),
        closes_on: Set(closes_on),
        created_at: Set(crate::db::now()),
        reminder_days: Set(plan.days.clone()),
        reminder_max: Set(plan.max.max(0)),
        reminder_gap_days: Set(plan.gap_days.max(0)),
        ..Default::default()
    }
    .insert(cmd.tx())
    .await?;
    let detail = Some(format!("{} {} (version {version})", c.form_id, c.year));
    cmd.done(&Target::Campaign(c.id), detail).await?;
    Ok(c)
}

/// Every campaign of survey `form_id`, oldest year first.
pub async fn of_form(db: &impl ConnectionTrait, form_id: &str) -> Result<Vec<campaign::Model>> {
    Ok(campaign::Entity::find()
        .filter(campaign::Column::FormId.eq(form_id))
        .order_by_asc(campaign::Column::Year)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// The campaign, its row locked until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the whole database already): a command's rules see what it changes.
pub async fn locked(tx: &DatabaseTransaction, id: i32) -> Result<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .lock_exclusive()
        .one(tx)
        .await?
        .ok_or(Error::NotFound)
}

/// The campaign, held against change (not against other readers) until the transaction ends:
/// a save sees a close that committed before it, and a close waits for saves under way.
pub async fn held(tx: &DatabaseTransaction, id: i32) -> Result<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .lock_shared()
        .one(tx)
        .await?
        .ok_or(Error::NotFound)
}

/// Who a campaign of `form` invites: every active contact with a role of its audience, with
/// their institute, by institute and name.
pub async fn audience(
    db: &impl ConnectionTrait,
    form: &Form,
) -> Result<Vec<(contact::Model, institute::Model)>> {
    let mut people: Vec<_> = contact::Entity::find()
        .filter(contact::Column::Active.eq(true))
        .find_also_related(institute::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(c, i)| Some((c, i?)))
        .filter(|(c, _)| c.has_any_role(&form.audience))
        .collect();
    people.sort_by(|(a, ai), (b, bi)| (&ai.acronym, &a.name).cmp(&(&bi.acronym, &b.name)));
    Ok(people)
}

/// Queues an invitation for every invited contact that has none yet; returns how many.
/// The invitations, their e-mails and the audit line are one transaction, which holds the
/// campaign's row: two secretaries inviting at once invite each contact once.
pub async fn invite(app: &App, by: &Actor, campaign_id: i32) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::Invite).await?;
    let campaign = locked(cmd.tx(), campaign_id).await?;
    if !campaign.is_open() {
        return Err(Refusal::Closed(campaign_id).into());
    }
    let form = campaign.form()?;
    let invited: BTreeSet<i32> = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .all(cmd.tx())
        .await?
        .into_iter()
        .map(|i| i.contact_id)
        .collect();
    let mut queued = 0;
    let names = place_names(cmd.tx(), &form).await?;
    let survey = campaign.survey(&form).naming(&names);
    for (c, inst) in audience(cmd.tx(), &form).await? {
        if invited.contains(&c.id) {
            continue;
        }
        let inv = invitation::ActiveModel {
            campaign_id: Set(campaign_id),
            contact_id: Set(c.id),
            unit_key: Set(UnitKey::of(form.unit, &c, &inst)),
            created_at: Set(crate::db::now()),
            ..Default::default()
        }
        .insert(cmd.tx())
        .await?;
        let message = notifications::invitation(&survey, &c, &inst, inv.id);
        app.enqueue(cmd.tx(), &message).await?;
        queued += 1;
    }
    let detail = Some(format!("{queued} queued"));
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(queued)
}

/// An invited contact with the unit it answers for and what labels it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Invited {
    pub invitation_id: i32,
    pub unit_key: UnitKey,
    pub contact_id: i32,
    pub contact_name: String,
    pub email: String,
    pub active: bool,
    pub acronym: String,
    pub institute_name_en: String,
    pub institute_name_ru: Option<String>,
    pub country_code: String,
    pub country_name_en: Option<String>,
    pub country_name_ru: Option<String>,
}

impl Invited {
    /// The institute's name in `lang` (its English one where it has no Russian one).
    pub fn institute_name(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.institute_name_ru) {
            (crate::i18n::Lang::Ru, Some(ru)) if !ru.is_empty() => ru,
            _ => &self.institute_name_en,
        }
    }

    pub fn country_name(&self, lang: crate::i18n::Lang) -> Option<&str> {
        match lang {
            crate::i18n::Lang::Ru => self.country_name_ru.as_deref(),
            crate::i18n::Lang::En => self.country_name_en.as_deref(),
        }
    }
}

/// Every invitation of a campaign with its contact, institute and country, in one query.
pub async fn invited(db: &impl ConnectionTrait, campaign_id: i32) -> Result<Vec<Invited>> {
    Ok(invitation::Entity::find()
        .select_only()
        .column_as(invitation::Column::Id, "invitation_id")
        .column(invitation::Column::UnitKey)
        .column(invitation::Column::ContactId)
        .column_as(contact::Column::Name, "contact_name")
        .column(contact::Column::Email)
        .column(contact::Column::Active)
        .column(institute::Column::Acronym)
        .column_as(institute::Column::NameEn, "institute_name_en")
        .column_as(institute::Column::NameRu, "institute_name_ru")
        .column(institute::Column::CountryCode)
        .column_as(country::Column::NameEn, "country_name_en")
        .column_as(country::Column::NameRu, "country_name_ru")
        .join(JoinType::InnerJoin, invitation::Relation::Contact.def())
        .join(JoinType::InnerJoin, contact::Relation::Institute.def())
        .join(JoinType::LeftJoin, institute::Relation::Country.def())
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .order_by_asc(invitation::Column::Id)
        .into_model::<Invited>()
        .all(db)
        .await?)
}

/// A campaign's invitations (of one unit, if given) with their contacts and the contacts'
/// institutes, in one query, in the order they were made.
pub async fn invitations_with_contacts(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    unit: Option<&UnitKey>,
) -> Result<Vec<(invitation::Model, contact::Model, institute::Model)>> {
    let mut query =
        invitation::Entity::find().filter(invitation::Column::CampaignId.eq(campaign_id));
    if let Some(unit) = unit {
        query = query.filter(invitation::Column::UnitKey.eq(unit.clone()));
    }
    let rows = query
        .find_also_related(contact::Entity)
        .and_also_related(institute::Entity)
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(inv, person, inst)| Some((inv, person?, inst?)))
        .collect())
}

/// An invited unit with what it is broken down by.
#[derive(Debug, Clone)]
pub struct InvitedUnit {
    pub key: UnitKey,
    pub country_code: String,
    pub ceems: bool,
}

pub async fn invited_units(
    db: &impl ConnectionTrait,
    campaign_id: i32,
) -> Result<Vec<InvitedUnit>> {
    let mut seen = BTreeSet::new();
    let year = get(db, campaign_id).await?.year;
    let ceems = crate::directory::countries::ceems_in(db, year).await?;
    Ok(invited(db, campaign_id)
        .await?
        .into_iter()
        .filter(|i| seen.insert(i.unit_key.clone()))
        .map(|i| InvitedUnit {
            ceems: ceems.get(&i.country_code).copied().unwrap_or(false),
            key: i.unit_key,
            country_code: i.country_code,
        })
        .collect())
}

/// The countries a survey's mails name: every country for a survey answered per country, none
/// otherwise (its mails name the institute), so that a submission does not read them for
/// nothing inside its write transaction.
pub async fn place_names(
    db: &impl ConnectionTrait,
    form: &Form,
) -> Result<HashMap<String, country::Model>> {
    match form.unit {
        crate::forms::Unit::Country => countries(db).await,
        _ => Ok(HashMap::new()),
    }
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
