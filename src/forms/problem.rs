//! A problem of a schema file, with the line to fix, and how the line of a declaration is
//! found in the file's text.
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
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
