//! What the running service records in the database for the command line to agree with. Today
//! one thing: the address its links are made with, which `serve` records at start. A command
//! that mints links (`mail send`) or writes them (`report`) takes that address when it has no
//! `PUBLIC_URL` of its own, and refuses when its own differs: a link is never made with an
//! address the service does not answer at.
use crate::{Error, Result};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::Set;

mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "service_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub value: String,
        pub updated_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const PUBLIC_URL: &str = "public_url";

/// The address the service was last started with, if it ever was.
pub async fn recorded_public_url(db: &impl ConnectionTrait) -> Result<Option<String>> {
    Ok(entity::Entity::find_by_id(PUBLIC_URL)
        .one(db)
        .await?
        .map(|s| s.value))
}

/// Records the address the service now runs at.
pub async fn record_public_url(db: &impl ConnectionTrait, url: &str) -> Result<()> {
    let row = entity::ActiveModel {
        name: Set(PUBLIC_URL.into()),
        value: Set(url.into()),
        updated_at: Set(chrono::Utc::now().fixed_offset()),
    };
    entity::Entity::insert(row)
        .on_conflict(
            OnConflict::column(entity::Column::Name)
                .update_columns([entity::Column::Value, entity::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The address a command's links are made with: its own `PUBLIC_URL` (`given`) when it agrees
/// with the one the service recorded or none was recorded, else the recorded one; refused when
/// the two differ, or when neither was given.
pub fn link_base(own: &str, given: bool, recorded: Option<&str>) -> Result<String> {
    match (given, recorded) {
        (true, Some(service)) if service != own => Err(Error::LinkBase {
            own: own.into(),
            service: service.into(),
        }),
        (true, _) => Ok(own.into()),
        (false, Some(service)) => Ok(service.into()),
        (false, None) => Err(Error::LinkBaseUnknown),
    }
}

/// Whether `serve` may start with `own`: without `PUBLIC_URL` it would make links with the
/// default address, refused when the service last ran at another one.
pub fn serve_check(own: &str, given: bool, recorded: Option<&str>) -> Result<()> {
    match recorded {
        Some(service) if !given && service != own => Err(Error::Config(vec![format!(
            "PUBLIC_URL: not set, so links would be made with the default \"{own}\", but the \
service last ran at \"{service}\": set PUBLIC_URL to the address people reach the service at"
        )])),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{link_base, serve_check};

    #[test]
    fn a_command_agrees_with_the_service_or_refuses() {
        let url = "https://surveys.coomet.org";
        let service = Some(url);
        assert_eq!(
            link_base("http://127.0.0.1:8000", false, service).unwrap(),
            url
        );
        assert_eq!(
            link_base("https://surveys.coomet.org", true, service).unwrap(),
            url
        );
        assert!(link_base("http://127.0.0.1:8000", true, service).is_err());
        assert!(link_base("http://127.0.0.1:8000", false, None).is_err());
        assert_eq!(
            link_base("https://x.org", true, None).unwrap(),
            "https://x.org"
        );
        assert!(serve_check("http://127.0.0.1:8000", false, service).is_err());
        assert!(serve_check("https://new.org", true, service).is_ok());
        assert!(serve_check("http://127.0.0.1:8000", false, None).is_ok());
    }
}
