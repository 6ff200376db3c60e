//! A campaign's responses a page at a time, as the read API gives them: the same rows, names
//! and anonymity as the JSON export, so that the two never disagree.
use super::{gives_rows, readable, Audience, Exported, Names};
use crate::campaigns::campaign;
use crate::Result;
use sea_orm::{ConnectionTrait, PaginatorTrait, QuerySelect};

/// One page of responses and how many there are in all.
#[derive(Debug, Clone)]
pub struct ResponsesPage {
    pub total: u64,
    pub items: Vec<Exported>,
    /// No rows for this audience (a reviewer, a survey answered per contact: `gives_rows`);
    /// `total` still says how many there are, for who answered is not what they answered.
    pub withheld: bool,
}

/// Responses `offset..offset + limit` of `c` in the export's order (by unit), for `audience`.
pub async fn responses_page(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    audience: Audience,
    offset: u64,
    limit: u64,
) -> Result<ResponsesPage> {
    let form = c.form()?;
    let query = readable(c, audience);
    let total = query.clone().count(db).await?;
    if !gives_rows(&form, audience) {
        return Ok(ResponsesPage {
            total,
            items: Vec::new(),
            withheld: true,
        });
    }
    let rows = query.offset(offset).limit(limit).all(db).await?;
    let names = Names::load(db, c, audience).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let (answers, who) = (r.answers()?, names.who(&r));
        items.push(Exported::new(r, who, answers));
    }
    Ok(ResponsesPage {
        total,
        items,
        withheld: false,
    })
}
