//! The secretariat enters a unit's answers from what the institute sent by letter, e-mail or
//! Word file: the respondent's own form, validation and conflict handling, with the letter it
//! entered from named on every save; and the file it received, kept with the response.
use crate::app::App;
use crate::campaigns::UnitKey;
use crate::forms::{FieldError, RawForm};
use crate::i18n::Lang;
use crate::responses::{self, attachments, Letter};
use crate::web::forms::read_form;
use crate::web::respondent::form::{Form as Page, Place, Reply, LETTER};
use crate::web::respondent::page::{action, handle, Action};
use crate::web::staff::session::Secretariat;
use crate::web::view::{Notice, NoticeKind};
use crate::{Error, Result};
use rocket::data::Data;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::{ContentType, Header, RawStr, Status};
use rocket::response::{Flash, Redirect, Responder};
use rocket::{get, post, routes, Route, State};
use tokio::io::AsyncReadExt;

pub fn routes() -> Vec<Route> {
    routes![show, post, attach, file]
}

fn unit_key(unit: &str) -> Result<UnitKey> {
    unit.parse().map_err(|_| Error::NotFound)
}

/// The form as it stands: the unit's current answers, or empty. Unlike a contact's first
/// visit, last year's answers are not filled in: what is typed here is what the letter says.
#[get("/campaigns/<id>/units/<unit>/enter?<lang>")]
async fn show(
    app: &State<App>,
    staff: Secretariat,
    page_lang: Lang,
    id: i32,
    unit: &str,
    lang: Option<&str>,
) -> Result<Reply> {
    let key = unit_key(unit)?;
    let who = responses::on_behalf(app, id, &key, staff.reader(), None).await?;
    let current = responses::current(&app.db, id, &key).await?;
    let before = responses::previous(&app.db, &who.campaign, &who.form, &key).await?;
    let raw = match &current {
        Some(r) => RawForm::from_answers(&who.form, &r.answers()?),
        None => RawForm::default(),
    };
    let page = Page {
        app,
        who: &who,
        place: Place::Entry(&staff.0),
        lang: lang.map(Lang::from_code).unwrap_or(page_lang),
        current: current.as_ref(),
        version: current.as_ref().map_or(0, |r| r.version),
        conflicts: &[],
        colleague: "",
        before: before.as_ref(),
    };
    page.render(&raw, &[], None, Status::Ok)
}

/// A save, a submission or a change of rows from the entry form. A save without the letter
/// it comes from is given back with everything typed.
#[post("/campaigns/<id>/units/<unit>/enter?<lang>", data = "<data>")]
async fn post(
    app: &State<App>,
    staff: Secretariat,
    page_lang: Lang,
    id: i32,
    unit: &str,
    lang: Option<&str>,
    data: Data<'_>,
) -> Result<Reply> {
    let key = unit_key(unit)?;
    let raw = read_form(data).await?;
    let actor = staff.act(raw.get("csrf"))?;
    let letter = Letter::parse(raw.get(LETTER));
    let who = responses::on_behalf(app, id, &key, actor, letter.clone().ok()).await?;
    let current = responses::current(&app.db, id, &key).await?;
    let before = responses::previous(&app.db, &who.campaign, &who.form, &key).await?;
    let page = Page {
        app,
        who: &who,
        place: Place::Entry(&staff.0),
        lang: lang.map(Lang::from_code).unwrap_or(page_lang),
        current: current.as_ref(),
        version: raw.get("_version").parse().unwrap_or(-1),
        conflicts: &[],
        colleague: "",
        before: before.as_ref(),
    };
    if let (Err(refusal), Ok(Action::Save(_))) = (&letter, action(raw.get("_action"))) {
        let (_, args) = refusal.text();
        let problem = FieldError {
            field: LETTER.to_string(),
            question: LETTER.to_string(),
            rule: "entry_letter",
            args,
        };
        let notice = Notice::new(NoticeKind::Error, page.text("notice-entry-letter"));
        return page.render(&raw, &[problem], Some(notice), Status::UnprocessableEntity);
    }
    handle(&page, raw).await
}

#[derive(FromForm)]
struct Attach<'r> {
    csrf: String,
    file: Option<TempFile<'r>>,
}

/// Keeps the file the institute sent with its response.
#[post("/campaigns/<id>/units/<unit>/files", data = "<f>")]
async fn attach(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    unit: &str,
    f: Form<Attach<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(&f.csrf)?;
    let key = unit_key(unit)?;
    let back = Redirect::to(format!("/admin/campaigns/{id}/units/{key}"));
    let mut bytes = Vec::new();
    let mut name = String::new();
    if let Some(file) = f.file.as_ref().filter(|f| f.len() > 0) {
        // One byte over the bound is enough for the rule to refuse the file.
        let bound = attachments::MAX_BYTES as u64 + 1;
        file.open()
            .await?
            .take(bound)
            .read_to_end(&mut bytes)
            .await?;
        name = file.raw_name().map_or_else(String::new, |n| {
            n.dangerous_unsafe_unsanitized_raw().as_str().to_string()
        });
    }
    match attachments::attach(app, &actor, id, &key, &name, bytes).await {
        Ok(_) => {
            let shown = attachments::safe_name(&name);
            let text = app
                .renderer
                .text(lang, "flash-attached", &[("name", shown)]);
            Ok(Flash::success(back, text))
        }
        Err(Error::Refused(r)) => {
            let (text_key, args) = r.text();
            Ok(Flash::error(back, app.renderer.text(lang, text_key, &args)))
        }
        Err(e) => Err(e),
    }
}

/// A kept file, to save: never shown as a page of this site, whatever it holds.
struct Kept(attachments::file::Model);

impl<'r> Responder<'r, 'static> for Kept {
    fn respond_to(self, req: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        let name = self.0.name;
        // The user's name percent-encoded (RFC 6266), with a plain fallback for old clients.
        let encoded = RawStr::new(&name).percent_encode().to_string();
        let disposition = format!("attachment; filename=\"file\"; filename*=UTF-8''{encoded}");
        rocket::Response::build_from(self.0.content.respond_to(req)?)
            .header(ContentType::Binary)
            .header(Header::new("Content-Disposition", disposition))
            .header(Header::new(
                "Content-Security-Policy",
                "sandbox; default-src 'none'",
            ))
            .ok()
    }
}

#[get("/campaigns/<id>/units/<unit>/files/<file_id>")]
async fn file(
    app: &State<App>,
    _staff: Secretariat,
    id: i32,
    unit: &str,
    file_id: i32,
) -> Result<Kept> {
    let key = unit_key(unit)?;
    attachments::get(&app.db, id, &key, file_id)
        .await?
        .map(Kept)
        .ok_or(Error::NotFound)
}
