//! Importing contacts from a CSV file (secretariat only): the file is checked and shown row by
//! row, each bad row marked with its problems, and nothing is imported until the secretariat
//! confirms. The confirmation sends the same text back and it is checked again, so a row that
//! went bad meanwhile (an address taken) is skipped, never half-applied.
use crate::app::App;
use crate::directory::edits;
use crate::directory::import::{self, Change, FileProblem, Row};
use crate::directory::upload::{self, Detected};
use crate::i18n::Lang;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use tokio::io::AsyncReadExt;

pub fn routes() -> Vec<Route> {
    routes![page, preview, confirm]
}

#[derive(Serialize)]
struct RowView {
    line: usize,
    institute: String,
    name: String,
    email: String,
    language: String,
    roles: String,
    active: bool,
    /// What importing the row does, in words; `None` for a bad row.
    change: Option<String>,
    problems: Vec<String>,
    /// Other institutes with a contact of this address ("elsewhere" would read as
    /// `{{else}}` to handlebars).
    also_at: Option<String>,
}

#[derive(Serialize, Default)]
struct ImportPage {
    /// The text as read, sent back with the confirmation.
    text: String,
    rows: Vec<RowView>,
    error: Option<String>,
    /// What the file was read as, in words.
    detected: Option<String>,
    previewed: bool,
    good: usize,
    bad: usize,
    columns: String,
}

fn row_view(app: &App, lang: Lang, row: Row) -> RowView {
    let (change, problems) = match &row.outcome {
        Ok((change, ..)) => {
            let key = match change {
                Change::New => "import-new",
                Change::Update => "import-update",
                Change::Same => "import-same",
            };
            (Some(app.renderer.text(lang, key, &[])), Vec::new())
        }
        Err(problems) => (
            None,
            problems
                .iter()
                .map(|p| {
                    let (key, args) = p.text();
                    let field =
                        app.renderer
                            .text(lang, &format!("field-{}", p.field().name()), &[]);
                    format!("{field}: {}", app.renderer.text(lang, key, &args))
                })
                .collect(),
        ),
    };
    RowView {
        line: row.line,
        institute: row.institute,
        name: row.draft.name,
        email: row.draft.email,
        language: row.draft.language,
        roles: row.draft.roles,
        active: row.draft.active,
        change,
        problems,
        also_at: (!row.elsewhere.is_empty()).then(|| {
            let args = [("institutes", row.elsewhere.join(", "))];
            app.renderer.text(lang, "import-elsewhere", &args)
        }),
    }
}

fn detected(app: &App, lang: Lang, seen: &Detected) -> String {
    let text = |key: &str, args: &[(&str, String)]| app.renderer.text(lang, key, args);
    match seen {
        Detected::Csv {
            encoding,
            delimiter,
        } => {
            let args = [
                ("encoding", encoding.name().to_string()),
                ("delimiter", delimiter.name().to_string()),
            ];
            text("import-detected-csv", &args)
        }
        Detected::Xlsx { sheet } => text("import-detected-xlsx", &[("sheet", sheet.clone())]),
    }
}

fn columns() -> String {
    import::COLUMNS.join(",")
}

#[get("/contacts/import")]
async fn page(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let page = ImportPage {
        columns: columns(),
        ..Default::default()
    };
    render(
        app,
        "admin/import",
        &Base::new(lang, Some(&staff.0), flash),
        &page,
    )
}

#[derive(FromForm)]
struct Upload<'r> {
    csrf: String,
    /// A file chosen in the browser, or nothing.
    file: Option<TempFile<'r>>,
    /// Text pasted instead of a file.
    #[field(default = String::new())]
    text: String,
}

/// The file chosen or the text pasted, read into plain CSV (see `directory::upload`).
async fn read_upload(
    upload: &Upload<'_>,
) -> Result<std::result::Result<(String, Detected), FileProblem>> {
    if let Some(file) = upload.file.as_ref().filter(|f| f.len() > 0) {
        let mut bytes = Vec::new();
        // One byte over the bound is enough for `upload::read` to refuse the file.
        let bound = upload::MAX_FILE_BYTES as u64 + 1;
        file.open()
            .await?
            .take(bound)
            .read_to_end(&mut bytes)
            .await?;
        return Ok(upload::read(&bytes));
    }
    Ok(upload::read_text(&upload.text))
}

#[post("/contacts/import", data = "<f>")]
async fn preview(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<Upload<'_>>,
) -> Result<RawHtml<String>> {
    staff.act(&f.csrf)?;
    let mut page = ImportPage {
        columns: columns(),
        ..Default::default()
    };
    let read = read_upload(&f).await?;
    let shown = read
        .as_ref()
        .ok()
        .map(|(_, seen)| detected(app, lang, seen));
    let checked = match read {
        Ok((text, _)) => import::preview(&app.db, &text)
            .await?
            .map(|rows| (text, rows)),
        Err(problem) => Err(problem),
    };
    page.detected = shown;
    match checked {
        Err(problem) => {
            let (key, args) = problem.text();
            page.error = Some(app.renderer.text(lang, key, &args));
        }
        Ok((text, rows)) => {
            page.good = rows.iter().filter(|r| r.outcome.is_ok()).count();
            page.bad = rows.len() - page.good;
            page.rows = rows.into_iter().map(|r| row_view(app, lang, r)).collect();
            page.previewed = true;
            page.text = text;
        }
    }
    render(
        app,
        "admin/import",
        &Base::new(lang, Some(&staff.0), None),
        &page,
    )
}

#[derive(FromForm)]
struct Confirm {
    csrf: String,
    text: String,
}

#[post("/contacts/import/confirm", data = "<f>")]
async fn confirm(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<Confirm>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(&f.csrf)?;
    match edits::import_contacts(&app.db, &actor, &f.text).await? {
        Ok(s) => {
            let args = [
                ("created", s.created.to_string()),
                ("updated", s.updated.to_string()),
                ("skipped", s.skipped.to_string()),
            ];
            let text = app.renderer.text(lang, "flash-imported", &args);
            Ok(Flash::success(Redirect::to("/admin/contacts"), text))
        }
        Err(problem) => {
            let (key, args) = problem.text();
            let text = app.renderer.text(lang, key, &args);
            Ok(Flash::error(Redirect::to("/admin/contacts/import"), text))
        }
    }
}
