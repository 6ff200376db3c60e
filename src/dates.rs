//! How days and moments are written, on pages, in mail and in the words of a refusal: one
//! format everywhere, in either language, in the organisation's time zone.

use std::sync::OnceLock;

/// Dates as pages and e-mails show them.
pub fn fmt_day(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The zone every moment is shown in, named: COOMET's is Europe/Moscow ("MSK"), set in
/// `seeds/organisation.toml` or by `TIME_ZONE`. One zone per installation, not per campaign:
/// a campaign's respondents span eleven time zones, so no choice fits each of them, and one
/// zone for the secretariat's pages keeps the history, the outbox and the audit trail in one
/// clock. It is chosen once at start (`show_in`); until then, and where none is set, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone(chrono_tz::UTC)
    }
}

impl std::str::FromStr for TimeZone {
    type Err = String;
    fn from_str(name: &str) -> Result<Self, String> {
        name.trim()
            .parse::<chrono_tz::Tz>()
            .map(TimeZone)
            .map_err(|_| format!("\"{name}\" is not a time zone of the IANA database"))
    }
}

impl TimeZone {
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

static SHOWN_IN: OnceLock<TimeZone> = OnceLock::new();

/// Sets the zone moments are shown in, once for the process; a second, different zone is
/// ignored with a warning (the test binary builds many services from the same seeds).
pub fn show_in(zone: TimeZone) {
    if *SHOWN_IN.get_or_init(|| zone) != zone {
        tracing::warn!(zone = zone.name(), "a second time zone is ignored");
    }
}

fn zone() -> TimeZone {
    SHOWN_IN.get().copied().unwrap_or_default()
}

/// A moment as pages, e-mails and downloads show it, in the organisation's zone with the
/// zone's abbreviation ("2026-12-07 11:30 MSK"; a zone without one shows its offset).
pub fn fmt_time<Tz: chrono::TimeZone>(t: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(&zone().0)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// Today, as the organisation's clock has it.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&zone().0).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_written_in_the_zone_with_its_name() {
        let zone: TimeZone = "Europe/Moscow".parse().unwrap();
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-07T08:30:00Z").unwrap();
        let shown = t.with_timezone(&zone.0).format("%Y-%m-%d %H:%M %Z");
        assert_eq!(shown.to_string(), "2026-12-07 11:30 MSK");
        assert!("Moscow".parse::<TimeZone>().is_err());
    }
}
