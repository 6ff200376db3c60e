//! One institute from the browser (secretariat only): its contacts, a form to add one, and a
//! form to correct the institute; a mistake comes back with what was typed.
use crate::app::App;
use crate::directory::{edits, institute, institutes};
use crate::i18n::Lang;
use crate::web::admin::directory::forms::{
    country_options, problems_view, Answer, ContactFormView, InstituteForm, InstituteFormView,
};
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Either;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn routes() -> Vec<Route> {
    routes![institute_page, edit_institute]
}

#[derive(Serialize)]
struct ContactRow {
    id: i32,
    name: String,
    email: String,
    language: Lang,
    roles: String,
    active: bool,
    bounced: bool,
}

#[derive(Serialize)]
struct InstitutePage {
    id: i32,
    acronym: String,
    name: String,
    edit: InstituteFormView,
    contacts: Vec<ContactRow>,
    /// The add-a-contact form as typed, with its problems.
    add: ContactFormView,
}

/// The institute's page; `draft` and `contact` keep what was typed into its two forms.
pub async fn institute_view(
    app: &App,
    staff: &Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    inst: institute::Model,
    edit: Option<(institutes::Draft, BTreeMap<&'static str, String>)>,
    add: Option<(
        crate::directory::contacts::Draft,
        BTreeMap<&'static str, String>,
    )>,
) -> Result<RawHtml<String>> {
    let filter = crate::directory::contacts::Filter {
        institute: Some(inst.id),
        ..Default::default()
    };
    let contacts = crate::directory::contacts::list(&app.db, &filter)
        .await?
        .into_iter()
        .map(|(c, _)| ContactRow {
            id: c.id,
            bounced: c.bounced_at.is_some(),
            name: c.name,
            email: c.email,
            language: c.language,
            roles: super::forms::roles_shown(app, lang, &c.roles),
            active: c.active,
        })
        .collect();
    let (draft, errors) = edit.unwrap_or_else(|| (institutes::Draft::from(&inst), BTreeMap::new()));
    let (contact, contact_errors) = add.unwrap_or_else(|| {
        let fresh = crate::directory::contacts::Draft {
            language: "ru".into(),
            active: true,
            ..Default::default()
        };
        (fresh, BTreeMap::new())
    });
    let page = InstitutePage {
        id: inst.id,
        name: inst.name(lang).to_string(),
        acronym: inst.acronym,
        edit: InstituteFormView {
            draft,
            errors,
            countries: country_options(app, lang).await?,
        },
        contacts,
        add: ContactFormView::new(app, lang, contact, contact_errors),
    };
    render(
        app,
        "admin/institute",
        &Base::new(lang, Some(staff), flash),
        &page,
    )
}

#[get("/directory/institutes/<id>")]
async fn institute_page(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    id: i32,
) -> Result<RawHtml<String>> {
    let inst = institutes::get(&app.db, id).await?;
    institute_view(app, &staff, lang, flash, inst, None, None).await
}

#[post("/directory/institutes/<id>", data = "<f>")]
async fn edit_institute(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<InstituteForm<'_>>,
) -> Result<Answer> {
    let actor = staff.act(f.csrf)?;
    let draft = f.draft();
    match edits::save_institute(&app.db, &actor, Some(id), &draft).await? {
        Ok(_) => {
            let to = Redirect::to(format!("/admin/directory/institutes/{id}"));
            Ok(Either::Left(Flash::success(
                to,
                app.renderer.text(lang, "flash-saved", &[]),
            )))
        }
        Err(problems) => {
            let old = institutes::get(&app.db, id).await?;
            let errors = problems_view(app, lang, &problems);
            let page = institute_view(app, &staff, lang, None, old, Some((draft, errors)), None);
            Ok(Either::Right(page.await?))
        }
    }
}
