//! A digest of a campaign's submitted answers, mailed to every contact of every member country:
//! the annual information on traineeship possibilities (Ind-e.2.3) is the digest of the
//! traineeship-offers campaign. Generic: any campaign's answers can be circulated this way.
use super::matching::Pair;
use super::{response, Status};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns;
use crate::campaigns::UnitKey;
use crate::directory::{contact, institute};
use crate::forms::summary;
use crate::i18n::{I18n, Lang};
use crate::notifications::{self, DigestEntry};
use crate::Result;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Each unit's answers as summary lines in one language, units in the order of their keys.
fn entries(
    form: &crate::forms::Form,
    responses: &[(response::Model, crate::forms::Answers)],
    institutes: &HashMap<i32, institute::Model>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<DigestEntry> {
    responses
        .iter()
        .map(|(r, answers)| DigestEntry {
            unit: r
                .institute_id
                .and_then(|id| institutes.get(&id))
                .map(|i| format!("{} ({})", i.acronym, i.name(lang)))
                .unwrap_or_else(|| r.unit_key.to_string()),
            lines: summary::lines(form, answers, lang, i18n),
        })
        .collect()
}

/// How many contacts have this edition of the campaign's digest already (queued or sent).
pub async fn already(
    db: &impl sea_orm::ConnectionTrait,
    campaign_id: i32,
    edition: &str,
) -> Result<u64> {
    use sea_orm::PaginatorTrait;
    let key = format!("digest:{campaign_id}:{edition}:");
    Ok(crate::mail::outbox::Entity::find()
        .filter(crate::mail::outbox::Column::DedupeKey.starts_with(key))
        .count(db)
        .await?)
}

/// What a digest would send now: the answers in both languages, to whom, and the edition it
/// is (a digest of the same answers reaches each contact once; new answers make a new edition).
pub struct Plan {
    pub entries_en: Vec<DigestEntry>,
    pub entries_ru: Vec<DigestEntry>,
    pub recipients: Vec<contact::Model>,
    pub edition: String,
}

/// The digest as it stands; `None` when nothing has been submitted. Refused for a survey
/// whose schema does not allow its answers to be circulated.
pub async fn plan(app: &App, c: &campaigns::campaign::Model) -> Result<Option<Plan>> {
    let form = c.form()?;
    if !form.circulate {
        return Err(crate::Refusal::NotCirculated(c.form_id.clone()).into());
    }
    let mut responses = Vec::new();
    for r in response::Entity::find()
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::Status.eq(Status::Submitted))
        .order_by_asc(response::Column::UnitKey)
        .all(&app.db)
        .await?
    {
        let answers = r.answers()?;
        responses.push((r, answers));
    }
    if responses.is_empty() {
        return Ok(None);
    }
    let versions: String = responses
        .iter()
        .map(|(r, _)| format!("{}:{};", r.id, r.version))
        .collect();
    let institutes = crate::directory::institutes_by_id(&app.db).await?;
    let i18n = &app.renderer.i18n;
    Ok(Some(Plan {
        entries_en: entries(&form, &responses, &institutes, Lang::En, i18n),
        entries_ru: entries(&form, &responses, &institutes, Lang::Ru, i18n),
        recipients: contact::Entity::find()
            .filter(contact::Column::Active.eq(true))
            .order_by_asc(contact::Column::Id)
            .all(&app.db)
            .await?,
        edition: crate::secrets::digest(&versions)[..12].to_string(),
    }))
}

/// The rows of every survey that matches its rows against `c`'s (the needs matched against
/// these offers, same year) with the rows of `c` that fit them, in `lang`.
async fn fitting(app: &App, c: &campaigns::campaign::Model, lang: Lang) -> Result<Vec<Pair>> {
    let mut out = Vec::new();
    for form in app.forms.current(&app.db).await?.forms.values() {
        if !form.matches.iter().any(|m| m.with == c.form_id) {
            continue;
        }
        let of_year = campaigns::of_form(&app.db, &form.id).await?;
        let Some(asking) = of_year.into_iter().find(|a| a.year == c.year) else {
            continue;
        };
        let i18n = &app.renderer.i18n;
        for result in super::matching::for_campaign(&app.db, &asking, lang, i18n).await? {
            if result.with_campaign == Some(c.id) {
                out.extend(result.pairs);
            }
        }
    }
    Ok(out)
}

/// A matched row as the digest lists it: its unit and its answers as lines.
fn entry(side: &super::matching::Side) -> DigestEntry {
    DigestEntry {
        unit: side.unit.clone(),
        lines: side
            .cells
            .iter()
            .map(|c| summary::Line {
                label: c.label.clone(),
                value: c.value.clone(),
                nested: false,
                before: None,
            })
            .collect(),
    }
}

/// Queues the digest to every active contact, in one transaction; returns how many, or `None`
/// when the campaign has no submitted answers to circulate. Each contact gets each edition
/// once: sending again changes nothing until an answer is submitted or changed.
pub async fn send(app: &App, by: &Actor, campaign_id: i32) -> Result<Option<usize>> {
    by.may(Action::Digest)?;
    let c = campaigns::get(&app.db, campaign_id).await?;
    let Some(plan) = plan(app, &c).await? else {
        return Ok(None);
    };
    let form = c.form()?;
    let survey = c.survey(&form);
    let (fits_en, fits_ru) = (
        fitting(app, &c, Lang::En).await?,
        fitting(app, &c, Lang::Ru).await?,
    );
    let institutes = crate::directory::institutes_by_id(&app.db).await?;
    let cmd = Command::begin(&app.db, by, Action::Digest).await?;
    let tx = cmd.tx();
    let mut queued = 0;
    for person in &plan.recipients {
        let own = institutes
            .get(&person.institute_id)
            .map(|i| UnitKey::Institute(i.acronym.clone()));
        let mine = |all: &[Pair]| -> Vec<notifications::Fit> {
            let own = all.iter().filter(|p| Some(&p.need.key) == own.as_ref());
            own.map(|p| notifications::Fit {
                need: entry(&p.need),
                fits: p.fits.iter().map(entry).collect(),
            })
            .collect()
        };
        let (en, ru) = (mine(&fits_en), mine(&fits_ru));
        let message = notifications::digest(
            &survey,
            person,
            &plan.edition,
            &plan.entries_en,
            &plan.entries_ru,
            notifications::Fits { en: &en, ru: &ru },
        );
        if app.enqueue(tx, &message).await? {
            queued += 1;
        }
    }
    let detail = Some(format!("{queued} queued"));
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(Some(queued))
}
