//! The difference between two versions of a survey, change by change, and what each change
//! does to what was collected before (`effects.rs`): the page that publishes a version shows
//! both, and the audit trail keeps them. A question is the same question when its path is the
//! same, or when it declares the id it `was`.
mod effects;
mod order;
mod proposals;
mod questions;
mod wording;
mod words;

pub use effects::{effects, Effect};
pub use proposals::{proposals, Proposal};
pub use wording::{before_after, reworded, Reworded};
pub use words::{describe_all, Described};

use super::schema::{Form, Indicator, Kind};
use std::collections::BTreeMap;

/// Which text of a question changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Label,
    Hint,
    Unit,
    Detail,
    /// The message of a rule (`required`, `min`, ...).
    Message(String),
}

/// One difference between two versions. Questions are named by path (`q`, or `group.q`), in
/// the new version where they are in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The survey's title or introduction.
    FormText(&'static str),
    /// Who answers, who is invited, the digest, the privacy floor, the matches.
    Setting(&'static str),
    SectionAdded(String),
    SectionRemoved(String),
    SectionText(String),
    QuestionAdded(String),
    QuestionRemoved(String),
    QuestionRenamed {
        from: String,
        to: String,
    },
    QuestionMoved(String),
    QuestionRetyped {
        question: String,
        from: Kind,
        to: Kind,
    },
    QuestionText {
        question: String,
        part: Part,
    },
    QuestionRequired {
        question: String,
        now: bool,
    },
    /// A rule of the answer: its list, bounds, length, condition, rows, "other".
    QuestionRule {
        question: String,
        rule: &'static str,
    },
    ChoiceAdded {
        list: String,
        value: String,
    },
    ChoiceRemoved {
        list: String,
        value: String,
    },
    ChoiceText {
        list: String,
        value: String,
    },
    /// The same choice (same label) under another value: answers keep the old value.
    ChoiceRecoded {
        list: String,
        from: String,
        to: String,
    },
    IndicatorAdded(String),
    IndicatorRemoved(String),
    /// Its label only.
    IndicatorText(String),
    IndicatorChanged(String),
}

impl Change {
    /// A change of wording only: answers, indicators and exports read the same after it.
    pub fn is_text_only(&self) -> bool {
        matches!(
            self,
            Change::FormText(_)
                | Change::SectionText(_)
                | Change::QuestionText { .. }
                | Change::ChoiceText { .. }
                | Change::IndicatorText(_)
        )
    }
}

/// Every change from `old` to `new`, in the order of the survey.
pub fn compare(old: &Form, new: &Form) -> Vec<Change> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(Change::FormText("title"));
    }
    if old.intro != new.intro {
        out.push(Change::FormText("intro"));
    }
    settings(old, new, &mut out);
    sections(old, new, &mut out);
    let renames = questions::compare(old, new, &mut out);
    lists(old, new, &mut out);
    indicators(old, new, &renames, &mut out);
    out
}

fn settings(old: &Form, new: &Form, out: &mut Vec<Change>) {
    let changed = [
        ("unit", old.unit != new.unit),
        ("audience", old.audience != new.audience),
        ("circulate", old.circulate != new.circulate),
        (
            "reviewer_min_count",
            old.reviewer_min_count != new.reviewer_min_count,
        ),
        ("matches", old.matches != new.matches),
    ];
    out.extend(
        changed
            .into_iter()
            .filter(|(_, c)| *c)
            .map(|(name, _)| Change::Setting(name)),
    );
}

fn sections(old: &Form, new: &Form, out: &mut Vec<Change>) {
    for s in &new.sections {
        match old.sections.iter().find(|o| o.id == s.id) {
            None => out.push(Change::SectionAdded(s.id.clone())),
            Some(o) if o.title != s.title || o.intro != s.intro => {
                out.push(Change::SectionText(s.id.clone()))
            }
            Some(_) => {}
        }
    }
    for o in &old.sections {
        if !new.sections.iter().any(|s| s.id == o.id) {
            out.push(Change::SectionRemoved(o.id.clone()));
        }
    }
}

/// Choices by list: added, removed, reworded, and re-coded (a value gone and a value come with
/// the same label in either language).
fn lists(old: &Form, new: &Form, out: &mut Vec<Change>) {
    for (name, choices) in &new.lists {
        let before = old.lists.get(name).map(Vec::as_slice).unwrap_or(&[]);
        let gone: Vec<_> = before
            .iter()
            .filter(|o| !choices.iter().any(|c| c.value == o.value))
            .collect();
        let mut recoded = Vec::new();
        for c in choices {
            match before.iter().find(|o| o.value == c.value) {
                Some(o) if o.en != c.en || o.ru != c.ru => out.push(Change::ChoiceText {
                    list: name.clone(),
                    value: c.value.clone(),
                }),
                Some(_) => {}
                None => match gone
                    .iter()
                    .find(|o| !recoded.contains(&o.value) && (o.en == c.en || o.ru == c.ru))
                {
                    Some(o) => {
                        recoded.push(o.value.clone());
                        out.push(Change::ChoiceRecoded {
                            list: name.clone(),
                            from: o.value.clone(),
                            to: c.value.clone(),
                        });
                    }
                    None => out.push(Change::ChoiceAdded {
                        list: name.clone(),
                        value: c.value.clone(),
                    }),
                },
            }
        }
        for o in gone.iter().filter(|o| !recoded.contains(&o.value)) {
            out.push(Change::ChoiceRemoved {
                list: name.clone(),
                value: o.value.clone(),
            });
        }
    }
}

fn indicators(old: &Form, new: &Form, renames: &BTreeMap<String, String>, out: &mut Vec<Change>) {
    for ind in &new.indicators {
        match old.indicators.iter().find(|o| o.id == ind.id) {
            None => out.push(Change::IndicatorAdded(ind.id.clone())),
            Some(o) => {
                let before = renamed(o, renames);
                // Its label and column titles are words: changing them changes no figure.
                let relabelled = Indicator {
                    label: ind.label.clone(),
                    columns: ind.columns.clone(),
                    ..before.clone()
                };
                if &relabelled != ind {
                    out.push(Change::IndicatorChanged(ind.id.clone()))
                } else if before.label != ind.label || before.columns != ind.columns {
                    out.push(Change::IndicatorText(ind.id.clone()))
                }
            }
        }
    }
    for o in &old.indicators {
        if !new.indicators.iter().any(|i| i.id == o.id) {
            out.push(Change::IndicatorRemoved(o.id.clone()));
        }
    }
}

/// The old indicator as it reads after the renames: one that differs only by them is the same.
fn renamed(ind: &Indicator, renames: &BTreeMap<String, String>) -> Indicator {
    let map = |p: &String| renames.get(p).cloned().unwrap_or_else(|| p.clone());
    let mut out = ind.clone();
    for path in [
        &mut out.question,
        &mut out.sum,
        &mut out.product,
        &mut out.group_by,
        &mut out.across,
    ]
    .into_iter()
    .flatten()
    {
        *path = map(path);
    }
    out
}

/// The question paths an indicator names.
fn reads(ind: &Indicator) -> Vec<&str> {
    let out: Vec<&str> = [&ind.question, &ind.sum, &ind.product, &ind.group_by]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    out
}

/// The paths an indicator reads, owned: `reads`, and the questions its `origin` names in the
/// group of its question.
pub fn reads_all(ind: &Indicator) -> Vec<String> {
    let mut out: Vec<String> = reads(ind).into_iter().map(String::from).collect();
    if let (Some(origin), Some((group, _))) = (
        &ind.origin,
        ind.question.as_deref().and_then(|q| q.split_once('.')),
    ) {
        let inner = [&origin.when, &origin.institute]
            .into_iter()
            .chain(&origin.same);
        out.extend(inner.map(|q| format!("{group}.{q}")));
    }
    out
}
