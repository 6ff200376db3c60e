//! Staff accounts and campaigns from the command line: each subcommand parses, calls the same
//! command the browser calls (as the machine's operator, on the trail), and prints.
use crate::app::App;
use crate::audit::Actor;
use crate::directory::{accounts, staff_user::Role};
use crate::responses::{self, progress};
use crate::{campaigns, Error, Result};
use clap::{Subcommand, ValueEnum};
use sea_orm::ActiveEnum;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a staff account, or reset its password and role (its sessions end). Password
    /// from COOMET_PASSWORD, or typed without echo.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Deactivate an account: it signs in no more, and its sessions end now.
    Deactivate {
        #[arg(long)]
        email: String,
    },
    /// Reset an account's second factor (a lost phone): its secret and recovery codes are
    /// forgotten and its sessions end; it signs in with its password and sets up again.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
pub enum CampaignCommand {
    /// Open a campaign; prints its id.
    Open {
        #[arg(long)]
        form: String,
        /// The survey's version (default: the latest); `forms list` shows them.
        #[arg(long)]
        version: Option<i32>,
        #[arg(long)]
        year: i32,
        /// Last day answers are accepted (YYYY-MM-DD), today or later.
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
    /// Close a campaign now: no more answers or reminders; links show the answers read-only.
    Close { campaign: i32 },
    /// Open a closed campaign again; with --closes the contacts are told the new closing day.
    Reopen {
        campaign: i32,
        #[arg(long)]
        closes: Option<chrono::NaiveDate>,
    },
    /// Delete a campaign that nobody has answered.
    Delete { campaign: i32 },
    /// Change when the campaign's automatic reminders go out.
    Schedule {
        campaign: i32,
        /// Days before the closing day, e.g. "14,7,2"; "" for no automatic reminders.
        #[arg(long)]
        days: String,
        /// At most this many reminders per contact.
        #[arg(long, default_value_t = 3)]
        max: i32,
        /// At least this many days between two reminders to a contact.
        #[arg(long, default_value_t = 3)]
        gap: i32,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
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

pub async fn user(app: &App, command: UserCommand) -> Result<()> {
    let actor = Actor::cli();
    match command {
        UserCommand::Add { email, role } => {
            let password = match std::env::var("COOMET_PASSWORD") {
                Ok(p) => p,
                Err(_) => read_password(&email)?,
            };
            let replace = accounts::IfExists::Replace;
            let user = accounts::add(&app.db, &actor, &email, role.into(), &password, replace)
                .await?
                .ok_or(Error::NotFound)?;
            println!("{} ({})", user.email, user.role.to_value());
        }
        UserCommand::Deactivate { email } => {
            accounts::deactivate_address(&app.db, &actor, &email).await?;
            println!("{email}: deactivated");
        }
        UserCommand::ResetSecondFactor { email } => {
            let user = accounts::reset_second_factor(&app.db, &actor, &email).await?;
            println!("{}: second factor reset; sessions ended", user.email);
        }
    }
    Ok(())
}

pub async fn campaign(app: &App, command: CampaignCommand) -> Result<()> {
    let by = Actor::cli();
    let today = chrono::Utc::now().date_naive();
    match command {
        CampaignCommand::Open {
            form,
            version,
            year,
            closes,
            remind_days,
            remind_max,
            remind_gap,
        } => {
            let plan = campaigns::ReminderPlan {
                days: remind_days.parse()?,
                max: remind_max,
                gap_days: remind_gap,
            };
            let survey = campaigns::Opening {
                form: &form,
                version,
            };
            let c = campaigns::open(app, &by, survey, year, closes, &plan).await?;
            println!("{}", c.id);
        }
        CampaignCommand::List => return list(app).await,
        CampaignCommand::Extend { campaign, closes } => {
            let n = responses::deadlines::extend(app, &by, campaign, closes, today).await?;
            println!("closing day moved to {closes}; {n} contacts will be told");
        }
        CampaignCommand::Close { campaign } => {
            campaigns::close(app, &by, campaign).await?;
            println!("campaign {campaign} closed");
        }
        CampaignCommand::Reopen { campaign, closes } => {
            let n = responses::deadlines::reopen(app, &by, campaign, closes, today).await?;
            println!("campaign {campaign} open again; {n} contacts will be told");
        }
        CampaignCommand::Delete { campaign } => {
            responses::delete_campaign(app, &by, campaign).await?;
            println!("campaign {campaign} deleted");
        }
        CampaignCommand::Schedule {
            campaign,
            days,
            max,
            gap,
        } => {
            let plan = campaigns::ReminderPlan {
                days: days.parse()?,
                max,
                gap_days: gap,
            };
            let c = campaigns::schedule_reminders(app, &by, campaign, &plan).await?;
            println!("campaign {campaign}: reminders on days {}", c.reminder_days);
        }
    }
    Ok(())
}

async fn list(app: &App) -> Result<()> {
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
    Ok(())
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
