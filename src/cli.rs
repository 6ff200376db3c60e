//! The `coomet-surveys` command line. Every subcommand works on the same `App` as the service.
use crate::app::App;
use crate::directory::{seed, staff};
use crate::forms::check_dir;
use crate::mail::{deliver_due, outbox};
use crate::{campaigns, indicators, Config, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "coomet-surveys",
    version,
    about = "COOMET survey and data-collection service"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web service (migrates first; seeds an empty database with the demo directory).
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Load reference data from seeds/ (idempotent).
    Seed {
        /// Also load the invented demo contacts under example.org.
        #[arg(long)]
        demo: bool,
    },
    /// Form schemas.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
    },
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Campaigns: a survey opened for a year.
    Campaign {
        #[command(subcommand)]
        command: CampaignCommand,
    },
    /// Queue an invitation for every invited contact that has none yet.
    Invite { campaign: i32 },
    /// Queue a reminder for every invited contact whose unit has not submitted (one a day).
    Remind {
        campaign: i32,
        /// Only list who would get one.
        #[arg(long)]
        dry_run: bool,
    },
    /// Mail the campaign's submitted answers to every contact (e.g. the traineeship offers).
    Digest { campaign: i32 },
    /// Mail.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// The campaign's indicator values.
    Indicators {
        campaign: i32,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Language of labels.
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

#[derive(Subcommand)]
enum FormsCommand {
    /// Validate every schema; prints file:line: message per problem; exit 1 if any.
    Check { dir: Option<PathBuf> },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account (or reset its password). Password from COOMET_PASSWORD or stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["secretariat", "reviewer"])]
        role: String,
    },
}

#[derive(Subcommand)]
enum CampaignCommand {
    /// Open a campaign; prints its id.
    Open {
        #[arg(long)]
        form: String,
        #[arg(long)]
        year: i32,
        /// Last day answers are accepted (YYYY-MM-DD).
        #[arg(long)]
        closes: Option<chrono::NaiveDate>,
        /// Days before the closing day on which reminders go out automatically; "" for none.
        #[arg(long, default_value = "14,7,2")]
        remind_days: String,
        /// At most this many reminders per contact.
        #[arg(long, default_value_t = 3)]
        remind_max: i32,
        /// At least this many days between two reminders to a contact.
        #[arg(long, default_value_t = 3)]
        remind_gap: i32,
    },
    /// Campaigns with response counts.
    List,
}

#[derive(Subcommand)]
enum MailCommand {
    /// Deliver the outbox now, with a progress bar; exit non-zero if a message failed for good.
    Send,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

pub async fn main() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let config = Config::from_env();
    match cli.command {
        Command::Forms {
            command: FormsCommand::Check { dir },
        } => {
            let dir = dir.unwrap_or_else(|| config.forms_dir.clone());
            let problems = check_dir(&dir, &config.seeds_dir)?;
            for p in &problems {
                println!("{p}");
            }
            if problems.is_empty() {
                println!("{}: all forms are valid", dir.display());
                return Ok(ExitCode::SUCCESS);
            }
            return Ok(ExitCode::FAILURE);
        }
        Command::Migrate => {
            let db = crate::db::connect(&config.database_url).await?;
            crate::db::migrate(&db).await?;
            println!("migrations applied");
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let app = App::init(config).await?;
    match cli.command {
        Command::Serve => serve(app).await?,
        Command::Seed { demo } => {
            let r = seed::seed(&app.db, &app.config.seeds_dir, demo).await?;
            println!(
                "{} countries, {} institutes, {} contacts",
                r.countries, r.institutes, r.contacts
            );
        }
        Command::User {
            command: UserCommand::Add { email, role },
        } => {
            let password = match std::env::var("COOMET_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("password for {email} (at least 10 characters), then Enter:");
                    let mut input = String::new();
                    std::io::stdin().read_line(&mut input)?;
                    input.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let user = staff::add_user(&app.db, &email, &role, &password).await?;
            println!("{} ({})", user.email, user.role);
        }
        Command::Campaign {
            command:
                CampaignCommand::Open {
                    form,
                    year,
                    closes,
                    remind_days,
                    remind_max,
                    remind_gap,
                },
        } => {
            let plan = campaigns::ReminderPlan {
                days: campaigns::ReminderPlan::parse_days(&remind_days)?,
                max: remind_max,
                gap_days: remind_gap,
            };
            let c = campaigns::open(&app.db, &app.forms, &form, year, closes, &plan).await?;
            println!("{}", c.id);
        }
        Command::Campaign {
            command: CampaignCommand::List,
        } => {
            println!(
                "{:>4}  {:<22} {:>4}  {:<7} {:>7} {:>6} {:>9}",
                "id", "form", "year", "status", "invited", "drafts", "submitted"
            );
            for s in campaigns::list(&app.db).await? {
                let c = &s.campaign;
                println!(
                    "{:>4}  {:<22} {:>4}  {:<7} {:>7} {:>6} {:>9}",
                    c.id, c.form_id, c.year, c.status, s.invited_units, s.drafts, s.submitted
                );
            }
        }
        Command::Invite { campaign } => {
            let n = campaigns::invite(&app, campaign).await?;
            println!("{n} invitations queued");
        }
        Command::Remind { campaign, dry_run } => {
            if dry_run {
                let c = campaigns::get(&app.db, campaign).await?;
                for p in campaigns::reminders::pending(&app.db, &c).await? {
                    println!(
                        "{}\t{}\t{}",
                        p.institute.acronym, p.contact.email, p.contact.language
                    );
                }
            } else {
                let today = chrono::Utc::now().date_naive();
                let why = campaigns::reminders::Why::Manual(today);
                let n = campaigns::reminders::remind(&app, campaign, why, today).await?;
                println!("{n} reminders queued");
            }
        }
        Command::Digest { campaign } => {
            let n = campaigns::digest::send(&app, campaign).await?;
            println!("digest queued for {n} contacts");
        }
        Command::Mail {
            command: MailCommand::Send,
        } => return send_all(&app).await,
        Command::Indicators {
            campaign,
            format,
            lang,
        } => {
            let c = campaigns::get(&app.db, campaign).await?;
            let lang = crate::i18n::lang(&lang);
            let values = indicators::compute(&app.db, &c, lang).await?;
            print_indicators(&app, &values, format, lang)?;
        }
        // Both ran above, before connecting.
        Command::Forms { .. } | Command::Migrate => {}
    }
    Ok(ExitCode::SUCCESS)
}

async fn serve(app: App) -> Result<()> {
    if seed::seed_if_empty(&app.db, &app.config.seeds_dir).await? {
        tracing::info!("empty database: loaded reference data and the demo directory");
    }
    let worker = app.clone();
    tokio::spawn(async move {
        let mut schedule_checked: Option<std::time::Instant> = None;
        loop {
            // Scheduled reminders are looked at every ten minutes; the dedupe keys make a
            // second look on the same day harmless.
            if schedule_checked.is_none_or(|t| t.elapsed().as_secs() >= 600) {
                schedule_checked = Some(std::time::Instant::now());
                let today = chrono::Utc::now().date_naive();
                match crate::campaigns::reminders::run_schedule(&worker, today).await {
                    Ok(n) if n > 0 => tracing::info!(queued = n, "scheduled reminders"),
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "scheduled reminders"),
                }
            }
            match deliver_due(&worker, 100, &|_| {}).await {
                Ok(r) if r.attempted() > 0 => tracing::info!(
                    sent = r.sent,
                    retrying = r.retrying,
                    failed = r.failed,
                    "outbox"
                ),
                Ok(_) => tokio::time::sleep(std::time::Duration::from_secs(5)).await,
                Err(e) => {
                    tracing::error!(error = %e, "outbox worker");
                    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                }
            }
        }
    });
    let rocket = crate::web::rocket(app)?;
    rocket
        .launch()
        .await
        .map_err(|e| crate::Error::Invalid(format!("the web service stopped: {e}")))?;
    Ok(())
}

async fn send_all(app: &App) -> Result<ExitCode> {
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([outbox::QUEUED, outbox::SENDING]))
        .count(&app.db)
        .await?;
    let bar = ProgressBar::new(due);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut total = crate::mail::DeliveryReport::default();
    loop {
        let report = deliver_due(app, 100, &|m| {
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
    println!(
        "{} sent, {} to retry later, {} failed",
        total.sent, total.retrying, total.failed
    );
    Ok(if total.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_indicators(
    app: &App,
    values: &[indicators::IndicatorValue],
    format: Format,
    lang: &str,
) -> Result<()> {
    let fmt = crate::forms::validate::fmt_num;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(values)?),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let csv_err = |e: csv::Error| crate::Error::Invalid(e.to_string());
            w.write_record(["indicator", "codes", "row", "column", "value"])
                .map_err(csv_err)?;
            for v in values {
                if let Some(value) = v.value {
                    w.write_record([v.id.as_str(), &v.codes.join(" "), "", "value", &fmt(value)])
                        .map_err(csv_err)?;
                }
                for r in &v.rows {
                    for (col, cell) in v.columns.iter().zip(&r.cells) {
                        w.write_record([
                            v.id.as_str(),
                            &v.codes.join(" "),
                            &r.label,
                            &col.key,
                            &fmt(*cell),
                        ])
                        .map_err(csv_err)?;
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
