//! `token create|list|revoke`: the read API's bearer tokens from the command line, for the
//! operator's scripts (the secretariat has the same at /admin/api-tokens).
use crate::app::App;
use crate::audit::Actor;
use crate::directory::api_tokens::{self, Scope};
use crate::Result;
use clap::{Subcommand, ValueEnum};

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Make a token and print it once (only its digest is kept).
    Create {
        /// What the token is for, e.g. "TC 4 dashboard".
        #[arg(long)]
        name: String,
        /// read: everything the secretariat reads; review: what a reviewer reads.
        #[arg(long, value_enum, default_value = "review")]
        scope: ScopeArg,
    },
    /// Every token with its scope, creator and last use.
    List,
    /// Revoke a token for good.
    Revoke { id: i32 },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    Read,
    Review,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::Read => Scope::Read,
            ScopeArg::Review => Scope::Review,
        }
    }
}

pub async fn run(app: &App, command: TokenCommand) -> Result<()> {
    let actor = Actor::cli();
    match command {
        TokenCommand::Create { name, scope } => {
            let (token, secret) = api_tokens::create(&app.db, &actor, &name, scope.into()).await?;
            eprintln!("token {} made; it is shown this once:", token.id);
            println!("{secret}");
        }
        TokenCommand::List => {
            for t in api_tokens::list(&app.db).await? {
                let used = t
                    .last_used_at
                    .map_or("-".into(), |u| crate::i18n::fmt_time(&u));
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "live"
                };
                let scope = serde_json::to_value(t.scope)?;
                let scope = scope.as_str().unwrap_or_default();
                println!(
                    "{}\t{}\t{scope}\t{state}\t{}\t{used}",
                    t.id, t.name, t.created_by
                );
            }
        }
        TokenCommand::Revoke { id } => {
            api_tokens::revoke(&app.db, &actor, id).await?;
            println!("token {id} revoked");
        }
    }
    Ok(())
}
