//! The directory from the browser (secretariat only): countries with their CEEMS status by
//! year, and the institutes, with a form to add one (each institute's page is
//! `institute_page`). A form with a mistake comes back with what was typed and the problem beside
//! its field.
use crate::app::App;
use crate::directory::{countries, edits, institute, institutes};
use crate::i18n::Lang;
use crate::web::admin::directory::forms::{
    country_options, problems_view, Answer, InstituteForm, InstituteFormView,
};
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::{render, Base};
use crate::{Error, Result};
use chrono::Datelike;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::Either;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub fn routes() -> Vec<Route> {
    routes![overview, set_status, add_institute]
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
    kind: institute::Kind,
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

/// Each country with its CEEMS status in each of `years`, by name in `lang`.
async fn country_rows(
    app: &App,
    all: &HashMap<String, crate::directory::country::Model>,
    years: &[i32],
    lang: Lang,
) -> Result<Vec<CountryRow>> {
    let set = countries::by_year(&app.db).await?;
    let mut sorted: Vec<_> = all.values().collect();
    sorted.sort_by(|a, b| a.name(lang).cmp(b.name(lang)));
    Ok(sorted
        .into_iter()
        .map(|c| {
            let own = set.get(&c.code);
            CountryRow {
                code: c.code.clone(),
                name: c.name(lang).to_string(),
                membership: c.membership.clone(),
                years: years
                    .iter()
                    .map(|y| {
                        let set_here = own.is_some_and(|o| o.contains_key(y));
                        (countries::status_in(own, c.ceems, *y), set_here)
                    })
                    .collect(),
            }
        })
        .collect())
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
    let all_countries = crate::campaigns::countries(&app.db).await?;
    let country_rows = country_rows(app, &all_countries, &years, lang).await?;
    let counts = edits::contact_counts(&app.db).await?;
    let mut institutes: Vec<InstituteRow> = institutes::all(&app.db)
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
    // By country name in the page's language, then acronym; not by country code.
    institutes.sort_by(|a, b| (&a.country, &a.acronym).cmp(&(&b.country, &b.acronym)));
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
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
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
    staff: Secretariat,
    lang: Lang,
    f: Form<StatusForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let back = Redirect::to("/admin/directory");
    match edits::set_country_status(&app.db, &actor, f.country, f.year, f.ceems).await {
        Ok(()) => Ok(Flash::success(
            back,
            app.renderer.text(lang, "flash-saved", &[]),
        )),
        Err(Error::Refused(r)) => {
            let (key, args) = r.text();
            Ok(Flash::error(back, app.renderer.text(lang, key, &args)))
        }
        Err(e) => Err(e),
    }
}

#[post("/directory/institutes", data = "<f>")]
async fn add_institute(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<InstituteForm<'_>>,
) -> Result<Answer> {
    let actor = staff.act(f.csrf)?;
    let draft = f.draft();
    match edits::save_institute(&app.db, &actor, None, &draft).await? {
        Ok(i) => {
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
