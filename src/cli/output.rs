//! What the command line prints: delivery with a progress bar, and indicator values.
use crate::app::App;
use crate::campaigns::tokens::Minter;
use crate::i18n::Lang;
use crate::mail::{deliver_due, outbox};
use crate::{indicators, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub async fn send_all(app: &App) -> Result<ExitCode> {
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .count(&app.db)
        .await?;
    let bar = ProgressBar::new(due);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let links = Minter::new(app.db.clone(), &app.mailer.public_url);
    let mut total = crate::mail::DeliveryReport::default();
    loop {
        let report = deliver_due(&app.db, &app.mailer, &links, 100, &|m| {
            bar.inc(1);
            bar.set_message(m.to_addr.clone());
        })
        .await?;
        total.sent += report.sent;
        total.retrying += report.retrying;
        total.failed += report.failed;
        if report.attempted() == 0 {
            break;
        }
    }
    bar.finish_and_clear();
    let bounced = crate::jobs::record_bounces(app).await?;
    println!(
        "{} sent, {} to retry later, {} failed ({bounced} addresses refused, marked on their contacts)",
        total.sent, total.retrying, total.failed
    );
    Ok(if total.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub fn print_indicators(
    app: &App,
    values: &[indicators::IndicatorValue],
    format: Format,
    lang: Lang,
) -> Result<()> {
    let fmt = crate::forms::validate::fmt_num;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(values)?),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(["indicator", "codes", "row", "column", "value"])?;
            for v in values {
                if let Some(value) = v.value {
                    w.write_record([v.id.as_str(), &v.codes.join(" "), "", "value", &fmt(value)])?;
                }
                for r in &v.rows {
                    // Row labels can be respondents' own words ("other, please specify").
                    let label = crate::cells::spreadsheet_safe(&r.label);
                    for (col, cell) in v.columns.iter().zip(&r.cells) {
                        w.write_record([
                            v.id.as_str(),
                            &v.codes.join(" "),
                            &label,
                            &col.key,
                            &fmt(*cell),
                        ])?;
                    }
                }
            }
            w.flush()?;
        }
        Format::Table => {
            for v in values {
                let head = match (v.value, v.met) {
                    (Some(x), Some(met)) => {
                        format!(" = {} ({})", fmt(x), if met { "met" } else { "not met" })
                    }
                    (Some(x), None) => format!(" = {}", fmt(x)),
                    _ => String::new(),
                };
                println!("{} [{}] {}{head}", v.id, v.codes.join(", "), v.label);
                let cols: Vec<String> = v
                    .columns
                    .iter()
                    .map(|c| c.title(&app.renderer.i18n, lang))
                    .collect();
                println!(
                    "  {:<48} {}",
                    "",
                    cols.iter().map(|c| format!("{c:>10}")).collect::<String>()
                );
                for r in &v.rows {
                    let label: String = r.label.chars().take(48).collect();
                    println!(
                        "  {:<48} {}",
                        label,
                        r.cells
                            .iter()
                            .map(|c| format!("{:>10}", fmt(*c)))
                            .collect::<String>()
                    );
                }
                println!();
            }
        }
    }
    Ok(())
}
