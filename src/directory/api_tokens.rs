//! Bearer tokens of the read API. The secretariat names one and picks its scope; the token is
//! shown once and the database keeps only its SHA-256, so a copy of the database reads nothing.
//! No scope writes: the API has no writing endpoint.
use crate::audit::{Action, Actor, Command, Target};
use crate::{Error, Result};
use sea_orm::entity::prelude::StringLen;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

pub mod api_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub scope: super::Scope,
        pub created_by: String,
        pub created_at: DateTimeWithTimeZone,
        pub last_used_at: Option<DateTimeWithTimeZone>,
        pub revoked_at: Option<DateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What a token reads. Both read only.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    sea_orm::EnumIter,
    sea_orm::DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Everything the secretariat reads: drafts too, and who answered.
    #[sea_orm(string_value = "read")]
    Read,
    /// What a reviewer reads: submitted responses only, per-contact surveys without names.
    #[sea_orm(string_value = "review")]
    Review,
}

impl std::str::FromStr for Scope {
    type Err = Error;

    fn from_str(s: &str) -> Result<Scope> {
        match s {
            "read" => Ok(Scope::Read),
            "review" => Ok(Scope::Review),
            _ => Err(Error::Invalid(format!(
                "scope must be read or review, not \"{s}\""
            ))),
        }
    }
}

/// Tokens start with this, so that secret scanners and people recognise one.
const PREFIX: &str = "coomet_";

/// The longest name a token may have.
pub const NAME_MAX: usize = 100;

/// Makes a token; returns it with the only copy of its secret.
pub async fn create(
    db: &DatabaseConnection,
    by: &Actor,
    name: &str,
    scope: Scope,
) -> Result<(api_token::Model, String)> {
    let cmd = Command::begin(db, by, Action::ApiTokenCreate).await?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err(crate::Refusal::TokenName(NAME_MAX).into());
    }
    let secret = format!("{PREFIX}{}", crate::secrets::random());
    let model = api_token::ActiveModel {
        name: Set(name.to_string()),
        token_hash: Set(crate::secrets::digest(&secret)),
        scope: Set(scope),
        created_by: Set(by.who.clone()),
        created_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(cmd.tx())
    .await?;
    let detail = Some(format!("{} ({})", model.name, scope.to_value()));
    cmd.done(&Target::ApiToken(model.id), detail).await?;
    Ok((model, secret))
}

/// Every token, newest first, revoked ones too (the record of who could read).
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revokes a token for good; revoking twice changes nothing.
pub async fn revoke(db: &DatabaseConnection, by: &Actor, id: i32) -> Result<api_token::Model> {
    let cmd = Command::begin(db, by, Action::ApiTokenRevoke).await?;
    let token = api_token::Entity::find_by_id(id)
        .one(cmd.tx())
        .await?
        .ok_or(Error::NotFound)?;
    if token.revoked_at.is_some() {
        return Ok(token);
    }
    let mut am: api_token::ActiveModel = token.into();
    am.revoked_at = Set(Some(crate::db::now()));
    let token = am.update(cmd.tx()).await?;
    cmd.done(&Target::ApiToken(id), Some(token.name.clone()))
        .await?;
    Ok(token)
}

/// Last-use times are written at most this often: a read is not a write per request.
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// The live token `secret` names, or `None` (unknown, malformed or revoked).
pub async fn authenticate(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<api_token::Model>> {
    let Some(rest) = secret.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    if !crate::secrets::plausible(rest) {
        return Ok(None);
    }
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(crate::secrets::digest(secret)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    let Some(token) = found else { return Ok(None) };
    let now = crate::db::now();
    if token.last_used_at.is_none_or(|t| now - t > TOUCH_EVERY) {
        let mut am: api_token::ActiveModel = token.clone().into();
        am.last_used_at = Set(Some(now));
        // Bookkeeping, not the read: a write lock busy with people's saves must not fail it.
        if let Err(e) = am.update(db).await {
            tracing::debug!(error = %e, token = token.id, "api token: last use not recorded");
        }
    }
    Ok(Some(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_nothing_else() {
        assert_eq!("read".parse::<Scope>().unwrap(), Scope::Read);
        assert_eq!("review".parse::<Scope>().unwrap(), Scope::Review);
        assert!("write".parse::<Scope>().is_err());
        assert!("".parse::<Scope>().is_err());
    }
}
