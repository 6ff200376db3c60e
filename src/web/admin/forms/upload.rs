//! A new version from a file (secretariat): the upload is bounded, read as UTF-8 text and
//! checked as `forms check` checks a file; the page lists every problem with its line, or the
//! difference from the latest version with what each change does. Publishing is a second,
//! confirmed step that sends the same text back: it is checked again, and refused if another
//! version was published in between.
use crate::app::App;
use crate::forms::diff::{self, Described};
use crate::forms::versions::{self, Checked, MAX_SOURCE_BYTES};
use crate::forms::{lists, xlsform};
use crate::i18n::Lang;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Errors, Form, FromForm};
use rocket::fs::TempFile;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{post, routes, Route, State};
use serde::Serialize;
use tokio::io::AsyncReadExt;

pub fn routes() -> Vec<Route> {
    routes![upload, publish, continues]
}

#[derive(FromForm)]
struct Upload<'r> {
    csrf: String,
    /// An upload that breaks Rocket's own limit is an error here, said in words below.
    file: std::result::Result<TempFile<'r>, Errors<'r>>,
}

#[derive(Serialize, Default)]
pub(super) struct UploadPage {
    /// The page's heading, where it is not the check of a file.
    pub(super) heading: Option<String>,
    /// Why the file was not read at all.
    error: Option<String>,
    problems: Vec<String>,
    /// Handlebars has no `length` of a list.
    problem_count: usize,
    id: String,
    title: String,
    /// The version it would be, and the one it is compared with (none for a new survey).
    number: i32,
    base: Option<i32>,
    changes: Vec<Described>,
    text_only: bool,
    /// The same as the version it is compared with: nothing to publish.
    no_difference: bool,
    /// Questions gone with a like one come: each may be declared its continuation.
    proposals: Vec<ProposalView>,
    /// The text as read and the name it came with, sent back with the confirmation.
    source: String,
    name: String,
}

/// A proposed `was`, with both questions' labels in the reader's language.
#[derive(Serialize)]
struct ProposalView {
    from: String,
    to: String,
    from_label: String,
    to_label: String,
}

fn proposals(c: &versions::Candidate, lang: Lang) -> Vec<ProposalView> {
    let Some((_, old)) = &c.base else {
        return Vec::new();
    };
    let label = |f: &crate::forms::Form, p: &str| {
        f.path(p)
            .map_or_else(String::new, |(_, q)| q.label.get(lang).to_string())
    };
    diff::proposals(old, &c.form, &c.changes)
        .into_iter()
        .map(|p| ProposalView {
            from_label: label(old, &p.from),
            to_label: label(&c.form, &p.to),
            from: p.from,
            to: p.to,
        })
        .collect()
}

/// A file as uploaded: a schema's text or a workbook.
enum Uploaded {
    Text(String),
    Workbook(Vec<u8>),
}

/// The file with its name, or the key of why it cannot be read.
async fn read(
    file: Option<&TempFile<'_>>,
) -> Result<std::result::Result<(String, Uploaded), &'static str>> {
    let Some(file) = file else {
        return Ok(Err("upload-too-large"));
    };
    if file.len() == 0 {
        return Ok(Err("upload-empty"));
    }
    if file.len() > xlsform::MAX_WORKBOOK_BYTES as u64 {
        return Ok(Err("upload-too-large"));
    }
    let mut bytes = Vec::new();
    file.open().await?.read_to_end(&mut bytes).await?;
    let name = file
        .raw_name()
        .map(|n| n.dangerous_unsafe_unsanitized_raw().as_str().to_string())
        .filter(|n| !n.is_empty() && n.len() <= 200 && !n.chars().any(char::is_control))
        .unwrap_or_else(|| "upload.toml".into());
    if xlsform::is_workbook(&bytes) {
        return Ok(Ok((name, Uploaded::Workbook(bytes))));
    }
    if bytes.len() > MAX_SOURCE_BYTES {
        return Ok(Err("upload-too-large"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Ok((name, Uploaded::Text(text)))),
        Err(_) => Ok(Err("upload-not-utf8")),
    }
}

/// The page of an uploaded workbook: its problems by cell, or its TOML checked as a file.
async fn workbook(app: &App, lang: Lang, name: String, bytes: &[u8]) -> Result<UploadPage> {
    match xlsform::import(&name, bytes) {
        Ok(imported) => checked_as(app, lang, name, imported.source.clone(), Some(&imported)).await,
        Err(problems) => {
            let i18n = &app.renderer.i18n;
            let mut page = UploadPage {
                problems: problems.iter().map(|p| p.text(i18n, lang)).collect(),
                name,
                ..UploadPage::default()
            };
            page.problem_count = page.problems.len();
            Ok(page)
        }
    }
}

/// The page of a checked source (an upload, or a copy edited in the browser): its problems, or
/// the difference with the form to publish it.
pub(super) async fn checked(
    app: &App,
    lang: Lang,
    name: String,
    source: String,
) -> Result<UploadPage> {
    checked_as(app, lang, name, source, None).await
}

/// `checked`, the problems put on the cells of `workbook` where the source is one's.
async fn checked_as(
    app: &App,
    lang: Lang,
    name: String,
    source: String,
    workbook: Option<&xlsform::Imported>,
) -> Result<UploadPage> {
    let mut page = UploadPage::default();
    let lists = lists::store::current(&app.db, &app.config.seeds_dir).await?;
    match versions::check(&app.forms, &app.db, &lists, &name, &source).await? {
        Checked::Problems(problems) => {
            let problems = match workbook {
                Some(w) => w.locate(problems),
                None => problems,
            };
            let i18n = &app.renderer.i18n;
            page.problems = problems.iter().map(|p| p.text(i18n, lang)).collect();
            page.problem_count = page.problems.len();
        }
        Checked::Ready(c) => {
            page.changes = c.described(&app.renderer.i18n, lang);
            page.text_only = c.changes.iter().all(|c| c.is_text_only());
            page.no_difference = c.base.is_some() && c.changes.is_empty();
            page.proposals = proposals(&c, lang);
            page.id = c.form.id.clone();
            page.title = c.form.title.get(lang).to_string();
            page.number = c.number();
            page.base = c.base.as_ref().map(|(n, _)| *n);
        }
    }
    page.name = name;
    page.source = source;
    Ok(page)
}

#[post("/forms/upload", data = "<f>")]
async fn upload(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<Upload<'_>>,
) -> Result<RawHtml<String>> {
    let Upload { csrf, file } = f.into_inner();
    staff.act(&csrf)?;
    // Rocket's own limit broken: the file was not kept, and is too large all the same.
    let file = file.ok();
    let max = ("max", (MAX_SOURCE_BYTES / 1024).to_string());
    let mut page = UploadPage::default();
    match read(file.as_ref()).await? {
        Err(key) => page.error = Some(app.renderer.text(lang, key, std::slice::from_ref(&max))),
        Ok((name, Uploaded::Text(source))) => page = checked(app, lang, name, source).await?,
        Ok((name, Uploaded::Workbook(bytes))) => page = workbook(app, lang, name, &bytes).await?,
    }
    render(
        app,
        "admin/form-upload",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

#[derive(FromForm)]
struct Confirm {
    csrf: String,
    name: String,
    source: String,
    base: Option<i32>,
}

#[post("/forms/publish", data = "<f>")]
async fn publish(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<Confirm>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(&f.csrf)?;
    let lists = lists::store::current(&app.db, &app.config.seeds_dir).await?;
    let published = versions::publish(
        (&app.forms, &app.db),
        &actor,
        (&lists, &app.renderer.i18n),
        (&f.name, &f.source),
        f.base,
    )
    .await;
    match published {
        Ok((number, c)) => {
            let args = [("version", number.to_string())];
            let text = app.renderer.text(lang, "flash-version-published", &args);
            let to = format!("/admin/forms/{}", c.form.id);
            Ok(Flash::success(Redirect::to(to), text))
        }
        Err(e) => {
            let text = crate::web::view::refusal(app, lang, e, "refused-schema-problems")?;
            Ok(Flash::error(Redirect::to("/admin/forms"), text))
        }
    }
}

#[derive(FromForm)]
struct Continue {
    csrf: String,
    name: String,
    source: String,
    /// The question gone, and the one that continues it.
    from: String,
    to: String,
}

/// A proposal taken: the source with `was` declared on the new question, checked again.
#[post("/forms/continue", data = "<f>")]
async fn continues(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<Continue>,
) -> Result<RawHtml<String>> {
    staff.act(&f.csrf)?;
    let was = f.from.rsplit('.').next().unwrap_or(&f.from);
    let source = crate::forms::edit::continues(&f.source, &f.to, was)
        .map_err(|e| crate::Error::Invalid(e.to_string()))?;
    let page = checked(app, lang, f.name.clone(), source).await?;
    let base = Base::new(lang, Some(&staff.0), None);
    render(app, "admin/form-upload", &base, &page)
}
