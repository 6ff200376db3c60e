//! A copy of a version edited in the browser: every text of the survey in both languages (its
//! title and introduction, sections' titles, questions' labels, hints and units, the choices of
//! its own lists), each question's required flag, and a choice added to a list. The edits are
//! made to the version's TOML itself (`toml_edit`), so the new version keeps the author's
//! comments and layout, and it is checked, compared and published as an uploaded file is.
//!
//! Field names, as the page posts them: `title:en`, `intro:ru`, `s/<section>:en` (its title),
//! `q/<path>/<label|hint|unit>:en`, `r/<path>` (required, a checkbox), `c/<list>/<value>:en`,
//! and `n/<list>/value`, `n/<list>:en`, `n/<list>:ru` for a new choice.
use super::schema::{Form, Question, Text};
use serde::Serialize;
use std::collections::BTreeMap;
use toml_edit::{value, DocumentMut, InlineTable, Item, Table, Value};

/// One text of the survey as the page shows it, with its two inputs.
#[derive(Debug, Clone, Serialize)]
pub struct TextField {
    /// Where it is, in the schema's words (`question needs.topic: label`).
    pub place: String,
    pub name: String,
    pub en: String,
    pub ru: String,
}

/// A question's required flag.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub name: String,
    pub question: String,
    pub on: bool,
}

/// Everything the page lets the secretariat edit, in the order of the survey.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Editable {
    pub texts: Vec<TextField>,
    pub required: Vec<Flag>,
    /// The survey's own lists (not the reference lists of `seeds/`), to add a choice to.
    pub lists: Vec<String>,
}

fn field(place: String, name: String, text: Option<&Text>) -> TextField {
    let t = text.cloned().unwrap_or_default();
    TextField {
        place,
        name,
        en: t.en,
        ru: t.ru,
    }
}

fn question_fields(out: &mut Editable, path: &str, q: &Question) {
    let place = |what: &str| format!("question {path}: {what}");
    let name = |what: &str| format!("q/{path}/{what}");
    out.texts
        .push(field(place("label"), name("label"), Some(&q.label)));
    out.texts
        .push(field(place("hint"), name("hint"), q.hint.as_ref()));
    if q.kind.is_number() {
        out.texts
            .push(field(place("unit"), name("unit"), q.unit.as_ref()));
    }
    out.required.push(Flag {
        name: format!("r/{path}"),
        question: path.to_string(),
        on: q.required,
    });
}

/// What of `form` (read from `source`) the page offers to edit.
pub fn editable(form: &Form, source: &str) -> Editable {
    let mut out = Editable::default();
    out.texts
        .push(field("title".into(), "title".into(), Some(&form.title)));
    out.texts
        .push(field("intro".into(), "intro".into(), form.intro.as_ref()));
    for s in &form.sections {
        let place = format!("section {}: title", s.id);
        out.texts
            .push(field(place, format!("s/{}", s.id), Some(&s.title)));
        for q in &s.questions {
            question_fields(&mut out, &q.id, q);
            for inner in &q.questions {
                question_fields(&mut out, &format!("{}.{}", q.id, inner.id), inner);
            }
        }
    }
    let own: Vec<String> = source
        .parse::<DocumentMut>()
        .ok()
        .and_then(|d| d.get("lists").and_then(Item::as_table).map(own_lists))
        .unwrap_or_default();
    for name in &own {
        for c in form.lists.get(name).into_iter().flatten() {
            out.texts.push(TextField {
                place: format!("list {name}: {}", c.value),
                name: format!("c/{name}/{}", c.value),
                en: c.en.clone(),
                ru: c.ru.clone(),
            });
        }
    }
    out.lists = own;
    out
}

fn own_lists(t: &Table) -> Vec<String> {
    t.iter().map(|(k, _)| k.to_string()).collect()
}

/// Why a posted edit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the version's source does not parse")]
    Source,
    #[error("no such place in the survey: {0}")]
    Unknown(String),
}

/// The source with every posted change made; fields equal to what the source has are left
/// untouched, so an unchanged page gives back the same text.
pub fn apply(
    source: &str,
    form: &Form,
    posted: &BTreeMap<String, String>,
) -> Result<String, EditError> {
    let mut doc: DocumentMut = source.parse().map_err(|_| EditError::Source)?;
    let offered = editable(form, source);
    for f in &offered.texts {
        for (lang, now) in [("en", &f.en), ("ru", &f.ru)] {
            let Some(typed) = posted.get(&format!("{}:{lang}", f.name)) else {
                continue;
            };
            // Browsers may add or drop whitespace at the ends of a text box.
            let typed = typed.trim();
            if typed != now.trim() {
                set_text(&mut doc, &f.name, lang, typed)?;
            }
        }
    }
    for flag in &offered.required {
        let on = posted.get(&flag.name).is_some_and(|v| v == "on");
        if on != flag.on {
            let q = question_table(&mut doc, &flag.question)?;
            q["required"] = value(on);
        }
    }
    for list in &offered.lists {
        let get = |k: &str| {
            posted
                .get(&format!("n/{list}{k}"))
                .map(|v| v.trim().to_string())
        };
        let new_value = get("/value").unwrap_or_default();
        if new_value.is_empty() {
            continue;
        }
        let mut choice = InlineTable::new();
        choice.insert("value", Value::from(new_value));
        choice.insert("en", Value::from(get(":en").unwrap_or_default()));
        choice.insert("ru", Value::from(get(":ru").unwrap_or_default()));
        let array = doc["lists"][list.as_str()]
            .as_array_mut()
            .ok_or_else(|| EditError::Unknown(format!("list {list}")))?;
        array.push(choice);
        array.fmt();
    }
    Ok(doc.to_string())
}

/// The source with question `path` declaring that it continues `was` (the old question's own
/// id): what the difference page proposes for a question gone and a like one come.
pub fn continues(source: &str, path: &str, was: &str) -> Result<String, EditError> {
    let mut doc: DocumentMut = source.parse().map_err(|_| EditError::Source)?;
    question_table(&mut doc, path)?["was"] = value(was);
    Ok(doc.to_string())
}

/// Sets one language of the text at field `name`; an empty text where there was none adds
/// nothing.
fn set_text(doc: &mut DocumentMut, name: &str, lang: &str, text: &str) -> Result<(), EditError> {
    let unknown = || EditError::Unknown(name.to_string());
    let (table, key): (&mut Table, &str) = match name.split('/').collect::<Vec<_>>()[..] {
        ["title"] | ["intro"] => (doc.as_table_mut(), name),
        ["s", section] => (section_table(doc, section).ok_or_else(unknown)?, "title"),
        ["q", path, what] => (question_table(doc, path)?, what),
        ["c", list, choice] => {
            let array = doc["lists"][list].as_array_mut().ok_or_else(unknown)?;
            let c = array
                .iter_mut()
                .filter_map(Value::as_inline_table_mut)
                .find(|t| t.get("value").and_then(Value::as_str) == Some(choice))
                .ok_or_else(unknown)?;
            c.insert(lang, Value::from(text));
            return Ok(());
        }
        _ => return Err(unknown()),
    };
    if text.is_empty() && !table.contains_key(key) {
        return Ok(());
    }
    if !table.contains_key(key) {
        table[key] = value(InlineTable::from_iter([("en", ""), ("ru", "")]));
    }
    let t = table[key].as_inline_table_mut().ok_or_else(unknown)?;
    t.insert(lang, Value::from(text));
    Ok(())
}

fn section_table<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    doc.get_mut("sections")?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// The table of question `path` (`q`, or `group.q`) in any section.
fn question_table<'d>(doc: &'d mut DocumentMut, path: &str) -> Result<&'d mut Table, EditError> {
    let unknown = || EditError::Unknown(format!("question {path}"));
    let (outer, inner) = match path.split_once('.') {
        Some((g, q)) => (g, Some(q)),
        None => (path, None),
    };
    let sections = doc
        .get_mut("sections")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(unknown)?;
    let found = sections
        .iter_mut()
        .filter_map(|s| {
            s.get_mut("questions")
                .and_then(Item::as_array_of_tables_mut)
        })
        .flat_map(|qs| qs.iter_mut())
        .find(|q| q.get("id").and_then(Item::as_str) == Some(outer))
        .ok_or_else(unknown)?;
    match inner {
        None => Ok(found),
        Some(id) => found
            .get_mut("questions")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|qs| {
                qs.iter_mut()
                    .find(|q| q.get("id").and_then(Item::as_str) == Some(id))
            })
            .ok_or_else(unknown),
    }
}

#[cfg(test)]
mod tests;
