//! Questions compared: each question of the new version with the old question it continues
//! (same path, or the one it `was`), what changed in it, and where it moved.
use super::{order, Change, Part};
use crate::forms::schema::{Form, Question};
use std::collections::BTreeMap;

/// A question with its path and where it stands: its section (top level) or group.
struct Placed<'a> {
    path: String,
    parent: &'a str,
    q: &'a Question,
}

fn placed(form: &Form) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    for s in &form.sections {
        for q in &s.questions {
            out.push(Placed {
                path: q.id.clone(),
                parent: &s.id,
                q,
            });
            for inner in &q.questions {
                out.push(Placed {
                    path: format!("{}.{}", q.id, inner.id),
                    parent: &q.id,
                    q: inner,
                });
            }
        }
    }
    out
}

/// The old path a new question continues: its group's earlier id and its own.
fn old_path(new: &Form, path: &str) -> String {
    let own = |q: &Question| q.was.clone().unwrap_or_else(|| q.id.clone());
    match path.split_once('.') {
        Some((group, inner)) => match new.question(group) {
            Some(g) => {
                let child = g.questions.iter().find(|q| q.id == inner);
                format!(
                    "{}.{}",
                    own(g),
                    child.map(own).unwrap_or_else(|| inner.into())
                )
            }
            None => path.to_string(),
        },
        None => new.question(path).map(own).unwrap_or_else(|| path.into()),
    }
}

/// Pushes the questions' changes; returns the renames (old path to new path).
pub(super) fn compare(old: &Form, new: &Form, out: &mut Vec<Change>) -> BTreeMap<String, String> {
    let (before, after) = (placed(old), placed(new));
    let mut renames = BTreeMap::new();
    let mut pairs: Vec<(usize, &Placed, &Placed)> = Vec::new();
    for n in &after {
        // The same path first: a `was` left in the file after its rename was published
        // names a question the version before no longer has.
        let same = before.iter().position(|o| o.path == n.path);
        let was = match same {
            Some(_) => n.path.clone(),
            None => old_path(new, &n.path),
        };
        match before.iter().enumerate().find(|(_, o)| o.path == was) {
            Some((index, o)) => {
                if was != n.path {
                    renames.insert(was.clone(), n.path.clone());
                    if n.q.was.is_some() {
                        out.push(Change::QuestionRenamed {
                            from: was,
                            to: n.path.clone(),
                        });
                    }
                }
                pairs.push((index, o, n));
            }
            None => out.push(Change::QuestionAdded(n.path.clone())),
        }
    }
    for o in &before {
        if !pairs.iter().any(|(_, p, _)| p.path == o.path) {
            out.push(Change::QuestionRemoved(o.path.clone()));
        }
    }
    let kept: Vec<order::Kept> = pairs
        .iter()
        .map(|(old_index, o, n)| order::Kept {
            old_index: *old_index,
            // A group renamed keeps its questions where they were.
            old_parent: renames.get(o.parent).map_or(o.parent, String::as_str),
            new_parent: n.parent,
            path: &n.path,
        })
        .collect();
    for path in order::moved(&kept) {
        out.push(Change::QuestionMoved(path));
    }
    for (_, o, n) in &pairs {
        question(o.q, n.q, &n.path, out);
    }
    renames
}

fn question(o: &Question, n: &Question, path: &str, out: &mut Vec<Change>) {
    let question = || path.to_string();
    if o.kind != n.kind {
        out.push(Change::QuestionRetyped {
            question: question(),
            from: o.kind,
            to: n.kind,
        });
    }
    let texts = [
        (Part::Label, o.label != n.label),
        (Part::Hint, o.hint != n.hint),
        (Part::Unit, o.unit != n.unit),
        (
            Part::Detail,
            o.detail.as_ref().map(|d| (&d.en, &d.ru)) != n.detail.as_ref().map(|d| (&d.en, &d.ru)),
        ),
    ];
    for (part, changed) in texts {
        if changed {
            out.push(Change::QuestionText {
                question: question(),
                part,
            });
        }
    }
    let rules: std::collections::BTreeSet<&String> =
        o.messages.keys().chain(n.messages.keys()).collect();
    for rule in rules {
        if o.messages.get(rule) != n.messages.get(rule) {
            out.push(Change::QuestionText {
                question: question(),
                part: Part::Message(rule.clone()),
            });
        }
    }
    if o.required != n.required {
        out.push(Change::QuestionRequired {
            question: question(),
            now: n.required,
        });
    }
    let rules = [
        ("list", o.list != n.list),
        ("other", o.other != n.other),
        ("min", o.min != n.min),
        ("max", o.max != n.max),
        ("max_length", o.max_length != n.max_length),
        ("show_if", o.show_if != n.show_if),
        ("after", o.after != n.after),
        ("rows", (o.min_rows, o.max_rows) != (n.min_rows, n.max_rows)),
        ("exclude_own", o.exclude_own != n.exclude_own),
    ];
    for (rule, changed) in rules {
        if changed {
            out.push(Change::QuestionRule {
                question: question(),
                rule,
            });
        }
    }
}
