//! What the command line prints: delivery with a progress bar.
use crate::app::App;
use crate::campaigns::tokens::Minter;
use crate::mail::{deliver_due, outbox};
use crate::Result;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::process::ExitCode;

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
    let links = Minter::new(app.db.clone(), &app.link_base().await?);
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
