//! `/admin/outbox`: every message, filtered by state, kind, campaign and recipient, a page at
//! a time; one message as it was sent; and the button that wakes the delivery worker.
use super::admin::CsrfForm;
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::i18n::Lang;
use crate::mail::{outbox, Kind};
use crate::{Error, Result};
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![send_mail, outbox_list, outbox_message]
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
    /// Messages that match the filters, on every page.
    total: u64,
    page: u64,
    pages: u64,
    previous: Option<String>,
    next: Option<String>,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    filter: &'a Filter,
}

/// What the outbox page is asked to show: filters, and the page of the list.
#[derive(FromForm, Default, Serialize)]
struct Filter {
    status: Option<String>,
    kind: Option<String>,
    campaign: Option<i32>,
    to: Option<String>,
    page: Option<u64>,
}

impl Filter {
    /// The query string of these filters at another page of the list.
    fn at(&self, page: u64) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("kind", &self.kind),
            ("to", &self.to),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                q.append_pair(k, v);
            }
        }
        if let Some(c) = self.campaign {
            q.append_pair("campaign", &c.to_string());
        }
        q.append_pair("page", &page.to_string());
        format!("/admin/outbox?{}", q.finish())
    }
}

pub const PER_PAGE: u64 = 100;

#[derive(Serialize)]
struct Choice {
    value: String,
    selected: bool,
}

fn choices<E: ActiveEnum<Value = String> + sea_orm::Iterable>(chosen: Option<&str>) -> Vec<Choice> {
    E::iter()
        .map(|e| {
            let value = e.to_value();
            Choice {
                selected: chosen == Some(value.as_str()),
                value,
            }
        })
        .collect()
}

#[get("/outbox?<f..>")]
async fn outbox_list(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    f: Filter,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let mut q = outbox::Entity::find();
    // An unknown status or kind filters nothing rather than failing: the page stays usable.
    if let Some(status) = f
        .status
        .as_ref()
        .and_then(|v| outbox::Status::try_from_value(v).ok())
    {
        q = q.filter(outbox::Column::Status.eq(status));
    }
    if let Some(kind) = f.kind.as_ref().and_then(|v| Kind::try_from_value(v).ok()) {
        q = q.filter(outbox::Column::Kind.eq(kind));
    }
    if let Some(c) = f.campaign {
        q = q.filter(outbox::Column::CampaignId.eq(c));
    }
    let to =
        f.to.as_deref()
            .map(crate::db::search_text)
            .unwrap_or_default();
    if !to.is_empty() {
        q = q.filter(outbox::Column::ToAddr.contains(to.to_lowercase()));
    }
    let pages = q
        .order_by_desc(outbox::Column::Id)
        .paginate(&app.db, PER_PAGE);
    let counts = pages.num_items_and_pages().await?;
    let current = f
        .page
        .unwrap_or(0)
        .min(counts.number_of_pages.saturating_sub(1));
    let rows = pages.fetch_page(current).await?;
    let page = OutboxPage {
        messages: rows.iter().map(message_row).collect(),
        file_outbox: app.mailer.is_file_outbox(),
        total: counts.number_of_items,
        page: current + 1,
        pages: counts.number_of_pages.max(1),
        previous: (current > 0).then(|| f.at(current - 1)),
        next: (current + 1 < counts.number_of_pages).then(|| f.at(current + 1)),
        statuses: choices::<outbox::Status>(f.status.as_deref()),
        kinds: choices::<Kind>(f.kind.as_deref()),
        filter: &f,
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
    body_text: String,
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
    // only a marker where the link goes, since links are never stored.
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
            body_text: match &m.links {
                Some(slots) => slots.readable(
                    &m.body_text,
                    &app.renderer.text(lang, "outbox-link-marker", &[]),
                ),
                None => m.body_text.clone(),
            },
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
