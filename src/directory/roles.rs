//! The roles a contact holds: what they are asked about. A survey's audience names roles too.
use sea_orm::DeriveValueType;

/// Roles a contact may hold; a survey's audience is a set of these.
pub const CONTACT_ROLES: &[&str] = &["training", "legal-metrology", "research", "general"];

/// A contact's roles, each one of `CONTACT_ROLES`, in the order written and each once. Stored as
/// "training,research", as the CSV files write them.
#[derive(Debug, Clone, PartialEq, Eq, Default, DeriveValueType)]
#[sea_orm(value_type = "String")]
pub struct Roles(Vec<&'static str>);

/// A role that is not one of `CONTACT_ROLES`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown contact role \"{0}\"")]
pub struct UnknownRole(pub String);

impl Roles {
    /// Reads "training, research"; every name that is no role is given back.
    pub fn read(text: &str) -> Result<Roles, Vec<UnknownRole>> {
        let mut roles = Vec::new();
        let mut unknown = Vec::new();
        for name in text.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            match CONTACT_ROLES.iter().find(|r| **r == name) {
                Some(role) if !roles.contains(role) => roles.push(*role),
                Some(_) => {}
                None => unknown.push(UnknownRole(name.to_string())),
            }
        }
        if unknown.is_empty() {
            Ok(Roles(roles))
        } else {
            Err(unknown)
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::str::FromStr for Roles {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Roles, UnknownRole> {
        Roles::read(text).map_err(|mut unknown| unknown.remove(0))
    }
}

impl std::fmt::Display for Roles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join(","))
    }
}

/// As stored, for the API and exports.
impl serde::Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::{Roles, UnknownRole};

    #[test]
    fn roles_are_read_once_each_and_written_as_stored() {
        let roles = Roles::read(" training, research,training ").unwrap();
        assert_eq!(roles.to_string(), "training,research");
        assert!(Roles::read("").unwrap().is_empty());
        assert_eq!(
            Roles::read("training,chief,boss"),
            Err(vec![
                UnknownRole("chief".into()),
                UnknownRole("boss".into())
            ])
        );
    }
}
