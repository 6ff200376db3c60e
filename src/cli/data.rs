//! Data out from the command line: a campaign's responses as a file, and a copy of the
//! database while the service runs.
use crate::app::App;
use crate::audit::Actor;
use crate::campaigns;
use crate::export::{self, files};
use crate::i18n::Lang;
use crate::Result;
use std::path::Path;

/// Writes campaign `id`'s responses to `to`; a CSV export of a survey with groups or grids is
/// a ZIP of one CSV per table, whatever `to` is called, and the line printed says so.
pub async fn export(
    app: &App,
    id: i32,
    wanted: (files::Format, export::Headings),
    lang: Lang,
    to: &Path,
) -> Result<()> {
    let c = campaigns::get(&app.db, id).await?;
    let i18n = &app.renderer.i18n;
    let (e, file) = export::download(&app.db, &Actor::cli(), &c, wanted, lang, false, i18n).await?;
    crate::storage::write_whole(to, &file.bytes)?;
    println!(
        "{}: {} responses, {} tables, {} bytes ({})",
        to.display(),
        e.responses.len(),
        e.tables.len(),
        file.bytes.len(),
        file.extension
    );
    Ok(())
}

/// A consistent copy of the database into `to`.
pub async fn backup(app: &App, to: &Path) -> Result<()> {
    let kind = crate::db::backup(&app.db, &app.config.database_url, to).await?;
    let how = match kind {
        crate::db::BackupKind::SqliteCopy => {
            "SQLite copy; restore by putting it in place of the database file"
        }
        crate::db::BackupKind::PgDump => "pg_dump custom format; restore with pg_restore",
    };
    let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    println!("{}: {size} bytes ({how})", to.display());
    Ok(())
}

/// Writes the annual report of `year` as one HTML file: the page `/review/report/<year>`
/// shows, with its style sheet inside and its links to the service made absolute, so that it
/// reads, prints and travels by mail on its own.
pub async fn report(app: &App, year: i32, lang: Lang, to: &Path) -> Result<()> {
    if to.exists() {
        let shown = to.display();
        return Err(crate::Error::Invalid(format!(
            "{shown} exists; give another file"
        )));
    }
    let i18n = &app.renderer.i18n;
    let report = crate::report::year_report(
        &app.db,
        &*app.forms.current(&app.db).await?,
        year,
        lang,
        i18n,
    )
    .await?;
    if report.surveys.is_empty() {
        return Err(crate::Error::Invalid(format!("no campaign in {year}")));
    }
    let mut page = serde_json::to_value(&report)?;
    page["lang"] = serde_json::json!(lang);
    let content = app.renderer.render("review/report", &page)?;
    let css = std::fs::read_to_string(app.config.templates_dir.join("static/app.css"))?;
    let doc = serde_json::json!({ "lang": lang, "year": year, "css": css, "content": content });
    let html = app.renderer.render("report-file", &doc)?;
    let public = app.link_base().await?;
    let html = html.replace("href=\"/", &format!("href=\"{public}/"));
    crate::storage::write_whole(to, html.as_bytes())?;
    let n = report.surveys.len();
    println!("{}: the report of {year}, surveys: {n}", to.display());
    Ok(())
}
