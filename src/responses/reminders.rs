//! Reminders go to invited contacts whose unit has not submitted: on request (`remind`, the
//! button on the campaign page) or on the campaign's schedule of days before its closing day.
use super::standing::Standings;
use crate::app::App;
use crate::audit::{Action, Actor, Command, Target};
use crate::campaigns::{self, campaign, invitation, UnitKey};
use crate::directory::{contact, institute};
use crate::mail::outbox;
use crate::notifications::{self, Reader, Standing};
use crate::{Refusal, Result};
use chrono::{Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::{BTreeSet, HashMap};

/// An invited contact whose unit has not submitted.
#[derive(Debug, Clone)]
pub struct Pending {
    pub invitation: invitation::Model,
    pub contact: contact::Model,
    pub institute: institute::Model,
    /// Not answered, or a draft (a returned response is one again).
    pub standing: Standing,
}

impl Pending {
    fn reader(&self) -> Reader<'_> {
        Reader {
            contact: &self.contact,
            institute: &self.institute,
            standing: self.standing,
            invitation_id: self.invitation.id,
        }
    }
}

/// What the secretariat's reminder says and whom it goes to.
#[derive(Debug, Clone, Default)]
pub struct Reminding {
    /// The units it goes to; `None`: every pending unit.
    pub units: Option<BTreeSet<UnitKey>>,
    /// A sentence of the secretariat's own, quoted in the reminder as typed.
    pub note: Option<String>,
}

/// The longest sentence the secretariat may add to a reminder, in characters.
pub const NOTE_MAX: usize = 600;

impl Reminding {
    /// Refuses a sentence too long or with control characters (line breaks are kept), and a
    /// choice of no unit at all; an empty sentence is none.
    fn checked(mut self) -> Result<Reminding> {
        self.note = self
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if let Some(note) = &self.note {
            let control = note
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r'));
            if control || note.chars().count() > NOTE_MAX {
                return Err(Refusal::ReminderNote(NOTE_MAX).into());
            }
        }
        if self.units.as_ref().is_some_and(BTreeSet::is_empty) {
            return Err(Refusal::NoUnitChosen.into());
        }
        Ok(self)
    }

    pub fn includes(&self, unit: &UnitKey) -> bool {
        self.units.as_ref().is_none_or(|u| u.contains(unit))
    }
}

/// Why a reminder goes out; the reason is part of its dedupe key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Asked for by the secretariat: at most one per contact and day.
    Manual(NaiveDate),
    /// The schedule's step of so many days before the closing day: at most once each.
    Scheduled(u32),
}

impl Why {
    fn key(&self) -> String {
        match self {
            Why::Manual(day) => day.to_string(),
            Why::Scheduled(days) => format!("d{days}"),
        }
    }
}

/// Every active invited contact whose unit has not submitted, with where the unit stands.
pub async fn pending(db: &impl ConnectionTrait, c: &campaign::Model) -> Result<Vec<Pending>> {
    let standings = Standings::of_campaign(db, c.id).await?;
    let invited = campaigns::invitations_with_contacts(db, c.id, None).await?;
    Ok(invited
        .into_iter()
        .filter(|(_, contact, _)| contact.active)
        .map(|(invitation, contact, institute)| Pending {
            standing: standings.get(&invitation.unit_key),
            invitation,
            contact,
            institute,
        })
        .filter(|p| matches!(p.standing, Standing::Unanswered | Standing::Draft))
        .collect())
}

/// Earlier reminders of a campaign per contact: how many, and the day of the last one.
pub async fn sent_so_far(
    db: &impl ConnectionTrait,
    campaign_id: i32,
) -> Result<HashMap<i32, (i32, NaiveDate)>> {
    let mut sent: HashMap<i32, (i32, NaiveDate)> = HashMap::new();
    for row in outbox::Entity::find()
        .select_only()
        .column(outbox::Column::ContactId)
        .column(outbox::Column::CreatedAt)
        .filter(outbox::Column::CampaignId.eq(campaign_id))
        .filter(outbox::Column::Kind.eq(outbox::Kind::Reminder))
        .filter(outbox::Column::Status.ne(outbox::Status::Cancelled))
        .into_tuple::<(Option<i32>, chrono::DateTime<chrono::FixedOffset>)>()
        .all(db)
        .await?
    {
        if let (Some(contact_id), at) = row {
            let day = at.date_naive();
            let entry = sent.entry(contact_id).or_insert((0, day));
            entry.0 += 1;
            entry.1 = entry.1.max(day);
        }
    }
    Ok(sent)
}

/// The secretariat's reminder: one to every pending contact of the chosen units not reminded
/// today, with the secretariat's sentence if it added one, and the audit line, in one
/// transaction; returns how many were queued.
pub async fn remind(
    app: &App,
    by: &Actor,
    campaign_id: i32,
    what: Reminding,
    today: NaiveDate,
) -> Result<usize> {
    let what = what.checked()?;
    let cmd = Command::begin(&app.db, by, Action::Remind).await?;
    let queued = queue(
        app,
        cmd.tx(),
        campaign_id,
        (Why::Manual(today), &what),
        today,
    )
    .await?;
    let detail = Some(format!("{queued} queued"));
    cmd.done(&Target::Campaign(campaign_id), detail).await?;
    Ok(queued)
}

/// The schedule's step of `days` before the closing day for one campaign, within its limits of
/// reminders per contact and days between them. The schedule is no one's action: its mail is
/// on record in the outbox, not on the trail of staff actions.
pub async fn scheduled(app: &App, campaign_id: i32, days: u32, today: NaiveDate) -> Result<usize> {
    let tx = crate::db::begin_write(&app.db).await?;
    let every = Reminding::default();
    let queued = queue(app, &tx, campaign_id, (Why::Scheduled(days), &every), today).await?;
    tx.commit().await?;
    Ok(queued)
}

/// Queues a reminder for every pending contact (on the schedule, only those under its limits);
/// returns how many were queued. `today` is the day the schedule's gap is counted from.
async fn queue(
    app: &App,
    tx: &DatabaseTransaction,
    campaign_id: i32,
    (why, what): (Why, &Reminding),
    today: NaiveDate,
) -> Result<usize> {
    let c = campaigns::locked(tx, campaign_id).await?;
    if !c.is_open() {
        return Ok(0);
    }
    let form = c.form()?;
    let sent = sent_so_far(tx, campaign_id).await?;
    let names = campaigns::place_names(tx, &form).await?;
    let survey = c.survey(&form).naming(&names);
    let mut queued = 0;
    for p in pending(tx, &c).await? {
        if !what.includes(&p.invitation.unit_key) {
            continue;
        }
        if let (Why::Scheduled(_), Some((count, last))) = (why, sent.get(&p.contact.id)) {
            if *count >= c.reminder_max
                || today - *last < Duration::days(c.reminder_gap_days.into())
            {
                continue;
            }
        }
        let note = what.note.as_deref();
        let message = notifications::reminder(&survey, p.reader(), &why.key(), note);
        if app.enqueue(tx, &message).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// The schedule's step due on `today`: the smallest number of days before the closing day that
/// has been reached. After a pause of the service only the latest step goes out, not every
/// missed one.
pub fn due_step(plan_days: &[u32], closes_on: NaiveDate, today: NaiveDate) -> Option<u32> {
    let left = (closes_on - today).num_days();
    if left < 0 {
        return None;
    }
    plan_days
        .iter()
        .copied()
        .filter(|d| left <= i64::from(*d))
        .min()
}

/// Queues the scheduled reminders of every open campaign that has one due.
pub async fn run_schedule(app: &App, today: NaiveDate) -> Result<usize> {
    let mut queued = 0;
    for c in campaign::Entity::find()
        .filter(campaign::Column::Status.eq(campaign::Status::Open))
        .all(&app.db)
        .await?
    {
        let Some(closes_on) = c.closes_on else {
            continue;
        };
        if let Some(step) = due_step(c.reminder_days.days(), closes_on, today) {
            queued += scheduled(app, c.id, step, today).await?;
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::due_step;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_latest_reached_step_is_due() {
        let plan = [14, 7, 2];
        let closes = day("2026-12-31");
        assert_eq!(due_step(&plan, closes, day("2026-12-01")), None);
        assert_eq!(due_step(&plan, closes, day("2026-12-17")), Some(14));
        assert_eq!(due_step(&plan, closes, day("2026-12-24")), Some(7));
        assert_eq!(due_step(&plan, closes, day("2026-12-30")), Some(2));
        assert_eq!(due_step(&plan, closes, day("2026-12-31")), Some(2));
        assert_eq!(due_step(&plan, closes, day("2027-01-01")), None);
        assert_eq!(due_step(&[], closes, day("2026-12-30")), None);
    }
}
