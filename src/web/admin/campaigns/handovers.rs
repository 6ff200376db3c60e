//! The colleagues respondents proposed (secretariat only): each waiting proposal with who made
//! it, for which institute and campaign, confirmed (the colleague joins the directory and is
//! invited) or declined.
use crate::app::App;
use crate::campaigns::handover::State as HState;
use crate::campaigns::handovers;
use crate::i18n::{fmt_time, Lang};
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
    routes![list, confirm, decline]
}

#[derive(Serialize)]
struct Row {
    id: i32,
    state: HState,
    pending: bool,
    name: String,
    email: String,
    language: Lang,
    note: Option<String>,
    at: String,
    by_name: String,
    by_email: String,
    institute: String,
    institute_id: i32,
    campaign_id: i32,
    decided: Option<String>,
}

#[derive(Serialize)]
struct HandoversPage {
    rows: Vec<Row>,
    waiting: usize,
}

#[get("/handovers")]
async fn list(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let rows: Vec<Row> = handovers::list(&app.db)
        .await?
        .into_iter()
        .map(|l| {
            let h = l.handover;
            let decided = h.decided_at.as_ref().map(|at| {
                format!(
                    "{} · {}",
                    fmt_time(at),
                    h.decided_by.clone().unwrap_or_default()
                )
            });
            Row {
                id: h.id,
                state: h.state,
                pending: h.state == HState::Pending,
                name: h.name,
                email: h.email,
                language: h.language,
                note: h.note,
                at: fmt_time(&h.created_at),
                by_name: l.by.name,
                by_email: l.by.email,
                institute: l.institute.acronym,
                institute_id: l.institute.id,
                campaign_id: l.invitation.campaign_id,
                decided,
            }
        })
        .collect();
    let page = HandoversPage {
        waiting: rows.iter().filter(|r| r.pending).count(),
        rows,
    };
    render(
        app,
        "admin/handovers",
        &Base::new(lang, Some(&staff.0), flash),
        &page,
    )
}

#[derive(FromForm)]
struct Decision<'r> {
    csrf: &'r str,
    /// The proposer has left: deactivate them.
    #[field(default = false)]
    retire: bool,
}

#[post("/handovers/<id>/confirm", data = "<f>")]
async fn confirm(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<Decision<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let back = Redirect::to("/admin/handovers");
    match handovers::confirm(app, &actor, id, f.retire).await? {
        Some(done) => {
            app.mail_wake.notify_one();
            let args = [("name", done.colleague.name)];
            Ok(Flash::success(
                back,
                app.renderer.text(lang, "flash-handover-confirmed", &args),
            ))
        }
        None => Ok(Flash::error(
            back,
            app.renderer.text(lang, "flash-handover-decided", &[]),
        )),
    }
}

#[post("/handovers/<id>/decline", data = "<f>")]
async fn decline(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<Decision<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let back = Redirect::to("/admin/handovers");
    if handovers::decline(app, &actor, id).await? {
        Ok(Flash::success(
            back,
            app.renderer.text(lang, "flash-handover-declined", &[]),
        ))
    } else {
        Ok(Flash::error(
            back,
            app.renderer.text(lang, "flash-handover-decided", &[]),
        ))
    }
}
