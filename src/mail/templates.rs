//! Rendering an e-mail in its recipient's language and queueing it.
use super::{entity as outbox, Kind, LinkSlots, Status};
use crate::i18n::{Lang, Renderer};
use crate::Result;
use sea_orm::{ConnectionTrait, EntityTrait, Set, TryInsertResult};
use serde_json::{json, Value};

/// A message to queue: who, why (the dedupe key), which kind and with what. Built by the
/// constructors of `notifications`, one per kind.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub dedupe_key: String,
    pub kind: Kind,
    pub to_addr: String,
    pub to_name: String,
    pub language: Lang,
    pub campaign_id: Option<i32>,
    pub contact_id: Option<i32>,
    /// The recipient's own invitation, when the message is about it.
    pub invitation_id: Option<i32>,
    /// The links the message carries: its own templates' `link` fields hold their markers.
    pub links: LinkSlots,
    pub data: Value,
}

/// Subject, text and HTML of a message; a personal link is its slot's marker (`LinkSlots`).
pub fn render(renderer: &Renderer, msg: &Outgoing) -> Result<(String, String, String)> {
    let mut data = msg.data.clone();
    if let Value::Object(map) = &mut data {
        map.insert("lang".into(), json!(msg.language));
        map.insert("name".into(), json!(msg.to_name));
        if let Some(own) = msg.invitation_id.and(msg.links.first()) {
            map.insert("link".into(), json!(own));
        }
    }
    let subject_args: Vec<(&str, String)> = data
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.as_str(), s.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let kind = msg.kind.name();
    let subject = renderer.text(msg.language, &format!("mail-{kind}-subject"), &subject_args);
    let text = renderer.render(&format!("mail/{kind}.txt"), &data)?;
    let html = renderer.render(&format!("mail/{kind}.html"), &data)?;
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
        kind: Set(msg.kind),
        campaign_id: Set(msg.campaign_id),
        contact_id: Set(msg.contact_id),
        invitation_id: Set(msg.invitation_id),
        links: Set((!msg.links.is_empty()).then(|| msg.links.clone())),
        to_addr: Set(msg.to_addr.clone()),
        to_name: Set(msg.to_name.clone()),
        language: Set(msg.language),
        subject: Set(subject),
        body_text: Set(text),
        body_html: Set(html),
        // Stable across retries, so a receiver can recognise a message delivered twice.
        message_id: Set(format!(
            "<{}@{host}>",
            msg.dedupe_key.replace([':', ' ', '<', '>', '@'], ".")
        )),
        status: Set(Status::Queued),
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
