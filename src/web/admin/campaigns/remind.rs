//! Reminders from the campaign's pages: the secretariat's own reminder (whom it goes to, with a
//! sentence of its own, after a look at who gets it) and the schedule of automatic ones.
use crate::app::App;
use crate::campaigns::{self, ReminderPlan, UnitKey};
use crate::forms::schema::Unit;
use crate::i18n::{fmt_day, Lang};
use crate::notifications::Standing;
use crate::responses::reminders::{self, Pending, Reminding, NOTE_MAX};
use crate::web::staff::session::Secretariat;
use crate::web::view::{refusal, render, Base};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Either, Route, State};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

type Places = HashMap<String, crate::directory::country::Model>;

pub fn routes() -> Vec<Route> {
    routes![remind_page, remind, schedule]
}

#[derive(Serialize)]
struct ContactRow<'a> {
    email: &'a str,
    name: &'a str,
    language: Lang,
    /// Reminders this contact already had, and the day of the last.
    reminded: Option<(i32, String)>,
}

#[derive(Serialize)]
struct UnitChoice<'a> {
    key: String,
    label: String,
    draft: bool,
    chosen: bool,
    contacts: Vec<ContactRow<'a>>,
}

#[derive(Serialize)]
struct RemindPage<'a> {
    id: i32,
    year: i32,
    title: &'a str,
    /// The units the button reminds now, each with its contacts not reminded today.
    units: Vec<UnitChoice<'a>>,
    /// Pending contacts reminded today already: the button skips them (one a day).
    reminded_today: usize,
    note: &'a str,
    note_max: usize,
    error: Option<String>,
    /// The schedule of automatic reminders, as stored or as just typed.
    plan: PlanFields<'a>,
    plan_error: Option<String>,
    plan_limits: (i32, i32),
}

#[derive(Serialize, Clone, Copy)]
struct PlanFields<'a> {
    days: &'a str,
    max: &'a str,
    gap: &'a str,
}

/// What the secretariat typed, kept when the reminder or the schedule is refused.
#[derive(Default)]
struct Typed<'a> {
    note: &'a str,
    chosen: Option<BTreeSet<UnitKey>>,
    error: Option<String>,
    plan: Option<PlanFields<'a>>,
    plan_error: Option<String>,
}

fn label(unit: &UnitKey, p: &Pending, names: &Places, lang: Lang) -> String {
    match unit.kind() {
        Unit::Country => names
            .get(&p.institute.country_code)
            .map_or_else(|| p.institute.country_code.clone(), |c| c.name(lang).into()),
        Unit::Contact => p.contact.name.clone(),
        Unit::Institute => p.institute.acronym.clone(),
    }
}

async fn page(
    app: &App,
    staff: &Secretariat,
    lang: Lang,
    id: i32,
    typed: Typed<'_>,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let names = campaigns::place_names(&app.db, &form).await?;
    let pending = reminders::pending(&app.db, &c).await?;
    let sent = reminders::sent_so_far(&app.db, c.id).await?;
    let today = chrono::Utc::now().date_naive();
    let (due, done): (Vec<_>, Vec<_>) = pending.iter().partition(|p| {
        sent.get(&p.contact.id)
            .is_none_or(|(_, last)| *last != today)
    });
    let mut units: Vec<UnitChoice<'_>> = Vec::new();
    for p in due {
        let key = &p.invitation.unit_key;
        let written = key.to_string();
        let row = ContactRow {
            email: &p.contact.email,
            name: &p.contact.name,
            language: p.contact.language,
            reminded: sent
                .get(&p.contact.id)
                .map(|(n, last)| (*n, fmt_day(*last))),
        };
        match units.iter_mut().find(|u| u.key == written) {
            Some(u) => u.contacts.push(row),
            None => units.push(UnitChoice {
                key: written,
                label: label(key, p, &names, lang),
                draft: p.standing == Standing::Draft,
                chosen: typed.chosen.as_ref().is_none_or(|c| c.contains(key)),
                contacts: vec![row],
            }),
        }
    }
    let stored = (
        c.reminder_days.spaced(),
        c.reminder_max.to_string(),
        c.reminder_gap_days.to_string(),
    );
    let view = RemindPage {
        plan: typed.plan.unwrap_or(PlanFields {
            days: &stored.0,
            max: &stored.1,
            gap: &stored.2,
        }),
        plan_error: typed.plan_error,
        plan_limits: (ReminderPlan::MAX_COUNT, ReminderPlan::MAX_GAP),
        id: c.id,
        year: c.year,
        title: form.title.get(lang),
        units,
        reminded_today: done.len(),
        note: typed.note,
        note_max: NOTE_MAX,
        error: typed.error,
    };
    render(
        app,
        "admin/remind",
        &Base::new(lang, Some(&staff.0), None),
        &view,
    )
}

#[get("/campaigns/<id>/remind")]
async fn remind_page(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    page(app, &staff, lang, id, Typed::default()).await
}

#[derive(FromForm)]
struct RemindForm<'r> {
    csrf: &'r str,
    /// The units ticked; the page ticks every pending unit to begin with.
    unit: Vec<&'r str>,
    note: Option<&'r str>,
}

#[post("/campaigns/<id>/remind", data = "<form>")]
async fn remind(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    form: Form<RemindForm<'_>>,
) -> Result<Either<Flash<Redirect>, (Status, RawHtml<String>)>> {
    let actor = staff.act(form.csrf)?;
    let units: BTreeSet<UnitKey> = form
        .unit
        .iter()
        .map(|u| u.parse().map_err(|_| Error::NotFound))
        .collect::<Result<_>>()?;
    let what = Reminding {
        units: Some(units.clone()),
        note: form.note.map(str::to_string),
    };
    let today = chrono::Utc::now().date_naive();
    match reminders::remind(app, &actor, id, what, today).await {
        Ok(queued) => {
            app.mail_wake.notify_one();
            let args = [("count", queued.to_string())];
            let text = app.renderer.text(lang, "flash-reminders-queued", &args);
            let back = Redirect::to(format!("/admin/campaigns/{id}"));
            Ok(Either::Left(Flash::success(back, text)))
        }
        Err(e) => {
            let typed = Typed {
                note: form.note.unwrap_or_default(),
                chosen: Some(units),
                error: Some(refusal(app, lang, e, "refused-no-unit")?),
                ..Typed::default()
            };
            let html = page(app, &staff, lang, id, typed).await?;
            Ok(Either::Right((Status::UnprocessableEntity, html)))
        }
    }
}

#[derive(FromForm)]
struct ScheduleForm<'r> {
    csrf: &'r str,
    days: &'r str,
    max: &'r str,
    gap: &'r str,
}

/// Changes the schedule of automatic reminders; a refused one comes back as typed.
#[post("/campaigns/<id>/schedule", data = "<form>")]
async fn schedule(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    form: Form<ScheduleForm<'_>>,
) -> Result<Either<Flash<Redirect>, (Status, RawHtml<String>)>> {
    let actor = staff.act(form.csrf)?;
    let done = match plan(&form) {
        Ok(plan) => campaigns::schedule_reminders(app, &actor, id, &plan)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => {
            let text = app.renderer.text(lang, "flash-schedule-saved", &[]);
            let back = Redirect::to(format!("/admin/campaigns/{id}"));
            Ok(Either::Left(Flash::success(back, text)))
        }
        Err(e) => {
            let typed = Typed {
                plan: Some(PlanFields {
                    days: form.days,
                    max: form.max,
                    gap: form.gap,
                }),
                plan_error: Some(refusal(app, lang, e, "refused-reminder-plan")?),
                ..Typed::default()
            };
            let html = page(app, &staff, lang, id, typed).await?;
            Ok(Either::Right((Status::UnprocessableEntity, html)))
        }
    }
}

fn plan(form: &ScheduleForm<'_>) -> Result<ReminderPlan> {
    let number = |s: &str| {
        s.trim()
            .parse::<i32>()
            .map_err(|_| Error::Refused(crate::Refusal::ReminderPlan))
    };
    Ok(ReminderPlan {
        days: form.days.parse()?,
        max: number(form.max)?,
        gap_days: number(form.gap)?,
    })
}
