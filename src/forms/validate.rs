//! Turning a posted form into typed answers, or into messages next to each wrong field.
use super::raw::RawForm;
use super::schema::{Condition, Form, Kind, Question};
use serde_json::{Map, Number, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keep what can be kept; nothing is required yet.
    Draft,
    /// Everything must hold.
    Submit,
}

/// One message for one field. `rule` names the message (`required`, `min`, ...); `question` is
/// the question's path, whose schema may word the message itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub question: String,
    pub rule: &'static str,
    pub args: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub answers: Map<String, Value>,
    pub errors: Vec<FieldError>,
}

impl Outcome {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

pub fn validate(form: &Form, raw: &RawForm, mode: Mode) -> Outcome {
    validate_for(form, raw, mode, None)
}

/// Validates for a respondent of institute `own`, which questions marked `exclude_own` refuse.
pub fn validate_for(form: &Form, raw: &RawForm, mode: Mode, own: Option<&str>) -> Outcome {
    let mut v = Validator {
        form,
        raw,
        mode,
        own,
        errors: Vec::new(),
    };
    let mut answers = Map::new();
    for q in form.questions() {
        if !v.shown(q, &answers) {
            continue;
        }
        let value = match q.kind {
            Kind::Group => v.group(q),
            Kind::Grid => v.grid(q),
            _ => {
                v.question(q, &q.id, &q.id, &mut answers);
                None
            }
        };
        if let Some(value) = value {
            answers.insert(q.id.clone(), value);
        }
    }
    Outcome {
        answers,
        errors: v.errors,
    }
}

struct Validator<'a> {
    form: &'a Form,
    raw: &'a RawForm,
    mode: Mode,
    own: Option<&'a str>,
    errors: Vec<FieldError>,
}

pub use super::typed::fmt_num;
use super::typed::{has_control, has_markup, parse_number, NotRead};

impl Validator<'_> {
    fn error(
        &mut self,
        field: &str,
        q: &str,
        rule: &'static str,
        args: Vec<(&'static str, String)>,
    ) {
        if self.mode == Mode::Draft && matches!(rule, "required" | "min_rows" | "other_required") {
            return;
        }
        self.errors.push(FieldError {
            field: field.to_string(),
            question: q.to_string(),
            rule,
            args,
        });
    }

    /// Whether `q` is shown, judged on the answers already validated in its scope (not on the
    /// posted page): an answer that was itself hidden or refused shows nothing.
    fn shown(&self, q: &Question, scope: &Map<String, Value>) -> bool {
        let Some(Condition { question, any_of }) = &q.show_if else {
            return true;
        };
        match scope.get(question) {
            Some(Value::String(v)) => any_of.contains(v),
            Some(Value::Array(items)) => items
                .iter()
                .any(|v| v.as_str().is_some_and(|v| any_of.iter().any(|a| a == v))),
            _ => false,
        }
    }

    fn text(&mut self, field: &str, path: &str, q: &Question, value: &str) -> Option<String> {
        let value = value.trim();
        if value.chars().count() > q.max_length() {
            self.error(
                field,
                path,
                "length",
                vec![("max", q.max_length().to_string())],
            );
            return None;
        }
        if has_control(value) {
            self.error(field, path, "markup", vec![]);
            return None;
        }
        if has_markup(value) {
            self.error(field, path, "markup", vec![]);
            // A draft keeps it, marked, so that nobody opens an empty field with no hint that
            // something was typed there; it is stored as text and escaped wherever it is shown,
            // and no submission carries it.
            return (self.mode == Mode::Draft).then(|| value.to_string());
        }
        Some(value.to_string())
    }

    /// Validates one non-group question named `field`, storing it under `q.id` in `out`.
    fn question(&mut self, q: &Question, field: &str, path: &str, out: &mut Map<String, Value>) {
        let values: Vec<&str> = self
            .raw
            .all(field)
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if values.is_empty() {
            if q.required {
                self.error(field, path, "required", vec![]);
            }
            return;
        }
        let first = values[0];
        let value = match q.kind {
            Kind::Text | Kind::LongText => self.text(field, path, q, first).map(Value::String),
            Kind::Integer | Kind::Decimal | Kind::Year => self.number(q, field, path, first),
            // Only YYYY-MM-DD with a four-digit year, so that dates also compare as text.
            Kind::Date => match chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d")
                .ok()
                .filter(|_| first.len() == 10 && first.as_bytes()[0].is_ascii_digit())
                .ok_or(())
            {
                Ok(d) => Some(Value::String(d.to_string())),
                Err(_) => {
                    self.error(field, path, "date", vec![]);
                    None
                }
            },
            Kind::SingleChoice | Kind::YesNo => {
                if values.len() > 1 || !self.is_choice(q, first) {
                    self.error(field, path, "choice", vec![]);
                    None
                } else {
                    self.other(q, field, path, &[first], out);
                    Some(Value::String(first.to_string()))
                }
            }
            Kind::MultiChoice => {
                let mut chosen: Vec<&str> = Vec::new();
                for v in &values {
                    if !self.is_choice(q, v) {
                        self.error(field, path, "choice", vec![]);
                        return;
                    }
                    if !chosen.contains(v) {
                        chosen.push(v);
                    }
                }
                self.other(q, field, path, &chosen, out);
                self.details(q, field, path, &chosen, out);
                Some(Value::Array(
                    chosen
                        .iter()
                        .map(|s| Value::String(s.to_string()))
                        .collect(),
                ))
            }
            Kind::Group | Kind::Grid => None,
        };
        if let (Some(value), Some(earlier)) = (&value, &q.after) {
            // Dates as YYYY-MM-DD and numbers both compare in order.
            let before = |a: &Value, b: &Value| match (a, b) {
                (Value::String(a), Value::String(b)) => a < b,
                (Value::Number(a), Value::Number(b)) => a.as_f64() < b.as_f64(),
                _ => false,
            };
            if out.get(earlier).is_some_and(|start| before(value, start)) {
                // The earlier question's path; the page names it in its own language.
                let earlier_path = match path.rsplit_once('.') {
                    Some((scope, _)) => format!("{scope}.{earlier}"),
                    None => earlier.clone(),
                };
                self.error(field, path, "after", vec![("other", earlier_path)]);
                return;
            }
        }
        if let Some(value) = value {
            out.insert(q.id.clone(), value);
        }
    }

    fn is_choice(&self, q: &Question, value: &str) -> bool {
        if q.exclude_own && self.own == Some(value) {
            return false;
        }
        (q.other && value == "other") || self.form.choices(q).iter().any(|c| c.value == value)
    }

    fn number(&mut self, q: &Question, field: &str, path: &str, raw: &str) -> Option<Value> {
        // A draft keeps a mistyped number as typed, so nothing is lost, unless what was typed
        // could not be an honest number at all.
        let keep_raw = |this: &Self| {
            let harmless = raw.chars().count() <= 40 && !has_markup(raw) && !has_control(raw);
            (this.mode == Mode::Draft && harmless).then(|| Value::String(raw.into()))
        };
        let n = match parse_number(raw) {
            Ok(n) => n,
            Err(NotRead::Ambiguous) => {
                let (whole, three) = raw.trim().split_once(',').unwrap_or_default();
                let args = vec![
                    ("typed", raw.trim().to_string()),
                    ("thousands", format!("{whole}{three}")),
                    ("decimal", format!("{whole}.{three}")),
                ];
                self.error(field, path, "number_ambiguous", args);
                return keep_raw(self);
            }
            Err(NotRead::NotANumber) => {
                let rule = if q.kind == Kind::Decimal {
                    "number"
                } else {
                    "integer"
                };
                self.error(field, path, rule, vec![]);
                return keep_raw(self);
            }
        };
        if q.kind != Kind::Decimal && n.fract() != 0.0 {
            self.error(field, path, "integer", vec![]);
            return keep_raw(self);
        }
        // Whole numbers beyond 10^15 would not survive a round trip through JSON's doubles.
        let (min, max) = match q.kind {
            Kind::Year => (q.min.or(Some(1990.0)), q.max.or(Some(2100.0))),
            Kind::Integer => (q.min.or(Some(-1e15)), q.max.or(Some(1e15))),
            _ => (q.min, q.max),
        };
        if let Some(min) = min.filter(|m| n < *m) {
            self.error(field, path, "min", vec![("min", fmt_num(min))]);
            return keep_raw(self);
        }
        if let Some(max) = max.filter(|m| n > *m) {
            self.error(field, path, "max", vec![("max", fmt_num(max))]);
            return keep_raw(self);
        }
        if q.kind == Kind::Decimal {
            Number::from_f64(n).map(Value::Number)
        } else {
            Some(Value::Number(Number::from(n as i64)))
        }
    }

    fn other(
        &mut self,
        q: &Question,
        field: &str,
        path: &str,
        chosen: &[&str],
        out: &mut Map<String, Value>,
    ) {
        if !(q.other && chosen.contains(&"other")) {
            return;
        }
        let name = format!("{field}.other");
        let text = self.raw.get(&name).trim().to_string();
        if text.is_empty() {
            self.error(&name, path, "other_required", vec![]);
        } else if let Some(text) = self.text(&name, path, q, &text) {
            out.insert(format!("{}.other", q.id), Value::String(text));
        }
    }

    fn details(
        &mut self,
        q: &Question,
        field: &str,
        path: &str,
        chosen: &[&str],
        out: &mut Map<String, Value>,
    ) {
        if q.detail.is_none() {
            return;
        }
        let mut details = Map::new();
        for (i, choice) in self.form.choices(q).iter().enumerate() {
            if !chosen.contains(&choice.value.as_str()) {
                continue;
            }
            let name = format!("{field}.detail.{i}");
            let text = self.raw.get(&name).trim().to_string();
            if text.is_empty() {
                continue;
            }
            let long = Question {
                kind: Kind::LongText,
                max_length: None,
                ..q.clone()
            };
            if let Some(text) = self.text(&name, path, &long, &text) {
                details.insert(choice.value.clone(), Value::String(text));
            }
        }
        if !details.is_empty() {
            out.insert(format!("{}.detail", q.id), Value::Object(details));
        }
    }

    fn group(&mut self, g: &Question) -> Option<Value> {
        let rows_on_page = self.raw.rows(&g.id);
        let limit = g.max_rows();
        if rows_on_page > limit {
            self.error(&g.id, &g.id, "max_rows", vec![("max", limit.to_string())]);
            return None;
        }
        let mut rows = Vec::new();
        for i in 0..rows_on_page {
            let prefix = format!("{}.{i}.", g.id);
            let empty = g.questions.iter().all(|q| {
                let name = format!("{prefix}{}", q.id);
                self.raw.all(&name).iter().all(|v| v.trim().is_empty())
                    && self.raw.get(&format!("{name}.other")).trim().is_empty()
            });
            if empty {
                continue;
            }
            let row = self.row(g, &prefix);
            // Only stray fields (an "other" text without its choice, a hidden answer): no row.
            if !row.is_empty() {
                rows.push(Value::Object(row));
            }
        }
        let min = g.min_rows.unwrap_or(usize::from(g.required));
        if rows.len() < min {
            self.error(&g.id, &g.id, "min_rows", vec![("min", min.to_string())]);
        }
        (!rows.is_empty()).then_some(Value::Array(rows))
    }
}

impl Validator<'_> {
    /// The answers of one row of a group or grid, its fields named `prefix` + question id.
    fn row(&mut self, g: &Question, prefix: &str) -> Map<String, Value> {
        let mut row = Map::new();
        for q in &g.questions {
            if self.shown(q, &row) {
                let path = format!("{}.{}", g.id, q.id);
                self.question(q, &format!("{prefix}{}", q.id), &path, &mut row);
            }
        }
        row
    }

    /// A grid: one row per choice of its list; a row with no answer is left out.
    fn grid(&mut self, g: &Question) -> Option<Value> {
        let mut rows = Map::new();
        for (i, choice) in self.form.choices(g).iter().enumerate() {
            let prefix = format!("{}.{i}.", g.id);
            let empty = g.questions.iter().all(|q| {
                self.raw
                    .all(&format!("{prefix}{}", q.id))
                    .iter()
                    .all(|v| v.trim().is_empty())
            });
            // A required column makes every row required; otherwise empty rows are skipped.
            if empty && !g.questions.iter().any(|q| q.required) {
                continue;
            }
            let row = self.row(g, &prefix);
            if !row.is_empty() {
                rows.insert(choice.value.clone(), Value::Object(row));
            }
        }
        if g.required && rows.is_empty() {
            self.error(&g.id, &g.id, "required", vec![]);
        }
        (!rows.is_empty()).then_some(Value::Object(rows))
    }
}
