//! What the rules refuse (a campaign's closing date in the past, deleting a campaign with
//! answers, a guessable password...): words for the command line (`Display`), and a key with
//! arguments for the pages, in either language.
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no survey \"{0}\"")]
    UnknownForm(String),
    #[error("survey {form} has no version {version}")]
    UnknownVersion { form: String, version: i32 },
    /// Another version was published since the one the difference was made against.
    #[error("version {latest} of {form} was published meanwhile; compare with it again")]
    NewerVersion { form: String, latest: i32 },
    #[error("the file is the same as version {version} of {form}: nothing to publish")]
    NoDifference { form: String, version: i32 },
    /// Only a change of texts applies to a campaign that has opened.
    #[error(
        "version {version} of {form} changes more than texts: it cannot apply to an open campaign"
    )]
    NotTextOnly { form: String, version: i32 },
    /// Another version of the list was saved since the one edited.
    #[error("version {latest} of list {list} was saved meanwhile; edit that version")]
    NewerList { list: String, latest: i32 },
    #[error("the list {0} is unchanged: nothing to save")]
    ListUnchanged(String),
    #[error("the schema has problems and cannot be published")]
    SchemaProblems,
    #[error("year {0} is out of range")]
    YearOutOfRange(i32),
    #[error("campaign {id} already runs {form} for {year}")]
    Exists { form: String, year: i32, id: i32 },
    #[error("the closing date {day} is in the past (today is {today})")]
    ClosingDateInPast { day: NaiveDate, today: NaiveDate },
    #[error("campaign {0} is closed")]
    Closed(i32),
    #[error("campaign {0} is open")]
    Open(i32),
    #[error("campaign {id} has {answers} answers and cannot be deleted; close it instead")]
    HasAnswers { id: i32, answers: u64 },
    #[error("the answers of {0} are not for circulation (its schema has no `circulate = true`)")]
    NotCirculated(String),
    #[error("the password needs at least {0} characters")]
    PasswordTooShort(usize),
    /// Found in lists of common passwords, or built from words, names, dates or the address.
    #[error("the password is too easy to guess: it is common or built from words, names or dates")]
    PasswordGuessable,
    #[error("a token's name is 1 to {0} characters, without control characters")]
    TokenName(usize),
    #[error("a reminder's own sentence is at most {0} characters, without control characters")]
    ReminderNote(usize),
    #[error("no unit was chosen to remind")]
    NoUnitChosen,
    #[error("a reminder schedule has days before the close from 0 to 365, separated by commas, at most 20 reminders per contact and at most 60 days between two")]
    ReminderPlan,
    #[error("say what the answers were entered from (the institute's letter of ...), in 1 to {0} characters on one line")]
    EntryLetter(usize),
    #[error("the file is over {0} MiB")]
    AttachmentTooLarge(usize),
    #[error("no file was chosen")]
    AttachmentEmpty,
    #[error("a report's text is over {0} characters")]
    ReportTextTooLong(usize),
}

impl Refusal {
    /// The key of its text in the locale files, and the text's arguments.
    pub fn text(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Refusal::UnknownForm(f) => ("refused-unknown-form", vec![("form", f.clone())]),
            Refusal::UnknownVersion { form, version } => (
                "refused-unknown-version",
                vec![("form", form.clone()), ("version", version.to_string())],
            ),
            Refusal::NewerVersion { latest, .. } => (
                "refused-newer-version",
                vec![("version", latest.to_string())],
            ),
            Refusal::NewerList { latest, .. } => {
                ("refused-newer-list", vec![("version", latest.to_string())])
            }
            Refusal::ListUnchanged(_) => ("refused-list-unchanged", vec![]),
            Refusal::NoDifference { version, .. } => (
                "refused-no-difference",
                vec![("version", version.to_string())],
            ),
            Refusal::NotTextOnly { version, .. } => (
                "refused-not-text-only",
                vec![("version", version.to_string())],
            ),
            Refusal::SchemaProblems => ("refused-schema-problems", vec![]),
            Refusal::YearOutOfRange(y) => ("refused-year", vec![("year", y.to_string())]),
            Refusal::Exists { id, .. } => ("refused-exists", vec![("id", id.to_string())]),
            Refusal::ClosingDateInPast { day, .. } => (
                "refused-past-date",
                vec![("date", crate::dates::fmt_day(*day))],
            ),
            Refusal::Closed(_) => ("refused-closed", vec![]),
            Refusal::Open(_) => ("refused-open", vec![]),
            Refusal::HasAnswers { answers, .. } => {
                ("refused-has-answers", vec![("count", answers.to_string())])
            }
            Refusal::NotCirculated(_) => ("refused-not-circulated", vec![]),
            Refusal::PasswordTooShort(n) => ("password-too-short", vec![("count", n.to_string())]),
            Refusal::PasswordGuessable => ("password-guessable", vec![]),
            Refusal::TokenName(n) => ("token-name-bad", vec![("count", n.to_string())]),
            Refusal::ReminderNote(n) => ("refused-reminder-note", vec![("count", n.to_string())]),
            Refusal::NoUnitChosen => ("refused-no-unit", vec![]),
            Refusal::ReminderPlan => ("refused-reminder-plan", vec![]),
            Refusal::EntryLetter(n) => ("refused-entry-letter", vec![("count", n.to_string())]),
            Refusal::AttachmentTooLarge(n) => {
                ("refused-attachment-large", vec![("size", n.to_string())])
            }
            Refusal::AttachmentEmpty => ("refused-attachment-empty", vec![]),
            Refusal::ReportTextTooLong(n) => {
                ("refused-report-text-long", vec![("count", n.to_string())])
            }
        }
    }
}
