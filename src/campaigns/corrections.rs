//! A typo in an open campaign: a later version of its survey that changes only texts (labels,
//! hints, messages, choice labels, titles, in either language) replaces the campaign's
//! snapshot, after a confirmation that shows it. Answers, indicators and exports read the same
//! (their structure is the same); respondents see the new texts at once, on every instance
//! (the parsed snapshot is keyed by the version); the trail keeps the old and the new texts.
//! A change of structure never applies to a campaign that has opened.
use super::{campaign, locked};
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::forms::diff::{self, Change};
use crate::forms::Form;
use crate::{Refusal, Result};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use std::sync::Arc;

/// What applying `version` to a campaign would change: the campaign's schema and the
/// version's, and the changes between them.
pub struct Correction {
    pub old: Form,
    pub new: Arc<Form>,
    pub changes: Vec<Change>,
}

/// The correction `version` of the campaign's survey makes to campaign `c`, or why it cannot
/// be applied: an older or the same version, a closed campaign, or a change of structure.
pub async fn proposed(
    app: &App,
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    version: i32,
) -> Result<Correction> {
    if !c.is_open() {
        return Err(Refusal::Closed(c.id).into());
    }
    let (_, new) = app
        .forms
        .get(db, &c.form_id, Some(version))
        .await?
        .filter(|_| c.form_version.is_none_or(|v| v < version))
        .ok_or_else(|| Refusal::UnknownVersion {
            form: c.form_id.clone(),
            version,
        })?;
    let old = c.form()?;
    let changes = diff::compare(&old, &new);
    if changes.is_empty() || !changes.iter().all(Change::is_text_only) {
        return Err(Refusal::NotTextOnly {
            form: c.form_id.clone(),
            version,
        }
        .into());
    }
    Ok(Correction { old, new, changes })
}

/// Applies the texts of `version` to open campaign `campaign_id` (checked again inside the
/// transaction); returns how many texts changed.
pub async fn apply(app: &App, by: &Actor, campaign_id: i32, version: i32) -> Result<usize> {
    let cmd = Command::begin(&app.db, by, Action::CampaignCorrect).await?;
    let c = locked(cmd.tx(), campaign_id).await?;
    let correction = proposed(app, cmd.tx(), &c, version).await?;
    let lines = diff::before_after(&correction.changes, &correction.old, &correction.new);
    let mut am: campaign::ActiveModel = c.into();
    am.schema_json = Set(serde_json::to_string(&*correction.new)?);
    am.form_version = Set(Some(version));
    am.update(cmd.tx()).await?;
    let detail = format!("version {version}\n{}", lines.join("\n"));
    cmd.done(&Target::Campaign(campaign_id), Some(detail))
        .await?;
    Ok(correction.changes.len())
}
