//! A campaign's responses as tables, for spreadsheets and for recounting the indicators by
//! hand: one row per unit with one column per question (a multiple choice as one 0/1 column per
//! choice), and each repeating group and grid as its own long table (one row per unit and row).
//! `files` writes the tables as CSV, XLSX or JSON. Generic: nothing here knows a survey.
pub mod files;

use crate::campaigns::{self, campaign, UnitKey};
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
    /// `responses`, or the id of a group or grid.
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Who the export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub lang: Lang,
    /// Reviewers: submitted responses only, and a per-contact survey without who answered.
    pub reviewer: bool,
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

/// The columns that say whose a row is; a reviewer's per-contact export names nobody.
struct Who {
    unit: String,
    institute: Option<String>,
    country: Option<String>,
    ceems: bool,
}

fn who_cells(w: &Who, lang: Lang, i18n: &I18n) -> Vec<Cell> {
    let opt = |v: &Option<String>| v.clone().map_or(Cell::Empty, Cell::Text);
    let ceems = i18n.text(
        lang,
        if w.ceems { "word-ceems" } else { "word-others" },
        &[],
    );
    vec![
        Cell::Text(w.unit.clone()),
        opt(&w.institute),
        opt(&w.country),
        Cell::Text(ceems),
    ]
}

fn who_header(lang: Lang, i18n: &I18n) -> Vec<String> {
    ["unit", "institute", "country", "ceems"]
        .iter()
        .map(|k| i18n.text(lang, &format!("export-col-{k}"), &[]))
        .collect()
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
    let anonymous = audience.reviewer && form.unit == Unit::Contact;
    let countries = campaigns::countries(db).await?;
    let institutes = crate::directory::institutes_by_id(db).await?;
    let mut query = response::Entity::find().filter(response::Column::CampaignId.eq(c.id));
    if audience.reviewer {
        query = query.filter(response::Column::Status.eq(Status::Submitted));
    }
    let rows = query
        .order_by_asc(response::Column::UnitKey)
        .all(db)
        .await?;
    let mut main = Table {
        name: "responses".into(),
        header: who_header(lang, i18n),
        rows: Vec::new(),
    };
    for k in ["status", "submitted_at", "updated_at"] {
        main.header
            .push(i18n.text(lang, &format!("export-col-{k}"), &[]));
    }
    let mut nested: Vec<Table> = Vec::new();
    let plain: Vec<&Question> = form
        .questions()
        .filter(|q| !matches!(q.kind, Kind::Group | Kind::Grid))
        .collect();
    for q in &plain {
        main.header
            .extend(columns(&form, q).iter().map(|c| heading(c, lang, i18n)));
    }
    for q in form
        .questions()
        .filter(|q| matches!(q.kind, Kind::Group | Kind::Grid))
    {
        let mut header = who_header(lang, i18n);
        header.push(i18n.text(lang, "export-col-row", &[]));
        for inner in &q.questions {
            header.extend(columns(&form, inner).iter().map(|c| heading(c, lang, i18n)));
        }
        nested.push(Table {
            name: q.id.clone(),
            header,
            rows: Vec::new(),
        });
    }
    let mut responses = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        let answers = r.answers()?;
        let inst = r.institute_id.and_then(|id| institutes.get(&id));
        let country = r.country_code.as_ref().and_then(|code| countries.get(code));
        let who = Who {
            unit: if anonymous {
                format!("{} {}", i18n.text(lang, "export-respondent", &[]), n + 1)
            } else {
                unit_text(&r.unit_key)
            },
            institute: inst.filter(|_| !anonymous).map(|i| i.acronym.clone()),
            country: country.map(|c| c.name(lang).to_string()),
            ceems: r.ceems,
        };
        let mut row = who_cells(&who, lang, i18n);
        row.push(Cell::Text(i18n.text(
            lang,
            &format!("status-{}", status_key(r.status)),
            &[],
        )));
        row.push(
            r.submitted_at
                .as_ref()
                .map_or(Cell::Empty, |t| Cell::Text(fmt_time(t))),
        );
        row.push(Cell::Text(fmt_time(&r.updated_at)));
        for q in &plain {
            row.extend(
                columns(&form, q)
                    .iter()
                    .map(|col| cell(&form, col, &answers, lang)),
            );
        }
        main.rows.push(row);
        nested_rows(&form, &answers, &who, lang, i18n, &mut nested);
        responses.push(Exported {
            unit: who.unit.clone(),
            institute: who.institute.clone(),
            country: r.country_code.clone(),
            ceems: r.ceems,
            status: r.status,
            submitted_at: r.submitted_at.as_ref().map(|t| t.to_rfc3339()),
            updated_at: r.updated_at.to_rfc3339(),
            answers,
        });
    }
    let mut tables = vec![main];
    tables.extend(nested);
    let indicators = indicators::compute(db, c, lang, i18n).await?;
    Ok(Export {
        campaign: c.clone(),
        form,
        tables,
        responses,
        indicators,
    })
}

/// The rows of every group and grid of one response, into their tables (in the form's order).
fn nested_rows(
    form: &Form,
    answers: &Answers,
    who: &Who,
    lang: Lang,
    i18n: &I18n,
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
        let Some(table) = tables.iter_mut().find(|t| t.name == parent.id) else {
            continue;
        };
        let mut cells = who_cells(who, lang, i18n);
        cells.push(match choice {
            Some(c) => Cell::Text(c.label(lang).to_string()),
            None => Cell::Number((index + 1) as f64),
        });
        for inner in &parent.questions {
            cells.extend(
                columns(form, inner)
                    .iter()
                    .map(|col| cell(form, col, row, lang)),
            );
        }
        table.rows.push(cells);
    }
}

fn unit_text(key: &UnitKey) -> String {
    key.to_string()
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Submitted => "submitted",
        Status::Returned => "returned",
    }
}
