//! A country's CEEMS status by year. COOMET classes a member as a country with an emerging
//! metrology system for a given year; a campaign breaks its indicators down by the status of
//! the campaign's year, so a change next year leaves last year's figures as they were.
use super::{country, country_year};
use crate::Result;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};

/// Whether `code` has the form of a country code (two capital letters). Anything else is
/// answered without asking the database: PostgreSQL refuses a NUL in a parameter outright.
pub fn is_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Each country's status in `year`: its row for that year, else its own flag.
pub async fn ceems_in(db: &impl ConnectionTrait, year: i32) -> Result<HashMap<String, bool>> {
    let mut status: HashMap<String, bool> = country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.ceems))
        .collect();
    for row in country_year::Entity::find()
        .filter(country_year::Column::Year.eq(year))
        .all(db)
        .await?
    {
        status.insert(row.country_code, row.ceems);
    }
    Ok(status)
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

/// Sets a country's status for a year; the latest year set also becomes the country's flag,
/// which years without a row take.
pub async fn set_ceems(
    db: &impl ConnectionTrait,
    code: &str,
    year: i32,
    ceems: bool,
) -> Result<()> {
    if !is_code(code) {
        return Err(crate::Error::NotFound);
    }
    let Some(c) = country::Entity::find_by_id(code).one(db).await? else {
        return Err(crate::Error::NotFound);
    };
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
    let latest = by_year(db)
        .await?
        .remove(code)
        .and_then(|years| years.into_iter().next_back());
    if let Some((_, flag)) = latest.filter(|(_, flag)| *flag != c.ceems) {
        let mut am: country::ActiveModel = c.into();
        am.ceems = Set(flag);
        am.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
