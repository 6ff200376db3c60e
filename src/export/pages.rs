//! A campaign's responses a page at a time, as the read API gives them: the same rows, names
//! and anonymity as the JSON export, so that the two never disagree.
use super::{Audience, Exported, Names};
use crate::campaigns::campaign;
use crate::i18n::I18n;
use crate::responses::{response, Status};
use crate::Result;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// One page of responses and how many there are in all.
#[derive(Debug, Clone)]
pub struct ResponsesPage {
    pub total: u64,
    pub items: Vec<Exported>,
}

/// Responses `offset..offset + limit` of `c` in the export's order (by unit), for `audience`.
pub async fn responses_page(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    audience: Audience,
    i18n: &I18n,
    offset: u64,
    limit: u64,
) -> Result<ResponsesPage> {
    let form = c.form()?;
    let mut query = response::Entity::find().filter(response::Column::CampaignId.eq(c.id));
    if audience.reviewer {
        query = query.filter(response::Column::Status.eq(Status::Submitted));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(response::Column::UnitKey)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    let names = Names::load(db, c, &form, audience, i18n).await?;
    let mut items = Vec::with_capacity(rows.len());
    for (n, r) in rows.into_iter().enumerate() {
        let answers = r.answers()?;
        // Numbered as in the whole export, so page 2's "Respondent 101" is the export's too.
        let who = names.who(&r, offset as usize + n);
        items.push(Exported::new(r, who, answers));
    }
    Ok(ResponsesPage { total, items })
}
