//! The view models of the directory's forms, shared by its pages: what was typed, the problems
//! beside their fields, and the choices (countries, roles) a form offers.
use crate::app::App;
use crate::directory::check::Problem;
use crate::directory::{contacts, institutes};
use crate::i18n::Lang;
use crate::Result;
use rocket::form::FromForm;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Either;
use serde::Serialize;
use std::collections::BTreeMap;

/// A form's answer: back to a page with a notice, or the same page with the problems.
pub type Answer = Either<Flash<Redirect>, RawHtml<String>>;

/// The problems of a form by field name, in the user's words, for the template to put beside
/// each field.
pub fn problems_view(
    app: &App,
    lang: Lang,
    problems: &[Problem],
) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    for p in problems {
        let (key, args) = p.text();
        out.entry(p.field().name())
            .or_insert_with(|| app.renderer.text(lang, key, &args));
    }
    out
}

/// An institute's form: what was typed, the problems by field, the countries to choose from.
#[derive(Serialize)]
pub struct InstituteFormView {
    pub draft: institutes::Draft,
    pub errors: BTreeMap<&'static str, String>,
    pub countries: Vec<CountryOption>,
}

/// A contact's form: what was typed, the problems by field, the role checkboxes.
#[derive(Serialize)]
pub struct ContactFormView {
    draft: contacts::Draft,
    errors: BTreeMap<&'static str, String>,
    role_options: Vec<RoleOption>,
}

impl ContactFormView {
    pub fn new(
        app: &App,
        lang: Lang,
        draft: contacts::Draft,
        errors: BTreeMap<&'static str, String>,
    ) -> Self {
        ContactFormView {
            role_options: role_options(app, lang, &draft.roles),
            draft,
            errors,
        }
    }
}

/// Every country for a select, by name in the page's language.
pub async fn country_options(app: &App, lang: Lang) -> Result<Vec<CountryOption>> {
    let mut countries: Vec<CountryOption> = crate::campaigns::countries(&app.db)
        .await?
        .into_values()
        .map(|c| CountryOption {
            name: c.name(lang).to_string(),
            code: c.code,
        })
        .collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(countries)
}

#[derive(FromForm)]
pub struct InstituteForm<'r> {
    pub csrf: &'r str,
    acronym: String,
    country: String,
    name_en: String,
    name_ru: String,
    kind: String,
}

impl InstituteForm<'_> {
    pub fn draft(&self) -> institutes::Draft {
        institutes::Draft {
            acronym: self.acronym.clone(),
            country: self.country.clone(),
            name_en: self.name_en.clone(),
            name_ru: self.name_ru.clone(),
            kind: self.kind.clone(),
        }
    }
}

/// A role's checkbox on a contact's form.
#[derive(Serialize)]
pub struct RoleOption {
    value: &'static str,
    label: String,
    checked: bool,
}

/// The role checkboxes, ticked as `roles` (comma-separated) says.
pub fn role_options(app: &App, lang: Lang, roles: &str) -> Vec<RoleOption> {
    let ticked: Vec<&str> = roles.split(',').map(str::trim).collect();
    crate::directory::CONTACT_ROLES
        .iter()
        .map(|r| RoleOption {
            value: r,
            label: app.renderer.text(lang, &format!("contact-role-{r}"), &[]),
            checked: ticked.contains(r),
        })
        .collect()
}

/// A contact's roles as a page shows them: their names in the page's language.
pub fn roles_shown(app: &App, lang: Lang, roles: &crate::directory::Roles) -> String {
    roles
        .iter()
        .map(|r| app.renderer.text(lang, &format!("contact-role-{r}"), &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Serialize)]
pub struct CountryOption {
    code: String,
    name: String,
}
