//! A typo in an open campaign, from the browser: the texts a later version would change,
//! old and new in both languages, shown before they are applied (`campaigns::corrections`).
use crate::app::App;
use crate::campaigns::{self, corrections};
use crate::forms::diff::{self, Described, Reworded};
use crate::i18n::Lang;
use crate::web::staff::session::Secretariat;
use crate::web::view::{refusal, render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![confirm, apply]
}

#[derive(Serialize)]
struct CorrectPage<'a> {
    id: i32,
    year: i32,
    title: &'a str,
    form: &'a str,
    /// The version the campaign has, and the one whose texts it would take.
    from: Option<i32>,
    version: i32,
    changes: Vec<Described>,
    texts: Vec<Reworded>,
    error: Option<String>,
}

#[get("/campaigns/<id>/correct?<version>")]
async fn confirm(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    version: i32,
) -> Result<RawHtml<String>> {
    let c = campaigns::get(&app.db, id).await?;
    let form = c.form()?;
    let mut page = CorrectPage {
        id,
        year: c.year,
        title: form.title.get(lang),
        form: &c.form_id,
        from: c.form_version,
        version,
        changes: Vec::new(),
        texts: Vec::new(),
        error: None,
    };
    match corrections::proposed(app, &app.db, &c, version).await {
        Ok(p) => {
            let i18n = &app.renderer.i18n;
            page.changes = diff::describe_all(&p.changes, &p.old, &p.new, i18n, lang);
            page.texts = diff::reworded(&p.changes, &p.old, &p.new);
        }
        Err(e) => page.error = Some(refusal(app, lang, e, "refused-not-text-only")?),
    }
    render(
        app,
        "admin/campaign-correct",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

#[derive(FromForm)]
struct Apply<'r> {
    csrf: &'r str,
    version: i32,
}

#[post("/campaigns/<id>/correct", data = "<f>")]
async fn apply(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<Apply<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    let to = Redirect::to(format!("/admin/campaigns/{id}"));
    match corrections::apply(app, &actor, id, f.version).await {
        Ok(_) => {
            let args = [("version", f.version.to_string())];
            let text = app.renderer.text(lang, "flash-corrected", &args);
            Ok(Flash::success(to, text))
        }
        Err(e) => Ok(Flash::error(
            to,
            refusal(app, lang, e, "refused-not-text-only")?,
        )),
    }
}
