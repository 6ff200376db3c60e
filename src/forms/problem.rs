//! A problem of a schema file, with the line to fix, and how the line of a declaration is
//! found in the file's text.
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// A problem of a schema: where, and what in words of the locale files (`check-*` keys), so
/// that the secretariat reads it in its language and `forms check` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Where it is when it is not a line of a file: a workbook's cell (`survey!H12`).
    pub place: Option<String>,
}

impl Problem {
    pub fn new(
        file: PathBuf,
        line: usize,
        key: &'static str,
        args: &[(&'static str, &str)],
    ) -> Self {
        Problem {
            file,
            line,
            key,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            place: None,
        }
    }

    /// `file:line: message`, the message in `lang`.
    pub fn text(&self, i18n: &I18n, lang: Lang) -> String {
        let message = i18n.text(lang, self.key, &self.args);
        match &self.place {
            Some(place) => format!("{place}: {message}"),
            None => format!("{}:{}: {message}", self.file.display(), self.line),
        }
    }
}

/// Where there is no locale at hand (a fuzz target's panic): the key and its arguments.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} {:?}",
            self.file.display(),
            self.line,
            self.key,
            self.args
        )
    }
}

/// A type or a kind as a schema spells it (`multi_choice`, `distinct_count`).
pub(super) fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(super) fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// Finds where something is declared, by the `id = "..."` or `value = "..."` line that names it
/// and the key inside the same table. Serde's spans end at the document, and the checks here are
/// about meaning, so the declaration line is what a user needs.
pub(super) struct Locator<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Locator {
            lines: source.lines().collect(),
        }
    }

    fn compact(line: &str) -> String {
        line.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Line (1-based) of the `nth` (0-based) `key = "value"` at or after line `from`.
    pub(super) fn named(&self, key: &str, value: &str, from: usize, nth: usize) -> Option<usize> {
        let needle = format!("{key}=\"{value}\"");
        self.lines
            .iter()
            .enumerate()
            .skip(from.saturating_sub(1))
            .filter(|(_, l)| Self::compact(l).contains(&needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
    }

    fn is_header(line: &str) -> bool {
        line.trim_start().starts_with('[')
    }

    fn starts_with_key(line: &str, key: &str) -> bool {
        let t = line.trim_start();
        t.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('=') || rest.starts_with('.'))
    }

    /// The line of `key` in the table that contains line `at`; `at` itself if there is none.
    pub(super) fn key_in_table(&self, at: usize, key: &str) -> usize {
        let idx = at.saturating_sub(1).min(self.lines.len().saturating_sub(1));
        let mut start = idx;
        while start > 0 && !Self::is_header(self.lines[start]) {
            start -= 1;
        }
        let mut end = idx + 1;
        while end < self.lines.len() && !Self::is_header(self.lines[end]) {
            end += 1;
        }
        (start..end)
            .find(|&i| Self::starts_with_key(self.lines[i], key))
            .map(|i| i + 1)
            .unwrap_or(at)
    }

    pub(super) fn top_key(&self, key: &str) -> usize {
        self.lines
            .iter()
            .take_while(|l| !Self::is_header(l))
            .position(|l| Self::starts_with_key(l, key))
            .map(|i| i + 1)
            .unwrap_or(1)
    }

    pub(super) fn header(&self, name: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| Self::compact(l).starts_with(&format!("[[{name}]]")))
            .map(|i| i + 1)
    }
}

/// Whether a schema's `id` must be its file's name: in `forms/` it must; an upload is named by
/// the `id` it declares, whatever the browser called the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    File,
    Declared,
}
