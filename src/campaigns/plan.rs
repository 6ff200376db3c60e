//! When a campaign's automatic reminders go out.
use crate::Error;
use chrono::NaiveDate;
use sea_orm::DeriveValueType;

/// Days before the closing day on which reminders go out automatically, as the secretariat
/// wrote them ("14,7,2"); none means no automatic reminders. Stored as that text.
#[derive(Debug, Clone, PartialEq, Eq, Default, DeriveValueType, serde::Serialize)]
#[sea_orm(value_type = "String")]
pub struct ReminderDays(Vec<u32>);

impl ReminderDays {
    /// The longest a day may lie before the closing day.
    pub const MAX: u32 = 365;

    pub fn days(&self) -> &[u32] {
        &self.0
    }

    /// The days as a person writes them, "14, 7, 2".
    pub fn spaced(&self) -> String {
        self.to_string().replace(',', ", ")
    }
}

impl std::str::FromStr for ReminderDays {
    type Err = Error;

    /// Parses "14,7,2" (spaces allowed); an empty text means no automatic reminders.
    fn from_str(text: &str) -> Result<ReminderDays, Error> {
        text.split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                d.parse::<u32>()
                    .ok()
                    .filter(|d| *d <= Self::MAX)
                    .ok_or(Error::Refused(crate::Refusal::ReminderPlan))
            })
            .collect::<Result<Vec<u32>, Error>>()
            .map(ReminderDays)
    }
}

impl std::fmt::Display for ReminderDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let days: Vec<String> = self.0.iter().map(u32::to_string).collect();
        f.write_str(&days.join(","))
    }
}

/// When automatic reminders go out: on `days`, at most `max` per contact, at least `gap_days`
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    pub days: ReminderDays,
    pub max: i32,
    pub gap_days: i32,
}

impl ReminderPlan {
    /// The most reminders a contact may get from the schedule.
    pub const MAX_COUNT: i32 = 20;
    /// The longest gap between two of a contact's reminders, in days.
    pub const MAX_GAP: i32 = 60;

    pub fn check(&self) -> Result<(), Error> {
        let bad = !(0..=Self::MAX_COUNT).contains(&self.max)
            || !(0..=Self::MAX_GAP).contains(&self.gap_days);
        if bad {
            return Err(crate::Refusal::ReminderPlan.into());
        }
        Ok(())
    }
}

impl ReminderDays {
    /// The next day on or after `today` on which a step falls, for a campaign closing on
    /// `closes_on`.
    pub fn next_on(&self, closes_on: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
        self.0
            .iter()
            .map(|d| closes_on - chrono::Days::new((*d).into()))
            .filter(|day| *day >= today)
            .min()
    }
}

impl Default for ReminderPlan {
    fn default() -> Self {
        ReminderPlan {
            days: ReminderDays(vec![14, 7, 2]),
            max: 3,
            gap_days: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReminderDays;

    #[test]
    fn days_are_read_and_written_as_the_secretariat_types_them() {
        let days: ReminderDays = " 14, 7,2 ".parse().unwrap();
        assert_eq!(days.days(), [14, 7, 2]);
        assert_eq!(days.to_string(), "14,7,2");
        assert_eq!("".parse::<ReminderDays>().unwrap().days(), [] as [u32; 0]);
        assert!("14,x".parse::<ReminderDays>().is_err());
        assert!("400".parse::<ReminderDays>().is_err());
    }
}
