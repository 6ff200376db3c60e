//! `/admin/lists/<id>`: a reference list as a table, its versions and the surveys that
//! use it. Reviewers read; the secretariat rewords, retires and adds entries (a new version of
//! the list), and checks the next version of a survey with the list's latest version, which goes
//! through the same difference and publishing as an upload.
use super::upload::checked;
use crate::app::App;
use crate::forms::lists;
use crate::forms::lists::edit::{self, Row};
use crate::forms::lists::store::{self, Version};
use crate::i18n::{fmt_time, Lang};
use crate::web::forms::{read_form, CsrfForm};
use crate::web::staff::session::{Secretariat, Staff};
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::data::Data;
use rocket::form::Form;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Either, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![show, save, refresh]
}

/// A list as the surveys' page shows it.
#[derive(Serialize)]
pub(super) struct ListRow {
    id: String,
    title: String,
    version: i32,
    entries: usize,
    retired: usize,
}

/// Whether `form` was made with an earlier version of list `id` than `latest`. A version made
/// before lists had versions records none: it is behind only if its copy of the list differs.
fn behind(form: &crate::forms::Form, id: &str, latest: &Version) -> bool {
    match form.list_versions.get(id) {
        Some(&v) => i64::from(v) < i64::from(latest.version),
        None => {
            let offered = latest.entries.iter().filter(|e| !e.retired);
            let copy = form.lists.get(id).map(Vec::as_slice).unwrap_or_default();
            !offered
                .map(|e| (&e.value, &e.en, &e.ru))
                .eq(copy.iter().map(|c| (&c.value, &c.en, &c.ru)))
        }
    }
}

/// A list version's number as shown; 0 is a version made before lists had versions.
fn shown(version: u32) -> String {
    match version {
        0 => "—".into(),
        v => v.to_string(),
    }
}

/// The list's name in the reader's language (`list-title-<id>`), or its id.
fn title(app: &App, lang: Lang, id: &str) -> String {
    let key = format!("list-title-{id}");
    app.renderer
        .i18n
        .try_text(lang, &key, &[])
        .unwrap_or_else(|| id.to_string())
}

/// Every list at its latest version, for `/admin/forms`.
pub(super) async fn summaries(app: &App, lang: Lang) -> Result<Vec<ListRow>> {
    Ok(store::all(&app.db)
        .await?
        .into_iter()
        .filter_map(|(id, mut vs)| Some((id, vs.pop()?)))
        .map(|(id, v)| ListRow {
            title: title(app, lang, &id),
            version: v.version,
            entries: v.entries.iter().filter(|e| !e.retired).count(),
            retired: v.entries.iter().filter(|e| e.retired).count(),
            id,
        })
        .collect())
}

#[derive(Serialize)]
struct RowView {
    /// Its fields' prefix: `e{i}` for the edited version's entry `i`, `n{j}` for a new one.
    key: String,
    row: Row,
    /// The problem in the reader's language.
    problem: Option<String>,
}

#[derive(Serialize)]
struct VersionView {
    number: i32,
    published_by: String,
    published_at: String,
    changes: Vec<String>,
}

#[derive(Serialize)]
struct UserView {
    id: String,
    title: String,
    version: u32,
    next: u32,
    /// The list's version the survey's latest version was made with; "—" when not recorded.
    list_version: String,
    outdated: bool,
}

#[derive(Serialize)]
struct ListPage {
    id: String,
    title: String,
    version: i32,
    rows: Vec<RowView>,
    versions: Vec<VersionView>,
    surveys: Vec<UserView>,
    may_edit: bool,
    /// Why the posted table was not saved.
    error: Option<String>,
}

async fn list_page(app: &App, lang: Lang, id: &str, may_edit: bool) -> Result<ListPage> {
    let all = store::all(&app.db).await?;
    let history = all.get(id).ok_or(Error::NotFound)?;
    let latest = history.last().ok_or(Error::NotFound)?;
    let i18n = &app.renderer.i18n;
    let mut versions = Vec::new();
    let mut before: Option<&Version> = None;
    for v in history {
        let changes = before.map_or_else(Vec::new, |b| {
            let changes = edit::compare(&b.entries, &v.entries);
            changes.iter().map(|c| c.text(i18n, lang)).collect()
        });
        versions.push(VersionView {
            number: v.version,
            published_by: v.published_by.clone(),
            published_at: fmt_time(&v.published_at),
            changes,
        });
        before = Some(v);
    }
    versions.reverse();
    let mut surveys = Vec::new();
    for f in app.forms.current(&app.db).await?.forms.values() {
        if lists::used_by(f, id) {
            let used = f.list_versions.get(id).copied().unwrap_or(0);
            surveys.push(UserView {
                id: f.id.clone(),
                title: f.title.get(lang).to_string(),
                version: f.version,
                next: f.version + 1,
                list_version: shown(used),
                outdated: behind(f, id, latest),
            });
        }
    }
    Ok(ListPage {
        id: id.to_string(),
        title: title(app, lang, id),
        version: latest.version,
        rows: with_problems(app, lang, edit::rows(&latest.entries, &[])),
        versions,
        surveys,
        may_edit,
        error: None,
    })
}

fn with_problems(app: &App, lang: Lang, rows: Vec<Row>) -> Vec<RowView> {
    let (mut existing, mut new) = (0, 0);
    let mut key = |row: &Row| {
        let (prefix, n) = match row.new {
            true => ("n", &mut new),
            false => ("e", &mut existing),
        };
        *n += 1;
        format!("{prefix}{}", *n - 1)
    };
    rows.into_iter()
        .map(|row| RowView {
            key: key(&row),
            problem: row.problem.map(|k| app.renderer.text(lang, k, &[])),
            row,
        })
        .collect()
}

#[get("/lists/<id>")]
async fn show(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: &str,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let page = list_page(app, lang, id, staff.is_secretariat()).await?;
    render(
        app,
        "admin/list",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

/// A posted table saved as the list's next version; refused, the table comes back as posted,
/// each wrong row marked.
#[post("/lists/<id>", data = "<data>")]
async fn save(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: &str,
    data: Data<'_>,
) -> Result<Either<Flash<Redirect>, RawHtml<String>>> {
    let raw = read_form(data).await?;
    let actor = staff.act(raw.get("csrf"))?;
    let posted = raw.firsts();
    let base: i32 = raw
        .get("base")
        .parse()
        .map_err(|_| Error::Invalid("base".into()))?;
    let edited = store::all(&app.db)
        .await?
        .remove(id)
        .and_then(|vs| vs.into_iter().find(|v| v.version == base))
        .ok_or(Error::NotFound)?;
    let mut page = list_page(app, lang, id, true).await?;
    let refused = match edit::apply(&edited.entries, &posted) {
        Err(rows) => {
            // The rows are the edited version's: posted again, they are read against it.
            page.version = base;
            page.error = Some(app.renderer.text(lang, "list-problems", &[]));
            rows
        }
        Ok(entries) => {
            let changes = edit::compare(&edited.entries, &entries);
            let i18n = &app.renderer.i18n;
            let record: Vec<String> = changes.iter().map(|c| c.text(i18n, Lang::En)).collect();
            let saved = store::publish(&app.db, &actor, (id, base), &entries, record.join("\n"));
            match saved.await {
                Ok(number) => {
                    let args = [("version", number.to_string())];
                    let text = app.renderer.text(lang, "flash-list-saved", &args);
                    let to = format!("/admin/lists/{id}");
                    return Ok(Either::Left(Flash::success(Redirect::to(to), text)));
                }
                Err(e) => {
                    let why = crate::web::view::refusal(app, lang, e, "list-problems")?;
                    // The table is now over the version saved meanwhile.
                    page = list_page(app, lang, id, true).await?;
                    page.error = Some(why);
                    let latest = store::latest(&app.db, id).await?.ok_or(Error::NotFound)?;
                    edit::merged(&latest.entries, &changes)
                }
            }
        }
    };
    page.rows = with_problems(app, lang, refused);
    let base_view = Base::new(lang, Some(&staff.0), None);
    render(app, "admin/list", &base_view, &page).map(Either::Right)
}

/// The next version of survey `id` with the lists as they are now: its latest source checked
/// again, which shows the difference (entries added, reworded, retired) before publishing.
#[post("/forms/<id>/refresh", data = "<f>")]
async fn refresh(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: &str,
    f: Form<CsrfForm<'_>>,
) -> Result<RawHtml<String>> {
    staff.act(f.csrf)?;
    let (_, _, source) = super::edit::latest(app, id).await?;
    let mut page = checked(app, lang, format!("{id}.toml"), source).await?;
    page.heading = Some(app.renderer.text(lang, "list-refresh-title", &[]));
    let base = Base::new(lang, Some(&staff.0), None);
    render(app, "admin/form-upload", &base, &page)
}

/// A list a survey's version uses, with the version it was made with and the latest.
#[derive(Serialize)]
pub(super) struct UsedList {
    id: String,
    title: String,
    /// "—" when the version does not record it (made before lists had versions).
    version: String,
    latest: i32,
    outdated: bool,
}

/// The lists `form` uses.
pub(super) async fn used(
    app: &App,
    lang: Lang,
    form: &crate::forms::Form,
) -> Result<Vec<UsedList>> {
    Ok(store::all(&app.db)
        .await?
        .into_iter()
        .filter(|(id, _)| lists::used_by(form, id))
        .filter_map(|(id, mut vs)| Some((id, vs.pop()?)))
        .map(|(id, latest)| {
            let version = form.list_versions.get(&id).copied().unwrap_or(0);
            UsedList {
                title: title(app, lang, &id),
                outdated: behind(form, &id, &latest),
                version: shown(version),
                latest: latest.version,
                id,
            }
        })
        .collect())
}
