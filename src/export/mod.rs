//! A campaign's responses as tables, for spreadsheets and for recounting the indicators by
//! hand: one row per unit with one column per question (a multiple choice as one 0/1 column per
//! choice), and each repeating group and grid as its own long table (one row per unit and row).
//! `files` writes the tables as CSV, XLSX or JSON. Generic: nothing here knows a survey.
pub mod docx;
mod download;
pub mod files;
mod pages;
mod who;

pub use download::{download, reviewer_file, secretariat_file};
use who::{who_cells, who_header, Names, Who, Words};

pub use pages::{responses_page, ResponsesPage};

use crate::campaigns::campaign;
use crate::forms::schema::{Choice, Form, Kind, Question, Unit};
use crate::forms::walk::{self, Place};
use crate::forms::Answers;
use crate::i18n::{fmt_time, I18n, Lang};
use crate::indicators::{self, IndicatorValue};
use crate::responses::{response, Status};
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

/// A spreadsheet cell.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// One sheet, or one CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// `responses`, or the id of a group or grid: a CSV file's name in the ZIP.
    pub name: String,
    /// The sheet's name for people: "Ответы", or the group's or grid's label in the export's
    /// language (the `name`, where columns are named as in the survey's file).
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What the columns are called: the questions' labels in the export's language (for people),
/// or their names as in the survey's file or XLSForm workbook (`q`, `q/value` for a choice's
/// column), for scripts and for XLSForm tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headings {
    #[default]
    Labels,
    Names,
}

/// Who the export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub lang: Lang,
    pub headings: Headings,
    /// Reviewers: submitted responses only, and of a per-contact survey none (see `readable`).
    pub reviewer: bool,
    /// Compute the indicators too (the XLSX has a sheet of them; CSV and JSON do not).
    pub indicators: bool,
}

/// A campaign's export: its tables, the stored answers (for JSON) and its indicators.
#[derive(Debug, Clone)]
pub struct Export {
    pub campaign: campaign::Model,
    pub form: Form,
    pub tables: Vec<Table>,
    pub responses: Vec<Exported>,
    pub indicators: Vec<IndicatorValue>,
}

/// A response as the JSON export gives it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub unit: String,
    pub institute: Option<String>,
    pub country: Option<String>,
    pub ceems: bool,
    pub status: Status,
    pub submitted_at: Option<String>,
    pub updated_at: String,
    pub answers: Answers,
}

impl Exported {
    fn new(r: response::Model, who: Who, answers: Answers) -> Exported {
        Exported {
            unit: who.unit,
            institute: who.institute,
            country: r.country_code,
            ceems: who.ceems,
            status: r.status,
            submitted_at: r.submitted_at.as_ref().map(|t| t.to_rfc3339()),
            updated_at: r.updated_at.to_rfc3339(),
            answers,
        }
    }
}

/// What a column of a question holds.
enum Col<'a> {
    Value(&'a Question),
    Chosen(&'a Question, &'a Choice),
    OtherChosen(&'a Question),
    Other(&'a Question),
    Detail(&'a Question, &'a Choice),
}

fn columns<'a>(form: &'a Form, q: &'a Question) -> Vec<Col<'a>> {
    let mut out = Vec::new();
    if q.kind == Kind::MultiChoice {
        for c in form.choices(q) {
            out.push(Col::Chosen(q, c));
            if q.detail.is_some() {
                out.push(Col::Detail(q, c));
            }
        }
        if q.other {
            out.push(Col::OtherChosen(q));
        }
    } else {
        out.push(Col::Value(q));
    }
    if q.other {
        out.push(Col::Other(q));
    }
    out
}

/// A column's name: the question's, and the choice's value after a slash.
fn name_of(col: &Col<'_>) -> String {
    match col {
        Col::Value(q) => q.id.clone(),
        Col::Chosen(q, c) => format!("{}/{}", q.id, c.value),
        Col::OtherChosen(q) => format!("{}/other", q.id),
        Col::Other(q) => format!("{}/other_text", q.id),
        Col::Detail(q, c) => format!("{}/{}/detail", q.id, c.value),
    }
}

fn heading(col: &Col<'_>, lang: Lang, i18n: &I18n) -> String {
    let other = i18n.text(lang, "word-other", &[]);
    match col {
        Col::Value(q) => q.label.get(lang).to_string(),
        Col::Chosen(q, c) => format!("{}: {}", q.label.get(lang), c.label(lang)),
        Col::OtherChosen(q) => format!("{}: {other}", q.label.get(lang)),
        Col::Other(q) => format!(
            "{}: {other} ({})",
            q.label.get(lang),
            i18n.text(lang, "word-text", &[])
        ),
        Col::Detail(q, c) => {
            let detail = q.detail.as_ref().map_or("", |d| d.get(lang));
            format!("{}: {} ({detail})", q.label.get(lang), c.label(lang))
        }
    }
}

fn cell(form: &Form, col: &Col<'_>, answers: &Answers, lang: Lang) -> Cell {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Cell::Text(s.clone()),
        _ => Cell::Empty,
    };
    let chosen = |q: &Question, value: &str| match answers.get(&q.id) {
        Some(Value::Array(items)) => {
            Cell::Number(f64::from(u8::from(items.iter().any(|i| i == value))))
        }
        _ => Cell::Empty,
    };
    match col {
        Col::Value(q) => match answers.get(&q.id) {
            Some(Value::String(s)) if q.kind.has_choices() || q.kind == Kind::YesNo => {
                Cell::Text(form.choice_label(q, s, lang).to_string())
            }
            Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
            other => text(other),
        },
        Col::Chosen(q, c) => chosen(q, &c.value),
        Col::OtherChosen(q) => chosen(q, "other"),
        Col::Other(q) => text(answers.get(&format!("{}.other", q.id))),
        Col::Detail(q, c) => text(
            answers
                .get(&format!("{}.detail", q.id))
                .and_then(|d| d.get(&c.value)),
        ),
    }
}

/// The columns of each table, worked out once from the schema.
struct Layout<'a> {
    /// The questions outside groups and grids, one or more columns each.
    plain: Vec<Col<'a>>,
    /// Each group and grid, with the columns of its rows.
    nested: Vec<(&'a Question, Vec<Col<'a>>)>,
}

impl<'a> Layout<'a> {
    fn new(form: &'a Form) -> Self {
        let (mut plain, mut nested) = (Vec::new(), Vec::new());
        for q in form.questions() {
            if matches!(q.kind, Kind::Group | Kind::Grid) {
                let cols = q.questions.iter().flat_map(|i| columns(form, i)).collect();
                nested.push((q, cols));
            } else {
                plain.extend(columns(form, q));
            }
        }
        Layout { plain, nested }
    }

    /// The empty tables, with their headings in `lang` (or the names, with `Headings::Names`).
    fn tables(&self, lang: Lang, i18n: &I18n, headings: Headings) -> Vec<Table> {
        let named = headings == Headings::Names;
        let who = |extra: &[&str]| -> Vec<String> {
            let keys = ["unit", "institute", "country", "ceems"]
                .iter()
                .chain(extra);
            match named {
                true => keys.map(|k| k.to_string()).collect(),
                false => {
                    let mut h = who_header(lang, i18n);
                    h.extend(
                        extra
                            .iter()
                            .map(|k| i18n.text(lang, &format!("export-col-{k}"), &[])),
                    );
                    h
                }
            }
        };
        let title = |c: &Col<'_>| match named {
            true => name_of(c),
            false => heading(c, lang, i18n),
        };
        let mut header = who(&["status", "submitted_at", "updated_at"]);
        header.extend(self.plain.iter().map(title));
        let sheet = |name: &str, label: String| match named {
            true => name.to_string(),
            false => label,
        };
        let mut tables = vec![Table {
            name: "responses".into(),
            title: sheet("responses", i18n.text(lang, "export-sheet-responses", &[])),
            header,
            rows: Vec::new(),
        }];
        for (q, cols) in &self.nested {
            let mut header = who(&["row"]);
            header.extend(cols.iter().map(title));
            tables.push(Table {
                name: q.id.clone(),
                title: sheet(&q.id, q.label.get(lang).to_string()),
                header,
                rows: Vec::new(),
            });
        }
        tables
    }
}

/// Writes a response's row into the responses table and its groups' and grids' rows into
/// theirs.
struct RowWriter<'a> {
    form: &'a Form,
    layout: Layout<'a>,
    words: Words,
    lang: Lang,
}

impl RowWriter<'_> {
    fn add(&self, tables: &mut [Table], r: &response::Model, who: &Who, answers: &Answers) {
        let mut row = who_cells(who, &self.words);
        row.push(Cell::Text(self.words.status(r.status).to_string()));
        let submitted = r.submitted_at.as_ref();
        row.push(submitted.map_or(Cell::Empty, |t| Cell::Text(fmt_time(t))));
        row.push(Cell::Text(fmt_time(&r.updated_at)));
        let plain = self.layout.plain.iter();
        row.extend(plain.map(|col| cell(self.form, col, answers, self.lang)));
        tables[0].rows.push(row);
        let (form, layout, words) = (self.form, &self.layout, &self.words);
        nested_rows(
            form,
            layout,
            answers,
            who,
            words,
            self.lang,
            &mut tables[1..],
        );
    }
}

/// Every table and the stored answers of `c`, for `audience`.
pub async fn gather(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    audience: Audience,
    i18n: &I18n,
) -> Result<Export> {
    let lang = audience.lang;
    let form = c.form()?;
    let rows = match gives_rows(&form, audience) {
        true => readable(c, audience).all(db).await?,
        false => Vec::new(),
    };
    let writer = RowWriter {
        form: &form,
        layout: Layout::new(&form),
        words: Words::new(lang, i18n),
        lang,
    };
    let names = Names::load(db, c, audience).await?;
    let mut tables = match gives_rows(&form, audience) {
        true => writer.layout.tables(lang, i18n, audience.headings),
        // Not even the empty tables: the workbook holds the indicators alone.
        false => Vec::new(),
    };
    let mut responses = Vec::with_capacity(rows.len());
    let mut submitted = Vec::new();
    for r in rows {
        let answers = r.answers()?;
        if audience.indicators && r.status == Status::Submitted {
            submitted.push(indicators::Unit {
                key: r.unit_key.clone(),
                country: r.country_code.clone().unwrap_or_default(),
                ceems: r.ceems,
                answers: answers.clone(),
            });
        }
        let who = names.who(&r);
        writer.add(&mut tables, &r, &who, &answers);
        responses.push(Exported::new(r, who, answers));
    }
    let mut indicators = match (audience.indicators, gives_rows(&form, audience)) {
        (false, _) => Vec::new(),
        (true, true) => indicators::compute_over(db, c, submitted, lang, i18n).await?,
        (true, false) => indicators::compute(db, c, lang, i18n).await?,
    };
    if audience.reviewer {
        indicators::for_reviewers(&form, &mut indicators);
    }
    Ok(Export {
        campaign: c.clone(),
        form: form.clone(),
        tables,
        responses,
        indicators,
    })
}

/// Whether `audience` reads `form`'s responses row by row. A reviewer reads a survey answered
/// per contact only through its indicators: each row is one person's answers, and beside it
/// no figure could be withheld for resting on too few answers (a body rated by one person is
/// that person's row). The secretariat holds the rows.
pub fn gives_rows(form: &Form, audience: Audience) -> bool {
    !(audience.reviewer && form.unit == Unit::Contact)
}

/// The responses of `c` that `audience` may read, by unit.
fn readable(c: &campaign::Model, audience: Audience) -> sea_orm::Select<response::Entity> {
    let mut query = response::Entity::find().filter(response::Column::CampaignId.eq(c.id));
    if audience.reviewer {
        query = query.filter(response::Column::Status.eq(Status::Submitted));
    }
    query.order_by_asc(response::Column::UnitKey)
}

/// The rows of every group and grid of one response, into their tables (in the form's order).
fn nested_rows(
    form: &Form,
    layout: &Layout<'_>,
    answers: &Answers,
    who: &Who,
    words: &Words,
    lang: Lang,
    tables: &mut [Table],
) {
    for place in walk::stored(form, answers) {
        let Place::Row {
            parent,
            index,
            choice,
            answers: row,
        } = place
        else {
            continue;
        };
        let Some(at) = layout.nested.iter().position(|(q, _)| q.id == parent.id) else {
            continue;
        };
        let mut cells = who_cells(who, words);
        cells.push(match choice {
            Some(c) => Cell::Text(c.label(lang).to_string()),
            None => Cell::Number((index + 1) as f64),
        });
        cells.extend(
            layout.nested[at]
                .1
                .iter()
                .map(|col| cell(form, col, row, lang)),
        );
        tables[at].rows.push(cells);
    }
}
