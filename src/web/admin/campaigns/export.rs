//! A campaign's responses as a download (secretariat): CSV, XLSX or JSON, labels in the chosen
//! language. Every download is on the audit trail: it holds every answer.
use crate::app::App;
use crate::campaigns;
use crate::export::{self, files};
use crate::i18n::Lang;
use crate::web::staff::session::{Secretariat, Staff};
use crate::Result;
use rocket::http::ContentType;
use rocket::{get, routes, Route, State};

pub fn routes() -> Vec<Route> {
    routes![download]
}

pub use crate::web::download::Download;

fn format_of(text: &str) -> Option<files::Format> {
    match text {
        "csv" => Some(files::Format::Csv),
        "xlsx" => Some(files::Format::Xlsx),
        "json" => Some(files::Format::Json),
        _ => None,
    }
}

/// `headings=names`: columns named by the questions' names, as in the survey's workbook.
#[get("/campaigns/<id>/export?<format>&<lang>&<headings>")]
async fn download(
    app: &State<App>,
    staff: Secretariat,
    page_lang: Lang,
    id: i32,
    format: &str,
    lang: Option<&str>,
    headings: Option<&str>,
) -> Result<Download> {
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let headings = match headings {
        Some("names") => export::Headings::Names,
        _ => export::Headings::Labels,
    };
    serve(app, &staff, id, (format, headings), lang, false).await
}

/// Campaign `id`'s responses as a file in `format` (`csv`, `xlsx`, `json`), for the
/// secretariat or, with `reviewer`, as reviewers may have them; on the audit trail.
pub async fn serve(
    app: &App,
    staff: &Staff,
    id: i32,
    (format, headings): (&str, export::Headings),
    lang: Lang,
    reviewer: bool,
) -> Result<Download> {
    let format = format_of(format).ok_or(crate::Error::NotFound)?;
    let c = campaigns::get(&app.db, id).await?;
    let i18n = &app.renderer.i18n;
    let by = staff.reader();
    let wanted = (format, headings);
    let (e, file) = export::download(&app.db, &by, &c, wanted, lang, reviewer, i18n).await?;
    let content_type =
        ContentType::parse_flexible(file.content_type).unwrap_or(ContentType::Binary);
    Ok(Download {
        name: file.name(&e),
        content_type,
        bytes: file.bytes,
    })
}
