//! Files an institute sent with or instead of its answers (a signed letter, a Word file), kept
//! with the unit's response: bounded in size, named safely, listed and served to the
//! secretariat only, and always as a download, never as a page of this site.
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::UnitKey;
use crate::{Error, Refusal, Result};
use sea_orm::{ActiveModelTrait, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The largest file kept; a scanned letter of a few pages is well under it.
pub const MAX_MIB: usize = 8;
pub const MAX_BYTES: usize = MAX_MIB * 1024 * 1024;
/// Names longer than this are cut, keeping the extension.
const NAME_MAX: usize = 120;

pub mod file {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "response_files")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub campaign_id: i32,
        pub unit_key: crate::campaigns::UnitKey,
        pub name: String,
        pub size: i32,
        pub content: Vec<u8>,
        pub added_by: String,
        pub added_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A kept file as listed: everything but its content.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Listed {
    pub id: i32,
    pub name: String,
    pub size: i32,
    pub added_by: String,
    pub added_at: sea_orm::prelude::DateTimeWithTimeZone,
}

/// The name a file is kept and offered under: its last path part, without control characters
/// or quotes (it goes into a header), at most `NAME_MAX` characters with its extension kept.
pub fn safe_name(given: &str) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        return "file".to_string();
    }
    if clean.chars().count() <= NAME_MAX {
        return clean;
    }
    let ext: String = match clean.rsplit_once('.') {
        Some((_, e)) if e.chars().count() <= 8 => format!(".{e}"),
        _ => String::new(),
    };
    let keep = NAME_MAX - ext.chars().count();
    clean.chars().take(keep).collect::<String>() + &ext
}

/// Keeps `content` as a file of the unit's response, on the trail with its name and size.
pub async fn attach(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    unit: &UnitKey,
    name: &str,
    content: Vec<u8>,
) -> Result<i32> {
    if content.is_empty() {
        return Err(Refusal::AttachmentEmpty.into());
    }
    if content.len() > MAX_BYTES {
        return Err(Refusal::AttachmentTooLarge(MAX_MIB).into());
    }
    let cmd = Command::begin(&app.db, by, Action::ResponseAttach).await?;
    // Only a unit the campaign invited has a response to keep a file with.
    if super::unit_contacts(cmd.tx(), campaign_id, unit)
        .await?
        .is_empty()
    {
        return Err(Error::NotFound);
    }
    let name = safe_name(name);
    let size = content.len();
    let kept = file::ActiveModel {
        campaign_id: Set(campaign_id),
        unit_key: Set(unit.clone()),
        name: Set(name.clone()),
        size: Set(i32::try_from(size).unwrap_or(i32::MAX)),
        content: Set(content),
        added_by: Set(by.who.clone()),
        added_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(cmd.tx())
    .await?;
    let target = Target::Unit(campaign_id, unit.to_string());
    cmd.done(&target, Some(format!("{name} ({size} bytes)")))
        .await?;
    Ok(kept.id)
}

/// The unit's kept files, oldest first, without their content.
pub async fn list(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    unit: &UnitKey,
) -> Result<Vec<Listed>> {
    use file::Column;
    Ok(file::Entity::find()
        .select_only()
        .columns([
            Column::Id,
            Column::Name,
            Column::Size,
            Column::AddedBy,
            Column::AddedAt,
        ])
        .filter(Column::CampaignId.eq(campaign_id))
        .filter(Column::UnitKey.eq(unit.clone()))
        .order_by_asc(Column::Id)
        .into_model::<Listed>()
        .all(db)
        .await?)
}

/// One kept file of the unit, content and all; `None` for an id that is not the unit's.
pub async fn get(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    unit: &UnitKey,
    id: i32,
) -> Result<Option<file::Model>> {
    Ok(file::Entity::find_by_id(id)
        .filter(file::Column::CampaignId.eq(campaign_id))
        .filter(file::Column::UnitKey.eq(unit.clone()))
        .one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn a_name_loses_its_path_quotes_and_controls_and_keeps_its_extension() {
        assert_eq!(
            safe_name("C:\\Users\\me\\Письмо ВНИИМ.pdf"),
            "Письмо ВНИИМ.pdf"
        );
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("a\"b;\r\nc.docx"), "abc.docx");
        assert_eq!(safe_name(".."), "file");
        let long = format!("{}.pdf", "я".repeat(300));
        let kept = safe_name(&long);
        assert_eq!(kept.chars().count(), 120);
        assert!(kept.ends_with(".pdf"));
    }
}
