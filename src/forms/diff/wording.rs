//! The texts a change of wording replaces, the old and the new in both languages: what the
//! trail keeps when a correction is applied to an open campaign, so that what respondents read
//! before it can always be told.
use super::{Change, Part};
use crate::forms::schema::{Form, Question, Text};
use serde::Serialize;

/// A text a change of wording replaces: where it is (the schema's words: `question q, label`),
/// and the old and the new text.
#[derive(Debug, Clone, Serialize)]
pub struct Reworded {
    pub place: String,
    pub old: Text,
    pub new: Text,
}

/// The texts `changes` replace, in the survey's order; changes of structure have none.
pub fn reworded(changes: &[Change], old: &Form, new: &Form) -> Vec<Reworded> {
    changes
        .iter()
        .filter_map(|c| texts(c, old, new))
        .map(|(place, old, new)| Reworded { place, old, new })
        .collect()
}

/// One line per text changed: where, then each language's old and new text (as the trail keeps
/// them; the page escapes them like any other text).
pub fn before_after(changes: &[Change], old: &Form, new: &Form) -> Vec<String> {
    reworded(changes, old, new)
        .into_iter()
        .map(|r| {
            format!(
                "{}: en \"{}\" -> \"{}\"; ru \"{}\" -> \"{}\"",
                r.place, r.old.en, r.new.en, r.old.ru, r.new.ru
            )
        })
        .collect()
}

fn both(text: Option<&Text>) -> Text {
    text.cloned().unwrap_or_default()
}

fn section_texts(form: &Form, id: &str) -> Text {
    let s = form.sections.iter().find(|s| s.id == id);
    let title = s.map(|s| &s.title);
    let intro = s.and_then(|s| s.intro.as_ref());
    let join = |f: fn(&Text) -> &String| {
        [title, intro]
            .into_iter()
            .flatten()
            .map(f)
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    Text {
        en: join(|t| &t.en),
        ru: join(|t| &t.ru),
    }
}

fn question_text(q: &Question, part: &Part) -> Text {
    match part {
        Part::Label => q.label.clone(),
        Part::Hint => both(q.hint.as_ref()),
        Part::Unit => both(q.unit.as_ref()),
        Part::Detail => both(q.detail.as_ref()),
        Part::Message(rule) => both(q.messages.get(rule)),
    }
}

fn choice_text(form: &Form, list: &str, value: &str) -> Text {
    let c = form
        .lists
        .get(list)
        .and_then(|l| l.iter().find(|c| c.value == value));
    Text {
        en: c.map(|c| c.en.clone()).unwrap_or_default(),
        ru: c.map(|c| c.ru.clone()).unwrap_or_default(),
    }
}

/// Where a change of wording is, and its text in `old` and in `new`; `None` for a change of
/// structure.
fn texts(change: &Change, old: &Form, new: &Form) -> Option<(String, Text, Text)> {
    let of_form = |f: &Form, what: &str| match what {
        "title" => f.title.clone(),
        _ => both(f.intro.as_ref()),
    };
    let of_indicator =
        |f: &Form, id: &str| both(f.indicators.iter().find(|i| i.id == id).map(|i| &i.label));
    Some(match change {
        Change::FormText(what) => (
            format!("survey {what}"),
            of_form(old, what),
            of_form(new, what),
        ),
        Change::SectionText(id) => (
            format!("section {id}"),
            section_texts(old, id),
            section_texts(new, id),
        ),
        Change::QuestionText { question, part } => {
            let (_, a) = old.path(question)?;
            let (_, b) = new.path(question)?;
            let part_name = match part {
                Part::Message(rule) => format!("message {rule}"),
                other => format!("{other:?}").to_lowercase(),
            };
            (
                format!("question {question}, {part_name}"),
                question_text(a, part),
                question_text(b, part),
            )
        }
        Change::ChoiceText { list, value } => (
            format!("list {list}, choice {value}"),
            choice_text(old, list, value),
            choice_text(new, list, value),
        ),
        Change::IndicatorText(id) => (
            format!("indicator {id}"),
            of_indicator(old, id),
            of_indicator(new, id),
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(label_en: &str, label_ru: &str) -> Form {
        let source = format!(
            "id = \"t\"\nversion = 1\nunit = \"contact\"\ntitle = {{ en = \"T\", ru = \"Т\" }}\n[[sections]]\nid = \"s\"\n\
             title = {{ en = \"S\", ru = \"С\" }}\n[[sections.questions]]\nid = \"q\"\n\
             type = \"text\"\nlabel = {{ en = \"{label_en}\", ru = \"{label_ru}\" }}\n"
        );
        toml::from_str(&source).unwrap()
    }

    #[test]
    fn a_reworded_label_keeps_both_texts_in_both_languages() {
        let (old, new) = (form("Topic", "Тема"), form("Subject", "Тема"));
        let changes = super::super::compare(&old, &new);
        assert_eq!(
            before_after(&changes, &old, &new),
            vec!["question q, label: en \"Topic\" -> \"Subject\"; ru \"Тема\" -> \"Тема\""]
        );
    }
}
