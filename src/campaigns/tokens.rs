//! Personal links. A token is 256 random bits, minted when an e-mail carrying it is delivered;
//! only its SHA-256 is stored, so the database (or a backup of it) holds no usable link.
use super::entities::{access_token, invitation};
use crate::directory::{contact, institute};
use crate::Result;
use base64::Engine;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new token for the invitation; returns it in clear, for the one e-mail that carries it.
pub async fn mint(db: &impl ConnectionTrait, invitation_id: i32) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    access_token::ActiveModel {
        invitation_id: Set(invitation_id),
        token_hash: Set(hash(&token)),
        created_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The invitation a token opens, with its contact and the contact's institute, in one query.
/// Malformed tokens are answered like unknown ones.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(invitation::Model, contact::Model, institute::Model)>> {
    let plausible = token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !plausible {
        return Ok(None);
    }
    let found = invitation::Entity::find()
        .inner_join(access_token::Entity)
        .filter(access_token::Column::TokenHash.eq(hash(token)))
        .find_also_related(contact::Entity)
        .and_also_related(institute::Entity)
        .one(db)
        .await?;
    Ok(match found {
        Some((inv, Some(person), Some(inst))) => Some((inv, person, inst)),
        _ => None,
    })
}

/// Mints links for the outbox's delivery (`mail::Links`), so the outbox needs to know nothing
/// of what a link opens.
pub struct Minter {
    db: sea_orm::DatabaseConnection,
    base: String,
}

impl Minter {
    pub fn new(db: sea_orm::DatabaseConnection, public_url: &str) -> Self {
        Minter {
            db,
            base: format!("{public_url}/r/"),
        }
    }
}

impl crate::mail::Links for Minter {
    fn mint(&self, invitation_id: i32) -> futures_util::future::BoxFuture<'_, Result<String>> {
        Box::pin(async move {
            Ok(format!(
                "{}{}",
                self.base,
                mint(&self.db, invitation_id).await?
            ))
        })
    }
}
