//! The `coomet-surveys` command line. Every subcommand works on the same `App` as the service.
use crate::app::App;

mod commands;
mod data;
mod forms;
mod indicators_out;
mod output;
mod tokens;

use crate::audit::Actor;
use crate::directory::seed;
use crate::forms::check_dir;
use crate::i18n::Lang;
use crate::responses::{digest, reminders};
use crate::{campaigns, indicators, Config, Result};
use clap::{Parser, Subcommand, ValueEnum};
use commands::{CampaignCommand, UserCommand};
use forms::FormsCommand;
use indicators_out::Format;
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
    /// Surveys: their versions, export, import, check.
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
        /// Only these units (e.g. institute:VNIIM); repeat for more. All pending units if none.
        #[arg(long = "unit")]
        units: Vec<crate::campaigns::UnitKey>,
        /// A sentence of the secretariat's own, quoted in the reminder.
        #[arg(long)]
        note: Option<String>,
    },
    /// Mail the campaign's submitted answers to every contact (e.g. the traineeship offers).
    Digest { campaign: i32 },
    /// Mail.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Write a campaign's responses to a file: CSV (a ZIP of one CSV per table when the survey
    /// has groups or grids), XLSX, or JSON with the schema.
    Export {
        campaign: i32,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Language of labels and headings.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// Name the columns by the questions' names (as in the survey's XLSForm workbook)
        /// instead of their labels.
        #[arg(long)]
        names: bool,
    },
    /// A consistent copy of the database while the service runs (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump, which must be installed).
    Backup {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// The annual report of a year as one HTML file (the page /review/report/YEAR shows).
    Report {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Bearer tokens of the read API (/api/v1).
    Token {
        #[command(subcommand)]
        command: tokens::TokenCommand,
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
enum MailCommand {
    /// Deliver the outbox now, with a progress bar; exit non-zero if a message failed for good.
    Send,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

impl From<ExportFormat> for crate::export::files::Format {
    fn from(f: ExportFormat) -> Self {
        use crate::export::files::Format;
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Json => Format::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
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
    // Colours off: an escape sequence in a logged value is escaped by the writer like any other.
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(crate::logs::Sanitised);
    // One JSON object per line for a log collector; readable lines otherwise.
    let _ = match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().try_init(),
        _ => logs.try_init(),
    };
}

pub async fn main() -> ExitCode {
    crate::private::restrict_process();
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
            let i18n = crate::i18n::I18n::load(&config.templates_dir.join("locales"))?;
            for p in &problems {
                println!("{}", p.text(&i18n, crate::i18n::Lang::En));
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
    on_app(&app, cli.command).await
}

/// The subcommands that work on the application, once it is built.
async fn on_app(app: &App, command: Command) -> Result<ExitCode> {
    match command {
        Command::Serve => serve(app.clone()).await?,
        Command::Seed { demo } => {
            let r = seed::seed(&app.db, &app.config.seeds_dir, demo).await?;
            println!(
                "{} countries, {} institutes, {} contacts",
                r.countries, r.institutes, r.contacts
            );
        }
        Command::User { command } => commands::user(app, command).await?,
        Command::Campaign { command } => commands::campaign(app, command).await?,
        Command::Invite { campaign } => {
            let n = campaigns::invite(app, &Actor::cli(), campaign).await?;
            println!("{n} invitations queued");
        }
        Command::Remind {
            campaign,
            dry_run,
            units,
            note,
        } => {
            let units = (!units.is_empty()).then(|| units.into_iter().collect());
            let what = reminders::Reminding { units, note };
            remind(app, campaign, what, dry_run).await?;
        }
        Command::Digest { campaign } => match digest::send(app, &Actor::cli(), campaign).await? {
            Some(n) => println!("digest queued for {n} contacts"),
            None => {
                eprintln!("campaign {campaign} has no submitted answers to circulate");
                return Ok(ExitCode::FAILURE);
            }
        },
        Command::Mail {
            command: MailCommand::Send,
        } => return output::send_all(app).await,
        Command::Indicators {
            campaign,
            format,
            lang,
        } => {
            let c = campaigns::get(&app.db, campaign).await?;
            let lang = Lang::from(lang);
            let values = indicators::compute(&app.db, &c, lang, &app.renderer.i18n).await?;
            indicators_out::print(app, &c, &values, format, lang)?;
        }
        Command::Export {
            campaign,
            format,
            output,
            lang,
            names,
        } => {
            let headings = match names {
                true => crate::export::Headings::Names,
                false => crate::export::Headings::Labels,
            };
            let wanted = (format.into(), headings);
            data::export(app, campaign, wanted, lang.into(), &output).await?
        }
        Command::Backup { output } => data::backup(app, &output).await?,
        Command::Token { command } => tokens::run(app, command).await?,
        Command::Report { year, lang, output } => {
            data::report(app, year, lang.into(), &output).await?
        }
        Command::Forms { command } => return forms::run(app, command).await,
        // It ran above, before connecting.
        Command::Migrate => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Queues the secretariat's reminder, or with `dry_run` lists who would get one.
async fn remind(app: &App, campaign: i32, what: reminders::Reminding, dry_run: bool) -> Result<()> {
    if dry_run {
        let c = campaigns::get(&app.db, campaign).await?;
        let pending = reminders::pending(&app.db, &c).await?;
        let chosen = pending
            .iter()
            .filter(|p| what.includes(&p.invitation.unit_key));
        for p in chosen {
            println!(
                "{}\t{}\t{}",
                p.institute.acronym, p.contact.email, p.contact.language
            );
        }
    } else {
        let today = chrono::Utc::now().date_naive();
        let n = reminders::remind(app, &Actor::cli(), campaign, what, today).await?;
        println!("{n} reminders queued");
    }
    Ok(())
}

async fn serve(app: App) -> Result<()> {
    app.record_public_url().await?;
    if seed::seed_if_empty(&app.db, &app.config.seeds_dir).await? {
        tracing::info!("empty database: loaded reference data and the demo directory");
    }
    crate::web::serve(app).await
}
