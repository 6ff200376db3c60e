//! The directory from the browser (secretariat only): countries with their CEEMS status by
//! year, institutes added and corrected, each institute's contacts. A form with a mistake comes
//! back with what was typed and the problem beside its field.
use super::session::Staff;
use super::view::{render, Base};
use crate::app::App;
use crate::audit::{Action, Target};
use crate::directory::check::Problem;
use crate::directory::{contact, countries, institute, institutes};
use crate::i18n::Lang;
use crate::Result;
use chrono::Datelike;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Either;
use rocket::{get, post, routes, Route, State};
use sea_orm::EntityTrait;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub fn routes() -> Vec<Route> {
    routes![
        overview,
        set_status,
        add_institute,
        institute_page,
        edit_institute
    ]
}

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

#[derive(Serialize)]
struct CountryRow {
    code: String,
    name: String,
    membership: String,
    /// The status in each year shown, `true` for CEEMS; `set` when the year has its own row.
    years: Vec<(bool, bool)>,
}

#[derive(Serialize)]
struct InstituteRow {
    id: i32,
    acronym: String,
    name: String,
    country: String,
    kind: String,
    contacts: usize,
    bounced: usize,
}

#[derive(Serialize)]
struct Overview {
    years: Vec<i32>,
    this_year: i32,
    countries: Vec<CountryRow>,
    institutes: Vec<InstituteRow>,
    /// The add-an-institute form as typed, with its problems.
    add: InstituteFormView,
}

/// An institute's form: what was typed, the problems by field, the countries to choose from.
#[derive(Serialize)]
struct InstituteFormView {
    draft: institutes::Draft,
    errors: BTreeMap<&'static str, String>,
    countries: Vec<CountryOption>,
}

/// A contact's form: what was typed, the problems by field, the role checkboxes.
#[derive(Serialize)]
pub struct ContactFormView {
    draft: crate::directory::contacts::Draft,
    errors: BTreeMap<&'static str, String>,
    role_options: Vec<RoleOption>,
}

impl ContactFormView {
    pub fn new(
        app: &App,
        lang: Lang,
        draft: crate::directory::contacts::Draft,
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

async fn overview_page(
    app: &App,
    staff: &Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    draft: institutes::Draft,
    errors: BTreeMap<&'static str, String>,
) -> Result<RawHtml<String>> {
    let this_year = chrono::Utc::now().year();
    let years: Vec<i32> = (this_year - 2..=this_year + 1).collect();
    let set = countries::by_year(&app.db).await?;
    let mut country_rows = Vec::new();
    let all_countries = crate::campaigns::countries(&app.db).await?;
    let mut sorted: Vec<_> = all_countries.values().collect();
    sorted.sort_by(|a, b| a.name(lang).cmp(b.name(lang)));
    for c in sorted {
        let own = set.get(&c.code);
        country_rows.push(CountryRow {
            code: c.code.clone(),
            name: c.name(lang).to_string(),
            membership: c.membership.clone(),
            years: years
                .iter()
                .map(|y| match own.and_then(|o| o.get(y)) {
                    Some(v) => (*v, true),
                    None => (c.ceems, false),
                })
                .collect(),
        });
    }
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for c in contact::Entity::find().all(&app.db).await? {
        let e = counts.entry(c.institute_id).or_default();
        e.0 += usize::from(c.active);
        e.1 += usize::from(c.bounced_at.is_some());
    }
    let institutes = institutes::all(&app.db)
        .await?
        .into_iter()
        .map(|i| {
            let (contacts, bounced) = counts.get(&i.id).copied().unwrap_or_default();
            InstituteRow {
                id: i.id,
                name: i.name(lang).to_string(),
                country: all_countries
                    .get(&i.country_code)
                    .map_or(i.country_code.clone(), |c| c.name(lang).to_string()),
                acronym: i.acronym,
                kind: i.kind,
                contacts,
                bounced,
            }
        })
        .collect();
    let add = InstituteFormView {
        draft,
        errors,
        countries: country_options(app, lang).await?,
    };
    let page = Overview {
        years,
        this_year,
        countries: country_rows,
        institutes,
        add,
    };
    render(
        app,
        "admin/directory",
        &Base::new(lang, Some(staff), flash),
        &page,
    )
}

#[get("/directory")]
async fn overview(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let draft = institutes::Draft {
        kind: "NMI".into(),
        ..Default::default()
    };
    overview_page(app, &staff, lang, flash, draft, BTreeMap::new()).await
}

#[derive(FromForm)]
struct StatusForm<'r> {
    csrf: &'r str,
    country: &'r str,
    year: i32,
    ceems: bool,
}

#[post("/directory/status", data = "<f>")]
async fn set_status(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    f: Form<StatusForm<'_>>,
) -> Result<Flash<Redirect>> {
    staff.may_act(f.csrf)?;
    let back = Redirect::to("/admin/directory");
    if !(2000..=2100).contains(&f.year) {
        let text = app
            .renderer
            .text(lang, "refused-year", &[("year", f.year.to_string())]);
        return Ok(Flash::error(back, text));
    }
    countries::set_ceems(&app.db, f.country, f.year, f.ceems).await?;
    let detail = format!("{} {}", f.year, if f.ceems { "ceems" } else { "not ceems" });
    staff
        .audit(
            app,
            Action::CountryStatus,
            Target::Country(f.country.into()),
            Some(detail),
        )
        .await?;
    Ok(Flash::success(
        back,
        app.renderer.text(lang, "flash-saved", &[]),
    ))
}

#[derive(FromForm)]
struct InstituteForm<'r> {
    csrf: &'r str,
    acronym: String,
    country: String,
    name_en: String,
    name_ru: String,
    kind: String,
}

impl InstituteForm<'_> {
    fn draft(&self) -> institutes::Draft {
        institutes::Draft {
            acronym: self.acronym.clone(),
            country: self.country.clone(),
            name_en: self.name_en.clone(),
            name_ru: self.name_ru.clone(),
            kind: self.kind.clone(),
        }
    }
}

type Answer = Either<Flash<Redirect>, RawHtml<String>>;

#[post("/directory/institutes", data = "<f>")]
async fn add_institute(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    f: Form<InstituteForm<'_>>,
) -> Result<Answer> {
    staff.may_act(f.csrf)?;
    let draft = f.draft();
    match institutes::save(&app.db, None, &draft).await? {
        Ok(i) => {
            let target = Target::Institute(i.acronym.clone());
            staff.audit(app, Action::InstituteAdd, target, None).await?;
            let to = Redirect::to(format!("/admin/directory/institutes/{}", i.id));
            Ok(Either::Left(Flash::success(
                to,
                app.renderer.text(lang, "flash-saved", &[]),
            )))
        }
        Err(problems) => {
            let errors = problems_view(app, lang, &problems);
            let page = overview_page(app, &staff, lang, None, draft, errors).await?;
            Ok(Either::Right(page))
        }
    }
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

#[derive(Serialize)]
pub struct CountryOption {
    code: String,
    name: String,
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
            roles: c.roles,
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
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
    id: i32,
) -> Result<RawHtml<String>> {
    staff.require_secretariat()?;
    let inst = institutes::get(&app.db, id).await?;
    institute_view(app, &staff, lang, flash, inst, None, None).await
}

#[post("/directory/institutes/<id>", data = "<f>")]
async fn edit_institute(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: i32,
    f: Form<InstituteForm<'_>>,
) -> Result<Answer> {
    staff.may_act(f.csrf)?;
    let old = institutes::get(&app.db, id).await?;
    let draft = f.draft();
    match institutes::save(&app.db, Some(old.clone()), &draft).await? {
        Ok(i) => {
            let target = Target::Institute(i.acronym.clone());
            staff
                .audit(app, Action::InstituteChange, target, None)
                .await?;
            let to = Redirect::to(format!("/admin/directory/institutes/{id}"));
            Ok(Either::Left(Flash::success(
                to,
                app.renderer.text(lang, "flash-saved", &[]),
            )))
        }
        Err(problems) => {
            let errors = problems_view(app, lang, &problems);
            let page = institute_view(app, &staff, lang, None, old, Some((draft, errors)), None);
            Ok(Either::Right(page.await?))
        }
    }
}
