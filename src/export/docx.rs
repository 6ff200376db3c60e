//! The questionnaire on paper (`forms::paper`) as a Word document: what an institute sends
//! around before answering and files after. Plain paragraphs and tables, the running header
//! and page numbers in the page's header and footer; the text is Unicode, so Cyrillic needs
//! nothing of the writer but the reader's fonts.
use crate::forms::paper::{Answer, Body, Item, Paper, Row};
use crate::{Error, Result};
use docx_rs::{
    Docx, Footer, Header, NumPages, PageNum, Paragraph, Run, Table, TableCell, TableRow, WidthType,
};

/// The words a document needs beyond the schema's, in its language.
pub struct Words {
    pub required: String,
    pub one: String,
    pub several: String,
    /// The heading of a group's column of row numbers.
    pub number: String,
    /// Before the page number in the footer.
    pub page: String,
}

/// What the copy is of, above its first section.
pub struct Head {
    pub running: String,
    pub year: Option<i32>,
    pub who: Option<String>,
    pub state: Option<String>,
}

/// Sizes in half-points, as Word counts them.
const TITLE: usize = 32;
const SECTION: usize = 26;
const SMALL: usize = 18;
const NORMAL: usize = 22;
const BOX: &str = "☐";
/// A line to write on, for a blank answer.
const LINE: &str = "______________________________________________";

pub fn write(paper: &Paper, head: &Head, words: &Words) -> Result<Vec<u8>> {
    let mut doc = Docx::new()
        .header(Header::new().add_paragraph(small(&head.running)))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{} ", words.page)).size(SMALL))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" / ").size(SMALL))
                    .add_num_pages(NumPages::new()),
            ),
        );
    let title = match head.year {
        Some(year) => format!("{} — {year}", paper.title),
        None => paper.title.clone(),
    };
    doc = doc.add_paragraph(styled(&title, TITLE, true));
    for line in [&head.who, &head.state].into_iter().flatten() {
        doc = doc.add_paragraph(text(line));
    }
    if let (true, Some(intro)) = (paper.blank, &paper.intro) {
        doc = doc.add_paragraph(text(intro));
    }
    for part in &paper.sections {
        doc = doc.add_paragraph(styled(&part.title, SECTION, true).keep_next(true));
        if let (true, Some(intro)) = (paper.blank, &part.intro) {
            doc = doc.add_paragraph(small(intro));
        }
        for item in &part.items {
            doc = question(doc, item, words);
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| Error::Document(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn question(mut doc: Docx, item: &Item, words: &Words) -> Docx {
    let mut label = Paragraph::new()
        .add_run(Run::new().add_text(&item.label).bold())
        .keep_next(true);
    if item.required {
        label = label.add_run(Run::new().add_text(format!(" ({})", words.required)));
    }
    doc = doc.add_paragraph(label);
    for note in [&item.only_if, &item.hint].into_iter().flatten() {
        doc = doc.add_paragraph(small(note).keep_next(true));
    }
    match &item.body {
        Body::Field { answer } => answer_of(doc, answer, words),
        Body::Table {
            columns,
            numbered,
            rows,
            keys,
        } => {
            let corner = if *numbered { words.number.as_str() } else { "" };
            doc = doc.add_table(table(corner, columns, rows));
            for key in keys {
                let options: Vec<String> =
                    key.options.iter().map(|o| format!("{BOX} {o}")).collect();
                let line = format!("{}: {}", key.column, options.join("   "));
                doc = doc.add_paragraph(small(&line));
            }
            doc.add_paragraph(Paragraph::new())
        }
    }
}

fn answer_of(doc: Docx, answer: &Answer, words: &Words) -> Docx {
    match answer {
        Answer::Boxes { options, multiple } => {
            let how = if *multiple {
                &words.several
            } else {
                &words.one
            };
            let doc = doc.add_paragraph(small(how).keep_next(true));
            options.iter().fold(doc, |doc, option| {
                doc.add_paragraph(text(&format!("{BOX} {option}")))
            })
        }
        Answer::Space { lines, unit } => (0..*lines).fold(doc, |doc, i| {
            let line = match (i, unit) {
                (0, Some(unit)) => format!("{LINE} {unit}"),
                _ => LINE.to_string(),
            };
            doc.add_paragraph(text(&line))
        }),
        Answer::Given { text: given } => doc.add_paragraph(text(given)),
    }
}

fn table(corner: &str, columns: &[String], rows: &[Row]) -> Table {
    let cell = |t: &str| TableCell::new().add_paragraph(text(t));
    let bold = |t: &str| TableCell::new().add_paragraph(styled(t, NORMAL, true));
    let mut head = vec![bold(corner)];
    head.extend(columns.iter().map(|c| bold(c)));
    let mut out = vec![TableRow::new(head)];
    for row in rows {
        let mut cells = vec![bold(&row.heading)];
        cells.extend(row.cells.iter().map(|c| cell(c)));
        out.push(TableRow::new(cells).cant_split());
    }
    Table::new(out).width(5000, WidthType::Pct)
}

fn text(t: &str) -> Paragraph {
    styled(t, NORMAL, false)
}

fn small(t: &str) -> Paragraph {
    styled(t, SMALL, false)
}

/// A paragraph of one run: the run carries size and weight (a paragraph's own would apply to
/// its mark alone).
fn styled(t: &str, size: usize, bold: bool) -> Paragraph {
    let run = Run::new().add_text(t).size(size);
    Paragraph::new().add_run(if bold { run.bold() } else { run })
}
