//! The schema language. The same types read a TOML file of `forms/` and the JSON snapshot that a
//! campaign keeps of the schema it was opened with.
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in both languages. Either may be missing in a file; `forms check` reports it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        if lang == Lang::Ru && !self.ru.is_empty() {
            &self.ru
        } else {
            &self.en
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ru: String,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &str {
        if lang == Lang::Ru && !self.ru.is_empty() {
            &self.ru
        } else {
            &self.en
        }
    }
}

/// Who answers: one response per institute, per member country, or per contact.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Institute,
    Country,
    Contact,
}

impl Unit {
    /// Its name in the schema, and the selector the locale files choose their words by.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Institute => "institute",
            Unit::Country => "country",
            Unit::Contact => "contact",
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SingleChoice,
    MultiChoice,
    Text,
    LongText,
    Integer,
    Decimal,
    Year,
    YesNo,
    Date,
    /// Repeating rows added by the respondent; `questions` are each row's.
    Group,
    /// One row per choice of `list`, one cell per question of `questions`.
    Grid,
}

impl Kind {
    pub fn has_choices(self) -> bool {
        matches!(self, Kind::SingleChoice | Kind::MultiChoice)
    }
    pub fn is_number(self) -> bool {
        matches!(self, Kind::Integer | Kind::Decimal | Kind::Year)
    }
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Text | Kind::LongText)
    }
}

/// Show a question only when an earlier answer (in the same row, for questions of a group, or
/// at the top level) equals one of `any_of`. Hidden answers are neither required nor stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    #[serde(default)]
    pub required: bool,
    /// A list of the form's `[lists]` or a reference list of `seeds/lists`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// Adds an "other, please specify" choice with a text box.
    #[serde(default)]
    pub other: bool,
    /// For a multiple choice: a text box beside each chosen option, labelled so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Unit of a number, shown after the box ("staff", "weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// The questions of each row of a group, or the columns of a grid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// For a choice of institutes: the respondent's own institute is not offered.
    #[serde(default)]
    pub exclude_own: bool,
    /// For a date or number: must not be before this earlier question of the same row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rows: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rows: Option<usize>,
    /// Overrides of the engine's messages, by rule: required, min, max, ...
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub messages: BTreeMap<String, Text>,
    /// The id this question had in earlier versions (in the same group): last year's answers
    /// prefill it, and the difference between versions reads it as the same question renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    /// For a number: an answer more than this many times last year's, or less than its
    /// share (2: doubled or halved), is pointed out beside the answer; never refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_change: Option<f64>,
}

impl Question {
    pub const DEFAULT_TEXT_LENGTH: usize = 500;
    pub const DEFAULT_LONG_TEXT_LENGTH: usize = 5000;
    pub const DEFAULT_MAX_ROWS: usize = 50;

    pub fn max_length(&self) -> usize {
        self.max_length.unwrap_or(match self.kind {
            Kind::LongText => Self::DEFAULT_LONG_TEXT_LENGTH,
            _ => Self::DEFAULT_TEXT_LENGTH,
        })
    }

    pub fn max_rows(&self) -> usize {
        self.max_rows.unwrap_or(Self::DEFAULT_MAX_ROWS)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Units that submitted / units invited.
    ResponseRate,
    /// For each choice of `question`: units, rows and the sum of `sum`.
    Distribution,
    /// Distinct values chosen over all units (with "other" texts counted by text).
    DistinctCount,
    /// Sum of a number question over all units.
    Sum,
    /// Units with an answer to `question` (for a group: at least one row).
    CountUnits,
    /// For a number, or a grid column of numeric choices: count, mean and distribution.
    Mean,
    /// Like a distribution, sorted by units, without the choices nobody chose; for a grid
    /// column, the grid's rows ranked by units whose cell is one of `values`.
    Ranking,
    /// Units by the choices of a multiple choice: one row per unit, a 1 per chosen option.
    Table,
    /// For a grid column: per row of the grid, the share of units in each choice.
    GridShare,
    /// A number of a group's rows summed by where the row comes from (see `Origin`), broken
    /// down `by` that origin's CEEMS status or country; a row reported by both institutes
    /// counts once.
    OriginSum,
    /// Rows of earlier indicators (`parts`) added up by key, each part's first figure a
    /// column, ranked by the total: fields by interest and by ideas together.
    Combined,
    /// Rows of a group counted by two of their choices: the choices of `question` down, of
    /// `across` along (each cell the rows with both, or the sum of `sum` over them), with
    /// totals.
    Cross,
    /// The free texts of a text question, grouped by the choice of `group_by` in the same row
    /// (or by the grid's row), the same text merged whatever its case and spacing, each
    /// attributed to its institute or country (never to a person).
    Texts,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    Country,
    Ceems,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    /// Roadmap indicator codes this feeds, e.g. "Ind-e.1.2".
    #[serde(default)]
    pub codes: Vec<String>,
    pub kind: IndicatorKind,
    pub label: Text,
    /// A question id, or `group.question` for a question in a repeating group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// A number question (same group row, or top level) summed per choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<String>,
    /// A second number of the same row multiplied into `sum` (experts × weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// For a ranking over a grid column: the cell values that count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Breakdown>,
    /// For `combined`: the ids of earlier indicators whose rows it adds up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// For `origin_sum`: where a row's people come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The key of the row whose figure is the headline (`ceems`), instead of the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// For `cross`: the second choice question of the same rows, whose choices are the columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub across: Option<String>,
    /// For `texts`: a choice question beside the text (same group row) to group the texts by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    /// The value at which the indicator is met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Column titles in the survey's words (`units = "institutes"`, `rows = "needs"`, `sum =
    /// "staff"`), where the questions' own labels would not say what is counted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, Text>,
}

/// Where a row's people come from: the reporting institute, or, when the row's `when` answer
/// is one of `is` (experts hosted), the institute chosen in `institute` (the partner). A row
/// whose partner reported the mirror row (the other direction, naming the reporter, with the
/// same `same` answers) is the same traineeship: only the row of its origin counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub when: String,
    pub is: Vec<String>,
    pub institute: String,
    #[serde(default)]
    pub same: Vec<String>,
}

/// Which rows of another survey fit a row of this one: equal answers (`same`), this row's
/// answer among the other's choices (`among`), and the other unit among those this row names
/// (`host`, when it names any). A unit never matches itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Match {
    pub id: String,
    #[serde(default)]
    pub codes: Vec<String>,
    pub label: Text,
    /// This survey's repeating group whose rows look for a match.
    pub rows: String,
    /// The survey answered the same year, and its group whose rows may fit.
    pub with: String,
    pub with_rows: String,
    /// Questions (same id in both groups) whose answers must be equal.
    #[serde(default)]
    pub same: Vec<String>,
    /// `[this, other]`: this row's answer must be one of the other row's chosen answers.
    #[serde(default)]
    pub among: Vec<[String; 2]>,
    /// Answers of `among` that accept whatever the other row offers ("either language").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
    /// A choice of institutes on this row; when any is chosen, the other unit must be one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// `[this, other]`: the number this row asks for and the number the other row offers
    /// (experts, places). An offer the rows fitting it ask more of than it has says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<[String; 2]>,
    /// What is shown of each row: questions of this group, and of the other group.
    #[serde(default)]
    pub show: Vec<String>,
    #[serde(default)]
    pub with_show: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    #[serde(default = "one")]
    pub version: u32,
    pub unit: Unit,
    /// Contact roles invited; empty means every contact.
    #[serde(default)]
    pub audience: Vec<String>,
    /// The secretariat may mail the submitted answers to every contact (a digest).
    #[serde(default)]
    pub circulate: bool,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Choice lists: the form's own, plus (once resolved) copies of the reference lists it uses,
    /// so a campaign's snapshot keeps the choices it was opened with.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<Choice>>,
    /// The version of each reference list copied into `lists`, set when the form is checked
    /// against the database's lists (none when checked against files alone).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub list_versions: BTreeMap<String, u32>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Rows of this survey's groups matched against rows of another survey of the same year
    /// (traineeships needed against traineeships offered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<Match>,
    /// For surveys answered per contact: the fewest answers a figure shown to reviewers may
    /// rest on, so that no one person's answer can be read off a small cell.
    #[serde(default = "three")]
    pub reviewer_min_count: u32,
}

/// A survey's id as the checker allows it: lower-case letters, digits and hyphens.
pub fn is_form_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn one() -> u32 {
    1
}

fn three() -> u32 {
    3
}

impl Form {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Resolves `group.question` (or `grid.column`) or `question`; returns the group or grid
    /// too when there is one.
    pub fn path(&self, path: &str) -> Option<(Option<&Question>, &Question)> {
        match path.split_once('.') {
            Some((group, inner)) => {
                let g = self
                    .question(group)
                    .filter(|g| matches!(g.kind, Kind::Group | Kind::Grid))?;
                g.questions
                    .iter()
                    .find(|q| q.id == inner)
                    .map(|q| (Some(g), q))
            }
            None => self.question(path).map(|q| (None, q)),
        }
    }

    pub fn choices(&self, q: &Question) -> &[Choice] {
        match (&q.list, q.kind) {
            (Some(list), _) => self.lists.get(list).map(Vec::as_slice).unwrap_or(&[]),
            (None, Kind::YesNo) => yes_no(),
            _ => &[],
        }
    }

    pub fn choice_label<'a>(&'a self, q: &'a Question, value: &'a str, lang: Lang) -> &'a str {
        self.choices(q)
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label(lang))
            .unwrap_or(value)
    }
}

/// The choices of a yes/no question.
pub fn yes_no() -> &'static [Choice] {
    static YES_NO: std::sync::OnceLock<Vec<Choice>> = std::sync::OnceLock::new();
    YES_NO.get_or_init(|| {
        vec![
            Choice {
                value: "yes".into(),
                en: "Yes".into(),
                ru: "Да".into(),
            },
            Choice {
                value: "no".into(),
                en: "No".into(),
                ru: "Нет".into(),
            },
        ]
    })
}
