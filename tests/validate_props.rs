//! Properties of answer validation and of the schema checker, run over every form of `forms/`
//! (a new form is covered as soon as it is there) and over one form written here that uses every
//! kind of question the engine knows:
//!
//! - no posted page, however hostile, makes `validate` panic, in either mode;
//! - nothing the schema forbids is stored: a valid submission, and any draft (drafts are saved
//!   with their errors), hold only the form's questions, choices of their lists, numbers within
//!   bounds, texts within length and without markup or control characters, every required answer
//!   (submissions only), at most `max_rows` rows, and no answer to a hidden question;
//! - valid answers generated from the schema are accepted as typed and survive the round trip
//!   through the page (`RawForm::from_answers`);
//! - the schema checker never panics on a mangled form file and reports each problem at a line of
//!   that file.
//!
//! Case counts are modest so the file runs in seconds; `PROPTEST_CASES=5000` runs more. A failure
//! names the form and the smallest input found. The tests `found_*` at the end keep the smallest
//! inputs of what these properties found, once each.
use coomet_surveys::forms::check::load_source;
use coomet_surveys::forms::{
    validate, Form, Kind, Mode, Outcome, Question, RawForm, RefLists, Registry,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

static LISTS: LazyLock<RefLists> =
    LazyLock::new(|| RefLists::load(&root().join("seeds")).expect("seeds/ load"));

/// A form that uses every kind of question and option the engine knows, so the properties cover
/// them even while no form of `forms/` does.
const ALL_KINDS_ID: &str = "props-all-kinds";
const ALL_KINDS: &str = r#"
id = "props-all-kinds"
unit = "contact"
title = { en = "Every kind", ru = "Все виды" }

[lists]
size = [
  { value = "small", en = "Small", ru = "Малый" },
  { value = "big", en = "Big", ru = "Большой" },
]
colour = [
  { value = "red", en = "Red", ru = "Красный" },
  { value = "green", en = "Green", ru = "Зелёный" },
  { value = "blue", en = "Blue", ru = "Синий" },
]

[[sections]]
id = "one"
title = { en = "One", ru = "Один" }

[[sections.questions]]
id = "has_lab"
type = "yes_no"
required = true
label = { en = "Lab?", ru = "Лаборатория?" }

[[sections.questions]]
id = "lab_size"
type = "single_choice"
list = "size"
other = true
required = true
max_length = 40
label = { en = "Size", ru = "Размер" }
show_if = { question = "has_lab", any_of = ["yes"] }

[[sections.questions]]
id = "lab_staff"
type = "integer"
min = 1
max = 99
required = true
label = { en = "Staff", ru = "Сотрудники" }
show_if = { question = "lab_size", any_of = ["big"] }

[[sections.questions]]
id = "count"
type = "integer"
label = { en = "Count", ru = "Количество" }

[[sections.questions]]
id = "ratio"
type = "decimal"
min = -1.5
max = 2.5
label = { en = "Ratio", ru = "Доля" }

[[sections.questions]]
id = "budget"
type = "decimal"
label = { en = "Budget", ru = "Бюджет" }

[[sections.questions]]
id = "founded"
type = "year"
label = { en = "Founded", ru = "Основан" }

[[sections.questions]]
id = "since"
type = "date"
label = { en = "Since", ru = "С" }

[[sections.questions]]
id = "name"
type = "text"
required = true
max_length = 12
label = { en = "Name", ru = "Имя" }

[[sections.questions]]
id = "notes"
type = "long_text"
label = { en = "Notes", ru = "Заметки" }

[[sections.questions]]
id = "colours"
type = "multi_choice"
list = "colour"
other = true
detail = { en = "Why", ru = "Почему" }
label = { en = "Colours", ru = "Цвета" }

[[sections.questions]]
id = "committees"
type = "multi_choice"
list = "technical-committees"
label = { en = "Committees", ru = "Комитеты" }

[[sections.questions]]
id = "rows"
type = "group"
min_rows = 1
max_rows = 4
label = { en = "Rows", ru = "Строки" }

[[sections.questions.questions]]
id = "kind"
type = "single_choice"
list = "size"
other = true
label = { en = "Kind", ru = "Вид" }

[[sections.questions.questions]]
id = "weight"
type = "decimal"
min = 0
label = { en = "Weight", ru = "Вес" }
show_if = { question = "kind", any_of = ["big"] }

[[sections.questions.questions]]
id = "when"
type = "year"
min = 2000
max = 2030
label = { en = "When", ru = "Когда" }

[[sections.questions.questions]]
id = "until"
type = "year"
after = "when"
label = { en = "Until", ru = "До" }

[[sections.questions]]
id = "ends"
type = "date"
after = "since"
label = { en = "Ends", ru = "Окончание" }

[[sections.questions]]
id = "scores"
type = "grid"
list = "colour"
label = { en = "Scores", ru = "Оценки" }

[[sections.questions.questions]]
id = "score"
type = "single_choice"
list = "size"
required = true
label = { en = "Score", ru = "Оценка" }

[[sections.questions.questions]]
id = "remark"
type = "text"
max_length = 20
label = { en = "Remark", ru = "Замечание" }

[[sections.questions]]
id = "levels"
type = "grid"
list = "size"
required = true
label = { en = "Levels", ru = "Уровни" }

[[sections.questions.questions]]
id = "level"
type = "decimal"
min = 0
max = 10
label = { en = "Level", ru = "Уровень" }

[[sections.questions.questions]]
id = "upper"
type = "integer"
after = "level"
label = { en = "Upper", ru = "Верхний" }
"#;

/// Every form the properties run on: those of `forms/`, then the one above.
static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let registry = Registry::load(&root().join("forms"), &root().join("seeds"))
        .expect("the forms of forms/ load without problems");
    assert!(!registry.forms.is_empty(), "no form in forms/");
    let mut forms: Vec<Form> = registry.forms.into_values().collect();
    let path = PathBuf::from(format!("{ALL_KINDS_ID}.toml"));
    let (form, problems) = load_source(&path, ALL_KINDS, &LISTS);
    assert!(problems.is_empty(), "{problems:#?}");
    forms.push(form.expect("the form of this file loads"));
    forms
});

/// The schema files the mutation property starts from: `forms/*.toml` and the form above.
static SOURCES: LazyLock<Vec<(PathBuf, String)>> = LazyLock::new(|| {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("forms"))
        .expect("forms/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut sources: Vec<(PathBuf, String)> = paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("form file");
            (p, text)
        })
        .collect();
    sources.push((
        PathBuf::from(format!("{ALL_KINDS_ID}.toml")),
        ALL_KINDS.to_string(),
    ));
    sources
});

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on `cases` values of `strategy`; panics with the smallest failing value.
fn check<S: Strategy>(
    what: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_time: 30_000,
        ..Config::default()
    });
    match runner.run(&strategy, test) {
        Ok(()) => {}
        Err(TestError::Fail(why, value)) => {
            let shown = format!("{value:#?}");
            let shown: String = shown.chars().take(20_000).collect();
            panic!("{what}: {why}\nsmallest input found:\n{shown}")
        }
        Err(TestError::Abort(why)) => panic!("{what}: aborted: {why}"),
    }
}

// ---------------------------------------------------------------------------------------------
// What may be stored
// ---------------------------------------------------------------------------------------------

fn has_markup(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            return true;
        }
    }
    false
}

fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A number's bounds: the schema's, else 1990..2100 for a year and ±10^15 for an integer (whole
/// numbers beyond would not survive JSON's doubles).
fn bounds(q: &Question) -> (Option<f64>, Option<f64>) {
    match q.kind {
        Kind::Year => (q.min.or(Some(1990.0)), q.max.or(Some(2100.0))),
        Kind::Integer => (q.min.or(Some(-1e15)), q.max.or(Some(1e15))),
        _ => (q.min, q.max),
    }
}

fn is_choice(form: &Form, q: &Question, value: &str) -> bool {
    (q.other && value == "other") || form.choices(q).iter().any(|c| c.value == value)
}

/// Whether `q` is shown, judged by the stored answers of its scope.
fn shown(q: &Question, answers: &Map<String, Value>) -> bool {
    let Some(cond) = &q.show_if else {
        return true;
    };
    let matches = |v: &Value| {
        v.as_str()
            .is_some_and(|s| cond.any_of.iter().any(|a| a == s))
    };
    match answers.get(&cond.question) {
        Some(Value::Array(items)) => items.iter().any(matches),
        Some(v) => matches(v),
        None => false,
    }
}

/// Whether `a` is before `b`: numbers, or dates as YYYY-MM-DD; `None` when they do not compare.
fn before(a: &Value, b: &Value) -> Option<bool> {
    let date = |v: &Value| {
        v.as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => Some(a.as_f64()? < b.as_f64()?),
        _ => Some(date(a)? < date(b)?),
    }
}

/// What is wrong with one outcome: (rule, where and what).
struct Found {
    mode: Mode,
    list: Vec<(String, String)>,
}

impl Found {
    fn check(form: &Form, outcome: &Outcome, mode: Mode) -> Vec<(String, String)> {
        let mut found = Found {
            mode,
            list: Vec::new(),
        };
        let top: Vec<&Question> = form.questions().collect();
        found.scope(form, &top, &outcome.answers, "");
        found.list
    }

    fn add(&mut self, rule: &str, at: &str, what: impl std::fmt::Display) {
        self.list.push((rule.to_string(), format!("{at}: {what}")));
    }

    fn submit(&self) -> bool {
        self.mode == Mode::Submit
    }

    fn text(&mut self, family: &str, at: &str, value: &Value, max: usize) {
        let Value::String(s) = value else {
            self.add(
                &format!("{family}-type"),
                at,
                format!("not a string: {value}"),
            );
            return;
        };
        if s.chars().count() > max {
            let n = s.chars().count();
            self.add(
                &format!("{family}-length"),
                at,
                format!("{n} > {max} chars"),
            );
        }
        if has_markup(s) {
            self.add(&format!("{family}-markup"), at, format!("{s:?}"));
        }
        if has_control(s) {
            self.add(&format!("{family}-control"), at, format!("{s:?}"));
        }
        if s.trim() != s || s.is_empty() {
            self.add(&format!("{family}-blank"), at, format!("{s:?}"));
        }
    }

    fn scope(&mut self, form: &Form, qs: &[&Question], map: &Map<String, Value>, at: &str) {
        for key in map.keys() {
            let known = qs.iter().any(|q| {
                *key == q.id
                    || (q.other && *key == format!("{}.other", q.id))
                    || (q.detail.is_some() && *key == format!("{}.detail", q.id))
            });
            if !known {
                self.add("unknown-key", at, format!("key {key:?}"));
            }
        }
        for q in qs {
            let here = format!("{at}{}", q.id);
            let shown = shown(q, map);
            let Some(value) = map.get(&q.id) else {
                let rule = match q.kind {
                    Kind::Group => q.min_rows.unwrap_or(usize::from(q.required)) > 0,
                    // A required column makes every row of a grid required.
                    Kind::Grid => {
                        q.questions.iter().any(|c| c.required) && !form.choices(q).is_empty()
                    }
                    _ => q.required,
                }
                .then_some("required")
                .or((q.kind == Kind::Grid && q.required).then_some("grid-required"));
                if let (true, true, Some(rule)) = (self.submit(), shown, rule) {
                    self.add(rule, &here, "required and missing");
                }
                for extra in [".other", ".detail"] {
                    if map.contains_key(&format!("{}{extra}", q.id)) {
                        self.add("orphan", &here, format!("{extra} without an answer"));
                    }
                }
                continue;
            };
            if !shown {
                self.add(
                    "hidden-stored",
                    &here,
                    format!("hidden, yet stored: {value}"),
                );
            }
            self.value(form, q, value, map, &here);
            if let Some(earlier) = q.after.as_ref().and_then(|e| map.get(e)) {
                if before(value, earlier) == Some(true) {
                    self.add("after", &here, format!("{value} is before {earlier}"));
                }
            }
        }
    }

    fn value(
        &mut self,
        form: &Form,
        q: &Question,
        value: &Value,
        map: &Map<String, Value>,
        here: &str,
    ) {
        if q.kind == Kind::Group {
            return self.group(form, q, value, here);
        }
        if q.kind == Kind::Grid {
            return self.grid(form, q, value, here);
        }
        match q.kind {
            Kind::SingleChoice | Kind::YesNo => match value.as_str() {
                Some(s) => {
                    if !is_choice(form, q, s) {
                        self.add("choice", here, format!("{s:?} is not a choice"));
                    }
                    self.other(q, &[s], map, here);
                }
                None => self.add("choice-type", here, value),
            },
            Kind::MultiChoice => {
                let Some(items) = value.as_array() else {
                    return self.add("choice-type", here, value);
                };
                if items.is_empty() {
                    self.add("choice-empty", here, "empty list stored");
                }
                let mut chosen: Vec<&str> = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(s) if !is_choice(form, q, s) => {
                            self.add("choice", here, format!("{s:?} is not a choice"))
                        }
                        Some(s) if chosen.contains(&s) => {
                            self.add("choice-duplicate", here, format!("{s:?} twice"))
                        }
                        Some(s) => chosen.push(s),
                        None => self.add("choice-type", here, item),
                    }
                }
                self.other(q, &chosen, map, here);
                if let Some(details) = map.get(&format!("{}.detail", q.id)) {
                    let Some(details) = details.as_object() else {
                        return self.add("detail-type", here, details);
                    };
                    if details.is_empty() {
                        self.add("detail-empty", here, "empty details stored");
                    }
                    for (key, text) in details {
                        if !chosen.contains(&key.as_str()) || key == "other" {
                            self.add("detail-key", here, format!("detail for {key:?}"));
                        }
                        let at = format!("{here}.detail.{key}");
                        self.text("detail", &at, text, Question::DEFAULT_LONG_TEXT_LENGTH);
                    }
                }
            }
            Kind::Text | Kind::LongText => self.text("text", here, value, q.max_length()),
            Kind::Integer | Kind::Decimal | Kind::Year => self.number(q, value, here),
            Kind::Date => match value.as_str() {
                Some(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {}
                _ => self.add("date", here, value),
            },
            // A kind these properties do not know yet: at least no markup in what it stores.
            _ => self.strings(value, here),
        }
    }

    fn strings(&mut self, value: &Value, here: &str) {
        match value {
            Value::String(s) if has_markup(s) || has_control(s) => {
                self.add("text-markup", here, format!("{s:?}"));
            }
            Value::Array(items) => items.iter().for_each(|v| self.strings(v, here)),
            Value::Object(map) => map.values().for_each(|v| self.strings(v, here)),
            _ => {}
        }
    }

    fn other(&mut self, q: &Question, chosen: &[&str], map: &Map<String, Value>, here: &str) {
        let key = format!("{}.other", q.id);
        let picked = q.other && chosen.contains(&"other");
        match map.get(&key) {
            Some(text) => {
                if !picked {
                    self.add("orphan", here, "other text without the choice other");
                }
                self.text("other", &format!("{here}.other"), text, q.max_length());
            }
            None if picked && self.submit() => {
                self.add("other-required", here, "other chosen without its text")
            }
            None => {}
        }
    }

    fn number(&mut self, q: &Question, value: &Value, here: &str) {
        let n = match value {
            Value::Number(n) => n,
            // Drafts keep a number as typed when it is not one; it is still an answer on file.
            Value::String(_) if self.mode == Mode::Draft => {
                return self.text("draft-number", here, value, Question::DEFAULT_TEXT_LENGTH);
            }
            other => return self.add("number-type", here, other),
        };
        let Some(f) = n.as_f64().filter(|f| f.is_finite()) else {
            return self.add("number-type", here, n);
        };
        if q.kind != Kind::Decimal && n.as_i64().is_none() && n.as_u64().is_none() {
            self.add("integer", here, n);
        }
        let (min, max) = bounds(q);
        if min.is_some_and(|m| f < m) || max.is_some_and(|m| f > m) {
            self.add(
                "number-range",
                here,
                format!("{n} outside {min:?}..{max:?}"),
            );
        }
    }

    fn grid(&mut self, form: &Form, g: &Question, value: &Value, here: &str) {
        let Some(rows) = value.as_object() else {
            return self.add("rows-type", here, value);
        };
        if rows.is_empty() {
            self.add("rows-empty-list", here, "empty grid stored");
        }
        let choices = form.choices(g);
        let inner: Vec<&Question> = g.questions.iter().collect();
        for (key, row) in rows {
            let at = format!("{here}.{key}.");
            if !choices.iter().any(|c| c.value == *key) {
                self.add("grid-row", &at, "a row for no choice of the list");
            }
            match row.as_object() {
                Some(row) if row.is_empty() => self.add("row-empty", &at, "a row with no answer"),
                Some(row) => self.scope(form, &inner, row, &at),
                None => self.add("rows-type", &at, row),
            }
        }
        if self.submit() && g.questions.iter().any(|c| c.required) {
            for c in choices {
                if !rows.contains_key(&c.value) {
                    let at = format!("{here}.{}", c.value);
                    self.add("required", &at, "a row of a grid with a required column");
                }
            }
        }
    }

    fn group(&mut self, form: &Form, g: &Question, value: &Value, here: &str) {
        let Some(rows) = value.as_array() else {
            return self.add("rows-type", here, value);
        };
        if rows.len() > g.max_rows() {
            let max = g.max_rows();
            self.add("rows-max", here, format!("{} rows > {max}", rows.len()));
        }
        let min = g.min_rows.unwrap_or(usize::from(g.required));
        if self.submit() && rows.len() < min {
            self.add("rows-min", here, format!("{} rows < {min}", rows.len()));
        }
        if rows.is_empty() {
            self.add("rows-empty-list", here, "empty list of rows stored");
        }
        let inner: Vec<&Question> = g.questions.iter().collect();
        for (i, row) in rows.iter().enumerate() {
            let at = format!("{here}.{i}.");
            match row.as_object() {
                Some(row) if row.is_empty() => self.add("row-empty", &at, "a row with no answer"),
                Some(row) => self.scope(form, &inner, row, &at),
                None => self.add("rows-type", &at, row),
            }
        }
    }
}

fn violations(form: &Form, outcome: &Outcome, mode: Mode) -> Vec<(String, String)> {
    // A submission with errors is refused and stored nowhere; a draft is saved with its errors.
    if mode == Mode::Submit && !outcome.errors.is_empty() {
        return Vec::new();
    }
    Found::check(form, outcome, mode)
}

// ---------------------------------------------------------------------------------------------
// Hostile pages
// ---------------------------------------------------------------------------------------------

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "</b>",
    "<!-- x -->",
    "<?xml version=\"1.0\"?>",
    "<img src=x onerror=alert(1)>",
    "a<b",
    "a < b",
    "<5",
    "<",
    "\0",
    "a\u{7}b",
    "\u{1b}[31mred",
    "\u{85}",
    "x\u{85}y",
    "\u{200b}",
    "\u{202e}abc",
    "\u{feff}1",
    "\r\n",
    "\t",
    "1e309",
    "-1e309",
    "1e308",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "-0",
    "+0",
    "0",
    "-1",
    "1",
    "+5",
    "١٢٣",
    "１２３",
    "1,5",
    "1,000",
    "1 500",
    "1\u{a0}500",
    "1\u{202f}500",
    "1.5",
    "2024.0",
    "2024,0",
    " 12 ",
    "5.",
    ".5",
    "1e-400",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e15",
    "1e19",
    "0x10",
    "1_000",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "+2024-01-01",
    "2024-1-5",
    "99999-12-31",
    " ",
    "",
    "other",
    "yes",
    "no",
    "true",
    "null",
    "[]",
    "{}",
    ",",
    "a,b",
    "a b",
    "%00",
    "&amp;",
    "ф",
];

/// Odd row numbers in a name `g.N.q`.
const ODD_ROWS: &[&str] = &[
    "00",
    "01",
    "+1",
    "-1",
    " 1",
    "1 ",
    "",
    "x",
    "4294967296",
    "1000000000000",
    "18446744073709551614",
    "18446744073709551615",
    "18446744073709551616",
];

/// Dates that chrono reads, of years that do not have four digits.
const ODD_DATES: &[&str] = &[
    "+10000-01-01",
    "-0002-01-01",
    "-0001-12-31",
    "0999-01-01",
    "999-01-01",
];

const ROWS_VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "-1",
    "+3",
    " 3",
    "3 ",
    "1e9",
    "NaN",
    "0x10",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
];

fn long_string() -> impl Strategy<Value = String> {
    let pieces = vec!["a", "ф", " ", "<b>", "\0", "😀", "1", "<", "\n", "é"];
    (
        prop::sample::select(pieces),
        1usize..20_000,
        prop::sample::select(vec!["", "<script>", "\u{7}", " ", "x"]),
    )
        .prop_map(|(piece, n, tail)| {
            let mut s: String = piece.chars().cycle().take(n).collect();
            s.push_str(tail);
            s
        })
}

fn chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// Values for any field: the form's own choices (also padded), hostile strings, numbers.
fn value_strategy(form: &Form) -> BoxedStrategy<String> {
    let mut choices: Vec<String> = vec!["other".into(), "yes".into(), "no".into()];
    for list in form.lists.values() {
        choices.extend(list.iter().map(|c| c.value.clone()));
    }
    Union::new_weighted(vec![
        (4, prop::sample::select(choices.clone()).boxed()),
        (
            1,
            prop::sample::select(choices)
                .prop_map(|v| format!(" {v} "))
                .boxed(),
        ),
        (
            1,
            prop::sample::select(ODD_DATES)
                .prop_map(String::from)
                .boxed(),
        ),
        (
            4,
            prop::sample::select(HOSTILE).prop_map(String::from).boxed(),
        ),
        (2, chars(40).boxed()),
        (1, long_string().boxed()),
        (1, any::<i64>().prop_map(|n| n.to_string()).boxed()),
        (1, any::<f64>().prop_map(|n| n.to_string()).boxed()),
        (3, (-50i64..3000).prop_map(|n| n.to_string()).boxed()),
        (1, "[0-9 ,.eE+\\-]{0,14}".boxed()),
        (
            1,
            prop::collection::vec(prop::sample::select(HOSTILE), 1..4)
                .prop_map(|v| v.concat())
                .boxed(),
        ),
    ])
    .boxed()
}

/// (name, value) pairs as a browser would post them for `form`, and worse.
fn pair_strategy(form: &Form) -> BoxedStrategy<(String, String)> {
    let values = value_strategy(form);
    let suffix = prop_oneof![
        6 => Just(String::new()),
        2 => Just(".other".to_string()),
        2 => (0usize..12).prop_map(|k| format!(".detail.{k}")),
        1 => prop::sample::select(vec![
            ".detail", ".detail.", ".detail.-1", ".detail.18446744073709551616", "._rows", ".0", ".",
        ])
        .prop_map(String::from),
    ];
    let row = prop_oneof![
        8 => (0usize..60).prop_map(|n| n.to_string()),
        1 => prop::sample::select(ODD_ROWS).prop_map(String::from),
    ];
    let top: Vec<String> = form
        .questions()
        .filter(|q| q.questions.is_empty())
        .map(|q| q.id.clone())
        .collect();
    let groups: Vec<(String, Vec<String>)> = form
        .questions()
        .filter(|q| !q.questions.is_empty())
        .map(|g| {
            (
                g.id.clone(),
                g.questions.iter().map(|q| q.id.clone()).collect(),
            )
        })
        .collect();

    let mut arms: Vec<(u32, BoxedStrategy<(String, String)>)> = Vec::new();
    if !top.is_empty() {
        let name = (prop::sample::select(top), suffix.clone())
            .prop_map(|(id, suffix)| format!("{id}{suffix}"));
        arms.push((6, (name, values.clone()).boxed()));
    }
    if !groups.is_empty() {
        let name = (
            prop::sample::select(groups.clone()),
            any::<Index>(),
            row,
            suffix,
        )
            .prop_map(|((g, inner), ix, row, suffix)| {
                format!("{g}.{row}.{}{suffix}", inner[ix.index(inner.len())])
            });
        arms.push((8, (name, values.clone()).boxed()));
        let ids: Vec<String> = groups.into_iter().map(|(g, _)| g).collect();
        let rows_value = prop_oneof![
            3 => (0u64..70).prop_map(|n| n.to_string()),
            1 => any::<i64>().prop_map(|n| n.to_string()),
            1 => any::<u64>().prop_map(|n| n.to_string()),
            1 => prop::sample::select(ROWS_VALUES).prop_map(String::from),
        ];
        let name = prop::sample::select(ids).prop_map(|g| format!("{g}._rows"));
        arms.push((2, (name, rows_value).boxed()));
    }
    let junk = prop_oneof![
        Just(String::new()),
        Just("_action".to_string()),
        Just("_version".to_string()),
        Just(".".to_string()),
        chars(20),
    ];
    arms.push((1, (junk, values).boxed()));
    Union::new_weighted(arms).boxed()
}

#[derive(Debug, Clone)]
enum Page {
    /// Fields as posted (repeated names kept in order).
    Fields(Vec<(String, String)>),
    /// A request body, however malformed.
    Body(String),
}

fn page_strategy(form: &Form) -> BoxedStrategy<Page> {
    let body = prop_oneof![
        "[a-z_0-9.=&%+]{0,80}",
        chars(80),
        prop::collection::vec(
            prop::sample::select(vec![
                "&",
                "=",
                "%",
                "%ZZ",
                "%FF",
                "%00",
                "+",
                "fields=",
                "needs.0.topic=",
                "_rows=",
                "needs._rows=999",
                ".other=",
                "%3Cscript%3E",
            ]),
            0..20
        )
        .prop_map(|v| v.concat()),
    ];
    // A valid page with a few fields removed, changed or added: submissions that get far.
    let change = prop_oneof![
        2 => any::<Index>().prop_map(Change::Remove),
        3 => (any::<Index>(), value_strategy(form))
            .prop_map(|(i, v)| Change::Set(i, v)),
        2 => pair_strategy(form).prop_map(Change::Add),
    ];
    let changed =
        (valid_strategy(form), prop::collection::vec(change, 1..4)).prop_map(|(valid, changes)| {
            let mut pairs: Vec<(String, String)> = valid
                .map(|v| {
                    v.raw
                        .0
                        .into_iter()
                        .flat_map(|(k, vs)| vs.into_iter().map(move |v| (k.clone(), v)))
                        .collect()
                })
                .unwrap_or_default();
            for change in changes {
                match change {
                    Change::Remove(i) if !pairs.is_empty() => {
                        pairs.remove(i.index(pairs.len()));
                    }
                    Change::Set(i, v) if !pairs.is_empty() => {
                        let i = i.index(pairs.len());
                        pairs[i].1 = v;
                    }
                    Change::Add(pair) => pairs.push(pair),
                    _ => {}
                }
            }
            Page::Fields(pairs)
        });
    prop_oneof![
        5 => prop::collection::vec(pair_strategy(form), 0..40).prop_map(Page::Fields),
        4 => changed,
        1 => body.prop_map(Page::Body),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
enum Change {
    Remove(Index),
    Set(Index, String),
    Add((String, String)),
}

fn raw_of(pairs: &[(String, String)]) -> RawForm {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_default().push(v.clone());
    }
    RawForm(map)
}

/// Validates `page` in both modes and returns what each stored that it should not.
fn run_page(form: &Form, page: &Page) -> Result<(), TestCaseError> {
    let raw = match page {
        Page::Fields(pairs) => {
            let raw = raw_of(pairs);
            // The body a browser sends for these fields reads back as the same fields.
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs.iter())
                .finish();
            prop_assert_eq!(&RawForm::parse(&body), &raw, "body {:?}", body);
            raw
        }
        Page::Body(body) => RawForm::parse(body),
    };
    for mode in [Mode::Draft, Mode::Submit] {
        let outcome = validate(form, &raw, mode);
        let found = violations(form, &outcome, mode);
        prop_assert!(
            found.is_empty(),
            "form {}, {:?}: stored what the schema forbids: {:#?}\nanswers: {:#}",
            form.id,
            mode,
            found,
            Value::Object(outcome.answers.clone())
        );
    }
    Ok(())
}

fn hostile_pages(default_cases: u32) {
    for form in FORMS.iter() {
        check(
            &format!("hostile pages for form {}", form.id),
            cases(default_cases),
            page_strategy(form),
            |page| run_page(form, &page),
        );
    }
}

/// No page makes `validate` panic (the runner fails on a panic), and nothing the schema forbids
/// is stored from it.
#[test]
fn hostile_pages_neither_panic_nor_store_what_the_schema_forbids() {
    hostile_pages(150);
}

// ---------------------------------------------------------------------------------------------
// Valid answers
// ---------------------------------------------------------------------------------------------

/// One generated answer: the fields typed (relative to the question's name) and what must be
/// stored (relative to its id).
#[derive(Debug, Clone)]
struct Draw {
    include: bool,
    typed: Typed,
    stored: Stored,
}

/// Fields typed: (suffix of the question's name, text).
type Typed = Vec<(String, String)>;
/// Answers stored: (suffix of the question's id, value).
type Stored = Vec<(String, Value)>;

#[derive(Debug, Clone)]
enum Answer {
    /// A question these generators cannot answer (a kind they do not know, an empty list).
    None,
    One(Draw),
    /// Rows of a group, and blank rows the page adds after them.
    Rows(Vec<Vec<Answer>>, usize, bool),
    /// The rows of a grid, one per choice of its list, answered or not.
    Grid(Vec<Option<Vec<Answer>>>),
}

const WORDS: &[&str] = &[
    "staff",
    "метрология",
    "a < b",
    "x<5",
    "R&D",
    "\"quoted\"",
    "O'Brien",
    "50%",
    "1,5",
    "—",
    "ünïcødé",
    "😀",
    ">",
    "x > y",
    "&lt;",
];

fn text_typed(max: usize, lines: bool) -> BoxedStrategy<(String, String)> {
    if max == 0 {
        return Just((String::new(), String::new())).boxed();
    }
    let mut words: Vec<&'static str> = WORDS.to_vec();
    if lines {
        words.extend(["line\nbreak", "tab\there", "crlf\r\nend"]);
    }
    let plain = (
        prop::collection::vec(prop::sample::select(words), 1..8),
        prop::sample::select(vec!["", " ", "  ", "\t", "\n", "\u{a0}"]),
        prop::sample::select(vec!["", " ", "\n", "\u{3000}"]),
    )
        .prop_map(move |(words, before, after)| {
            let text: String = words.join(" ").chars().take(max).collect();
            let text = text.trim().to_string();
            let text = if text.is_empty() {
                "x".to_string()
            } else {
                text
            };
            (format!("{before}{text}{after}"), text)
        });
    // Exactly the longest text allowed, in letters of two bytes.
    let longest = Just(("é".repeat(max), "é".repeat(max)));
    prop_oneof![8 => plain, 1 => longest].boxed()
}

fn number_typed(n: i64) -> BoxedStrategy<String> {
    let grouped = |sep: &str| {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        format!("{}{out}", if n < 0 { "-" } else { "" })
    };
    prop::sample::select(vec![
        n.to_string(),
        format!(" {n} "),
        grouped(" "),
        grouped("\u{a0}"),
        grouped("\u{202f}"),
        format!("{n}.0"),
        format!("{n},0"),
    ])
    .boxed()
}

fn draw(form: &Form, q: &Question) -> BoxedStrategy<Answer> {
    let include = any::<bool>();
    let one = |typed: BoxedStrategy<(Typed, Stored)>| {
        (include, typed)
            .prop_map(|(include, (typed, stored))| {
                Answer::One(Draw {
                    include,
                    typed,
                    stored,
                })
            })
            .boxed()
    };
    match q.kind {
        Kind::Text | Kind::LongText => {
            if q.max_length() == 0 {
                return Just(Answer::None).boxed();
            }
            one(text_typed(q.max_length(), q.kind == Kind::LongText)
                .prop_map(|(typed, text)| {
                    (
                        vec![(String::new(), typed)],
                        vec![(String::new(), Value::String(text))],
                    )
                })
                .boxed())
        }
        Kind::Integer | Kind::Year => {
            // Every integer has bounds (`bounds`), within which doubles hold it exactly.
            let (min, max) = bounds(q);
            let lo = min.unwrap_or(f64::MIN).ceil();
            let hi = max.unwrap_or(f64::MAX).floor();
            if lo > hi {
                return Just(Answer::None).boxed();
            }
            let values = prop_oneof![
                1 => Just(lo),
                1 => Just(hi),
                4 => (0.0f64..=1.0).prop_map(move |u| (lo + (hi - lo) * u).round().clamp(lo, hi)),
                2 => (-1000.0f64..=3000.0).prop_map(move |v| v.round().clamp(lo, hi)),
            ];
            one(values
                .prop_flat_map(|v| {
                    let stored = Value::Number(Number::from(v as i64));
                    number_typed(v as i64).prop_map(move |t| {
                        (
                            vec![(String::new(), t)],
                            vec![(String::new(), stored.clone())],
                        )
                    })
                })
                .boxed())
        }
        Kind::Decimal => {
            let (min, max) = bounds(q);
            let lo = min.unwrap_or(-1e9);
            let hi = max.unwrap_or(1e9);
            if lo > hi {
                return Just(Answer::None).boxed();
            }
            let values = prop_oneof![
                1 => Just(lo),
                1 => Just(hi),
                4 => (0.0f64..=1.0).prop_map(move |u| (lo + (hi - lo) * u).clamp(lo, hi)),
                2 => (0.0f64..=1.0)
                    .prop_map(move |u| ((lo + (hi - lo) * u) * 100.0).round() / 100.0)
                    .prop_filter("in bounds", move |v| *v >= lo && *v <= hi),
            ];
            one((values, any::<bool>())
                .prop_map(|(v, comma)| {
                    let typed = format!("{v}");
                    let typed = if comma {
                        typed.replace('.', ",")
                    } else {
                        typed
                    };
                    let stored = Value::Number(Number::from_f64(v).expect("finite"));
                    (vec![(String::new(), typed)], vec![(String::new(), stored)])
                })
                .boxed())
        }
        Kind::Date => one((1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| {
                let text = format!("{y:04}-{m:02}-{d:02}");
                (
                    vec![(String::new(), text.clone())],
                    vec![(String::new(), Value::String(text))],
                )
            })
            .boxed()),
        Kind::SingleChoice | Kind::YesNo => {
            let mut pool: Vec<String> = form.choices(q).iter().map(|c| c.value.clone()).collect();
            if q.other {
                pool.push("other".into());
            }
            if pool.is_empty() {
                return Just(Answer::None).boxed();
            }
            let other = other_strategy(q);
            one((prop::sample::select(pool), other)
                .prop_map(|(value, other)| {
                    let mut typed = vec![(String::new(), value.clone())];
                    let mut stored = vec![(String::new(), Value::String(value.clone()))];
                    if value == "other" {
                        typed.push((".other".into(), other.0));
                        stored.push((".other".into(), Value::String(other.1)));
                    }
                    (typed, stored)
                })
                .boxed())
        }
        Kind::MultiChoice => {
            let choices: Vec<String> = form.choices(q).iter().map(|c| c.value.clone()).collect();
            let mut pool: Vec<(usize, String)> = choices.iter().cloned().enumerate().collect();
            if q.other {
                pool.push((usize::MAX, "other".into()));
            }
            if pool.is_empty() {
                return Just(Answer::None).boxed();
            }
            let len = pool.len();
            let detail = q.detail.is_some();
            let details = prop::collection::vec(
                prop::option::of(text_typed(Question::DEFAULT_LONG_TEXT_LENGTH, true)),
                len,
            );
            one((
                prop::sample::subsequence(pool, 1..=len),
                details,
                other_strategy(q),
                any::<bool>(),
            )
                .prop_map(move |(chosen, details, other, repeat)| {
                    let mut typed: Vec<(String, String)> = chosen
                        .iter()
                        .map(|(_, v)| (String::new(), v.clone()))
                        .collect();
                    if repeat {
                        typed.push((String::new(), chosen[0].1.clone()));
                    }
                    let values = chosen
                        .iter()
                        .map(|(_, v)| Value::String(v.clone()))
                        .collect();
                    let mut stored = vec![(String::new(), Value::Array(values))];
                    let mut kept = Map::new();
                    for (k, (i, value)) in chosen.iter().enumerate() {
                        if *i == usize::MAX {
                            typed.push((".other".into(), other.0.clone()));
                            stored.push((".other".into(), Value::String(other.1.clone())));
                        } else if let (true, Some((text, trimmed))) = (detail, &details[k]) {
                            typed.push((format!(".detail.{i}"), text.clone()));
                            kept.insert(value.clone(), Value::String(trimmed.clone()));
                        }
                    }
                    if !kept.is_empty() {
                        stored.push((".detail".into(), Value::Object(kept)));
                    }
                    (typed, stored)
                })
                .boxed())
        }
        Kind::Group => {
            let min = q.min_rows.unwrap_or(usize::from(q.required));
            let max = q.max_rows();
            if min > max {
                return Just(Answer::None).boxed();
            }
            let inner: Vec<BoxedStrategy<Answer>> =
                q.questions.iter().map(|inner| draw(form, inner)).collect();
            let rows = prop::collection::vec(inner, min..=max.min(min + 3));
            (rows, 0..=2usize, any::<bool>())
                .prop_map(move |(rows, blank, post)| {
                    let blank = blank.min(max - rows.len());
                    Answer::Rows(rows, blank, post)
                })
                .boxed()
        }
        Kind::Grid => {
            let n = form.choices(q).len();
            if n == 0 {
                return Just(Answer::None).boxed();
            }
            // A required column makes every row required.
            let all = q.questions.iter().any(|c| c.required);
            let required = q.required;
            let inner: Vec<BoxedStrategy<Answer>> =
                q.questions.iter().map(|inner| draw(form, inner)).collect();
            (
                prop::collection::vec((any::<bool>(), inner), n),
                any::<Index>(),
            )
                .prop_map(move |(rows, force)| {
                    let force = force.index(n);
                    let rows = rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, (answered, row))| {
                            (answered || all || (required && i == force)).then_some(row)
                        })
                        .collect();
                    Answer::Grid(rows)
                })
                .boxed()
        }
        // A kind added after these generators: no answer, and a form requiring one is skipped.
        #[allow(unreachable_patterns)]
        _ => Just(Answer::None).boxed(),
    }
}

/// A stored value as typed.
fn typed_as(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn other_strategy(q: &Question) -> BoxedStrategy<(String, String)> {
    if q.max_length() == 0 {
        Just((String::new(), String::new())).boxed()
    } else {
        text_typed(q.max_length(), false)
    }
}

/// Puts the answers of one scope (the form, or one row) on the page, as a person would: a
/// hidden question gets nothing, a required one always gets an answer. `None` when a required
/// question cannot be answered by these generators.
fn assemble(
    form: &Form,
    qs: &[&Question],
    answers: &[Answer],
    prefix: &str,
    raw: &mut RawForm,
    stored: &mut Map<String, Value>,
    force_one: bool,
) -> Option<()> {
    for (q, answer) in qs.iter().zip(answers) {
        if let Some(cond) = &q.show_if {
            let name = format!("{prefix}{}", cond.question);
            if !raw.all(&name).iter().any(|v| cond.any_of.contains(v)) {
                continue;
            }
        }
        let name = format!("{prefix}{}", q.id);
        match answer {
            Answer::None if q.required => return None,
            Answer::None => {}
            Answer::One(d) => {
                let forced = force_one && stored.is_empty() && q.show_if.is_none();
                if !(q.required || d.include || forced) {
                    continue;
                }
                let mut d = d.clone();
                // Not before the earlier question it follows: then the same value, if required.
                let earlier = q.after.as_ref().and_then(|e| stored.get(e));
                let main = d.stored.iter().find(|(suffix, _)| suffix.is_empty());
                if let (Some(earlier), Some((_, value))) = (earlier, main) {
                    if before(value, earlier) == Some(true) {
                        if !q.required {
                            continue;
                        }
                        d.typed = vec![(String::new(), typed_as(earlier))];
                        d.stored = vec![(String::new(), earlier.clone())];
                    }
                }
                for (suffix, value) in &d.typed {
                    raw.0
                        .entry(format!("{name}{suffix}"))
                        .or_default()
                        .push(value.clone());
                }
                for (suffix, value) in &d.stored {
                    stored.insert(format!("{}{suffix}", q.id), value.clone());
                }
            }
            Answer::Rows(rows, blank, post) => {
                let inner: Vec<&Question> = q.questions.iter().collect();
                let mut kept = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    let mut values = Map::new();
                    let prefix = format!("{name}.{i}.");
                    assemble(form, &inner, row, &prefix, raw, &mut values, true)?;
                    if !values.is_empty() {
                        kept.push(Value::Object(values));
                    }
                }
                let min = q.min_rows.unwrap_or(usize::from(q.required));
                if kept.len() < min {
                    return None;
                }
                if *post || *blank > 0 {
                    raw.set(format!("{name}._rows"), (rows.len() + blank).to_string());
                }
                if !kept.is_empty() {
                    stored.insert(q.id.clone(), Value::Array(kept));
                }
            }
            Answer::Grid(rows) => {
                let inner: Vec<&Question> = q.questions.iter().collect();
                let mut kept = Map::new();
                for ((i, choice), row) in form.choices(q).iter().enumerate().zip(rows) {
                    let Some(row) = row else {
                        continue;
                    };
                    let mut values = Map::new();
                    let prefix = format!("{name}.{i}.");
                    assemble(form, &inner, row, &prefix, raw, &mut values, true)?;
                    if !values.is_empty() {
                        kept.insert(choice.value.clone(), Value::Object(values));
                    }
                }
                if q.required && kept.is_empty() {
                    return None;
                }
                if !kept.is_empty() {
                    stored.insert(q.id.clone(), Value::Object(kept));
                }
            }
        }
    }
    Some(())
}

#[derive(Debug, Clone)]
struct Valid {
    raw: RawForm,
    stored: Map<String, Value>,
}

fn valid_strategy(form: &Form) -> BoxedStrategy<Option<Valid>> {
    let top: Vec<Question> = form.questions().cloned().collect();
    let answers: Vec<BoxedStrategy<Answer>> = top.iter().map(|q| draw(form, q)).collect();
    let form = form.clone();
    answers
        .prop_map(move |answers| {
            let qs: Vec<&Question> = top.iter().collect();
            let mut raw = RawForm::default();
            let mut stored = Map::new();
            assemble(&form, &qs, &answers, "", &mut raw, &mut stored, false)?;
            Some(Valid { raw, stored })
        })
        .boxed()
}

fn round_trip(form: &Form, valid: Option<Valid>) -> Result<(), TestCaseError> {
    let Some(Valid { raw, stored }) = valid else {
        // A draw that left too few rows of a group: nothing to check.
        return Ok(());
    };
    for mode in [Mode::Submit, Mode::Draft] {
        let outcome = validate(form, &raw, mode);
        prop_assert!(
            outcome.errors.is_empty(),
            "form {}, {:?}: valid answers refused: {:#?}",
            form.id,
            mode,
            outcome.errors
        );
        prop_assert_eq!(
            Value::Object(outcome.answers.clone()),
            Value::Object(stored.clone()),
            "form {}, {:?}: stored (left) differs from what was typed (right)",
            &form.id,
            mode
        );
        let found = violations(form, &outcome, mode);
        prop_assert!(found.is_empty(), "form {}: {:#?}", form.id, found);
    }
    let again = RawForm::from_answers(form, &stored);
    for mode in [Mode::Submit, Mode::Draft] {
        let outcome = validate(form, &again, mode);
        prop_assert!(
            outcome.errors.is_empty(),
            "form {}, {:?}: stored answers refused when shown again: {:#?}\npage: {:#?}",
            form.id,
            mode,
            outcome.errors,
            again
        );
        prop_assert_eq!(
            Value::Object(outcome.answers),
            Value::Object(stored.clone()),
            "form {}, {:?}: round trip (left) differs from the first pass (right)",
            &form.id,
            mode
        );
    }
    Ok(())
}

fn valid_answers(default_cases: u32) {
    for form in FORMS.iter() {
        let strategy = valid_strategy(form);
        let mut runner = TestRunner::deterministic();
        let answerable = (0..50).any(|_| {
            strategy
                .new_tree(&mut runner)
                .is_ok_and(|tree| tree.current().is_some())
        });
        if !answerable {
            eprintln!(
                "valid answers: form {} skipped, it requires a kind of question these \
                 generators do not know",
                form.id
            );
            continue;
        }
        check(
            &format!("valid answers for form {}", form.id),
            cases(default_cases),
            strategy,
            |valid| round_trip(form, valid),
        );
    }
}

/// Valid answers generated from each schema are accepted, stored as typed, and the page made
/// from them (`RawForm::from_answers`) validates to the same answers.
#[test]
fn valid_answers_are_kept_and_survive_a_round_trip() {
    valid_answers(100);
}

// ---------------------------------------------------------------------------------------------
// Mangled schema files
// ---------------------------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    "",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "{",
    "}",
    ",",
    "#",
    "\"\"",
    "\"x\"",
    "true",
    "false",
    "0",
    "-1",
    "1e400",
    "nan",
    "inf",
    "18446744073709551616",
    "\"group\"",
    "\"integer\"",
    "\"year\"",
    "\"decimal\"",
    "\"date\"",
    "\"yes_no\"",
    "\"multi_choice\"",
    "\"single_choice\"",
    "\"long_text\"",
    "\"grid\"",
    "id",
    "type",
    "list",
    "value",
    "questions",
    "show_if = { question = \"fields\", any_of = [\"x\"] }",
    "show_if = { question = \"x\", any_of = [] }",
    "min_rows = 5",
    "max_rows = 0",
    "max_length = 0",
    "min = 10",
    "max = -10",
    "other = true",
    "required = true",
    "\"countries\"",
    "\"institutes\"",
    "\"no-such-list\"",
    "\u{0}",
    "\u{feff}",
    "ф",
    "😀",
    "\n",
    "\r\n",
    "\"\"\"",
    "'''",
    "[[sections.questions.questions]]",
    "[[sections.questions]]",
    "[[sections]]",
    "[[indicators]]",
    "[lists]",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    MoveLine(Index, Index),
    /// Replaces a whitespace-separated token of a line by a token of the pool or of the file.
    ReplaceToken(Index, Index, Result<&'static str, Index>),
    InsertToken(Index, Result<&'static str, Index>),
    InsertByte(Index, u8),
    DeleteByte(Index),
    SetByte(Index, u8),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        prop::sample::select(TOKENS).prop_map(Ok),
        any::<Index>().prop_map(Err),
    ];
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::MoveLine(a, b)),
        4 => (any::<Index>(), any::<Index>(), token.clone())
            .prop_map(|(l, t, r)| Mutation::ReplaceToken(l, t, r)),
        2 => (any::<Index>(), token).prop_map(|(l, r)| Mutation::InsertToken(l, r)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteByte),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
    ]
}

fn mutate(source: &str, mutations: &[Mutation]) -> String {
    let tokens: Vec<String> = source.split_whitespace().map(String::from).collect();
    let pick = |r: &Result<&'static str, Index>| match r {
        Ok(t) => t.to_string(),
        Err(i) if tokens.is_empty() => i.index(1).to_string(),
        Err(i) => tokens[i.index(tokens.len())].clone(),
    };
    let mut text = source.to_string();
    for m in mutations {
        let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::MoveLine(a, b) => {
                let line = lines.remove(a.index(n));
                lines.insert(b.index(n), line);
            }
            Mutation::ReplaceToken(l, t, r) => {
                let l = l.index(n);
                let mut words: Vec<String> = lines[l].split(' ').map(String::from).collect();
                let t = t.index(words.len());
                words[t] = pick(r);
                lines[l] = words.join(" ");
            }
            Mutation::InsertToken(l, r) => {
                let l = l.index(n + 1);
                lines.insert(l, pick(r));
            }
            Mutation::InsertByte(_, _) | Mutation::DeleteByte(_) | Mutation::SetByte(_, _) => {
                let mut bytes = text.into_bytes();
                match m {
                    Mutation::InsertByte(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
                    Mutation::DeleteByte(i) if !bytes.is_empty() => {
                        bytes.remove(i.index(bytes.len()));
                    }
                    Mutation::SetByte(i, b) if !bytes.is_empty() => {
                        let i = i.index(bytes.len());
                        bytes[i] = *b;
                    }
                    _ => {}
                }
                text = String::from_utf8_lossy(&bytes).into_owned();
                continue;
            }
        }
        text = lines.join("\n");
    }
    text
}

fn mangled_schemas(default_cases: u32) {
    for (path, source) in SOURCES.iter() {
        let strategy = prop::collection::vec(mutation_strategy(), 1..6);
        check(
            &format!("mangled {}", path.display()),
            cases(default_cases),
            strategy,
            |mutations| {
                let text = mutate(source, &mutations);
                let lines = text.lines().count();
                let (form, problems) = load_source(path, &text, &LISTS);
                for p in &problems {
                    prop_assert!(
                        p.line >= 1 && p.line <= lines + 1,
                        "problem at line {} of a file of {} lines: {}\nfile:\n{}",
                        p.line,
                        lines,
                        p,
                        text
                    );
                    prop_assert_eq!(&p.file, path);
                }
                // A mangled schema that still passes is a form: answering it must not panic.
                if let (Some(form), true) = (form, problems.is_empty()) {
                    let mut raw = RawForm::default();
                    for q in form.questions() {
                        raw.set(q.id.clone(), "1");
                        for inner in &q.questions {
                            raw.set(format!("{}.0.{}", q.id, inner.id), "yes");
                        }
                    }
                    for mode in [Mode::Draft, Mode::Submit] {
                        validate(&form, &RawForm::default(), mode);
                        validate(&form, &raw, mode);
                    }
                }
                Ok(())
            },
        );
    }
}

/// The checker never panics on a mangled copy of a form file, and reports each problem at a
/// line of that file.
#[test]
fn the_checker_reports_mangled_schemas_at_a_line_of_the_file() {
    mangled_schemas(100);
}

#[test]
fn the_properties_cover_every_form_of_forms() {
    let files = SOURCES.len() - 1;
    assert_eq!(FORMS.len() - 1, files, "every file of forms/ is a form");
    assert!(FORMS.iter().any(|f| f.id == "training-needs"));
}

// ---------------------------------------------------------------------------------------------
// What the properties found, each with its smallest input, kept as it was fixed.
// ---------------------------------------------------------------------------------------------

fn form(id: &str) -> &'static Form {
    FORMS.iter().find(|f| f.id == id).expect("form")
}

/// A valid submission of the form of this file, to which each test adds its fields.
const ALL_KINDS_VALID: &str = "has_lab=no&name=x&rows.0.kind=small\
    &scores.0.score=small&scores.1.score=small&scores.2.score=small&levels.0.level=1";

fn all_kinds(extra: &str, mode: Mode) -> Outcome {
    let base = validate(
        form(ALL_KINDS_ID),
        &RawForm::parse(ALL_KINDS_VALID),
        Mode::Submit,
    );
    assert!(base.is_valid(), "{:?}", base.errors);
    let body = format!("{ALL_KINDS_VALID}&{extra}");
    validate(form(ALL_KINDS_ID), &RawForm::parse(&body), mode)
}

/// A row whose only field is an "other" text without its choice (or an answer to a hidden
/// question) was stored as an empty row `{}`, and counted towards `min_rows`.
#[test]
fn found_1_a_row_without_answers_is_not_stored() {
    let out = validate(
        form("training-needs"),
        &RawForm::parse("needs.0.topic.other=x"),
        Mode::Draft,
    );
    assert_eq!(out.answers.get("needs"), None, "{:?}", out.answers);
    // `rows` needs one row: a row of stray fields is none.
    let body = ALL_KINDS_VALID.replace("rows.0.kind=small", "rows.0.kind.other=x");
    let out = validate(form(ALL_KINDS_ID), &RawForm::parse(&body), Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}

/// A draft kept a mistyped number as typed, markup, control characters and any length included.
#[test]
fn found_2_a_draft_keeps_no_markup_in_a_number() {
    for typed in [
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "1%00",
        &"9".repeat(20_000),
    ] {
        let raw = RawForm::parse(&format!("staff_coomet={typed}"));
        let out = validate(form("training-needs"), &raw, Mode::Draft);
        let kept = out.answers.get("staff_coomet").and_then(Value::as_str);
        assert!(
            !kept.is_some_and(|s| has_markup(s) || has_control(s) || s.len() > 500),
            "kept {kept:?}"
        );
    }
}

/// Conditions were judged on the posted page: a choice posted with spaces was stored trimmed
/// while the questions it shows were skipped, and an answer shown by a hidden one was kept.
#[test]
fn found_3_conditions_follow_the_validated_answers() {
    // `has_offers` is stored as "yes", so the offers it shows are asked for.
    let raw = RawForm::parse("has_offers=+yes+");
    let out = validate(form("traineeship-offers"), &raw, Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
    // `lab_staff` shows when `lab_size` is big, which shows only when `has_lab` is yes.
    let out = all_kinds("lab_size=big&lab_staff=5", Mode::Submit);
    assert_eq!(out.answers.get("lab_staff"), None, "{:?}", out.answers);
}

/// `required = true` on a grid was ignored: a submission without any of its rows passed.
#[test]
fn found_4_a_required_grid_needs_a_row() {
    let body = ALL_KINDS_VALID.replace("&levels.0.level=1", "");
    let out = validate(form(ALL_KINDS_ID), &RawForm::parse(&body), Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}

/// Row number usize::MAX overflowed in `RawForm::rows`: a panic in debug builds.
#[test]
fn found_5_a_huge_row_number_does_not_panic() {
    let raw = RawForm::parse("needs.18446744073709551615.topic=x&needs._rows=99999999999");
    let out = std::panic::catch_unwind(|| validate(form("training-needs"), &raw, Mode::Draft));
    assert!(out.is_ok(), "validate panicked");
}

/// An integer without bounds beyond 2^53 was stored rounded, beyond i64 saturated (`1e20` as
/// 9223372036854775807).
#[test]
fn found_6_an_integer_is_stored_as_typed_or_refused() {
    for typed in ["1e20", "9007199254740993", "-9223372036854775809"] {
        let out = all_kinds(&format!("count={typed}"), Mode::Submit);
        let stored = out.answers.get("count").map(ToString::to_string);
        assert!(
            !out.is_valid() || stored.as_deref() == Some(typed),
            "{typed} stored as {stored:?}"
        );
    }
}

/// `after` compared dates as text, and chrono reads `+10000-01-01`, which sorts before
/// `2024-01-01`: an end date 8,000 years before its start passed.
#[test]
fn found_7_an_end_is_never_before_its_start() {
    let raw = RawForm::parse(
        "held=yes&traineeships.0.start_date=%2B10000-01-01&traineeships.0.end_date=2024-01-01",
    );
    let out = validate(form("traineeships-held"), &raw, Mode::Draft);
    assert!(!out.errors.is_empty(), "{:?}", out.answers);
    let out = all_kinds("since=%2B10000-01-01&ends=2024-01-01", Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}
