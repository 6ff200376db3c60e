//! A form as the browser posts it: names to the strings typed, kept verbatim so that a page
//! shown again after an error holds exactly what the user typed.
//!
//! Names: `q` for a question, `q.other` for its "other" text, `q.detail.N` for the text beside
//! choice N of a multiple choice, `g.R.q` for question `q` in row `R` of group `g`, and `g._rows`
//! for the number of rows on the page.
use super::schema::{Form, Question};
use super::walk::Place;
use super::Kind;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// No form has this many rows in a group; row numbers beyond it are not rows but noise, and
/// are ignored rather than allowed to make a page of millions of rows.
pub const MAX_ROWS: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawForm(pub BTreeMap<String, Vec<String>>);

impl RawForm {
    pub fn parse(body: &str) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(body.as_bytes()) {
            map.entry(k.into_owned()).or_default().push(v.into_owned());
        }
        RawForm(map)
    }

    pub fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Each field's first value, by name: a form whose fields are each posted once.
    pub fn firsts(&self) -> BTreeMap<String, String> {
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.first()?.clone())))
            .collect()
    }

    pub fn all(&self, name: &str) -> &[String] {
        self.0.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.insert(name.into(), vec![value.into()]);
    }

    /// Rows of group `g` on the page: the posted count, or one past the highest row named.
    pub fn rows(&self, group: &str) -> usize {
        let prefix = format!("{group}.");
        let named = self
            .0
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter_map(|rest| rest.split('.').next()?.parse::<usize>().ok())
            .filter(|i| *i < MAX_ROWS)
            .map(|i| i + 1)
            .max()
            .unwrap_or(0);
        let posted = self
            .get(&format!("{group}._rows"))
            .parse::<usize>()
            .unwrap_or(0)
            .min(MAX_ROWS);
        named.max(posted)
    }

    pub fn add_row(&mut self, group: &str, max: usize) {
        let rows = self.rows(group);
        if rows < max {
            self.set(format!("{group}._rows"), (rows + 1).to_string());
        }
    }

    /// Removes row `index` of `group` and renumbers the rows after it.
    pub fn remove_row(&mut self, group: &str, index: usize) {
        let rows = self.rows(group);
        if index >= rows {
            return;
        }
        let prefix = format!("{group}.");
        let mut moved = BTreeMap::new();
        self.0.retain(|k, v| {
            let Some(rest) = k.strip_prefix(&prefix) else {
                return true;
            };
            let Some((row, field)) = rest.split_once('.') else {
                return true;
            };
            match row.parse::<usize>() {
                Ok(r) if r == index => false,
                Ok(r) if r > index => {
                    moved.insert(format!("{prefix}{}.{field}", r - 1), std::mem::take(v));
                    false
                }
                _ => true,
            }
        });
        self.0.extend(moved);
        self.set(format!("{group}._rows"), (rows - 1).to_string());
    }

    /// Gives every line of grid `grid` whose `column` is unanswered the value posted as
    /// `grid._fill.column` ("set the rest to ..."), when that is one of the column's choices;
    /// answered lines keep their answer. Returns how many lines it filled, or `None` when the
    /// grid, the column or the value is not the form's.
    pub fn fill_unanswered(&mut self, form: &Form, grid: &str, column: &str) -> Option<usize> {
        let g = form.question(grid).filter(|q| q.kind == Kind::Grid)?;
        let col = g.questions.iter().find(|q| q.id == column)?;
        let value = self.get(&format!("{grid}._fill.{column}")).to_string();
        if !form.choices(col).iter().any(|c| c.value == value) {
            return None;
        }
        let mut filled = 0;
        for line in 0..form.choices(g).len() {
            let name = format!("{grid}.{line}.{column}");
            if self.get(&name).trim().is_empty() {
                self.set(name, value.clone());
                filled += 1;
            }
        }
        Some(filled)
    }

    /// The page for stored answers.
    pub fn from_answers(form: &Form, answers: &Map<String, Value>) -> Self {
        let mut raw = RawForm::default();
        for place in super::walk::stored(form, answers) {
            match place {
                Place::Question { q, answers } => raw.put(form, q, &q.id, answers),
                Place::Group { q, rows } => raw.set(format!("{}._rows", q.id), rows.to_string()),
                Place::Row {
                    parent,
                    index,
                    answers,
                    ..
                } => {
                    for inner in &parent.questions {
                        let name = format!("{}.{index}.{}", parent.id, inner.id);
                        raw.put(form, inner, &name, answers);
                    }
                }
            }
        }
        raw
    }

    /// Row `index` of group `parent` as the stored `row` (a colleague's, after a conflict).
    pub fn set_row(
        &mut self,
        form: &Form,
        parent: &Question,
        index: usize,
        row: &Map<String, Value>,
    ) {
        let prefix = format!("{}.{index}.", parent.id);
        self.0.retain(|k, _| !k.starts_with(&prefix));
        for inner in &parent.questions {
            self.put(form, inner, &format!("{prefix}{}", inner.id), row);
        }
    }

    /// Every row of group `parent` as `rows`.
    pub fn set_rows(&mut self, form: &Form, parent: &Question, rows: &[Map<String, Value>]) {
        let prefix = format!("{}.", parent.id);
        self.0.retain(|k, _| !k.starts_with(&prefix));
        self.set(format!("{}._rows", parent.id), rows.len().to_string());
        for (index, row) in rows.iter().enumerate() {
            self.set_row(form, parent, index, row);
        }
    }

    fn put(&mut self, form: &Form, q: &Question, name: &str, answers: &Map<String, Value>) {
        let Some(value) = answers.get(&q.id) else {
            return;
        };
        let values: Vec<String> = match value {
            Value::Array(items) => items.iter().map(scalar).collect(),
            other => vec![scalar(other)],
        };
        self.0.insert(name.to_string(), values);
        if let Some(Value::String(other)) = answers.get(&format!("{}.other", q.id)) {
            self.set(format!("{name}.other"), other.clone());
        }
        if let Some(Value::Object(details)) = answers.get(&format!("{}.detail", q.id)) {
            for (i, choice) in form.choices(q).iter().enumerate() {
                if let Some(Value::String(text)) = details.get(&choice.value) {
                    self.set(format!("{name}.detail.{i}"), text.clone());
                }
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_a_row_renumbers_the_rest() {
        let mut raw = RawForm::parse("g.0.a=zero&g.1.a=one&g.2.a=two&g._rows=3&x=keep");
        raw.remove_row("g", 1);
        assert_eq!(raw.get("g.0.a"), "zero");
        assert_eq!(raw.get("g.1.a"), "two");
        assert_eq!(raw.get("g.2.a"), "");
        assert_eq!(raw.rows("g"), 2);
        assert_eq!(raw.get("x"), "keep");
    }

    #[test]
    fn rows_counts_named_and_posted_rows() {
        let mut raw = RawForm::parse("g.4.a=x");
        assert_eq!(raw.rows("g"), 5);
        raw.add_row("g", 6);
        assert_eq!(raw.rows("g"), 6);
        raw.add_row("g", 6);
        assert_eq!(raw.rows("g"), 6, "max rows holds");
    }

    #[test]
    fn absurd_row_numbers_are_ignored() {
        let raw = RawForm::parse("g.18446744073709551615.a=x&g._rows=99999999");
        assert_eq!(raw.rows("g"), MAX_ROWS);
    }
}
