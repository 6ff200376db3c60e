//! The questions of a respondent's page from their skeleton: `form/sections` rendered once per
//! form and language for a probe whose per-request values (what was typed and chosen, the
//! messages, last year's answers, the number of a group's rows, the page's address) are
//! slots, then filled per request with plain writes. The same bytes as the template rendered
//! for the same state (`tests::skeleton_pages_are_the_templates_pages`); a form whose skeleton
//! cannot be made is rendered by handlebars, as before.
use super::form_view::{BeforeView, FormView};
use crate::forms::schema::Question;
use crate::forms::{Form, Kind, RawForm};
use crate::i18n::skeleton::{self, flagged, Skeleton, REPEAT_KEY};
use crate::i18n::{Lang, Renderer};
use crate::Result;

mod fill;
use fill::Filler;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// A field's name on the page; in a group's row, the parts before and after the row's index.
#[derive(Debug, Clone)]
struct Name {
    head: Box<str>,
    tail: Option<Box<str>>,
}

impl Name {
    fn at(&self, row: usize) -> Cow<'_, str> {
        match &self.tail {
            None => Cow::Borrowed(&self.head),
            Some(tail) => Cow::Owned(format!("{}{row}{tail}", self.head)),
        }
    }
}

/// Where a question with last year's answer beside it is: a section's question, or a grid's
/// cell (the grid's choice and its column).
#[derive(Debug, Clone, Copy)]
struct At {
    section: usize,
    question: usize,
    cell: Option<(usize, usize)>,
}

#[derive(Debug)]
struct Group {
    name: Box<str>,
    max: usize,
}

/// What a slot holds.
#[derive(Debug)]
enum Slot {
    Action,
    Value(Name),
    Checked(Name, Box<str>),
    Error(Name),
    Described {
        name: Name,
        hint: bool,
        before: Option<At>,
    },
    Before(At),
    BeforeText(At),
    BeforeLarge(At),
    Rows(Group),
    RowCount(Group),
    CanAdd(Group),
    RowIndex,
    RowNumber,
}

/// A form's skeleton with the meaning of its slots.
pub(super) struct Prepared {
    skeleton: Skeleton,
    slots: Vec<Slot>,
}

/// The questions of `view`'s page, from the form's skeleton in its language; `None` where the
/// form has none (the page is then rendered by handlebars).
pub(super) fn sections(
    renderer: &Renderer,
    form: &Arc<Form>,
    view: &FormView<'_>,
    action: &str,
) -> Option<String> {
    let own = view.own.filter(|_| excludes_own(form));
    let prepared = renderer.skeletons.get_or_build(form, view.lang, own, || {
        prepare(renderer, form, view.lang, own, view)
    })?;
    Some(prepared.skeleton.fill(&Filler {
        view,
        slots: &prepared.slots,
        action,
    }))
}

/// Whether any question leaves out the respondent's institute: its skeleton is then one per
/// institute.
fn excludes_own(form: &Form) -> bool {
    fn any(qs: &[Question]) -> bool {
        qs.iter().any(|q| q.exclude_own || any(&q.questions))
    }
    form.sections.iter().any(|s| any(&s.questions))
}

fn prepare(
    renderer: &Renderer,
    form: &Form,
    lang: Lang,
    own: Option<&str>,
    like: &FormView<'_>,
) -> Result<Prepared> {
    let raw = RawForm::default();
    let empty = FormView {
        form,
        raw: &raw,
        errors: &[],
        lang,
        i18n: like.i18n,
        own,
        before: None,
    };
    let mut sections = serde_json::to_value(empty.sections())?;
    let mut probe = Probe::default();
    let action = probe.slot(Slot::Action);
    for (si, (s, sv)) in form.sections.iter().zip(array(&mut sections)).enumerate() {
        for (qi, (q, qv)) in s
            .questions
            .iter()
            .zip(array(&mut sv["questions"]))
            .enumerate()
        {
            let at = At {
                section: si,
                question: qi,
                cell: None,
            };
            probe.question(qv, q, Some(at), None)?;
        }
    }
    let root = json!({ "lang": lang, "action": action, "sections": sections });
    let skeleton = renderer.skeleton("form/sections", &root, probe.slots.len())?;
    Ok(Prepared {
        skeleton,
        slots: probe.slots,
    })
}

fn array(v: &mut Value) -> impl Iterator<Item = &mut Value> {
    v.as_array_mut().into_iter().flatten()
}

#[derive(Default)]
struct Probe {
    slots: Vec<Slot>,
    row_index: Option<Value>,
}

impl Probe {
    fn slot(&mut self, slot: Slot) -> Value {
        self.slots.push(slot);
        json!(skeleton::marker(self.slots.len() - 1))
    }

    fn row_mark(&mut self) -> String {
        if self.row_index.is_none() {
            self.row_index = Some(self.slot(Slot::RowIndex));
        }
        self.row_index
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }

    /// `concrete` (a name in the first row of group `row`, or any other) as a slot's name, and
    /// as the page writes it.
    fn name(&mut self, concrete: &str, row: Option<&str>) -> (Name, String) {
        match row.and_then(|g| Some((g, concrete.strip_prefix(g)?.strip_prefix(".0")?))) {
            Some((g, tail)) => {
                let head = format!("{g}.");
                let written = format!("{head}{}{tail}", self.row_mark());
                let name = Name {
                    head: head.into(),
                    tail: Some(tail.into()),
                };
                (name, written)
            }
            None => (
                Name {
                    head: concrete.into(),
                    tail: None,
                },
                concrete.to_string(),
            ),
        }
    }

    /// One question's view made a probe. `at` is where a question of a section or a grid's
    /// cell is (last year's answer may stand beside it; a section's question names it in its
    /// `aria-describedby`); `row` the group whose first row it is in.
    fn question(
        &mut self,
        v: &mut Value,
        q: &Question,
        at: Option<At>,
        row: Option<&str>,
    ) -> Result<()> {
        let concrete = v["name"].as_str().unwrap_or_default().to_string();
        let (name, written) = self.name(&concrete, row);
        if row.is_some() {
            v["name"] = json!(written);
            v["anchor"] = json!(format!("f-{written}"));
            if let Some(show) = v["show_if"].get("name").and_then(Value::as_str) {
                let shown = self.name(show, row).1;
                v["show_if"]["name"] = json!(shown);
            }
        }
        v["value"] = self.slot(Slot::Value(name.clone()));
        v["error"] = self.slot(Slot::Error(name.clone()));
        let before = at.filter(|_| !matches!(q.kind, Kind::Group | Kind::Grid));
        v["described_by"] = self.slot(Slot::Described {
            name: name.clone(),
            hint: q.hint.is_some(),
            before: before.filter(|at| at.cell.is_none()),
        });
        if let Some(at) = before {
            let mut fields = Map::new();
            fields.insert("text".into(), self.slot(Slot::BeforeText(at)));
            fields.insert("large".into(), self.slot(Slot::BeforeLarge(at)));
            self.slots.push(Slot::Before(at));
            v["before"] = flagged(self.slots.len() - 1, fields);
        }
        self.choices(v, &name, row);
        match (q.kind, at) {
            (Kind::Group, _) => self.group(v, q, &concrete, row),
            (Kind::Grid, Some(at)) if row.is_none() => self.grid(v, q, at),
            (Kind::Grid, _) => Err(crate::Error::TemplateLoad("a grid within a group".into())),
            _ => Ok(()),
        }
    }

    fn choices(&mut self, v: &mut Value, name: &Name, row: Option<&str>) {
        for choice in array(&mut v["choices"]) {
            let value = choice["value"].as_str().unwrap_or_default();
            choice["checked"] = self.slot(Slot::Checked(name.clone(), value.into()));
            let detail = choice["detail_name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let (detail, written) = self.name(&detail, row);
            choice["detail_name"] = json!(written);
            choice["detail_value"] = self.slot(Slot::Value(detail.clone()));
            choice["detail_error"] = self.slot(Slot::Error(detail));
        }
        if v["other"].is_object() {
            let other = v["other"]["name"].as_str().unwrap_or_default().to_string();
            let (other, written) = self.name(&other, row);
            v["other"]["name"] = json!(written);
            v["other"]["value"] = self.slot(Slot::Value(other.clone()));
            v["other"]["checked"] = self.slot(Slot::Checked(name.clone(), "other".into()));
            v["other"]["error"] = self.slot(Slot::Error(other));
        }
    }

    /// A group's rows: its first row, written once per row the request has.
    fn group(&mut self, v: &mut Value, q: &Question, name: &str, row: Option<&str>) -> Result<()> {
        if row.is_some() {
            return Err(crate::Error::TemplateLoad("a group within a group".into()));
        }
        let group = || Group {
            name: name.into(),
            max: q.max_rows(),
        };
        v["row_count"] = self.slot(Slot::RowCount(group()));
        v["can_add"] = self.slot(Slot::CanAdd(group()));
        let mark = self.row_mark();
        let first = &mut v["rows"][0];
        first[REPEAT_KEY] = self.slot(Slot::Rows(group()));
        first["index"] = json!(mark);
        first["number"] = self.slot(Slot::RowNumber);
        first["remove_action"] = json!(format!("remove:{name}:{mark}"));
        let first = &mut v["rows"][0]["questions"];
        for (inner, iv) in q.questions.iter().zip(array(first)) {
            self.question(iv, inner, None, Some(name))?;
        }
        let rows = v["rows"].as_array_mut();
        rows.into_iter().for_each(|r| r.truncate(1));
        Ok(())
    }

    /// A grid's cells, each with last year's answer beside it.
    fn grid(&mut self, v: &mut Value, q: &Question, at: At) -> Result<()> {
        for (i, line) in array(&mut v["grid"]).enumerate() {
            let cells = array(&mut line["cells"]);
            for (k, (inner, cell)) in q.questions.iter().zip(cells).enumerate() {
                let at = At {
                    cell: Some((i, k)),
                    ..at
                };
                self.question(cell, inner, Some(at), None)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
