//! A response's history as people read it: for each save, who, when, what it did, and the
//! questions whose answers changed, before and after, in the reader's language.
use super::entities::history;
use crate::forms::{summary, Form};
use crate::i18n::{I18n, Lang};
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{Map, Value};

/// One answer that differs between two versions; `None` where it was not (or no longer) given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub question: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One save of the response.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub version: i32,
    pub actor: String,
    pub action: history::Event,
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub changes: Vec<Change>,
}

fn parse(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The readable lines of an answer set, each named with its row where it belongs to one
/// ("Need 2 › Topic"), in the order of the form.
fn named(
    form: &Form,
    answers: &Map<String, Value>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<(String, String)> {
    let mut heading = String::new();
    summary::lines(form, answers, lang, i18n)
        .into_iter()
        .map(|l| {
            if l.nested {
                (format!("{heading} › {}", l.label), l.value)
            } else {
                heading = l.label.clone();
                (l.label, l.value)
            }
        })
        // A row's heading carries no answer of its own.
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// What differs from `before` to `after`, question by question.
pub fn diff(
    form: &Form,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<Change> {
    let old = named(form, before, lang, i18n);
    let new = named(form, after, lang, i18n);
    let find = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut out: Vec<Change> = Vec::new();
    for (key, value) in &new {
        let was = find(&old, key);
        if was.as_deref() != Some(value.as_str()) {
            out.push(Change {
                question: key.clone(),
                before: was,
                after: Some(value.clone()),
            });
        }
    }
    for (key, value) in &old {
        if find(&new, key).is_none() {
            out.push(Change {
                question: key.clone(),
                before: Some(value.clone()),
                after: None,
            });
        }
    }
    out
}

/// Every save of a response, newest first, with what it changed.
pub async fn history(
    db: &impl ConnectionTrait,
    form: &Form,
    response_id: i32,
    lang: Lang,
    i18n: &I18n,
) -> Result<Vec<Entry>> {
    let rows = history::Entity::find()
        .filter(history::Column::ResponseId.eq(response_id))
        .order_by_desc(history::Column::Version)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|h| {
            let before = h.before_json.as_deref().map(parse).unwrap_or_default();
            let after = parse(&h.after_json);
            Entry {
                version: h.version,
                changes: diff(form, &before, &after, lang, i18n),
                actor: h.actor,
                action: h.action,
                at: h.at,
            }
        })
        .collect())
}

/// The answers of response `response_id` as its save `version` left them (empty before the
/// first save, or when the history has no such version): what two colleagues' pages started
/// from, so that their saves can be merged.
pub async fn answers_at(
    db: &impl ConnectionTrait,
    response_id: i32,
    version: i32,
) -> Result<Map<String, Value>> {
    let row = history::Entity::find()
        .filter(history::Column::ResponseId.eq(response_id))
        .filter(history::Column::Version.eq(version))
        .one(db)
        .await?;
    Ok(row.map(|h| parse(&h.after_json)).unwrap_or_default())
}
