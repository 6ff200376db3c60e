//! The directory of COOMET: member countries, their institutes (NMIs and DIs), the contacts who
//! answer surveys, and the staff accounts of the secretariat and reviewers.
pub mod entities;
pub mod seed;
pub mod staff;

pub use entities::{contact, country, institute, staff_user};

/// Roles a contact may hold; a survey's audience is a set of these.
pub const CONTACT_ROLES: &[&str] = &["training", "legal-metrology", "research", "general"];

impl contact::Model {
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }

    pub fn has_any_role(&self, audience: &[String]) -> bool {
        audience.is_empty() || self.roles().any(|r| audience.iter().any(|a| a == r))
    }
}
