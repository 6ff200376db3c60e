//! A contact who lost their e-mail asks for their links again: one message with a fresh link
//! to every survey open to them. The request revokes nothing (anyone can make it for any
//! address): the new links replace the older ones when first used (`tokens::find`). A
//! response the secretariat accepted can no longer change: its link is not sent again.
use super::standing;
use crate::app::App;
use crate::campaigns::{campaign, get, invitation, place_names};
use crate::directory::{contact, country, institute};
use crate::forms::Form;
use crate::notifications::{self, Standing};
use crate::Result;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Queues, for a contact who lost their e-mail, one message with their link to every open
/// campaign. At most one per address and hour, so the page cannot be used to flood anyone.
/// Returns how many links it carries (0 when none was queued); the caller must not tell the
/// visitor.
pub async fn resend_links(app: &App, email: &str) -> Result<usize> {
    let email = email.trim().to_lowercase();
    let hour = chrono::Utc::now().format("%Y-%m-%dT%H").to_string();
    let open = open_invitations(app, &email).await?;
    let Some(person) = open.first().map(|o| &o.contact) else {
        return Ok(0);
    };
    let surveys: Vec<notifications::OpenSurvey<'_>> = open
        .iter()
        .map(|o| notifications::OpenSurvey {
            survey: o.campaign.survey(&o.form).naming(&o.names),
            institute: &o.institute,
            invitation_id: o.invitation_id,
            standing: o.standing,
        })
        .collect();
    let message = notifications::lost_links(person, &surveys, &hour);
    let queued = app.enqueue(&app.db, &message).await?;
    Ok(if queued { open.len() } else { 0 })
}

/// What a lost-link message names: each invitation of an active contact with this address
/// whose campaign takes answers and whose response is not accepted, with what naming its
/// survey needs and where the response stands.
struct OpenInvitation {
    contact: contact::Model,
    institute: institute::Model,
    campaign: campaign::Model,
    form: Form,
    names: HashMap<String, country::Model>,
    invitation_id: i32,
    standing: Standing,
}

async fn open_invitations(app: &App, email: &str) -> Result<Vec<OpenInvitation>> {
    let today = chrono::Utc::now().date_naive();
    let mut open = Vec::new();
    let people = contact::Entity::find()
        .filter(contact::Column::Email.eq(email))
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
            let standing = super::current(&app.db, c.id, &inv.unit_key)
                .await?
                .map_or(Standing::Unanswered, |r| standing::of(&r));
            if !standing.expected() {
                continue;
            }
            let form = c.form()?;
            let names = place_names(&app.db, &form).await?;
            open.push(OpenInvitation {
                contact: person.clone(),
                institute: inst.clone(),
                campaign: c,
                form,
                names,
                invitation_id: inv.id,
                standing,
            });
        }
    }
    Ok(open)
}
