//! Contacts from the browser (secretariat only): the list with filters (a name or address,
//! a country, bounced, deactivated), one contact's form, a new contact on its institute's page,
//! and the whole list as a CSV file that the import reads back.
use crate::app::App;
use crate::directory::contacts::{self, Draft, Filter};
use crate::directory::{contact, edits, institutes};
use crate::i18n::{fmt_time, Lang};
use crate::web::admin::campaigns::export::Download;
use crate::web::admin::directory::forms::{
    country_options, problems_view, Answer, ContactFormView, CountryOption,
};
use crate::web::admin::directory::institute::institute_view;
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::http::ContentType;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Either;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn routes() -> Vec<Route> {
    routes![list, export, edit_page, edit, add]
}

#[derive(FromForm, Default)]
struct ListQuery {
    q: Option<String>,
    country: Option<String>,
    bounced: Option<bool>,
    inactive: Option<bool>,
}

impl ListQuery {
    fn filter(&self) -> Filter {
        Filter {
            institute: None,
            country: self.country.clone().filter(|c| !c.is_empty()),
            bounced: self.bounced.unwrap_or(false),
            inactive: self.inactive.unwrap_or(false),
            text: self.q.clone(),
        }
    }
}

#[derive(Serialize)]
struct Row {
    id: i32,
    name: String,
    email: String,
    language: Lang,
    roles: String,
    active: bool,
    bounced_at: Option<String>,
    bounce: Option<String>,
    institute: String,
    institute_id: i32,
}

#[derive(Serialize)]
struct ListPage {
    rows: Vec<Row>,
    count: usize,
    q: String,
    country: String,
    bounced: bool,
    inactive: bool,
    countries: Vec<CountryOption>,
    /// The query string of the filters, for the export link.
    query: String,
}

#[get("/contacts?<query..>")]
async fn list(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    query: ListQuery,
) -> Result<RawHtml<String>> {
    let rows: Vec<Row> = contacts::list(&app.db, &query.filter())
        .await?
        .into_iter()
        .map(|(c, i)| Row {
            id: c.id,
            name: c.name,
            email: c.email,
            language: c.language,
            roles: super::forms::roles_shown(app, lang, &c.roles),
            active: c.active,
            bounced_at: c.bounced_at.as_ref().map(fmt_time),
            bounce: c.bounce,
            institute: i.acronym,
            institute_id: i.id,
        })
        .collect();
    let countries = country_options(app, lang).await?;
    let q = query.q.clone().unwrap_or_default();
    let country = query.country.clone().unwrap_or_default();
    let query_string = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair("country", &country)
        .append_pair("bounced", &query.bounced.unwrap_or(false).to_string())
        .append_pair("inactive", &query.inactive.unwrap_or(false).to_string())
        .finish();
    let page = ListPage {
        count: rows.len(),
        rows,
        q,
        country,
        bounced: query.bounced.unwrap_or(false),
        inactive: query.inactive.unwrap_or(false),
        countries,
        query: query_string,
    };
    render(
        app,
        "admin/contacts",
        &Base::new(lang, Some(&staff.0), flash),
        &page,
    )
}

#[get("/contacts.csv?<query..>")]
async fn export(app: &State<App>, staff: Secretariat, query: ListQuery) -> Result<Download> {
    let body = edits::export_contacts(&app.db, &staff.reader(), &query.filter()).await?;
    Ok(Download {
        name: "contacts.csv".into(),
        content_type: ContentType::new("text", "csv").with_params(("charset", "utf-8")),
        bytes: body.into_bytes(),
    })
}

#[derive(Serialize)]
struct EditPage {
    id: i32,
    institute: String,
    institute_id: i32,
    form: ContactFormView,
    bounced_at: Option<String>,
    bounce: Option<String>,
    /// Other institutes with a contact of the same address, named.
    also_at: Option<String>,
}

async fn contact(app: &App, id: i32) -> Result<contact::Model> {
    edits::contact(&app.db, id).await
}

async fn edit_view(
    app: &App,
    staff: &Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    c: &contact::Model,
    typed: Option<(Draft, BTreeMap<&'static str, String>)>,
) -> Result<RawHtml<String>> {
    let inst = institutes::get(&app.db, c.institute_id).await?;
    let (draft, errors) = typed.unwrap_or_else(|| (Draft::from(c), BTreeMap::new()));
    let others = edits::also_at(&app.db, &c.email, c.institute_id).await?;
    let also_at = (!others.is_empty()).then(|| {
        let args = [("institutes", others.join(", "))];
        app.renderer.text(lang, "import-elsewhere", &args)
    });
    let page = EditPage {
        also_at,
        id: c.id,
        institute: inst.acronym,
        institute_id: inst.id,
        form: ContactFormView::new(app, lang, draft, errors),
        bounced_at: c.bounced_at.as_ref().map(fmt_time),
        bounce: c.bounce.clone(),
    };
    render(
        app,
        "admin/contact",
        &Base::new(lang, Some(staff), flash),
        &page,
    )
}

#[get("/contacts/<id>")]
async fn edit_page(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    id: i32,
) -> Result<RawHtml<String>> {
    let c = contact(app, id).await?;
    edit_view(app, &staff, lang, flash, &c, None).await
}

#[derive(FromForm)]
struct ContactForm<'r> {
    csrf: &'r str,
    name: String,
    email: String,
    language: String,
    /// One checkbox per role.
    roles: Vec<String>,
    active: bool,
}

impl ContactForm<'_> {
    fn draft(&self) -> Draft {
        Draft {
            name: self.name.clone(),
            email: self.email.clone(),
            language: self.language.clone(),
            roles: self.roles.join(","),
            active: self.active,
        }
    }
}

#[post("/contacts/<id>", data = "<f>")]
async fn edit(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<ContactForm<'_>>,
) -> Result<Answer> {
    let actor = staff.act(f.csrf)?;
    let draft = f.draft();
    match edits::change_contact(&app.db, &actor, id, &draft).await? {
        Ok(_) => {
            let to = Redirect::to(format!("/admin/contacts/{id}"));
            let text = app.renderer.text(lang, "flash-saved", &[]);
            Ok(Either::Left(Flash::success(to, text)))
        }
        Err(problems) => {
            let old = contact(app, id).await?;
            let errors = problems_view(app, lang, &problems);
            let page = edit_view(app, &staff, lang, None, &old, Some((draft, errors)));
            Ok(Either::Right(page.await?))
        }
    }
}

#[post("/directory/institutes/<id>/contacts", data = "<f>")]
async fn add(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<ContactForm<'_>>,
) -> Result<Answer> {
    let actor = staff.act(f.csrf)?;
    let draft = f.draft();
    match edits::add_contact(&app.db, &actor, id, &draft).await? {
        Ok(_) => {
            let to = Redirect::to(format!("/admin/directory/institutes/{id}"));
            let text = app.renderer.text(lang, "flash-saved", &[]);
            Ok(Either::Left(Flash::success(to, text)))
        }
        Err(problems) => {
            let inst = institutes::get(&app.db, id).await?;
            let errors = problems_view(app, lang, &problems);
            let page = institute_view(app, &staff, lang, None, inst, None, Some((draft, errors)));
            Ok(Either::Right(page.await?))
        }
    }
}
