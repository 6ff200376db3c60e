//! Reminders go to invited contacts whose unit has not submitted: on request (`remind`, the
//! button on the campaign page) or on the campaign's schedule of days before its closing day.
use super::{campaign, invitation, mail_data, ReminderPlan};
use crate::app::App;
use crate::directory::{contact, institute};
use crate::mail::{outbox, templates::enqueue, Outgoing};
use crate::responses::response;
use crate::Result;
use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

/// An invited contact whose unit has not submitted.
#[derive(Debug, Clone)]
pub struct Pending {
    pub invitation: invitation::Model,
    pub contact: contact::Model,
    pub institute: institute::Model,
}

/// Why a reminder goes out; the reason is part of its dedupe key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
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

pub async fn pending(db: &impl ConnectionTrait, c: &campaign::Model) -> Result<Vec<Pending>> {
    let submitted: BTreeSet<String> = response::Entity::find()
        .filter(response::Column::CampaignId.eq(c.id))
        .filter(response::Column::Status.eq(response::SUBMITTED))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.unit_key)
        .collect();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(c.id))
        .all(db)
        .await?;
    let contacts = crate::directory::contacts_by_id(db, true).await?;
    let institutes = crate::directory::institutes_by_id(db).await?;
    Ok(invitations
        .into_iter()
        .filter(|inv| !submitted.contains(&inv.unit_key))
        .filter_map(|inv| {
            let contact = contacts.get(&inv.contact_id)?.clone();
            let institute = institutes.get(&contact.institute_id)?.clone();
            Some(Pending {
                invitation: inv,
                contact,
                institute,
            })
        })
        .collect())
}

/// Queues a reminder for every pending contact; returns how many were queued. `today` is the
/// day the schedule's gap is counted from.
pub async fn remind(app: &App, campaign_id: i32, why: Why, today: NaiveDate) -> Result<usize> {
    let c = super::get(&app.db, campaign_id).await?;
    if c.status != campaign::OPEN {
        return Ok(0);
    }
    let form = c.form()?;
    // Earlier reminders per contact: how many, and the last one's time.
    let mut sent: HashMap<i32, (i32, NaiveDate)> = HashMap::new();
    for row in outbox::Entity::find()
        .filter(outbox::Column::CampaignId.eq(campaign_id))
        .filter(outbox::Column::Kind.eq("reminder"))
        .filter(outbox::Column::Status.ne(outbox::CANCELLED))
        .all(&app.db)
        .await?
    {
        if let Some(contact_id) = row.contact_id {
            let day = row.created_at.date_naive();
            let entry = sent.entry(contact_id).or_insert((0, day));
            entry.0 += 1;
            entry.1 = entry.1.max(day);
        }
    }
    let mut queued = 0;
    for p in pending(&app.db, &c).await? {
        if let (Why::Scheduled(_), Some((count, last))) = (why, sent.get(&p.contact.id)) {
            if *count >= c.reminder_max
                || today - *last < Duration::days(c.reminder_gap_days.into())
            {
                continue;
            }
        }
        let message = Outgoing::to_contact(
            "reminder",
            format!("reminder:{campaign_id}:{}:{}", p.contact.id, why.key()),
            &p.contact,
            Some(campaign_id),
            Some(p.invitation.id),
            mail_data(&form, &c, &p.contact.language, &p.institute),
        );
        if enqueue(&app.db, &app.renderer, &app.host(), &message).await? {
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
        .filter(campaign::Column::Status.eq(campaign::OPEN))
        .all(&app.db)
        .await?
    {
        let Some(closes_on) = c.closes_on else {
            continue;
        };
        let days = ReminderPlan::parse_days(&c.reminder_days).unwrap_or_default();
        if let Some(step) = due_step(&days, closes_on, today) {
            queued += remind(app, c.id, Why::Scheduled(step), today).await?;
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
