//! Every table and chart of a campaign's results as a file, downloaded from where it is shown:
//! a table as CSV (titles in the page's language, figures as plain numbers with a point, as
//! the exports write them, and a typed label never a live formula), a chart as SVG or PNG.
//! Reviewers get what the page shows them: the same figures withheld from per-contact surveys.
use crate::app::App;
use crate::campaigns;
use crate::cells::spreadsheet_safe;
use crate::i18n::Lang;
use crate::report::{self, picture};
use crate::web::download::{file_name, Download};
use crate::web::staff::session::Staff;
use crate::{Error, Result};
use rocket::http::ContentType;
use rocket::{get, State};

/// A file's name as the link gives it: its stem and its kind.
fn split(name: &str) -> Result<(&str, &str)> {
    name.rsplit_once('.').ok_or(Error::NotFound)
}

fn csv_file(rows: Vec<Vec<String>>, name: String) -> Result<Download> {
    // Flexible: the texts of a `texts` indicator follow its table with their own columns.
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    Ok(Download {
        name: file_name(&name),
        content_type: ContentType::CSV,
        bytes,
    })
}

/// An indicator's table (`<indicator>.csv`), its figures over the years
/// (`<indicator>-years.csv`), or a match (`match-<id>.csv`).
#[get("/campaigns/<id>/tables/<name>?<lang>")]
pub async fn table(
    app: &State<App>,
    _staff: Staff,
    page_lang: Lang,
    id: i32,
    name: &str,
    lang: Option<&str>,
) -> Result<Download> {
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let i18n = &app.renderer.i18n;
    let (stem, "csv") = split(name)? else {
        return Err(Error::NotFound);
    };
    let c = campaigns::get(&app.db, id).await?;
    let rows = match stem.strip_prefix("match-") {
        Some(m) => report::files::match_rows(&app.db, &c, m, lang, i18n).await?,
        None => report::files::table_rows(&app.db, &c, stem, lang, i18n).await?,
    }
    .ok_or(Error::NotFound)?;
    csv_file(rows, format!("{}-{}-{stem}-{lang}.csv", c.form_id, c.year))
}

/// An indicator's chart (`<indicator>-<n>.svg|png`) or its line over the years
/// (`<indicator>-years.svg|png`).
#[get("/campaigns/<id>/charts/<name>?<lang>")]
pub async fn chart(
    app: &State<App>,
    _staff: Staff,
    page_lang: Lang,
    id: i32,
    name: &str,
    lang: Option<&str>,
) -> Result<Download> {
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let (stem, kind) = split(name)?;
    let c = campaigns::get(&app.db, id).await?;
    let svg = report::files::chart(&app.db, &c, stem, lang, &app.renderer.i18n)
        .await?
        .ok_or(Error::NotFound)?;
    let name = format!("{}-{}-{stem}-{lang}.{kind}", c.form_id, c.year);
    let (content_type, bytes) = match kind {
        "svg" => (ContentType::SVG, svg.into_bytes()),
        "png" => (ContentType::PNG, picture::png(&svg)?),
        _ => return Err(Error::NotFound),
    };
    Ok(Download {
        name: file_name(&name),
        content_type,
        bytes,
    })
}

/// The roadmap's table: each indicator with the survey figures that feed it, year by year.
#[get("/roadmap.csv?<lang>")]
pub async fn roadmap(
    app: &State<App>,
    roadmap: &State<report::roadmap::Roadmap>,
    _staff: Staff,
    page_lang: Lang,
    lang: Option<&str>,
) -> Result<Download> {
    let lang = lang.and_then(Lang::parse).unwrap_or(page_lang);
    let i18n = &app.renderer.i18n;
    let forms = app.forms.current(&app.db).await?;
    let page = report::roadmap::overview(&app.db, &forms, roadmap, lang, i18n).await?;
    let text = |key: &str| i18n.text(lang, key, &[]);
    let mut head = vec![
        text("roadmap-code"),
        text("roadmap-indicator"),
        text("roadmap-fed-by"),
        text("roadmap-survey"),
        text("roadmap-target"),
    ];
    head.extend(page.years.iter().map(|y| y.year.to_string()));
    let mut rows = vec![head];
    for code in &page.codes {
        for feed in &code.feeds {
            let mut row = vec![
                code.code.clone(),
                code.text.clone(),
                feed.label.clone(),
                feed.survey.clone(),
                feed.target
                    .clone()
                    .unwrap_or_else(|| text("roadmap-no-target")),
            ];
            row.extend(
                feed.years
                    .iter()
                    .map(|y| y.value.clone().unwrap_or_default()),
            );
            rows.push(row);
        }
        if code.feeds.is_empty() {
            rows.push(vec![
                code.code.clone(),
                code.text.clone(),
                text("roadmap-unfed"),
            ]);
        }
    }
    csv_file(rows, format!("roadmap-{lang}.csv"))
}
