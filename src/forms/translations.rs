//! Texts written the same in both languages: allowed (a name, a code), but more often a
//! translation forgotten, so the survey's page lists them as warnings. A text missing in one
//! language is a problem of the checker instead, and is never published.
use super::schema::{Form, Question, Text};

/// A text that reads the same in English and Russian, and where it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Same {
    /// `title`, `section s`, `question q: label`, `list l: v`, ...
    pub place: String,
    pub text: String,
}

/// Every text of `form` (its own lists' choices included) that is the same in both languages
/// and has a letter in it.
pub fn same_in_both(form: &Form) -> Vec<Same> {
    let mut out = Vec::new();
    let mut see = |place: String, text: &Text| {
        if text.en == text.ru && text.en.chars().any(char::is_alphabetic) {
            out.push(Same {
                place,
                text: text.en.clone(),
            });
        }
    };
    see("title".into(), &form.title);
    if let Some(intro) = &form.intro {
        see("intro".into(), intro);
    }
    for s in &form.sections {
        see(format!("section {}", s.id), &s.title);
        if let Some(intro) = &s.intro {
            see(format!("section {}: intro", s.id), intro);
        }
        for q in &s.questions {
            question(q, &q.id, &mut see);
            for inner in &q.questions {
                question(inner, &format!("{}.{}", q.id, inner.id), &mut see);
            }
        }
    }
    for (name, choices) in &form.lists {
        for c in choices {
            let text = Text {
                en: c.en.clone(),
                ru: c.ru.clone(),
            };
            see(format!("list {name}: {}", c.value), &text);
        }
    }
    for ind in &form.indicators {
        see(format!("indicator {}", ind.id), &ind.label);
    }
    out
}

fn question(q: &Question, path: &str, see: &mut impl FnMut(String, &Text)) {
    see(format!("question {path}: label"), &q.label);
    for (part, text) in [("hint", &q.hint), ("unit", &q.unit), ("detail", &q.detail)] {
        if let Some(text) = text {
            see(format!("question {path}: {part}"), text);
        }
    }
    for (rule, text) in &q.messages {
        see(format!("question {path}: message {rule}"), text);
    }
}
