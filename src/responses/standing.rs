//! Where each unit of a campaign stands, read from its response, for mail that must say what
//! is true for its reader (`notifications::Standing`).
use super::{response, Status};
use crate::campaigns::UnitKey;
use crate::notifications::Standing;
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A response's standing; a returned response is a draft again, waiting to be submitted.
pub fn of(r: &response::Model) -> Standing {
    match r.status {
        Status::Submitted if r.accepted_at.is_some() => Standing::Accepted,
        Status::Submitted => Standing::Submitted,
        Status::Draft | Status::Returned => Standing::Draft,
    }
}

/// Every answering unit's standing; a unit missing from the map has not answered.
pub struct Standings(HashMap<UnitKey, Standing>);

impl Standings {
    pub async fn of_campaign(db: &impl ConnectionTrait, campaign_id: i32) -> Result<Standings> {
        let rows = response::Entity::find()
            .filter(response::Column::CampaignId.eq(campaign_id))
            .all(db)
            .await?;
        Ok(Standings(
            rows.iter().map(|r| (r.unit_key.clone(), of(r))).collect(),
        ))
    }

    pub fn get(&self, unit: &UnitKey) -> Standing {
        self.0.get(unit).copied().unwrap_or_default()
    }
}
