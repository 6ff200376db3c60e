//! The `coomet-surveys` command line. Every subcommand works on the same `App` as the service.
use crate::app::App;
use crate::campaigns::tokens::Minter;
use crate::directory::{seed, staff, staff_user::Role};
use crate::forms::check_dir;
use crate::i18n::Lang;
use crate::mail::{deliver_due, outbox};
use crate::responses::{digest, progress, reminders};
use crate::{campaigns, indicators, Config, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
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
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
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
        #[arg(long, value_enum)]
        role: RoleArg,
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
    /// Move the closing day of an open campaign; every invited contact is told once by mail.
    Extend {
        campaign: i32,
        /// The new last day answers are accepted (YYYY-MM-DD), today or later.
        #[arg(long)]
        closes: chrono::NaiveDate,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Deliver the outbox now, with a progress bar; exit non-zero if a message failed for good.
    Send,
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Secretariat,
    Reviewer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Secretariat => Role::Secretariat,
            RoleArg::Reviewer => Role::Reviewer,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ru,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Ru => Lang::Ru,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

pub fn init_tracing() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    // Rocket's request lines (through the `log` bridge) and handlebars' debug output hold every
    // personal link (`GET /r/<token>`, the page's URLs): kept out whatever RUST_LOG says.
    for quiet in ["rocket::server=warn", "handlebars=warn"] {
        if let Ok(directive) = quiet.parse() {
            filter = filter.add_directive(directive);
        }
    }
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
    let config = Config::from_env()?;
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
                Err(_) => read_password(&email)?,
            };
            let user = staff::add_user(&app.db, &email, role.into(), &password).await?;
            println!("{} ({})", user.email, user.role.to_value());
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
            for s in progress::list(&app.db).await? {
                let c = &s.campaign;
                println!(
                    "{:>4}  {:<22} {:>4}  {:<7} {:>7} {:>6} {:>9}",
                    c.id,
                    c.form_id,
                    c.year,
                    c.status.to_value(),
                    s.invited_units,
                    s.drafts,
                    s.submitted
                );
            }
        }
        Command::Campaign {
            command: CampaignCommand::Extend { campaign, closes },
        } => {
            let today = chrono::Utc::now().date_naive();
            let n = campaigns::extend(&app, campaign, closes, today).await?;
            println!("closing day moved to {closes}; {n} contacts will be told");
        }
        Command::Invite { campaign } => {
            let n = campaigns::invite(&app, campaign).await?;
            println!("{n} invitations queued");
        }
        Command::Remind { campaign, dry_run } => {
            if dry_run {
                let c = campaigns::get(&app.db, campaign).await?;
                for p in reminders::pending(&app.db, &c).await? {
                    println!(
                        "{}\t{}\t{}",
                        p.institute.acronym, p.contact.email, p.contact.language
                    );
                }
            } else {
                let today = chrono::Utc::now().date_naive();
                let why = reminders::Why::Manual(today);
                let n = reminders::remind(&app, campaign, why, today).await?;
                println!("{n} reminders queued");
            }
        }
        Command::Digest { campaign } => match digest::send(&app, campaign).await? {
            Some(n) => println!("digest queued for {n} contacts"),
            None => {
                eprintln!("campaign {campaign} has no submitted answers to circulate");
                return Ok(ExitCode::FAILURE);
            }
        },
        Command::Mail {
            command: MailCommand::Send,
        } => return send_all(&app).await,
        Command::Indicators {
            campaign,
            format,
            lang,
        } => {
            let c = campaigns::get(&app.db, campaign).await?;
            let lang = Lang::from(lang);
            let values = indicators::compute(&app.db, &c, lang, &app.renderer.i18n).await?;
            print_indicators(&app, &values, format, lang)?;
        }
        // Both ran above, before connecting.
        Command::Forms { .. } | Command::Migrate => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// From a terminal without echo; from a pipe, its first line.
fn read_password(email: &str) -> Result<String> {
    use std::io::IsTerminal;
    let prompt = format!("password for {email} (at least 10 characters), then Enter: ");
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password(prompt)?);
    }
    eprintln!("{prompt}");
    let mut input = String::new();
    std::io::stdin().read_line(&mut input)?;
    Ok(input.trim_end_matches(['\r', '\n']).to_string())
}

async fn serve(app: App) -> Result<()> {
    if seed::seed_if_empty(&app.db, &app.config.seeds_dir).await? {
        tracing::info!("empty database: loaded reference data and the demo directory");
    }
    crate::web::service(app)?
        .launch()
        .await
        .map_err(|e| crate::Error::Io(std::io::Error::other(format!("the web service: {e}"))))?;
    Ok(())
}

async fn send_all(app: &App) -> Result<ExitCode> {
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
