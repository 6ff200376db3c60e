//! Checks of `[[matches]]` across forms: the other survey exists, both groups are repeating
//! groups, and every question a match compares or shows is in its group.
use super::problem::Problem;
use super::schema::{Form, Kind, Match};
use std::path::PathBuf;

/// A loaded form with the file it came from.
pub struct Loaded<'a> {
    pub file: &'a PathBuf,
    pub source: &'a str,
    pub form: &'a Form,
}

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

fn check_one(m: &Match, form: &Form, all: &[Loaded<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(rows) = group(form, &m.rows) else {
        return vec![format!(
            "match {}: rows \"{}\" is not a repeating group",
            m.id, m.rows
        )];
    };
    let Some(other) = all.iter().find(|l| l.form.id == m.with) else {
        return vec![format!("match {}: no form \"{}\"", m.id, m.with)];
    };
    let Some(with_rows) = group(other.form, &m.with_rows) else {
        return vec![format!(
            "match {}: \"{}\" is not a repeating group of {}",
            m.id, m.with_rows, m.with
        )];
    };
    let has = |g: &super::schema::Question, id: &str| g.questions.iter().any(|q| q.id == id);
    let mine = m
        .same
        .iter()
        .chain(m.among.iter().map(|a| &a[0]))
        .chain(&m.show)
        .chain(&m.host);
    for id in mine {
        if !has(rows, id) {
            out.push(format!(
                "match {}: no question \"{id}\" in {}",
                m.id, m.rows
            ));
        }
    }
    let theirs = m
        .same
        .iter()
        .chain(m.among.iter().map(|a| &a[1]))
        .chain(&m.with_show);
    for id in theirs {
        if !has(with_rows, id) {
            out.push(format!(
                "match {}: no question \"{id}\" in {}.{}",
                m.id, m.with, m.with_rows
            ));
        }
    }
    out
}

pub fn problems(all: &[Loaded<'_>]) -> Vec<Problem> {
    let mut out = Vec::new();
    for l in all {
        for m in &l.form.matches {
            out.extend(
                check_one(m, l.form, all)
                    .into_iter()
                    .map(|message| Problem {
                        file: l.file.clone(),
                        line: line_of(l.source, &m.id),
                        message,
                    }),
            );
        }
    }
    out
}
