//! The `texts` kind: what people wrote, for reading rather than counting. Texts are grouped
//! (by a choice beside them, or by the grid's row), the same text merged whatever its case and
//! spacing, and each attributed to the institutes or countries that wrote it; a survey answered
//! per contact attributes nothing, so no text leads to a person.
use super::kinds::{choices, places, resolve};
use super::{Column, Context, IndicatorValue, Row};
use crate::campaigns::UnitKey;
use crate::forms::schema::{Indicator, Kind, Question, Unit};
use crate::forms::Form;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A text as read: merged over the units that wrote it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    /// The group's label (a field, a body), empty where the texts are not grouped.
    pub group: String,
    pub text: String,
    /// Who wrote it: institutes' acronyms or countries' names; empty for a per-contact survey.
    pub by: Vec<String>,
}

/// A text's key (lowercase, single spaces) and its label (single spaces, as first written):
/// "MS Teams" and " ms  teams" are one text.
pub fn fold(text: &str) -> (String, String) {
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (label.to_lowercase(), label)
}

type Groups<'a> = BTreeMap<String, BTreeMap<String, (String, BTreeSet<&'a UnitKey>)>>;

pub fn texts(form: &Form, ctx: &Context, ind: &Indicator, value: &mut IndicatorValue) {
    let Some((scope, q)) = resolve(form, ind.question.as_deref()) else {
        return;
    };
    let group_q = ind
        .group_by
        .as_deref()
        .and_then(|p| form.path(p))
        .map(|(_, g)| g);
    let groups = gather(ctx, scope, q, group_q);
    let grouped_by = match q.kind.has_choices() {
        true => Some(q),
        false => group_q.or(scope.filter(|g| g.kind == Kind::Grid)),
    };
    let labels: BTreeMap<String, String> = match grouped_by {
        Some(g) => choices(form, ctx, g).into_iter().collect(),
        None => BTreeMap::new(),
    };
    // Texts written without their choice beside them are not a total of anything: they are
    // the texts with no field (organisation, ...) given. Only ungrouped texts are all there is.
    let label_of = |k: &str| match (k, grouped_by) {
        ("", Some(g)) => ctx.i18n.text(
            ctx.lang,
            "word-not-given",
            &[("what", g.label.get(ctx.lang).to_string())],
        ),
        ("", None) => ctx.word("total"),
        _ => labels.get(k).cloned().unwrap_or_else(|| k.to_string()),
    };
    value.columns = vec![Column::fixed("units"), Column::fixed("rows")];
    // The list's order, then whatever is not in the list (an answer of an older version).
    let mut order: Vec<&String> = match grouped_by {
        Some(g) => choices(form, ctx, g)
            .iter()
            .filter_map(|(k, _)| groups.get_key_value(k).map(|(k, _)| k))
            .collect(),
        None => Vec::new(),
    };
    let listed: BTreeSet<&String> = order.iter().copied().collect();
    order.extend(groups.keys().filter(|k| !listed.contains(k)));
    let mut total = 0usize;
    let mut everyone: BTreeSet<&UnitKey> = BTreeSet::new();
    // A total beside the groups of a choice (fields, organisations); not beside a grid's rows
    // of a per-contact survey, where it would give away a withheld row by subtraction.
    let several = order.len() > 1 && group_q.is_some() && form.unit != Unit::Contact;
    for key in order {
        let texts = &groups[key];
        let units: BTreeSet<&UnitKey> = texts
            .values()
            .flat_map(|(_, u)| u.iter().copied())
            .collect();
        total += texts.len();
        everyone.extend(units.iter().copied());
        value.rows.push(Row {
            key: key.clone(),
            label: label_of(key),
            cells: vec![units.len() as f64, texts.len() as f64],
        });
        let mut merged: Vec<&(String, BTreeSet<&UnitKey>)> = texts.values().collect();
        // The texts written by most units first: the "top topics" of a field.
        merged.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        value
            .quotes
            .extend(merged.into_iter().map(|(text, units)| Quote {
                group: label_of(key),
                text: text.clone(),
                by: units.iter().filter_map(|u| attribution(ctx, u)).collect(),
            }));
    }
    if several {
        value.rows.push(Row {
            key: "total".into(),
            label: ctx.word("total"),
            cells: vec![everyone.len() as f64, total as f64],
        });
    }
    value.value = Some(total as f64);
}

/// Every unit's texts for `q`, merged where they are the same, by the group each belongs to:
/// the chosen value of a choice's detail, of `group_q`, or the grid's row.
fn gather<'a>(
    ctx: &'a Context,
    scope: Option<&Question>,
    q: &Question,
    group_q: Option<&Question>,
) -> Groups<'a> {
    let mut groups: Groups = BTreeMap::new();
    for u in &ctx.units {
        for (grid_row, row) in places(&u.answers, scope) {
            // A choice with a text per chosen value (`detail`): the texts by their choice.
            if q.kind.has_choices() {
                let details = row
                    .get(&format!("{}.detail", q.id))
                    .and_then(|v| v.as_object());
                for (choice, text) in details.into_iter().flatten() {
                    let Some(text) = text.as_str() else { continue };
                    add(&mut groups, choice.clone(), text, &u.key);
                }
                continue;
            }
            let Some(text) = row.get(&q.id).and_then(|v| v.as_str()) else {
                continue;
            };
            let group = match (group_q, grid_row) {
                (Some(g), _) => super::kinds::chosen(row, g)
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
                (None, Some(r)) => r.to_string(),
                (None, None) => String::new(),
            };
            add(&mut groups, group, text, &u.key);
        }
    }
    groups
}

/// Adds `text` of `unit` to `group`, merged with the same text written otherwise.
fn add<'a>(groups: &mut Groups<'a>, group: String, text: &str, unit: &'a UnitKey) {
    let (key, label) = fold(text);
    if key.is_empty() {
        return;
    }
    let entry = groups
        .entry(group)
        .or_default()
        .entry(key)
        .or_insert_with(|| (label.clone(), BTreeSet::new()));
    // Of the spellings, the first in sort order ("Quick answers" before "quick ANSWERS"):
    // the same whatever order the answers are read in.
    if label < entry.0 {
        entry.0 = label;
    }
    entry.1.insert(unit);
}

/// An institute by its acronym, a country by its name; a person never.
fn attribution(ctx: &Context, unit: &UnitKey) -> Option<String> {
    match unit {
        UnitKey::Contact(_) => None,
        other => Some(ctx.unit_label(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_and_spacing_fold_to_one_text() {
        assert_eq!(fold(" MS  Teams "), ("ms teams".into(), "MS Teams".into()));
        assert_eq!(fold("ms teams").0, fold("MS\tTEAMS").0);
        assert_eq!(fold("   ").0, "");
    }
}
