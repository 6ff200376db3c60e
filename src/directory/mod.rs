//! The directory of COOMET: member countries, their institutes (NMIs and DIs), the contacts who
//! answer surveys, and the staff accounts of the secretariat and reviewers.
pub mod accounts;
pub mod api_tokens;
pub mod check;
pub mod contacts;
pub mod countries;
pub mod edits;
pub mod entities;
pub mod import;
pub mod institutes;
pub mod roles;
pub mod second_factor;
pub mod seed;
pub mod sessions;
pub mod staff;
pub mod upload;

pub use entities::{contact, country, country_year, institute, recovery_code, staff_user};

pub use roles::{Roles, CONTACT_ROLES};

impl contact::Model {
    pub fn roles(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.roles.iter()
    }

    pub fn has_any_role(&self, audience: &[String]) -> bool {
        audience.is_empty() || self.roles().any(|r| audience.iter().any(|a| a == r))
    }
}

/// Every institute by id, for code that labels many rows.
pub async fn institutes_by_id(
    db: &impl sea_orm::ConnectionTrait,
) -> crate::Result<std::collections::HashMap<i32, institute::Model>> {
    use sea_orm::EntityTrait;
    Ok(institute::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect())
}

/// Contacts by id; with `active_only`, those who may still be written to.
pub async fn contacts_by_id(
    db: &impl sea_orm::ConnectionTrait,
    active_only: bool,
) -> crate::Result<std::collections::HashMap<i32, contact::Model>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut query = contact::Entity::find();
    if active_only {
        query = query.filter(contact::Column::Active.eq(true));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}
