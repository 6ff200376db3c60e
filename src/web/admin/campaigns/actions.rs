//! The secretariat's actions on a campaign beyond inviting and reminding: returning a response
//! for correction, and a preview of each e-mail before it is sent.
use crate::app::App;
use crate::campaigns::{self, UnitKey};
use crate::i18n::Lang;
use crate::mail::Kind;
use crate::responses;
use crate::responses::returning::NotReturned;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{notifications, Error, Result};
use rocket::form::{Form, FromForm};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![return_response, preview, preview_html]
}

#[derive(Serialize)]
struct CampaignRef<'a> {
    id: i32,
    year: i32,
    title: &'a str,
}

#[derive(FromForm)]
struct ReturnForm<'r> {
    csrf: &'r str,
    unit: &'r str,
    note: &'r str,
}

/// Sends a submitted response back with a note; its contacts are told by e-mail.
#[post("/campaigns/<id>/return", data = "<form>")]
async fn return_response(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    form: Form<ReturnForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(form.csrf)?;
    let unit: UnitKey = form.unit.parse().map_err(|_| Error::NotFound)?;
    let back = Redirect::to(format!("/admin/campaigns/{id}"));
    let text = |key: &str, args: &[(&str, String)]| app.renderer.text(lang, key, args);
    match responses::return_for_correction(app, id, &unit, form.note, &actor).await? {
        Ok(_) => {
            app.mail_wake.notify_one();
            let args = [("unit", unit_label(app, id, &unit, lang).await?)];
            Ok(Flash::success(back, text("flash-returned", &args)))
        }
        Err(NotReturned::BadNote) => Ok(Flash::error(back, text("flash-return-needs-note", &[]))),
        Err(NotReturned::NotSubmitted) => {
            Ok(Flash::error(back, text("flash-return-not-submitted", &[])))
        }
    }
}

#[derive(Serialize)]
struct PreviewPage<'a> {
    campaign: CampaignRef<'a>,
    kind: Kind,
    /// The kind's words in the page's language.
    kind_key: String,
    mail_lang: Lang,
    subject: String,
    text: String,
    html_url: String,
}

/// An e-mail of the campaign as a contact would get it, with a placeholder for the link:
/// its campaign, subject, text and HTML.
async fn sample_mail(
    app: &App,
    id: i32,
    kind: &str,
    mail_lang: Lang,
) -> Result<(campaigns::campaign::Model, Kind, (String, String, String))> {
    let kind = match kind {
        "invitation" => Kind::Invitation,
        "reminder" => Kind::Reminder,
        _ => return Err(Error::NotFound),
    };
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let sample = crate::directory::institutes::any(&app.db).await?;
    let name = app.renderer.text(mail_lang, "preview-name", &[]);
    let names = campaigns::place_names(&app.db, &form).await?;
    let survey = c.survey(&form).naming(&names);
    let link = format!("{}/r/…", app.mailer.public_url);
    let message = notifications::preview(kind, &survey, mail_lang, name, &sample, link);
    Ok((c, kind, crate::mail::render(&app.renderer, &message)?))
}

#[get("/campaigns/<id>/preview/<kind>?<to>")]
async fn preview(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    kind: &str,
    to: Option<&str>,
) -> Result<RawHtml<String>> {
    let mail_lang = to.map(Lang::from_code).unwrap_or(lang);
    let (c, kind, (subject, text, _)) = sample_mail(app, id, kind, mail_lang).await?;
    let form = c.form()?;
    let page = PreviewPage {
        campaign: CampaignRef {
            id: c.id,
            year: c.year,
            title: form.title.get(lang),
        },
        kind,
        kind_key: format!("kind-{}", kind.name()),
        mail_lang,
        subject,
        text,
        html_url: format!(
            "/admin/campaigns/{id}/preview/{}/html?to={mail_lang}",
            kind.name()
        ),
    };
    render(
        app,
        "admin/preview",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

/// The HTML part alone, for the preview's frame. Mail clients need inline styles, which the
/// service's policy forbids, so this one answer gets its own: styles inline, nothing else, a
/// sandbox, and framing by our own pages only.
#[get("/campaigns/<id>/preview/<kind>/html?<to>")]
async fn preview_html(
    app: &State<App>,
    _staff: Secretariat,
    lang: Lang,
    id: i32,
    kind: &str,
    to: Option<&str>,
) -> Result<MailHtml> {
    let mail_lang = to.map(Lang::from_code).unwrap_or(lang);
    let (_, _, (_, _, html)) = sample_mail(app, id, kind, mail_lang).await?;
    Ok(MailHtml(html))
}

pub struct MailHtml(String);

impl MailHtml {
    pub fn new(html: String) -> Self {
        MailHtml(html)
    }
}

impl<'r> rocket::response::Responder<'r, 'static> for MailHtml {
    fn respond_to(self, req: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        rocket::Response::build_from(RawHtml(self.0).respond_to(req)?)
            .raw_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
frame-ancestors 'self'; sandbox",
            )
            .raw_header("X-Frame-Options", "SAMEORIGIN")
            .ok()
    }
}

/// The unit as the campaign page names it ("BelGIM (Белорусский государственный институт
/// метрологии)", "Армения (AM)"), for a message about it.
pub(super) async fn unit_label(app: &App, id: i32, unit: &UnitKey, lang: Lang) -> Result<String> {
    let c = campaigns::get(&app.db, id).await?;
    let units = responses::progress::unit_statuses(&app.db, &c, lang).await?;
    Ok(units
        .into_iter()
        .find(|u| &u.unit_key == unit)
        .map_or_else(|| unit.to_string(), |u| u.label))
}
