//! Personal links. A token is 256 random bits, minted when an e-mail carrying it is delivered;
//! only its SHA-256 is stored, so the database (or a backup of it) holds no usable link.
use super::entities::{access_token, invitation};
use crate::directory::{contact, institute};
use crate::secrets;
use crate::Result;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A new token for the invitation; returns it in clear, for the one e-mail that carries it
/// (outbox message `message_id`, recorded with it, so every link can be traced to its mail).
pub async fn mint(
    db: &impl ConnectionTrait,
    invitation_id: i32,
    message_id: Option<i32>,
    supersedes: bool,
) -> Result<String> {
    let token = secrets::random();
    access_token::ActiveModel {
        invitation_id: Set(invitation_id),
        outbox_id: Set(message_id),
        supersedes: Set(supersedes),
        token_hash: Set(secrets::digest(&token)),
        created_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The invitation a token opens, with its contact and the contact's institute. Malformed
/// tokens are answered like unknown ones. A link sent to replace lost ones revokes the older
/// links of its invitation at its first use: its holder got the new mail, so the person is
/// the one who asked, not a stranger who typed their address.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(invitation::Model, contact::Model, institute::Model)>> {
    if !secrets::plausible(token) {
        return Ok(None);
    }
    let Some(link) = access_token::Entity::find()
        .filter(access_token::Column::TokenHash.eq(secrets::digest(token)))
        .filter(access_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if link.supersedes {
        take_over(db, &link).await?;
    }
    let found = invitation::Entity::find_by_id(link.invitation_id)
        .find_also_related(contact::Entity)
        .and_also_related(institute::Entity)
        .one(db)
        .await?;
    Ok(match found {
        Some((inv, Some(person), Some(inst))) => Some((inv, person, inst)),
        _ => None,
    })
}

/// Revokes the invitation's links minted before `link`, once.
async fn take_over(db: &impl ConnectionTrait, link: &access_token::Model) -> Result<()> {
    use sea_orm::sea_query::Expr;
    access_token::Entity::update_many()
        .col_expr(
            access_token::Column::RevokedAt,
            Expr::value(crate::db::now()),
        )
        .filter(access_token::Column::InvitationId.eq(link.invitation_id))
        .filter(access_token::Column::Id.lt(link.id))
        .filter(access_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    access_token::Entity::update_many()
        .col_expr(access_token::Column::Supersedes, Expr::value(false))
        .filter(access_token::Column::Id.eq(link.id))
        .exec(db)
        .await?;
    Ok(())
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
    fn mint(
        &self,
        invitation_id: i32,
        message_id: i32,
        supersede: bool,
    ) -> futures_util::future::BoxFuture<'_, Result<String>> {
        Box::pin(async move {
            let token = mint(&self.db, invitation_id, Some(message_id), supersede).await?;
            Ok(format!("{}{token}", self.base))
        })
    }
}
