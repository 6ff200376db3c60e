//! The digest (Ind-e.2.3) from the browser: first the message as contacts will get it and the
//! list of recipients, then the confirmation that queues it. Each contact gets each edition
//! of the answers once; new answers make a new edition that can be sent again.
use crate::app::App;
use crate::i18n::Lang;
use crate::responses::digest;
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{campaigns, notifications, Error, Result};
use rocket::form::Form;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![preview, send]
}

#[derive(Serialize)]
struct Recipient<'a> {
    name: &'a str,
    email: &'a str,
}

#[derive(Serialize)]
struct DigestPage<'a> {
    campaign_id: i32,
    title: &'a str,
    year: i32,
    refused: Option<String>,
    empty: bool,
    subject: String,
    text: String,
    recipients: Vec<Recipient<'a>>,
    recipient_count: usize,
    /// Recipients who have this edition already (queued or sent).
    already: u64,
}

#[get("/campaigns/<id>/digest")]
async fn preview(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let mut page = DigestPage {
        campaign_id: id,
        title: form.title.get(lang),
        year: c.year,
        refused: None,
        empty: false,
        subject: String::new(),
        text: String::new(),
        recipients: Vec::new(),
        recipient_count: 0,
        already: 0,
    };
    let plan = match digest::plan(app, &c).await {
        Ok(plan) => plan,
        Err(Error::Refused(r)) => {
            let (key, args) = r.text();
            page.refused = Some(app.renderer.text(lang, key, &args));
            None
        }
        Err(e) => return Err(e),
    };
    let Some(plan) = &plan else {
        page.empty = page.refused.is_none();
        return render(
            app,
            "admin/digest",
            &Base::new(lang, Some(&staff.0), None),
            &page,
        );
    };
    if let Some(first) = plan.recipients.first() {
        let survey = c.survey(&form);
        let edition = &plan.edition;
        // The preview shows what every contact gets; the offers that fit an institute's own
        // needs are added to that institute's contacts' mails only.
        let none = notifications::Fits { en: &[], ru: &[] };
        let (en, ru) = (&plan.entries_en, &plan.entries_ru);
        let message = notifications::digest(&survey, first, edition, en, ru, none);
        let (subject, text, _) = crate::mail::render(&app.renderer, &message)?;
        page.subject = subject;
        page.text = text;
    }
    page.already = digest::already(&app.db, id, &plan.edition).await?;
    page.recipient_count = plan.recipients.len();
    page.recipients = plan
        .recipients
        .iter()
        .map(|r| Recipient {
            name: &r.name,
            email: &r.email,
        })
        .collect();
    render(
        app,
        "admin/digest",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

#[post("/campaigns/<id>/digest", data = "<form>")]
async fn send(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    form: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(form.csrf)?;
    let back = Redirect::to(format!("/admin/campaigns/{id}"));
    match digest::send(app, &actor, id).await {
        Ok(Some(n)) => {
            app.mail_wake.notify_one();
            let args = [("count", n.to_string())];
            Ok(Flash::success(
                back,
                app.renderer.text(lang, "flash-digest-queued", &args),
            ))
        }
        Ok(None) => Ok(Flash::error(
            back,
            app.renderer.text(lang, "flash-digest-empty", &[]),
        )),
        Err(e) => Ok(Flash::error(
            back,
            crate::web::view::refusal(app, lang, e, "refused-closed")?,
        )),
    }
}
