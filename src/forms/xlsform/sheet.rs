//! A sheet read as text by its columns' names. Columns are matched as XLSForm tools match them:
//! `label::English (en)`, `label::en` and `label::English` are the same column, and a bare
//! `label` is the default language's. A formula's cell is read as its stored value.
use calamine::{Data, Range};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(super) struct Sheet {
    name: String,
    /// Normalised column name to its index.
    columns: BTreeMap<String, usize>,
    /// Each row's cells as text, padded on the left to the sheet's first column.
    rows: Vec<Vec<String>>,
    /// The sheet's row number (1-based) of `rows[0]`.
    first: usize,
}

/// `label::English (en)` as `label::en`; `label` as `label::en`; names lower-cased.
fn normalised(title: &str) -> String {
    let title = title.trim().to_lowercase();
    let Some((base, lang)) = title.split_once("::") else {
        return match title.as_str() {
            "label" | "hint" | "required_message" | "constraint_message" => format!("{title}::en"),
            _ => title,
        };
    };
    let code = match lang.rsplit_once('(') {
        Some((_, code)) => code.trim_end_matches(')').trim().to_string(),
        None => lang.trim().to_string(),
    };
    let code = match code.as_str() {
        "english" => "en",
        "russian" | "русский" => "ru",
        other => other,
    };
    format!("{}::{code}", base.trim())
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A column's letters: 0 is `A`, 26 is `AA`.
fn letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Sheet {
    pub(super) fn new(name: &str, range: &Range<Data>) -> Self {
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows();
        let mut columns = BTreeMap::new();
        if let Some(header) = rows.next() {
            for (i, cell) in header.iter().enumerate() {
                let title = normalised(&text(cell));
                if !title.is_empty() {
                    columns.entry(title).or_insert(i + left as usize);
                }
            }
        }
        let pad = |r: &[Data]| {
            let mut v: Vec<String> = vec![String::new(); left as usize];
            v.extend(r.iter().map(text));
            v
        };
        Sheet {
            name: name.to_string(),
            columns,
            rows: rows.map(pad).collect(),
            first: top as usize + 2,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Row `r`'s text in `column` (a normalised name), empty when there is none.
    pub(super) fn get(&self, r: usize, column: &str) -> &str {
        let Some(&c) = self.columns.get(column) else {
            return "";
        };
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }

    /// The cell of row `r` in `column`, as `survey!H12` (the row's first cell when there is no
    /// such column).
    pub(super) fn cell(&self, r: usize, column: &str) -> String {
        let c = self.columns.get(column).copied().unwrap_or(0);
        format!("{}!{}{}", self.name, letters(c), self.first + r)
    }

    /// The columns (normalised names) that hold text in some row.
    pub(super) fn used_columns(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .filter(|(_, &c)| {
                self.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(|v| !v.is_empty()))
            })
            .map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_xlsform_tools_name_them() {
        assert_eq!(normalised("label::English (en)"), "label::en");
        assert_eq!(normalised("Label::Russian (ru)"), "label::ru");
        assert_eq!(normalised("hint::ru"), "hint::ru");
        assert_eq!(normalised("label::Russian"), "label::ru");
        assert_eq!(normalised("label"), "label::en");
        assert_eq!(normalised("type"), "type");
        assert_eq!(
            (letters(0), letters(7), letters(26), letters(27)),
            ("A".into(), "H".into(), "AA".into(), "AB".into())
        );
    }
}
