//! Which version of its survey each campaign opened: recorded since versions are kept; for a
//! campaign opened before, the version whose schema is the one it keeps, if any.
use super::campaign;
use crate::forms::versions;
use crate::Result;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

/// The campaigns of `form_id` by the version they opened, oldest year first; campaigns whose
/// schema is none of the versions' are under `None`.
pub async fn by_version(
    db: &impl ConnectionTrait,
    form_id: &str,
) -> Result<BTreeMap<Option<i32>, Vec<campaign::Model>>> {
    let mut out: BTreeMap<Option<i32>, Vec<campaign::Model>> = BTreeMap::new();
    let mut schemas: Option<Vec<(i32, String)>> = None;
    for c in super::of_form(db, form_id).await? {
        let version = match c.form_version {
            Some(v) => Some(v),
            None => {
                if schemas.is_none() {
                    let mut all = Vec::new();
                    for n in versions::numbers(db, form_id).await? {
                        if let Some(r) = versions::record(db, form_id, n).await? {
                            all.push((n, r.schema_json));
                        }
                    }
                    schemas = Some(all);
                }
                schemas
                    .iter()
                    .flatten()
                    .find(|(_, json)| *json == c.schema_json)
                    .map(|(n, _)| *n)
            }
        };
        out.entry(version).or_default().push(c);
    }
    Ok(out)
}
