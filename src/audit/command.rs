//! One action of a member of staff or of the operator, as one write transaction: it is refused
//! at its start unless the actor may take it, its rules and writes (and the mail it queues) go
//! into the transaction, and it commits only together with its line on the trail. A command
//! that returns early, or whose audit line cannot be written, leaves nothing behind.
use super::{record, Action, Actor, Target};
use crate::{Error, Result};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

/// What an actor may do, in increasing order: reviewers read and look after their own account,
/// the secretariat runs the year, the operator at the command line may do everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Authority {
    Reviewer,
    Secretariat,
    Operator,
}

impl Action {
    /// The least authority that may take this action.
    pub fn needs(self) -> Authority {
        use Action::*;
        match self {
            SignIn | SignOut | PasswordChange | SessionEnd | SecondFactorOn | SecondFactorOff
            | RecoveryCodesNew | ReviewExport => Authority::Reviewer,
            SecondFactorReset => Authority::Operator,
            _ => Authority::Secretariat,
        }
    }
}

impl Actor {
    /// Refuses an action above this actor's authority, and says so in the log.
    pub fn may(&self, action: Action) -> Result<()> {
        if self.authority >= action.needs() {
            Ok(())
        } else {
            tracing::warn!(account = %self.who, ?action, "action refused: not for this role");
            Err(Error::Forbidden)
        }
    }
}

/// An action under way: its transaction, who takes it, and what it is.
pub struct Command<'a> {
    tx: DatabaseTransaction,
    by: &'a Actor,
    action: Action,
}

impl<'a> Command<'a> {
    /// Checks that `by` may take `action`, then opens its write transaction.
    pub async fn begin(db: &DatabaseConnection, by: &'a Actor, action: Action) -> Result<Self> {
        by.may(action)?;
        let tx = crate::db::begin_write(db).await?;
        Ok(Command { tx, by, action })
    }

    /// The action turned out to be another one once its rules read the database (adding an
    /// account that exists is changing it): recorded as that one, if the actor may take it.
    pub fn recorded_as(mut self, action: Action) -> Result<Self> {
        self.by.may(action)?;
        self.action = action;
        Ok(self)
    }

    /// The transaction, for the command's reads and writes.
    pub fn tx(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub fn by(&self) -> &Actor {
        self.by
    }

    /// Writes the line on the trail and commits everything together.
    pub async fn done(self, target: &Target, detail: Option<String>) -> Result<()> {
        record(&self.tx, self.by, self.action, target, detail).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// Records a read that reaches personal data (an export, a message opened) before the data is
/// handed out: a read the trail cannot hold does not happen.
pub async fn read(
    db: &DatabaseConnection,
    by: &Actor,
    action: Action,
    target: &Target,
    detail: Option<String>,
) -> Result<()> {
    Command::begin(db, by, action)
        .await?
        .done(target, detail)
        .await
}
