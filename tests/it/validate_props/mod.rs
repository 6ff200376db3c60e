//! Properties of answer validation and of the schema checker, run over every form of `forms/`
//! (a new form is covered as soon as it is there) and over one form written here that uses every
//! kind of question the engine knows:
//!
//! - no posted page, however hostile, makes `validate` panic, in either mode;
//! - nothing the schema forbids is stored: a valid submission, and any draft (drafts are saved
//!   with their errors), hold only the form's questions, choices of their lists, numbers within
//!   bounds, texts within length and without control characters and, in a submission, without
//!   markup (a draft keeps typed markup as text, marked as an error, so that nothing typed is
//!   lost; it is escaped wherever shown), every required answer (submissions only), at most
//!   `max_rows` rows, and no answer to a hidden question;
//! - valid answers generated from the schema are accepted as typed and survive the round trip
//!   through the page (`RawForm::from_answers`);
//! - the schema checker never panics on a mangled form file and reports each problem at a line of
//!   that file.
//!
//! Case counts are modest so the file runs in seconds; `PROPTEST_CASES=5000` runs more. A failure
//! names the form and the smallest input found. The tests `found_*` at the end keep the smallest
//! inputs of what these properties found, once each.
use coomet_surveys::forms::load::load_source;
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
    let i18n = coomet_surveys::i18n::I18n::load(&root().join("templates/locales")).unwrap();
    let registry = Registry::load(&root().join("forms"), &root().join("seeds"), &i18n)
        .expect("the forms of forms/ load without problems");
    assert!(!registry.forms.is_empty(), "no form in forms/");
    let mut forms: Vec<Form> = registry.forms.into_values().map(|f| (*f).clone()).collect();
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
        let kept_in_draft = self.mode == Mode::Draft && family != "draft-number";
        if has_markup(s) && !kept_in_draft {
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

mod found;
mod hostile;
mod mangled;
mod valid;
