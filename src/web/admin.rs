//! `/admin`: the secretariat's pages. Reading needs a staff session; changing anything needs the
//! secretariat role and the session's CSRF token.
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::campaigns;
use crate::i18n::{fmt_day, Lang};
use crate::indicators::IndicatorValue;
use crate::mail::outbox;
use crate::responses::progress::{self, UnitState, UnitStatus};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![
        dashboard,
        campaign,
        invite,
        send_mail,
        outbox_list,
        outbox_message
    ]
}

#[derive(FromForm)]
pub(super) struct CsrfForm<'r> {
    pub csrf: &'r str,
}

#[derive(Serialize)]
struct CampaignRow<'a> {
    id: i32,
    form_id: &'a str,
    title: &'a str,
    year: i32,
    status: campaigns::campaign::Status,
    closes_on: Option<String>,
    invited: usize,
    drafts: usize,
    submitted: usize,
}

#[derive(Serialize)]
struct FormChoice<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Dashboard<'a> {
    campaigns: Vec<CampaignRow<'a>>,
    forms: Vec<FormChoice<'a>>,
}

#[get("/")]
async fn dashboard(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let summaries = progress::list(&app.db).await?;
    let page = Dashboard {
        campaigns: summaries
            .iter()
            .map(|s| CampaignRow {
                id: s.campaign.id,
                form_id: &s.campaign.form_id,
                title: s.title(lang),
                year: s.campaign.year,
                status: s.campaign.status,
                closes_on: s.campaign.closes_on.map(fmt_day),
                invited: s.invited_units,
                drafts: s.drafts,
                submitted: s.submitted,
            })
            .collect(),
        forms: app
            .forms
            .forms
            .values()
            .map(|f| FormChoice {
                id: &f.id,
                title: f.title.get(lang),
            })
            .collect(),
    };
    render(
        app,
        "admin/dashboard",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(Serialize)]
struct CampaignHead<'a> {
    id: i32,
    form_id: &'a str,
    year: i32,
    status: campaigns::campaign::Status,
    closes_on: Option<String>,
    title: &'a str,
}

#[derive(Serialize)]
struct UnitRow<'a> {
    #[serde(flatten)]
    unit: &'a UnitStatus,
    updated_at: Option<String>,
}

#[derive(Serialize)]
struct Counts {
    invited: usize,
    draft: usize,
    submitted: usize,
}

#[derive(Serialize)]
struct IndicatorRowView<'a> {
    label: &'a str,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct IndicatorView<'a> {
    id: &'a str,
    codes: String,
    label: &'a str,
    value: Option<String>,
    target: Option<String>,
    met: Option<bool>,
    columns: Vec<String>,
    rows: Vec<IndicatorRowView<'a>>,
}

#[derive(Serialize)]
struct CampaignPage<'a> {
    campaign: CampaignHead<'a>,
    units: Vec<UnitRow<'a>>,
    counts: Counts,
    indicators: Vec<IndicatorView<'a>>,
}

fn indicator_view<'a>(app: &App, lang: Lang, ind: &'a IndicatorValue) -> IndicatorView<'a> {
    let fmt = crate::forms::validate::fmt_num;
    IndicatorView {
        id: &ind.id,
        codes: ind.codes.join(", "),
        label: &ind.label,
        value: ind.value.map(fmt),
        target: ind.target.map(fmt),
        met: ind.met,
        columns: ind
            .columns
            .iter()
            .map(|c| c.title(&app.renderer.i18n, lang))
            .collect(),
        rows: ind
            .rows
            .iter()
            .map(|r| IndicatorRowView {
                label: &r.label,
                cells: r.cells.iter().map(|v| fmt(*v)).collect(),
            })
            .collect(),
    }
}

#[get("/campaigns/<id>")]
async fn campaign(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let units = progress::unit_statuses(&app.db, &c).await?;
    let indicators = crate::indicators::compute(&app.db, &c, lang, &app.renderer.i18n).await?;
    let count = |s: UnitState| units.iter().filter(|u| u.status == s).count();
    let page = CampaignPage {
        campaign: CampaignHead {
            id: c.id,
            form_id: &c.form_id,
            year: c.year,
            status: c.status,
            closes_on: c.closes_on.map(fmt_day),
            title: form.title.get(lang),
        },
        counts: Counts {
            invited: units.len(),
            draft: count(UnitState::Draft),
            submitted: count(UnitState::Submitted),
        },
        units: units
            .iter()
            .map(|u| UnitRow {
                unit: u,
                updated_at: u.updated_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
            })
            .collect(),
        indicators: indicators
            .iter()
            .map(|i| indicator_view(app, lang, i))
            .collect(),
    };
    render(
        app,
        "admin/campaign",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[post("/campaigns/<id>/invite", data = "<form>")]
async fn invite(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let queued = campaigns::invite(app, id).await?;
    let detail = Some(format!("{queued} queued"));
    staff
        .audit(app, Action::Invite, Target::Campaign(id), detail)
        .await?;
    app.mail_wake.notify_one();
    let args = [("count", queued.to_string())];
    let text = app.renderer.text(lang, "flash-invitations-queued", &args);
    Ok(Flash::success(
        Redirect::to(format!("/admin/campaigns/{id}")),
        text,
    ))
}

/// Wakes the delivery worker; the outbox page shows the messages go.
#[post("/mail/send", data = "<form>")]
async fn send_mail(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(form.csrf)?;
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .count(&app.db)
        .await?;
    app.mail_wake.notify_one();
    staff.audit(app, Action::MailSend, "outbox", None).await?;
    let args = [("count", waiting.to_string())];
    let text = app.renderer.text(lang, "flash-mail-woken", &args);
    Ok(Flash::success(Redirect::to("/admin/outbox"), text))
}

#[derive(Serialize)]
struct MessageRow<'a> {
    id: i32,
    kind: outbox::Kind,
    to: &'a str,
    language: Lang,
    subject: &'a str,
    status: outbox::Status,
    attempts: i32,
    last_error: Option<&'a str>,
    created_at: String,
    sent_at: Option<String>,
}

fn message_row(m: &outbox::Model) -> MessageRow<'_> {
    MessageRow {
        id: m.id,
        kind: m.kind,
        to: &m.to_addr,
        language: m.language,
        subject: &m.subject,
        status: m.status,
        attempts: m.attempts,
        last_error: m.last_error.as_deref(),
        created_at: m.created_at.format("%Y-%m-%d %H:%M").to_string(),
        sent_at: m.sent_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
    }
}

#[derive(Serialize)]
struct OutboxPage<'a> {
    messages: Vec<MessageRow<'a>>,
    file_outbox: bool,
}

#[get("/outbox")]
async fn outbox_list(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let rows = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(500)
        .all(&app.db)
        .await?;
    let page = OutboxPage {
        messages: rows.iter().map(message_row).collect(),
        file_outbox: app.mailer.is_file_outbox(),
    };
    render(
        app,
        "admin/outbox",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(Serialize)]
struct MessageView<'a> {
    #[serde(flatten)]
    row: MessageRow<'a>,
    to_name: &'a str,
    message_id: &'a str,
    body_text: &'a str,
}

#[derive(Serialize)]
struct MessagePage<'a> {
    message: MessageView<'a>,
    delivered: Option<String>,
    links: Vec<String>,
}

#[get("/outbox/<id>")]
async fn outbox_message(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let m = outbox::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .ok_or(Error::NotFound)?;
    // In the file outbox the delivered message is on disk, with its working link; the row keeps
    // only the placeholder, since links are never stored.
    let delivered = app.mailer.transport.delivered_copy(id);
    // The delivered copy holds a working personal link: reading it is on the record.
    if delivered.is_some() {
        staff
            .audit(app, Action::MailRead, Target::Message(id), None)
            .await?;
    }
    let links = delivered
        .as_deref()
        .map(|eml| crate::mail::links_in(eml, &app.mailer.public_url))
        .unwrap_or_default();
    let page = MessagePage {
        message: MessageView {
            row: message_row(&m),
            to_name: &m.to_name,
            message_id: &m.message_id,
            body_text: &m.body_text,
        },
        delivered,
        links,
    };
    render(
        app,
        "admin/message",
        &Base::new(lang, Some(&staff), None),
        &page,
    )
}
