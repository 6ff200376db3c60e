//! The trail of staff actions: who did what, to what, when, and from where. Each line is written
//! by the action's own `Command`, in its transaction (`command.rs`); read on `/admin/audit`.
use crate::Result;

mod command;
pub use command::{read, Authority, Command};
use sea_orm::sea_query::StringLen;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

pub mod entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub at: DateTimeWithTimeZone,
        pub actor: String,
        pub action: super::Action,
        pub target: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub detail: Option<String>,
        pub ip: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Everything a member of staff can do that changes something or reaches personal data.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    sea_orm::EnumIter,
    sea_orm::DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    #[sea_orm(string_value = "sign-in")]
    SignIn,
    #[sea_orm(string_value = "sign-out")]
    SignOut,
    #[sea_orm(string_value = "user-add")]
    UserAdd,
    #[sea_orm(string_value = "user-change")]
    UserChange,
    #[sea_orm(string_value = "user-deactivate")]
    UserDeactivate,
    /// One's own password.
    #[sea_orm(string_value = "password-change")]
    PasswordChange,
    /// Another account's password, set by the secretariat (it was forgotten).
    #[sea_orm(string_value = "password-reset")]
    PasswordReset,
    /// Other sessions of one's own account ended from the account page.
    #[sea_orm(string_value = "session-end")]
    SessionEnd,
    /// A second factor confirmed by its first code.
    #[sea_orm(string_value = "second-factor-on")]
    SecondFactorOn,
    #[sea_orm(string_value = "second-factor-off")]
    SecondFactorOff,
    /// The operator's reset for a lost phone (the command line).
    #[sea_orm(string_value = "second-factor-reset")]
    SecondFactorReset,
    #[sea_orm(string_value = "recovery-codes-new")]
    RecoveryCodesNew,
    /// A new version of a survey, with the whole difference from the one before.
    #[sea_orm(string_value = "form-publish")]
    FormPublish,
    /// A new version of a reference list, with every entry added, reworded or retired.
    #[sea_orm(string_value = "list-publish")]
    ListPublish,
    #[sea_orm(string_value = "campaign-open")]
    CampaignOpen,
    #[sea_orm(string_value = "campaign-close")]
    CampaignClose,
    #[sea_orm(string_value = "campaign-reopen")]
    CampaignReopen,
    #[sea_orm(string_value = "campaign-extend")]
    CampaignExtend,
    #[sea_orm(string_value = "campaign-delete")]
    CampaignDelete,
    /// A later version's texts applied to an open campaign, with the old and the new texts.
    #[sea_orm(string_value = "campaign-correct")]
    CampaignCorrect,
    #[sea_orm(string_value = "invite")]
    Invite,
    #[sea_orm(string_value = "remind")]
    Remind,
    #[sea_orm(string_value = "remind-schedule")]
    RemindSchedule,
    #[sea_orm(string_value = "digest")]
    Digest,
    #[sea_orm(string_value = "response-return")]
    ResponseReturn,
    #[sea_orm(string_value = "mail-send")]
    MailSend,
    #[sea_orm(string_value = "mail-read")]
    MailRead,
    #[sea_orm(string_value = "response-accept")]
    ResponseAccept,
    /// Answers typed in by the secretariat from the institute's letter, which the detail names.
    #[sea_orm(string_value = "response-enter")]
    ResponseEnter,
    /// A file the institute sent, kept with its response.
    #[sea_orm(string_value = "response-attach")]
    ResponseAttach,
    #[sea_orm(string_value = "country-status")]
    CountryStatus,
    #[sea_orm(string_value = "institute-add")]
    InstituteAdd,
    #[sea_orm(string_value = "institute-change")]
    InstituteChange,
    #[sea_orm(string_value = "contact-add")]
    ContactAdd,
    #[sea_orm(string_value = "contact-change")]
    ContactChange,
    #[sea_orm(string_value = "contact-import")]
    ContactImport,
    /// Reading the whole directory out: every contact's name and address.
    #[sea_orm(string_value = "contact-export")]
    ContactExport,
    #[sea_orm(string_value = "handover-confirm")]
    HandoverConfirm,
    #[sea_orm(string_value = "handover-decline")]
    HandoverDecline,
    /// A campaign's responses downloaded or written to a file.
    #[sea_orm(string_value = "export")]
    Export,
    /// A campaign's responses as reviewers may have them (submitted ones, no names where the
    /// survey is per contact).
    #[sea_orm(string_value = "review-export")]
    ReviewExport,
    #[sea_orm(string_value = "api-token-create")]
    ApiTokenCreate,
    #[sea_orm(string_value = "api-token-revoke")]
    ApiTokenRevoke,
    /// A year's report: its preface or a survey's commentary written, the sections named.
    #[sea_orm(string_value = "report-write")]
    ReportWrite,
}

impl Action {
    /// Its name as stored (`campaign-open`).
    pub fn name(self) -> String {
        use sea_orm::ActiveEnum;
        self.to_value()
    }

    /// The key of its label in the locale files: `audit-<action>`.
    pub fn key(self) -> String {
        format!("audit-{}", self.name())
    }

    /// The action of a stored name; `None` for a name that is none.
    pub fn parse(name: &str) -> Option<Action> {
        use sea_orm::ActiveEnum;
        Action::try_from_value(&name.to_string()).ok()
    }

    /// Every action, in the order declared.
    pub fn all() -> impl Iterator<Item = Action> {
        use sea_orm::Iterable;
        Action::iter()
    }
}

/// What an action was on, written as `campaign:3`, `campaign:3/institute:VNIIM`,
/// `message:12` or `account:a@b.org`, so that a prefix filters a campaign's whole trail.
#[derive(Debug, Clone)]
pub enum Target {
    Campaign(i32),
    /// A survey's version.
    Form(String, i32),
    /// A reference list's version.
    List(String, i32),
    Unit(i32, String),
    Message(i32),
    Account(String),
    Country(String),
    Institute(String),
    Contact(i32),
    Directory,
    Handover(i32),
    ApiToken(i32),
    /// The outbox as a whole ("send now").
    Outbox,
    /// A year's annual report.
    Report(i32),
    /// What has no target: signing in and out.
    Nothing,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Campaign(id) => write!(f, "campaign:{id}"),
            Target::Form(id, version) => write!(f, "form:{id}/{version}"),
            Target::List(id, version) => write!(f, "list:{id}/{version}"),
            Target::Unit(id, unit) => write!(f, "campaign:{id}/{unit}"),
            Target::Message(id) => write!(f, "message:{id}"),
            Target::Account(email) => write!(f, "account:{email}"),
            Target::Country(code) => write!(f, "country:{code}"),
            Target::Institute(acronym) => write!(f, "institute:{acronym}"),
            Target::Contact(id) => write!(f, "contact:{id}"),
            Target::Directory => write!(f, "directory"),
            Target::Handover(id) => write!(f, "handover:{id}"),
            Target::ApiToken(id) => write!(f, "api-token:{id}"),
            Target::Outbox => write!(f, "outbox"),
            Target::Report(year) => write!(f, "report:{year}"),
            Target::Nothing => Ok(()),
        }
    }
}

/// Who acts: a signed-in account with what its role allows, or the operator at the command line.
/// Only the edges make one (the web from a checked session and form, the CLI for its operator),
/// and every command asks for one.
#[derive(Debug, Clone)]
pub struct Actor {
    pub who: String,
    pub ip: Option<String>,
    pub authority: Authority,
}

impl Actor {
    pub fn staff(email: &str, ip: Option<std::net::IpAddr>, authority: Authority) -> Self {
        Actor {
            who: email.to_string(),
            ip: ip.map(|i| i.to_string()),
            authority,
        }
    }

    /// The command line: the operator of the machine, named by the OS user if known.
    pub fn cli() -> Self {
        let user = std::env::var("USER").unwrap_or_else(|_| "operator".into());
        Actor {
            who: format!("cli:{user}"),
            ip: None,
            authority: Authority::Operator,
        }
    }
}

/// Writes one line of the trail: only a `Command` does, in its transaction.
async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: Action,
    target: &Target,
    detail: Option<String>,
) -> Result<()> {
    entry::ActiveModel {
        at: Set(crate::db::now()),
        actor: Set(actor.who.clone()),
        action: Set(action),
        target: Set(target.to_string()),
        detail: Set(detail),
        ip: Set(actor.ip.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What to show of the trail.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<Action>,
    /// Targets that start with this, e.g. `campaign:3`.
    pub target: Option<String>,
}

/// One page of the trail, newest first (a page past the end gives the last), the page
/// given, and the number of pages.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &Filter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<entry::Model>, u64, u64)> {
    let mut q = entry::Entity::find();
    if let Some(actor) = &filter.actor {
        q = q.filter(entry::Column::Actor.eq(crate::db::search_text(actor).to_lowercase()));
    }
    if let Some(action) = filter.action {
        q = q.filter(entry::Column::Action.eq(action));
    }
    if let Some(target) = &filter.target {
        q = q.filter(entry::Column::Target.starts_with(crate::db::search_text(target)));
    }
    let pages = q
        .order_by_desc(entry::Column::Id)
        .paginate(db, per_page.max(1));
    let total = pages.num_pages().await?;
    let page = page.min(total.saturating_sub(1));
    Ok((pages.fetch_page(page).await?, page, total))
}
