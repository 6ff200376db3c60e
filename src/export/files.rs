//! The export as a file: CSV (UTF-8 with a byte-order mark, so that Excel reads Cyrillic; one
//! file, or a ZIP of one file per table when the survey has groups or grids), XLSX (a sheet per
//! table and one of the indicators, headers frozen, columns sized), or JSON (the stored answers
//! with the schema they were given against). Text that a spreadsheet would run as a formula is
//! written as text, in every format.
use super::{Cell, Export, Table};
use crate::cells::spreadsheet_safe;
use crate::i18n::{I18n, Lang};
use crate::{Error, Result};
use rust_xlsxwriter::{Format as XFormat, Workbook, Worksheet};
use std::io::Write;

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

/// A written export: its bytes, and what they are.
#[derive(Debug, Clone)]
pub struct File {
    pub bytes: Vec<u8>,
    /// `csv`, `zip`, `xlsx` or `json`.
    pub extension: &'static str,
    pub content_type: &'static str,
}

impl File {
    /// A file name for a download: the survey, the year and the extension.
    pub fn name(&self, e: &Export) -> String {
        format!(
            "{}-{}.{}",
            e.campaign.form_id, e.campaign.year, self.extension
        )
    }
}

pub fn write(e: &Export, format: Format, lang: Lang, i18n: &I18n) -> Result<File> {
    match format {
        Format::Csv => csv_file(e),
        Format::Xlsx => Ok(File {
            bytes: xlsx(e, lang, i18n)?,
            extension: "xlsx",
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
        Format::Json => Ok(File {
            bytes: json(e)?,
            extension: "json",
            content_type: "application/json",
        }),
    }
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => spreadsheet_safe(t).into_owned(),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// One table as CSV bytes, with the byte-order mark.
pub fn csv_bytes(t: &Table) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(t.header.iter().map(|h| spreadsheet_safe(h).into_owned()))?;
    for row in &t.rows {
        out.write_record(row.iter().map(text_of))?;
    }
    out.into_inner().map_err(|e| Error::from(e.into_error()))
}

fn csv_file(e: &Export) -> Result<File> {
    if let [only] = e.tables.as_slice() {
        return Ok(File {
            bytes: csv_bytes(only)?,
            extension: "csv",
            content_type: "text/csv; charset=utf-8",
        });
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for t in &e.tables {
        zip.start_file(format!("{}.csv", t.name), options)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
        zip.write_all(&csv_bytes(t)?)?;
    }
    let bytes = zip
        .finish()
        .map_err(|e| Error::Io(std::io::Error::other(e)))?
        .into_inner();
    Ok(File {
        bytes,
        extension: "zip",
        content_type: "application/zip",
    })
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, no apostrophe
/// at either end.
fn sheet_name(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    name.trim_matches('\'').trim().to_string()
}

/// The sheets' names, each unlike the others as Excel compares them (without case): two
/// labels alike in their first 31 characters get a number.
fn sheet_names<'a>(titles: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    titles
        .map(|title| {
            let base = sheet_name(title);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                let suffix = format!(" ({n})");
                let room = 31 - suffix.chars().count();
                name = format!("{}{suffix}", base.chars().take(room).collect::<String>());
            }
            name
        })
        .collect()
}

fn put_row(ws: &mut Worksheet, row: u32, cells: &[Cell]) -> Result<()> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            // Written as a string, a formula-like text stays text: the writer never makes a
            // formula of it, and the leading apostrophe is not needed.
            Cell::Text(t) => ws.write_string(row, col, t).map(|_| ()),
            Cell::Number(n) => ws.write_number(row, col, *n).map(|_| ()),
            Cell::Empty => Ok(()),
        }?;
    }
    Ok(())
}

/// Rows looked at to size the columns: the writer's own autofit reads every cell, which on
/// 10,000 responses took longer than writing them.
const SIZED_ROWS: usize = 200;

/// Each column as wide as its heading or its widest value among the first rows, within bounds.
fn size_columns(ws: &mut Worksheet, t: &Table) -> Result<()> {
    for (col, h) in t.header.iter().enumerate() {
        let widest = t
            .rows
            .iter()
            .take(SIZED_ROWS)
            .map(|r| r.get(col).map_or(0, |c| text_of(c).chars().count()))
            .chain(std::iter::once(h.chars().count()))
            .max()
            .unwrap_or(8);
        ws.set_column_width(col as u16, (widest.clamp(6, 60) + 2) as f64)?;
    }
    Ok(())
}

fn xlsx(e: &Export, lang: Lang, i18n: &I18n) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let indicators = i18n.text(lang, "export-indicators", &[]);
    let titles = e.tables.iter().map(|t| t.title.as_str());
    let mut names = sheet_names(titles.chain([indicators.as_str()]));
    let indicators = names.pop().unwrap_or(indicators);
    for (t, name) in e.tables.iter().zip(names) {
        // Row by row, one row in memory: a sheet of 10,000 responses is not held twice.
        let ws = book.add_worksheet_with_low_memory();
        ws.set_name(name)?;
        size_columns(ws, t)?;
        for (col, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            put_row(ws, i as u32 + 1, row)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(indicators)?;
    let mut r = 0u32;
    for ind in &e.indicators {
        let title = format!("{} {}", ind.codes.join(", "), ind.label);
        ws.write_string_with_format(r, 0, title.trim(), &bold)?;
        r += 1;
        let mut header = vec![Cell::Text(String::new())];
        header.extend(ind.columns.iter().map(|c| Cell::Text(c.title(i18n, lang))));
        put_row(ws, r, &header)?;
        r += 1;
        for row in &ind.rows {
            let mut cells = vec![Cell::Text(row.label.clone())];
            cells.extend(row.cells.iter().map(|n| Cell::Number(*n)));
            put_row(ws, r, &cells)?;
            r += 1;
        }
        r += 1;
    }
    ws.set_column_width(0, 60)?;
    Ok(book.save_to_buffer()?)
}

fn json(e: &Export) -> Result<Vec<u8>> {
    let schema: serde_json::Value = serde_json::from_str(&e.campaign.schema_json)?;
    let doc = serde_json::json!({
        "campaign": {
            "id": e.campaign.id,
            "form": e.campaign.form_id,
            "year": e.campaign.year,
            "status": e.campaign.status,
        },
        "schema": schema,
        "responses": e.responses,
    });
    Ok(serde_json::to_vec_pretty(&doc)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_starts_with_a_bom_and_neutralises_formulas() {
        let t = Table {
            name: "responses".into(),
            title: "Responses".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::Number(3.0),
            ]],
        };
        let bytes = csv_bytes(&t).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "a,b\n\"'=HYPERLINK(\"\"x\"\")\",3\n");
    }

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        let long = "Потребности в обучении по областям";
        let names = sheet_names([long, long, "Ответы", "ответы"].into_iter());
        assert_eq!(names[0].chars().count(), 31);
        assert!(names[1].ends_with(" (2)") && names[1].chars().count() == 31);
        assert_eq!(names[3], "ответы (2)");
    }
}
