//! Renames the difference cannot know: a question gone and one come that ask the same (same
//! kind, same list, at the same level, labels mostly of the same words). The page proposes to
//! declare `was` on the new one, which keeps last year's prefill and the indicators' years; it
//! is only a proposal, since a question reworded into another question must not continue.
use super::Change;
use crate::forms::schema::{Form, Question, Text};
use serde::Serialize;
use std::collections::BTreeSet;

/// The least share of words two labels have in common (in either language) to be proposed.
const LEAST_LIKENESS: f64 = 0.5;

/// `to` (a path of the new version) may continue `from` (a path of the old).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub from: String,
    pub to: String,
    /// The share of words their labels have in common, 0 to 1.
    pub likeness: f64,
}

impl Proposal {
    /// The `was` to declare on `to`: the old question's own id (a group's question names its
    /// id within the group).
    pub fn was(&self) -> &str {
        self.from.rsplit('.').next().unwrap_or(&self.from)
    }
}

/// Each question removed paired with at most one question added, most alike first.
pub fn proposals(old: &Form, new: &Form, changes: &[Change]) -> Vec<Proposal> {
    let paths = |added: bool| -> Vec<&str> {
        changes
            .iter()
            .filter_map(|c| match (c, added) {
                (Change::QuestionAdded(p), true) | (Change::QuestionRemoved(p), false) => {
                    Some(p.as_str())
                }
                _ => None,
            })
            .collect()
    };
    let mut found = Vec::new();
    for to in paths(true) {
        let Some((_, n)) = new.path(to) else { continue };
        for from in paths(false) {
            let Some((_, o)) = old.path(from) else {
                continue;
            };
            if !same_level(new, to, from) || !same_answer(o, n) {
                continue;
            }
            let likeness = likeness(&o.label, &n.label);
            if likeness >= LEAST_LIKENESS {
                found.push(Proposal {
                    from: from.into(),
                    to: to.into(),
                    likeness,
                });
            }
        }
    }
    found.sort_by(|a, b| b.likeness.total_cmp(&a.likeness));
    let mut out: Vec<Proposal> = Vec::new();
    for p in found {
        if !out.iter().any(|q| q.from == p.from || q.to == p.to) {
            out.push(p);
        }
    }
    out
}

/// Both top-level, or both in a group that is the same group (by id or by its `was`).
fn same_level(new: &Form, to: &str, from: &str) -> bool {
    match (to.split_once('.'), from.split_once('.')) {
        (None, None) => true,
        (Some((g, _)), Some((old_g, _))) => new
            .question(g)
            .is_some_and(|g| g.id == old_g || g.was.as_deref() == Some(old_g)),
        _ => false,
    }
}

/// Answers of the one read as answers of the other: same kind and same list of choices.
fn same_answer(old: &Question, new: &Question) -> bool {
    old.kind == new.kind && old.list == new.list
}

/// The largest share of words in common, in either language (Jaccard's index of their sets).
fn likeness(a: &Text, b: &Text) -> f64 {
    [(&a.en, &b.en), (&a.ru, &b.ru)]
        .into_iter()
        .map(|(x, y)| {
            let (x, y) = (words(x), words(y));
            let union = x.union(&y).count();
            match union {
                0 => 0.0,
                n => x.intersection(&y).count() as f64 / n as f64,
            }
        })
        .fold(0.0, f64::max)
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str, ru: &str) -> Text {
        Text {
            en: en.into(),
            ru: ru.into(),
        }
    }

    #[test]
    fn labels_are_alike_by_their_words_in_either_language() {
        let a = text(
            "Staff who took part in other RMOs' programmes",
            "Сотрудники",
        );
        let b = text(
            "Staff who took part in programmes of other RMOs",
            "Персонал",
        );
        assert!(likeness(&a, &b) > 0.8);
        let c = text("Budget for training", "Бюджет на обучение");
        assert!(likeness(&a, &c) < LEAST_LIKENESS);
        let d = text("Other", "Сотрудники, принимавшие участие");
        let e = text("Another", "Сотрудники, принимавшие участие в программах");
        assert!(likeness(&d, &e) >= LEAST_LIKENESS);
    }
}
