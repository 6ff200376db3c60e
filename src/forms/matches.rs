//! Checks of `[[matches]]` across forms: the other survey exists, both groups are repeating
//! groups, and every question a match compares or shows is in its group.
use super::problem::Problem;
use super::schema::{Form, Kind, Match};
use std::path::Path;

/// The line of `id = "<id>"` after the first `[[matches]]`, or 1.
fn line_of(source: &str, id: &str) -> usize {
    let start = source.find("[[matches]]").unwrap_or(0);
    let wanted = format!("\"{id}\"");
    source[start..]
        .lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains(&wanted))
        .map(|n| source[..start].lines().count() + n + 1)
        .unwrap_or(1)
}

fn group<'f>(form: &'f Form, id: &str) -> Option<&'f super::schema::Question> {
    form.question(id).filter(|q| q.kind == Kind::Group)
}

/// A problem's key and arguments, before its place is known.
type Said = (&'static str, Vec<(&'static str, String)>);

fn said(key: &'static str, args: &[(&'static str, &str)]) -> Said {
    (key, args.iter().map(|(k, v)| (*k, v.to_string())).collect())
}

fn check_one(m: &Match, form: &Form, all: &[&Form]) -> Vec<Said> {
    let mut out = Vec::new();
    let id = m.id.as_str();
    let Some(rows) = group(form, &m.rows) else {
        return vec![said("check-match-rows", &[("id", id), ("group", &m.rows)])];
    };
    let Some(other) = all.iter().find(|f| f.id == m.with) else {
        return vec![said("check-match-form", &[("id", id), ("form", &m.with)])];
    };
    let Some(with_rows) = group(other, &m.with_rows) else {
        let args = [("id", id), ("group", &m.with_rows), ("form", &m.with)];
        return vec![said("check-match-with-rows", &args)];
    };
    let has = |g: &super::schema::Question, id: &str| g.questions.iter().any(|q| q.id == id);
    let mine = m
        .same
        .iter()
        .chain(m.among.iter().map(|a| &a[0]))
        .chain(&m.show)
        .chain(&m.host)
        .chain(m.capacity.iter().map(|c| &c[0]));
    for q in mine {
        if !has(rows, q) {
            let args = [("id", id), ("question", q), ("group", &m.rows)];
            out.push(said("check-match-question", &args));
        }
    }
    let theirs = m
        .same
        .iter()
        .chain(m.among.iter().map(|a| &a[1]))
        .chain(&m.with_show)
        .chain(m.capacity.iter().map(|c| &c[1]));
    let in_other = format!("{}.{}", m.with, m.with_rows);
    for q in theirs {
        if !has(with_rows, q) {
            let args = [("id", id), ("question", q), ("group", &in_other)];
            out.push(said("check-match-question", &args));
        }
    }
    out
}

/// The problems of the matches of `form` (read from `source` in `file`), against every form
/// of `all` (itself among them).
pub fn problems(file: &Path, source: &str, form: &Form, all: &[&Form]) -> Vec<Problem> {
    let mut out = Vec::new();
    for m in &form.matches {
        out.extend(
            check_one(m, form, all)
                .into_iter()
                .map(|(key, args)| Problem {
                    file: file.to_path_buf(),
                    line: line_of(source, &m.id),
                    key,
                    args,
                    place: None,
                }),
        );
    }
    out
}
