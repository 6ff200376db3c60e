//! Rendering an e-mail in its recipient's language and queueing it.
use super::{entity as outbox, LINK_PLACEHOLDER};
use crate::i18n::Renderer;
use crate::Result;
use sea_orm::{ConnectionTrait, EntityTrait, Set, TryInsertResult};
use serde_json::{json, Value};

/// A message to queue: who, why (the dedupe key), which template and with what.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub dedupe_key: String,
    /// Template `mail/<kind>` (`.txt` and `.html`) and subject key `mail-<kind>-subject`.
    pub kind: String,
    pub to_addr: String,
    pub to_name: String,
    pub language: String,
    pub campaign_id: Option<i32>,
    pub contact_id: Option<i32>,
    /// Set when the message carries the recipient's personal link.
    pub invitation_id: Option<i32>,
    pub data: Value,
}

impl Outgoing {
    /// A message of `kind` to a contact, in the contact's language.
    pub fn to_contact(
        kind: &str,
        dedupe_key: String,
        contact: &crate::directory::contact::Model,
        campaign_id: Option<i32>,
        invitation_id: Option<i32>,
        data: Value,
    ) -> Self {
        Outgoing {
            dedupe_key,
            kind: kind.into(),
            to_addr: contact.email.clone(),
            to_name: contact.name.clone(),
            language: contact.language.clone(),
            campaign_id,
            contact_id: Some(contact.id),
            invitation_id,
            data,
        }
    }
}

/// Subject, text and HTML of a message; a personal link is `LINK_PLACEHOLDER`.
pub fn render(renderer: &Renderer, msg: &Outgoing) -> Result<(String, String, String)> {
    let mut data = msg.data.clone();
    if let Value::Object(map) = &mut data {
        map.insert("lang".into(), json!(msg.language));
        map.insert("name".into(), json!(msg.to_name));
        map.insert("link".into(), json!(LINK_PLACEHOLDER));
    }
    let subject_args: Vec<(&str, String)> = data
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.as_str(), s.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let subject = renderer.text(
        &msg.language,
        &format!("mail-{}-subject", msg.kind),
        &subject_args,
    );
    let text = renderer.render(&format!("mail/{}.txt", msg.kind), &data)?;
    let html = renderer.render(&format!("mail/{}.html", msg.kind), &data)?;
    Ok((subject, text, html))
}

/// Queues the message unless one with the same dedupe key exists; true if it was queued.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    renderer: &Renderer,
    host: &str,
    msg: &Outgoing,
) -> Result<bool> {
    let (subject, text, html) = render(renderer, msg)?;
    let now = crate::db::now();
    let row = outbox::ActiveModel {
        dedupe_key: Set(msg.dedupe_key.clone()),
        kind: Set(msg.kind.clone()),
        campaign_id: Set(msg.campaign_id),
        contact_id: Set(msg.contact_id),
        invitation_id: Set(msg.invitation_id),
        to_addr: Set(msg.to_addr.clone()),
        to_name: Set(msg.to_name.clone()),
        language: Set(msg.language.clone()),
        subject: Set(subject),
        body_text: Set(text),
        body_html: Set(html),
        // Stable across retries, so a receiver can recognise a message delivered twice.
        message_id: Set(format!(
            "<{}@{host}>",
            msg.dedupe_key.replace([':', ' ', '<', '>', '@'], ".")
        )),
        status: Set(outbox::QUEUED.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    };
    let result = outbox::Entity::insert(row)
        .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
        .exec_without_returning(db)
        .await?;
    Ok(matches!(result, TryInsertResult::Inserted(n) if n > 0))
}
