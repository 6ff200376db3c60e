//! `forms`: the surveys' versions from a shell. `list` shows them with their campaigns,
//! `export` writes a version's TOML as it was published, `import` checks a file, prints its
//! difference from the latest version and publishes it as the next (not with `--dry-run`);
//! `check` checks files without a database.
use super::LangArg;
use crate::app::App;
use crate::audit::Actor;
use crate::forms::versions::{self, Checked};
use crate::forms::{diff, lists, xlsform};
use crate::i18n::Lang;
use crate::{campaigns, Error, Result};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::forms::versions::MAX_SOURCE_BYTES;

#[derive(Subcommand)]
pub enum FormsCommand {
    /// Validate every schema of a folder (default: forms/), or one file among those of its
    /// folder; prints file:line: message per problem; exit 1 if any.
    Check { dir: Option<PathBuf> },
    /// Every survey with its versions (who published each, when) and the campaigns of each.
    List,
    /// Write a version of a survey as it was published.
    Export {
        id: String,
        /// The version (default: the latest).
        #[arg(long)]
        version: Option<i32>,
        #[arg(long, value_enum, default_value = "toml")]
        format: SchemaFormat,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Check a schema file, print its difference from the survey's latest version and what the
    /// difference does, and publish it as the next version; exit 1 on any problem, and
    /// nothing changes.
    Import {
        file: PathBuf,
        /// Check and print only; publish nothing.
        #[arg(long)]
        dry_run: bool,
        /// Language of the difference.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaFormat {
    Toml,
    /// An XLSForm workbook (`forms/README.md`, "XLSForm").
    Xlsx,
}

pub async fn run(app: &App, command: FormsCommand) -> Result<ExitCode> {
    match command {
        FormsCommand::Check { .. } => unreachable!("checked before connecting"),
        FormsCommand::List => list(app).await?,
        FormsCommand::Export {
            id,
            version,
            format,
            output,
        } => export(app, &id, version, format, &output).await?,
        FormsCommand::Import {
            file,
            dry_run,
            lang,
        } => return import(app, &file, dry_run, lang.into()).await,
    }
    Ok(ExitCode::SUCCESS)
}

async fn export(
    app: &App,
    id: &str,
    version: Option<i32>,
    format: SchemaFormat,
    output: &Path,
) -> Result<()> {
    let number = match version {
        Some(v) => v,
        None => match app.forms.get(&app.db, id, None).await? {
            Some((n, _)) => n,
            None => return Err(crate::Refusal::UnknownForm(id.into()).into()),
        },
    };
    let unknown = || crate::Refusal::UnknownVersion {
        form: id.into(),
        version: number,
    };
    let bytes = match format {
        SchemaFormat::Toml => {
            let record = versions::record(&app.db, id, number).await?;
            record.ok_or_else(unknown)?.source.into_bytes()
        }
        SchemaFormat::Xlsx => versions::workbook(&app.forms, &app.db, id, number)
            .await?
            .ok_or_else(unknown)?,
    };
    std::fs::write(output, bytes)?;
    println!("{id} version {number} written to {}", output.display());
    Ok(())
}

async fn list(app: &App) -> Result<()> {
    let all = versions::list(&app.db).await?;
    let mut campaigns_of = std::collections::BTreeMap::new();
    for p in &all {
        if !campaigns_of.contains_key(&p.form_id) {
            let cs = campaigns::of_form(&app.db, &p.form_id).await?;
            campaigns_of.insert(p.form_id.clone(), cs);
        }
    }
    for p in &all {
        let used: Vec<String> = campaigns_of[&p.form_id]
            .iter()
            .filter(|c| c.form_version == Some(p.version))
            .map(|c| format!("{} (campaign {})", c.year, c.id))
            .collect();
        println!(
            "{}\tversion {}\t{}\t{}\t{}",
            p.form_id,
            p.version,
            crate::dates::fmt_time(&p.published_at),
            p.published_by,
            if used.is_empty() {
                "no campaign".to_string()
            } else {
                used.join(", ")
            }
        );
    }
    Ok(())
}

/// A file given to `forms import`: a schema's text, or a workbook.
enum Upload {
    Text(String),
    Workbook(Vec<u8>),
}

/// Reads a workbook (bounded as `xlsform` bounds it) or a schema's text.
fn read_upload(file: &Path) -> Result<Upload> {
    let size = std::fs::metadata(file)?.len();
    let mut head = [0u8; 4];
    let n = std::io::Read::read(&mut std::fs::File::open(file)?, &mut head)?;
    if !xlsform::is_workbook(&head[..n]) {
        return Ok(Upload::Text(read_schema(file)?));
    }
    if size > xlsform::MAX_WORKBOOK_BYTES as u64 {
        return Err(Error::Invalid(format!(
            "{}: {size} bytes, more than a workbook's {}",
            file.display(),
            xlsform::MAX_WORKBOOK_BYTES
        )));
    }
    Ok(Upload::Workbook(std::fs::read(file)?))
}

/// Reads a schema file from outside: bounded, and UTF-8 or refused.
pub fn read_schema(file: &Path) -> Result<String> {
    let size = std::fs::metadata(file)?.len();
    if size > MAX_SOURCE_BYTES as u64 {
        return Err(Error::Invalid(format!(
            "{}: {size} bytes, more than a schema's {MAX_SOURCE_BYTES}",
            file.display()
        )));
    }
    String::from_utf8(std::fs::read(file)?)
        .map_err(|_| Error::Invalid(format!("{}: not UTF-8 text", file.display())))
}

async fn import(app: &App, file: &Path, dry_run: bool, lang: Lang) -> Result<ExitCode> {
    let name = file.display().to_string();
    let i18n = &app.renderer.i18n;
    let (source, workbook) = match read_upload(file)? {
        Upload::Text(source) => (source, None),
        Upload::Workbook(bytes) => match xlsform::import(&name, &bytes) {
            Ok(imported) => (imported.source.clone(), Some(imported)),
            Err(problems) => {
                for p in problems {
                    println!("{}", p.text(i18n, lang));
                }
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    let lists = lists::store::current(&app.db, &app.config.seeds_dir).await?;
    let candidate = match versions::check(&app.forms, &app.db, &lists, &name, &source).await? {
        Checked::Problems(problems) => {
            let problems = match &workbook {
                Some(w) => w.locate(problems),
                None => problems,
            };
            for p in problems {
                println!("{}", p.text(i18n, lang));
            }
            return Ok(ExitCode::FAILURE);
        }
        Checked::Ready(c) => c,
    };
    let id = &candidate.form.id;
    let base = candidate.base.as_ref().map(|(n, _)| *n);
    match base {
        None => println!("{id}: a new survey, version 1"),
        Some(n) if candidate.changes.is_empty() => {
            println!("{id}: no difference from version {n}; nothing to publish");
            return Ok(ExitCode::SUCCESS);
        }
        Some(n) => {
            println!("{id}: version {} against version {n}:", n + 1);
            for d in candidate.described(i18n, lang) {
                println!("- {}", d.change);
                for e in d.effects {
                    println!("    {e}");
                }
            }
            if let Some((_, old)) = &candidate.base {
                for p in diff::proposals(old, &candidate.form, &candidate.changes) {
                    let args = [("to", p.to.clone()), ("from", p.from.clone())];
                    let text = i18n.text(lang, "cli-proposal", &args);
                    println!("? {text}: was = \"{}\"", p.was());
                }
            }
        }
    }
    if dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    let (number, _) = versions::publish(
        (&app.forms, &app.db),
        &Actor::cli(),
        (&lists, i18n),
        (&name, &source),
        base,
    )
    .await?;
    println!("{id}: version {number} published");
    Ok(ExitCode::SUCCESS)
}
