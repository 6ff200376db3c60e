//! `/admin/outbox`: every message, filtered by state, kind, campaign and recipient, a page at
//! a time; one message as it was sent; and the button that wakes the delivery worker.
use crate::app::App;
use crate::i18n::Lang;
use crate::mail::{browse, outbox};
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![send_mail, outbox_list, outbox_message, outbox_message_html]
}

/// Wakes the delivery worker; the outbox page shows the messages go.
#[post("/mail/send", data = "<form>")]
async fn send_mail(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(form.csrf)?;
    let waiting = browse::send_now(&app.db, &actor).await?;
    app.mail_wake.notify_one();
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
    /// Keys of the kind's and the state's words in the locale files.
    kind_key: String,
    status_key: String,
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
        created_at: crate::i18n::fmt_time(&m.created_at),
        sent_at: m.sent_at.as_ref().map(crate::i18n::fmt_time),
        kind_key: format!("kind-{}", m.kind.name()),
        status_key: format!("mail-status-{}", m.status.name()),
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
    label_key: String,
    selected: bool,
}

/// The filter's choices, each with the key of its word in the locale files (`prefix` + value).
fn choices(names: Vec<String>, chosen: Option<&str>, prefix: &str) -> Vec<Choice> {
    names
        .into_iter()
        .map(|value| Choice {
            selected: chosen == Some(value.as_str()),
            label_key: format!("{prefix}{value}"),
            value,
        })
        .collect()
}

#[get("/outbox?<f..>")]
async fn outbox_list(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    f: Filter,
) -> Result<RawHtml<String>> {
    let (status, kind) = browse::Filter::parse(f.status.as_deref(), f.kind.as_deref());
    let filter = browse::Filter {
        status,
        kind,
        campaign: f.campaign,
        to: f.to.clone(),
    };
    let listed = browse::list(&app.db, &filter, f.page.unwrap_or(0), PER_PAGE).await?;
    let (statuses, kinds) = browse::names();
    let current = listed.page;
    let page = OutboxPage {
        messages: listed.rows.iter().map(message_row).collect(),
        file_outbox: app.mailer.is_file_outbox(),
        total: listed.total,
        page: current + 1,
        pages: listed.pages.max(1),
        previous: (current > 0).then(|| f.at(current - 1)),
        next: (current + 1 < listed.pages).then(|| f.at(current + 1)),
        statuses: choices(statuses, f.status.as_deref(), "mail-status-"),
        kinds: choices(kinds, f.kind.as_deref(), "kind-"),
        filter: &f,
    };
    render(
        app,
        "admin/outbox",
        &Base::new(lang, Some(&staff.0), flash),
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

/// A stored part with the place of each personal link named in words: the reader's view of
/// a message, without the link itself (which exists only in the delivered copy).
fn readable(app: &App, lang: Lang, m: &outbox::Model, part: &str) -> String {
    match &m.links {
        Some(slots) => slots.readable(part, &app.renderer.text(lang, "outbox-link-marker", &[])),
        None => part.to_string(),
    }
}

/// The HTML part as its reader sees it, for the message page's sandboxed frame, under the
/// mail preview's own policy (inline styles, nothing else).
#[get("/outbox/<id>/html")]
async fn outbox_message_html(
    app: &State<App>,
    _staff: Secretariat,
    lang: Lang,
    id: i32,
) -> Result<crate::web::admin::campaigns::actions::MailHtml> {
    let m = browse::get(&app.db, id).await?;
    let html = readable(app, lang, &m, &m.body_html);
    Ok(crate::web::admin::campaigns::actions::MailHtml::new(html))
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
    staff: Secretariat,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    let m = browse::get(&app.db, id).await?;
    // In the file outbox the delivered message is on disk, with its working link; the row keeps
    // only a marker where the link goes, since links are never stored.
    let transport = &app.mailer.transport;
    let delivered = browse::delivered_copy(&app.db, &staff.reader(), transport, id).await?;
    let links = delivered
        .as_deref()
        .map(|eml| crate::mail::links_in(eml, &app.mailer.public_url))
        .unwrap_or_default();
    let page = MessagePage {
        message: MessageView {
            row: message_row(&m),
            to_name: &m.to_name,
            message_id: &m.message_id,
            body_text: readable(app, lang, &m, &m.body_text),
        },
        delivered,
        links,
    };
    render(
        app,
        "admin/message",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}
