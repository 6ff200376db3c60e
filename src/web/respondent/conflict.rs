//! A save that meets a colleague's newer one is never a blind overwrite: the page lists each
//! question where the two differ, with both answers side by side, and the person chooses, per
//! question, to keep their own or take the colleague's; the next save applies exactly that,
//! and refuses until every listed question has a choice. A repeating group is merged row by
//! row from the version both pages started from: a row added or changed by one of the two is
//! kept with the other's rows, and only a row both changed, differently, is a choice
//! (listed as `group.<row on the page>.<row of the colleague's>`).
use crate::forms::summary;
use crate::forms::{Form, Kind, Question, RawForm};
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
    /// The id of its place on the page (a row's id holds dots, which CSS would read as
    /// classes).
    pub anchor: String,
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
    let mut out = Vec::new();
    for q in form.sections.iter().flat_map(|s| &s.questions) {
        if q.kind == Kind::Group {
            // Merged already (`merge_groups`): what is left are the rows both changed.
            out.extend(row_clashes(form, raw, q, mine, theirs, lang, i18n));
            continue;
        }
        let (a, b) = (of_question(mine, &q.id), of_question(theirs, &q.id));
        if a != b {
            out.push(ConflictView {
                id: q.id.clone(),
                anchor: format!("c-{}", q.id),
                label: q.label.get(lang).to_string(),
                yours: readable(form, &a, lang, i18n),
                theirs: readable(form, &b, lang, i18n),
                choice: Keep::posted(raw, &q.id),
            });
        }
    }
    out
}

/// The rows of group `q` listed as clashing on the page (`_clash.<group>`, set by
/// `merge_groups`), each with both versions of the row.
fn row_clashes(
    form: &Form,
    raw: &RawForm,
    q: &Question,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    lang: Lang,
    i18n: &I18n,
) -> Vec<ConflictView> {
    let rows = |answers: &Map<String, Value>| -> Vec<Value> {
        answers
            .get(&q.id)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (my_rows, their_rows) = (rows(mine), rows(theirs));
    let one = |row: Option<&Value>| {
        let row = row.cloned().map(|r| vec![r]).unwrap_or_default();
        let answers: Map<String, Value> = [(q.id.clone(), Value::Array(row))].into_iter().collect();
        readable(form, &answers, lang, i18n)
    };
    // Found by this request's merge, or listed on the page the person answers from.
    let prefix = format!("{}.", q.id);
    let listed = raw
        .get(LISTED)
        .split(',')
        .filter_map(|id| id.strip_prefix(&prefix));
    let mut pairs: Vec<&str> = raw
        .all(&format!("{CLASH}{}", q.id))
        .iter()
        .map(String::as_str)
        .collect();
    for pair in listed {
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs
        .into_iter()
        .filter_map(|pair| {
            let (at, from) = pair.split_once('.')?;
            let (at, from): (usize, usize) = (at.parse().ok()?, from.parse().ok()?);
            let id = format!("{}.{at}.{from}", q.id);
            Some(ConflictView {
                label: format!("{}, {}", q.label.get(lang), at + 1),
                yours: one(my_rows.get(at)),
                theirs: one(their_rows.get(from)),
                choice: Keep::posted(raw, &id),
                anchor: format!("c-{}", id.replace('.', "-")),
                id,
            })
        })
        .collect()
}

/// Where the rows of each group the two pages changed differently stand on the page, posted
/// back with it: `_clash.<group>` = `<row on the page>.<row of the colleague's>`.
const CLASH: &str = "_clash.";

/// Merges each repeating group three ways, from `base` (the version both pages started
/// from): the page's rows become the merged ones, and the rows both changed differently are
/// recorded on the page (`CLASH`), holding the person's version until they choose.
pub fn merge_groups(
    form: &Form,
    raw: &mut RawForm,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    base: &Map<String, Value>,
) {
    let rows = |answers: &Map<String, Value>, id: &str| -> Vec<Value> {
        answers
            .get(id)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for q in form.questions().filter(|q| q.kind == Kind::Group) {
        let (b, m, t) = (rows(base, &q.id), rows(mine, &q.id), rows(theirs, &q.id));
        let (merged, clashes) = merge_rows(&b, &m, &t);
        let merged: Vec<Map<String, Value>> = merged
            .into_iter()
            .filter_map(|v| v.as_object().cloned())
            .collect();
        raw.set_rows(form, q, &merged);
        let key = format!("{CLASH}{}", q.id);
        raw.0.remove(&key);
        for (at, from) in clashes {
            raw.0
                .entry(key.clone())
                .or_default()
                .push(format!("{at}.{from}"));
        }
    }
}

/// Rows merged three ways by their place: a row only one side changed (or removed) takes that
/// side's; a row removed by one and changed by the other is kept changed (nothing typed is
/// lost; it can be removed again); rows added by either are all kept, the person's first. A
/// row both changed differently holds the person's and is returned as a clash: (its place in
/// the merged rows, its place among the colleague's).
pub fn merge_rows(
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
) -> (Vec<Value>, Vec<(usize, usize)>) {
    let (mut out, mut clashes) = (Vec::new(), Vec::new());
    for (i, b) in base.iter().enumerate() {
        let (m, t) = (mine.get(i), theirs.get(i));
        let pick = match (m, t) {
            (m, t) if m == t => m,
            (Some(m), t) if m == b => t,
            (m, Some(t)) if t == b => m,
            (None, t) => t,
            (m, None) => m,
            (Some(m), Some(_)) => {
                clashes.push((out.len(), i));
                Some(m)
            }
        };
        out.extend(pick.cloned());
    }
    out.extend(mine.iter().skip(base.len()).cloned());
    for row in theirs.iter().skip(base.len()) {
        if !out.contains(row) {
            out.push(row.clone());
        }
    }
    (out, clashes)
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
        if let Some((group, at, from)) = row_id(form, id) {
            let row = theirs
                .get(&group.id)
                .and_then(Value::as_array)
                .and_then(|r| r.get(from));
            if let Some(row) = row.and_then(Value::as_object) {
                raw.set_row(form, group, at, row);
            }
            continue;
        }
        let prefix = format!("{id}.");
        raw.0.retain(|k, _| k != id && !k.starts_with(&prefix));
        let taken = RawForm::from_answers(form, &of_question(theirs, id));
        raw.0.extend(taken.0);
    }
    raw.0.retain(|k, _| !k.starts_with(CLASH));
    Ok(true)
}

/// A listed row of a group (`group.<row on the page>.<row of the colleague's>`).
fn row_id<'f>(form: &'f Form, id: &str) -> Option<(&'f Question, usize, usize)> {
    let mut parts = id.split('.');
    let (group, at, from) = (parts.next()?, parts.next()?, parts.next()?);
    let group = form.question(group).filter(|q| q.kind == Kind::Group)?;
    Some((group, at.parse().ok()?, from.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::merge_rows;
    use serde_json::json;

    #[test]
    fn a_row_added_by_one_and_a_row_changed_by_the_other_are_both_kept() {
        let base = [json!({"t": "a"}), json!({"t": "b"})];
        let mine = [json!({"t": "a"}), json!({"t": "b"}), json!({"t": "mine"})];
        let theirs = [json!({"t": "a2"}), json!({"t": "b"})];
        let (rows, clashes) = merge_rows(&base, &mine, &theirs);
        assert_eq!(
            rows,
            [json!({"t": "a2"}), json!({"t": "b"}), json!({"t": "mine"})]
        );
        assert!(clashes.is_empty());
    }

    #[test]
    fn a_row_both_changed_differently_is_a_clash_and_removals_are_followed() {
        let base = [json!({"t": "a"}), json!({"t": "b"}), json!({"t": "c"})];
        let mine = [json!({"t": "a-mine"}), json!({"t": "b"})];
        let theirs = [
            json!({"t": "a-theirs"}),
            json!({"t": "b"}),
            json!({"t": "c"}),
            json!({"t": "d"}),
        ];
        let (rows, clashes) = merge_rows(&base, &mine, &theirs);
        // c removed by me, untouched by them: gone; d added by them: kept.
        assert_eq!(
            rows,
            [json!({"t": "a-mine"}), json!({"t": "b"}), json!({"t": "d"})]
        );
        assert_eq!(clashes, [(0, 0)]);
    }
}
