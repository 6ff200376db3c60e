//! Personal links. A token is 256 random bits, minted when an e-mail carrying it is delivered;
//! only its SHA-256 is stored, so the database (or a backup of it) holds no usable link.
use super::entities::{access_token, invitation};
use crate::directory::{contact, institute};
use crate::secrets;
use crate::Result;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A new token for the invitation; returns it in clear, for the one e-mail that carries it.
pub async fn mint(db: &impl ConnectionTrait, invitation_id: i32) -> Result<String> {
    let token = secrets::random();
    access_token::ActiveModel {
        invitation_id: Set(invitation_id),
        token_hash: Set(secrets::digest(&token)),
        created_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Revokes every link of the invitation minted so far (links minted later stay good).
pub async fn revoke(db: &impl ConnectionTrait, invitation_id: i32) -> Result<u64> {
    use sea_orm::sea_query::Expr;
    let done = access_token::Entity::update_many()
        .col_expr(
            access_token::Column::RevokedAt,
            Expr::value(crate::db::now()),
        )
        .filter(access_token::Column::InvitationId.eq(invitation_id))
        .filter(access_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The invitation a token opens, with its contact and the contact's institute, in one query.
/// Malformed tokens are answered like unknown ones.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(invitation::Model, contact::Model, institute::Model)>> {
    if !secrets::plausible(token) {
        return Ok(None);
    }
    let found = invitation::Entity::find()
        .inner_join(access_token::Entity)
        .filter(access_token::Column::TokenHash.eq(secrets::digest(token)))
        .filter(access_token::Column::RevokedAt.is_null())
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
