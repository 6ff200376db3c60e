//! Who answers: the unit whose one response a campaign's contacts share.
use crate::directory::{contact, institute};
use crate::forms::Unit;
use sea_orm::DeriveValueType;

/// An answering unit, stored as `institute:VNIIM`, `country:RU` or `contact:17`. Parsed once
/// where it enters (a database row, a form of the secretariat); never built from text elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, DeriveValueType)]
#[sea_orm(value_type = "String")]
pub enum UnitKey {
    Institute(String),
    Country(String),
    Contact(i32),
}

impl UnitKey {
    /// The unit a contact answers for under a form's `unit`.
    pub fn of(unit: Unit, contact: &contact::Model, inst: &institute::Model) -> UnitKey {
        match unit {
            Unit::Institute => UnitKey::Institute(inst.acronym.clone()),
            Unit::Country => UnitKey::Country(inst.country_code.clone()),
            Unit::Contact => UnitKey::Contact(contact.id),
        }
    }

    pub fn kind(&self) -> Unit {
        match self {
            UnitKey::Institute(_) => Unit::Institute,
            UnitKey::Country(_) => Unit::Country,
            UnitKey::Contact(_) => Unit::Contact,
        }
    }
}

impl std::fmt::Display for UnitKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitKey::Institute(acronym) => write!(f, "institute:{acronym}"),
            UnitKey::Country(code) => write!(f, "country:{code}"),
            UnitKey::Contact(id) => write!(f, "contact:{id}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not a unit: \"{0}\"")]
pub struct BadUnitKey(String);

impl std::str::FromStr for UnitKey {
    type Err = BadUnitKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadUnitKey(s.chars().take(80).collect());
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        let plain = !rest.is_empty()
            && rest.chars().count() <= 64
            && !rest.chars().any(|c| c.is_control() || c == ':');
        if !plain {
            return Err(bad());
        }
        match kind {
            "institute" => Ok(UnitKey::Institute(rest.to_string())),
            "country" => Ok(UnitKey::Country(rest.to_string())),
            "contact" => rest.parse().map(UnitKey::Contact).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl serde::Serialize for UnitKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::UnitKey;

    #[test]
    fn round_trips_and_refuses_what_is_not_a_key() {
        for key in [
            "institute:VNIIM",
            "country:RU",
            "contact:17",
            "institute:BelGIM",
        ] {
            assert_eq!(key.parse::<UnitKey>().unwrap().to_string(), key);
        }
        for bad in [
            "",
            "institute:",
            "planet:X",
            "contact:x",
            "institute:a\nb",
            "country",
        ] {
            assert!(bad.parse::<UnitKey>().is_err(), "{bad}");
        }
    }
}
