//! A save that meets a colleague's newer one is never a blind overwrite: the page lists each
//! question where the two differ, with both answers side by side, and the person chooses, per
//! question, to keep their own or take the colleague's; the next save applies exactly that,
//! and refuses until every listed question has a choice.
use crate::forms::summary;
use crate::forms::{Form, RawForm};
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use serde_json::{Map, Value};

/// The posted list of questions in conflict, and each one's choice (`_keep.<id>`).
pub const LISTED: &str = "_conflicts";
const KEEP: &str = "_keep.";

/// Whose answer a question keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    Mine,
    Theirs,
}

impl Keep {
    /// The choice posted for question `id`, if there is a valid one.
    fn posted(raw: &RawForm, id: &str) -> Option<Keep> {
        match raw.get(&format!("{KEEP}{id}")) {
            "mine" => Some(Keep::Mine),
            "theirs" => Some(Keep::Theirs),
            _ => None,
        }
    }
}

/// One question where the person's answers and the colleague's differ.
#[derive(Debug, Serialize)]
pub struct ConflictView {
    pub id: String,
    pub label: String,
    pub yours: Vec<String>,
    pub theirs: Vec<String>,
    /// What the person chose already, if anything.
    pub choice: Option<Keep>,
}

/// The answers stored under question `id`: itself, its "other" and details, its rows.
fn of_question(answers: &Map<String, Value>, id: &str) -> Map<String, Value> {
    let prefix = format!("{id}.");
    answers
        .iter()
        .filter(|(k, _)| *k == id || k.starts_with(&prefix))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn readable(form: &Form, answers: &Map<String, Value>, lang: Lang, i18n: &I18n) -> Vec<String> {
    summary::lines(form, answers, lang, i18n)
        .into_iter()
        .map(|l| match (l.label.is_empty(), l.value.is_empty()) {
            (_, true) => l.label,
            (true, false) => l.value,
            _ => format!("{}: {}", l.label, l.value),
        })
        .collect()
}

/// The questions, in the form's order, where `mine` and `theirs` differ.
pub fn differing(
    form: &Form,
    raw: &RawForm,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<ConflictView> {
    form.sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter_map(|q| {
            let (a, b) = (of_question(mine, &q.id), of_question(theirs, &q.id));
            (a != b).then(|| ConflictView {
                id: q.id.clone(),
                label: q.label.get(lang).to_string(),
                yours: readable(form, &a, lang, i18n),
                theirs: readable(form, &b, lang, i18n),
                choice: Keep::posted(raw, &q.id),
            })
        })
        .collect()
}

/// Applies the choices posted with a conflict page: the colleague's answers replace the
/// person's for each question marked "theirs"; `Err` lists the questions still without a
/// choice (nothing is applied then). `Ok(false)` when the page was no conflict page.
pub fn resolve(
    form: &Form,
    raw: &mut RawForm,
    theirs: &Map<String, Value>,
) -> Result<bool, Vec<String>> {
    let listed: Vec<String> = raw
        .get(LISTED)
        .split(',')
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    if listed.is_empty() {
        return Ok(false);
    }
    let missing: Vec<String> = listed
        .iter()
        .filter(|id| Keep::posted(raw, id).is_none())
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let taken: Vec<String> = listed
        .into_iter()
        .filter(|id| Keep::posted(raw, id) == Some(Keep::Theirs))
        .collect();
    for id in &taken {
        let prefix = format!("{id}.");
        raw.0.retain(|k, _| k != id && !k.starts_with(&prefix));
        let taken = RawForm::from_answers(form, &of_question(theirs, id));
        raw.0.extend(taken.0);
    }
    Ok(true)
}
