//! A campaign's indicators as the command line prints them: a table for people (columns as
//! wide as their headings, `%` on rates, every word in the chosen language), or JSON and CSV
//! that say which campaign, survey and year they are of, with the columns' titles.
use crate::app::App;
use crate::campaigns::campaign;
use crate::cells::spreadsheet_safe;
use crate::forms::validate::fmt_num;
use crate::i18n::Lang;
use crate::indicators::{figure, IndicatorValue};
use crate::Result;
use clap::ValueEnum;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub fn print(
    app: &App,
    c: &campaign::Model,
    values: &[IndicatorValue],
    format: Format,
    lang: Lang,
) -> Result<()> {
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    let title = c.form()?.title.get(lang).to_string();
    match format {
        Format::Json => {
            let indicators: Vec<serde_json::Value> = values
                .iter()
                .map(|v| {
                    let columns: Vec<serde_json::Value> = v
                        .columns
                        .iter()
                        .map(|col| {
                            let title = col.title(&app.renderer.i18n, lang);
                            serde_json::json!({"key": col.key, "title": title, "percent": col.percent})
                        })
                        .collect();
                    // The texts of a `texts` indicator, as the API gives them.
                    serde_json::json!({
                        "id": v.id, "codes": v.codes, "label": v.label, "value": v.value,
                        "value_percent": v.value_percent, "target": v.target, "met": v.met,
                        "columns": columns, "rows": v.rows, "texts": v.quotes,
                        "submitted": v.submitted, "answered": v.answered,
                        "withheld": v.withheld,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "campaign": c.id, "survey": c.form_id, "title": title, "year": c.year,
                "language": lang, "indicators": indicators,
            });
            println!("{}", serde_json::to_string_pretty(&doc)?);
        }
        Format::Csv => csv(app, c, values, lang)?,
        Format::Table => {
            println!("{title} — {} ({} {})", c.year, text("out-campaign"), c.id);
            println!();
            for v in values {
                table(app, v, lang);
            }
        }
    }
    Ok(())
}

fn csv(app: &App, c: &campaign::Model, values: &[IndicatorValue], lang: Lang) -> Result<()> {
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    let mut w = csv::Writer::from_writer(std::io::stdout());
    let keys = [
        "campaign",
        "survey",
        "year",
        "indicator",
        "codes",
        "row",
        "column",
        "value",
    ];
    w.write_record(keys.map(|k| text(&format!("out-{k}"))))?;
    let (id, year) = (c.id.to_string(), c.year.to_string());
    for v in values {
        let codes = v.codes.join(" ");
        let head = [id.as_str(), &c.form_id, &year, &v.id, &codes];
        if let Some(value) = v.value {
            let headline = text("out-headline");
            w.write_record(head.iter().copied().chain(["", &headline, &fmt_num(value)]))?;
        }
        for r in &v.rows {
            // Row labels can be respondents' own words ("other, please specify").
            let label = spreadsheet_safe(&r.label);
            for (col, cell) in v.columns.iter().zip(&r.cells) {
                let column = col.title(&app.renderer.i18n, lang);
                let column = spreadsheet_safe(&column);
                w.write_record(
                    head.iter()
                        .copied()
                        .chain([&*label, &*column, &fmt_num(*cell)]),
                )?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Respondents' words as a terminal prints them: a control character (an escape sequence
/// that would move the cursor or retitle the window) shown as a replacement mark.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Longest row label printed in full.
const LABEL_MAX: usize = 48;

fn table(app: &App, v: &IndicatorValue, lang: Lang) {
    let text = |key: &str| app.renderer.text(lang, key, &[]);
    let head = match (v.value, v.met) {
        (Some(x), Some(met)) => {
            let word = text(if met { "out-met" } else { "out-not-met" });
            format!(" = {} ({word})", figure(x, v.value_percent, lang))
        }
        (Some(x), None) => format!(" = {}", figure(x, v.value_percent, lang)),
        _ => String::new(),
    };
    println!("{} [{}] {}{head}", v.id, v.codes.join(", "), v.label);
    let titles: Vec<String> = v
        .columns
        .iter()
        .map(|c| c.title(&app.renderer.i18n, lang))
        .collect();
    let cells: Vec<Vec<String>> = v
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .zip(&v.columns)
                .map(|(n, c)| figure(*n, c.percent, lang))
                .collect()
        })
        .collect();
    let label_width = v
        .rows
        .iter()
        .map(|r| r.label.chars().count().min(LABEL_MAX))
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let widest = cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count());
            widest.chain([t.chars().count()]).max().unwrap_or(0)
        })
        .collect();
    let line = |label: &str, row: &[String]| {
        let cols: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect();
        println!("  {label:<label_width$}  {}", cols.join("  "));
    };
    line("", &titles);
    for (r, row) in v.rows.iter().zip(&cells) {
        let label: String = match r.label.chars().count() > LABEL_MAX {
            true => r.label.chars().take(LABEL_MAX - 1).chain(['…']).collect(),
            false => r.label.clone(),
        };
        line(&plain(&label), row);
    }
    for q in &v.quotes {
        let by = match q.by.is_empty() {
            true => String::new(),
            false => format!(" — {}", q.by.join(", ")),
        };
        println!("  · {}: {}{}", plain(&q.group), plain(&q.text), plain(&by));
    }
    println!();
}
