//! The campaign page's table of units: each unit's status and when, each contact with the
//! campaign's mails to them and how far each got; filtered by status and country.
use crate::mail::outbox;
use crate::responses::progress::{UnitState, UnitStatus};
use rocket::form::FromForm;
use serde::Serialize;

#[derive(Serialize)]
pub struct MailView {
    id: i32,
    status: outbox::Status,
    /// Keys of the kind's and the state's words in the locale files.
    kind_key: String,
    status_key: String,
    at: String,
}

#[derive(Serialize)]
pub struct ContactView<'a> {
    email: &'a str,
    active: bool,
    mails: Vec<MailView>,
}

#[derive(Serialize)]
pub struct UnitRow<'a> {
    unit_key: String,
    label: &'a str,
    country_code: &'a str,
    status: UnitState,
    accepted: bool,
    updated_at: Option<String>,
    updated_by: Option<&'a str>,
    contacts: Vec<ContactView<'a>>,
}

/// What the table is narrowed to; empty values mean every unit.
#[derive(FromForm, Default, Serialize)]
pub struct UnitFilter {
    pub status: Option<String>,
    pub country: Option<String>,
}

fn state_name(s: UnitState) -> &'static str {
    match s {
        UnitState::Invited => "invited",
        UnitState::Draft => "draft",
        UnitState::Submitted => "submitted",
        UnitState::Returned => "returned",
    }
}

impl UnitFilter {
    fn keeps(&self, u: &UnitStatus) -> bool {
        let wanted =
            |v: &Option<String>, have: &str| v.as_deref().is_none_or(|v| v.is_empty() || v == have);
        wanted(&self.status, state_name(u.status)) && wanted(&self.country, &u.country_code)
    }
}

fn minute(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    crate::i18n::fmt_time(t)
}

/// The rows the filter keeps, in the order of the units.
pub fn rows<'a>(units: &'a [UnitStatus], filter: &UnitFilter) -> Vec<UnitRow<'a>> {
    units
        .iter()
        .filter(|u| filter.keeps(u))
        .map(|u| UnitRow {
            unit_key: u.unit_key.to_string(),
            label: &u.label,
            country_code: &u.country_code,
            status: u.status,
            accepted: u.accepted,
            updated_at: u.updated_at.as_ref().map(minute),
            updated_by: u.updated_by.as_deref(),
            contacts: u
                .contacts
                .iter()
                .map(|c| ContactView {
                    email: &c.email,
                    active: c.active,
                    mails: c
                        .mails
                        .iter()
                        .map(|m| MailView {
                            id: m.id,
                            status: m.status,
                            kind_key: format!("kind-{}", m.kind.name()),
                            status_key: format!("mail-status-{}", m.status.name()),
                            at: minute(&m.at),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// The countries of the units, for the filter's choices.
pub fn countries(units: &[UnitStatus]) -> Vec<&str> {
    let mut codes: Vec<&str> = units.iter().map(|u| u.country_code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}
