//! `/admin/audit`: the trail of staff actions, newest first, filtered by who, what and on what.
use crate::app::App;
use crate::audit::{self, Action};
use crate::i18n::{fmt_time, Lang};
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::FromForm;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![trail]
}

pub const PER_PAGE: u64 = 100;

#[derive(FromForm, Default, Serialize)]
struct Query {
    actor: Option<String>,
    action: Option<String>,
    target: Option<String>,
    page: Option<u64>,
}

impl Query {
    fn at(&self, page: u64) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("target", &self.target),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                q.append_pair(k, v);
            }
        }
        q.append_pair("page", &page.to_string());
        format!("/admin/audit?{}", q.finish())
    }
}

#[derive(Serialize)]
struct Row<'a> {
    at: String,
    actor: &'a str,
    action: String,
    target: &'a str,
    detail: Option<&'a str>,
    ip: Option<&'a str>,
}

#[derive(Serialize)]
struct ActionChoice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct AuditPage<'a> {
    rows: Vec<Row<'a>>,
    actions: Vec<ActionChoice>,
    query: &'a Query,
    page: u64,
    pages: u64,
    previous: Option<String>,
    next: Option<String>,
}

#[get("/audit?<q..>")]
async fn trail(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    q: Query,
) -> Result<RawHtml<String>> {
    let label = |a: Action| app.renderer.text(lang, &a.key(), &[]);
    let chosen = q.action.as_ref().and_then(|v| Action::parse(v));
    let filter = audit::Filter {
        actor: q.actor.clone().filter(|a| !a.trim().is_empty()),
        action: chosen,
        target: q.target.clone().filter(|t| !t.trim().is_empty()),
    };
    let (entries, current, pages) =
        audit::page(&app.db, &filter, q.page.unwrap_or(0), PER_PAGE).await?;
    let page = AuditPage {
        rows: entries
            .iter()
            .map(|e| Row {
                at: fmt_time(&e.at),
                actor: &e.actor,
                action: label(e.action),
                target: &e.target,
                detail: e.detail.as_deref(),
                ip: e.ip.as_deref(),
            })
            .collect(),
        actions: Action::all()
            .map(|a| ActionChoice {
                value: a.name(),
                label: label(a),
                selected: chosen == Some(a),
            })
            .collect(),
        query: &q,
        page: current + 1,
        pages: pages.max(1),
        previous: (current > 0).then(|| q.at(current - 1)),
        next: (current + 1 < pages).then(|| q.at(current + 1)),
    };
    render(
        app,
        "admin/audit",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}
