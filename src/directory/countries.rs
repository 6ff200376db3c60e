//! A country's CEEMS status by year. COOMET classes a member as a country with an emerging
//! metrology system for a given year; a campaign breaks its indicators down by the status of
//! the campaign's year. A status set for a year holds from that year on, until a later year
//! says otherwise; before the first year set, the country's flag from `seeds/` holds. So a
//! change for next year leaves this year's and last year's figures as they were.
use super::{country, country_year};
use crate::Result;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};

/// Whether `code` has the form of a country code (two capital letters). Anything else is
/// answered without asking the database: PostgreSQL refuses a NUL in a parameter outright.
pub fn is_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// The status in `year` among the years set for a country (`set`), else `flag`.
pub fn status_in(set: Option<&BTreeMap<i32, bool>>, flag: bool, year: i32) -> bool {
    set.and_then(|years| years.range(..=year).next_back())
        .map_or(flag, |(_, ceems)| *ceems)
}

/// Each country's status in `year` (see the module's rule).
pub async fn ceems_in(db: &impl ConnectionTrait, year: i32) -> Result<HashMap<String, bool>> {
    let set = by_year(db).await?;
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let ceems = status_in(set.get(&c.code), c.ceems, year);
            (c.code, ceems)
        })
        .collect())
}

/// Every status set for a year, by country and year.
pub async fn by_year(db: &impl ConnectionTrait) -> Result<HashMap<String, BTreeMap<i32, bool>>> {
    let mut out: HashMap<String, BTreeMap<i32, bool>> = HashMap::new();
    for row in country_year::Entity::find().all(db).await? {
        out.entry(row.country_code)
            .or_default()
            .insert(row.year, row.ceems);
    }
    Ok(out)
}

/// Sets a country's status from `year` on (until a later year set says otherwise).
pub async fn set_ceems(
    db: &impl ConnectionTrait,
    code: &str,
    year: i32,
    ceems: bool,
) -> Result<()> {
    if !is_code(code) {
        return Err(crate::Error::NotFound);
    }
    if country::Entity::find_by_id(code).one(db).await?.is_none() {
        return Err(crate::Error::NotFound);
    }
    let existing = country_year::Entity::find()
        .filter(country_year::Column::CountryCode.eq(code))
        .filter(country_year::Column::Year.eq(year))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut am: country_year::ActiveModel = row.into();
            am.ceems = Set(ceems);
            am.update(db).await?;
        }
        None => {
            country_year::ActiveModel {
                country_code: Set(code.to_string()),
                year: Set(year),
                ceems: Set(ceems),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_status_holds_from_its_year_until_a_later_one() {
        let set: std::collections::BTreeMap<i32, bool> = [(2025, true), (2028, false)].into();
        let at = |year| super::status_in(Some(&set), false, year);
        assert!(!at(2024), "before the first year set, the flag");
        assert!(at(2025) && at(2027));
        assert!(!at(2028) && !at(2030));
        assert!(super::status_in(None, true, 2026));
    }

    #[test]
    fn only_two_capital_letters_are_a_country_code() {
        for good in ["RU", "AM", "BY"] {
            assert!(super::is_code(good), "{good}");
        }
        for bad in ["", "ru", "RUS", "R\0", "Р1", "Ру"] {
            assert!(!super::is_code(bad), "{bad:?}");
        }
    }
}
