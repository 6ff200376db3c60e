//! Institutes kept by the secretariat: added and corrected from the browser. An institute is
//! never deleted (its responses name it); its contacts are deactivated instead.
use super::check::{text_problem, Field, Problem};
use super::{country, institute};
use crate::Result;
use sea_orm::{ActiveEnum, ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

/// Longest acronym kept.
pub const ACRONYM_MAX: usize = 20;

/// An institute's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Draft {
    pub acronym: String,
    pub country: String,
    pub name_en: String,
    pub name_ru: String,
    /// NMI or DI.
    pub kind: String,
}

impl From<&institute::Model> for Draft {
    fn from(i: &institute::Model) -> Self {
        Draft {
            acronym: i.acronym.clone(),
            country: i.country_code.clone(),
            name_en: i.name_en.clone(),
            name_ru: i.name_ru.clone().unwrap_or_default(),
            kind: i.kind.to_value(),
        }
    }
}

impl Draft {
    /// Every problem found without the database; `save` adds the ones that need it.
    fn problems(&self) -> Vec<Problem> {
        let acronym = self.acronym.trim();
        let mut problems: Vec<Problem> = [
            text_problem(Field::Acronym, acronym),
            text_problem(Field::NameEn, self.name_en.trim()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if acronym.chars().count() > ACRONYM_MAX && problems.is_empty() {
            problems.push(Problem::TooLong(Field::Acronym));
        }
        let name_ru = self.name_ru.trim();
        if !name_ru.is_empty() {
            problems.extend(text_problem(Field::NameRu, name_ru));
        }
        if self.kind.parse::<institute::Kind>().is_err() {
            problems.push(Problem::UnknownKind(self.kind.clone()));
        }
        problems
    }
}

/// Adds an institute (`old` is `None`) or corrects one, after every check.
pub async fn save(
    db: &impl ConnectionTrait,
    old: Option<institute::Model>,
    d: &Draft,
) -> Result<std::result::Result<institute::Model, Vec<Problem>>> {
    let mut problems = d.problems();
    let code = d.country.trim();
    let known = super::countries::is_code(code)
        && country::Entity::find_by_id(code).one(db).await?.is_some();
    if !known {
        problems.push(Problem::UnknownCountry(d.country.clone()));
    }
    let acronym = d.acronym.trim().to_string();
    // Only an acronym that passed its own checks is looked up (no control characters).
    if !problems.iter().any(|p| p.field() == Field::Acronym) {
        // "vniim" beside "VNIIM" is the same institute: compared without case.
        let upper = acronym.to_uppercase();
        let holder = institute::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .find(|i| i.acronym.to_uppercase() == upper);
        if holder.is_some_and(|h| old.as_ref().is_none_or(|o| o.id != h.id)) {
            problems.push(Problem::AcronymTaken);
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut am: institute::ActiveModel = match old {
        Some(o) => o.into(),
        None => Default::default(),
    };
    am.acronym = Set(acronym);
    am.country_code = Set(d.country.trim().to_string());
    am.name_en = Set(d.name_en.trim().to_string());
    let name_ru = d.name_ru.trim();
    am.name_ru = Set((!name_ru.is_empty()).then(|| name_ru.to_string()));
    // Checked with the other problems above.
    am.kind = Set(d.kind.parse().unwrap_or(institute::Kind::Nmi));
    let saved = am.save(db).await?;
    Ok(Ok(sea_orm::TryIntoModel::try_into_model(saved)?))
}

/// Every institute, by country then acronym.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<institute::Model>> {
    Ok(institute::Entity::find()
        .order_by_asc(institute::Column::CountryCode)
        .order_by_asc(institute::Column::Acronym)
        .all(db)
        .await?)
}

/// Some institute, to show a sample mail addressed to one.
pub async fn any(db: &impl ConnectionTrait) -> Result<institute::Model> {
    institute::Entity::find()
        .one(db)
        .await?
        .ok_or(crate::Error::NotFound)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<institute::Model> {
    institute::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(crate::Error::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_institute_needs_an_acronym_a_name_and_a_kind() {
        let d = Draft {
            acronym: "=HYPERLINK(1)".into(),
            country: "RU".into(),
            name_en: String::new(),
            name_ru: "<b>".into(),
            kind: "Lab".into(),
        };
        assert_eq!(
            d.problems(),
            vec![
                Problem::Formula(Field::Acronym),
                Problem::Missing(Field::NameEn),
                Problem::Forbidden(Field::NameRu),
                Problem::UnknownKind("Lab".into()),
            ]
        );
        let long = Draft {
            acronym: "A".repeat(ACRONYM_MAX + 1),
            name_en: "Institute".into(),
            kind: "DI".into(),
            ..Default::default()
        };
        assert_eq!(long.problems(), vec![Problem::TooLong(Field::Acronym)]);
    }
}
