//! The mail part: the existing mail-bench executable (tools/mail-bench), built by the same
//! cargo invocation, run as it is; its table is shown as printed and its two rows are read.
use crate::Result;
use std::path::Path;
use std::process::{Command, Stdio};

/// One row of mail-bench's table.
#[derive(Debug, Clone, Default)]
pub struct Part {
    pub messages: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub peak_mb: f64,
}

pub struct Mail {
    pub outbox: Part,
    pub lettre: Part,
    /// mail-bench's own report, as printed.
    pub report: String,
    pub complete: bool,
}

/// Runs `mail-bench --messages n [--database-url url]`; its progress goes to our stderr.
pub fn run(exe: &Path, messages: usize, database_url: Option<&str>) -> Result<Mail> {
    if !exe.exists() {
        return Err(format!(
            "{} is missing: build it with cargo build --release -p mail-bench",
            exe.display()
        )
        .into());
    }
    let mut cmd = Command::new(exe);
    cmd.args(["--messages", &messages.to_string()]);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::inherit()).output()?;
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let row = |name: &str| -> Result<Part> {
        let line = report
            .lines()
            .find(|l| l.starts_with(name))
            .ok_or_else(|| format!("mail-bench printed no row {name:?}:\n{report}"))?;
        let cells: Vec<&str> = line[name.len()..].split_whitespace().collect();
        let [messages, seconds, per_second, peak_mb] = cells[..] else {
            return Err(format!("unexpected mail-bench row {line:?}").into());
        };
        Ok(Part {
            messages: messages.parse()?,
            seconds: seconds.parse()?,
            per_second: per_second.parse().unwrap_or(0.0),
            peak_mb: peak_mb.parse()?,
        })
    };
    Ok(Mail {
        outbox: row("coomet-surveys outbox")?,
        lettre: row("lettre alone")?,
        complete: out.status.success(),
        report,
    })
}
