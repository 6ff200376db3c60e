//! A request's values in a form's slots, as `FormView` would have given them to the template:
//! the same texts, escaped the same way, true where handlebars would have found them true.
use super::{At, BeforeView, FormView, Group, Slot};
use crate::forms::schema::Question;
use crate::forms::Answers;
use crate::i18n::skeleton::Slots;
use handlebars::html_escape;

pub(super) struct Filler<'a, 'v> {
    pub(super) view: &'a FormView<'v>,
    pub(super) slots: &'a [Slot],
    pub(super) action: &'a str,
}

impl Filler<'_, '_> {
    fn value(&self, name: &str) -> &str {
        self.view.raw.get(name)
    }

    fn rows(&self, g: &Group) -> usize {
        self.view.raw.rows(&g.name).clamp(1, g.max)
    }

    fn described(&self, name: &str, hint: bool, before: Option<At>) -> String {
        let mut ids = Vec::with_capacity(3);
        if hint {
            ids.push(format!("h-{name}"));
        }
        if self.view.error_for(name).is_some() {
            ids.push(format!("e-{name}"));
        }
        if before.is_some_and(|at| self.before(at).is_some()) {
            ids.push(format!("b-{name}"));
        }
        ids.join(" ")
    }

    /// Last year's answer at `at`, as the page's view puts it beside this year's.
    fn before(&self, at: At) -> Option<BeforeView> {
        let form = self.view.form;
        let outer = form.sections.get(at.section)?.questions.get(at.question)?;
        let answers = self.view.before?.answers;
        let (q, stored, name): (&Question, Option<&Answers>, String) = match at.cell {
            None => (outer, Some(answers), outer.id.clone()),
            Some((i, k)) => {
                let choice = form.choices(outer).get(i)?;
                let stored = answers
                    .get(&outer.id)
                    .and_then(|rows| rows.as_object()?.get(&choice.value)?.as_object());
                let inner = outer.questions.get(k)?;
                (inner, stored, format!("{}.{i}.{}", outer.id, inner.id))
            }
        };
        self.view.before_of(q, stored, self.value(&name))
    }
}

fn push_escaped(out: &mut String, text: &str) {
    if text.bytes().any(|b| b"&<>\"'`=".contains(&b)) {
        out.push_str(&html_escape(text));
    } else {
        out.push_str(text);
    }
}

impl Slots for Filler<'_, '_> {
    fn write(&self, id: u32, row: usize, out: &mut String) {
        let Some(slot) = self.slots.get(id as usize) else {
            return;
        };
        match slot {
            Slot::Action => push_escaped(out, self.action),
            Slot::Value(name) => push_escaped(out, self.value(&name.at(row))),
            Slot::Error(name) => {
                if let Some(message) = self.view.error_for(&name.at(row)) {
                    push_escaped(out, &message);
                }
            }
            Slot::Described { name, hint, before } => {
                push_escaped(out, &self.described(&name.at(row), *hint, *before));
            }
            Slot::BeforeText(at) => {
                if let Some(before) = self.before(*at) {
                    push_escaped(out, &before.text);
                }
            }
            Slot::RowCount(g) => out.push_str(&self.rows(g).to_string()),
            Slot::RowIndex => out.push_str(&row.to_string()),
            Slot::RowNumber => out.push_str(&(row + 1).to_string()),
            Slot::CanAdd(_)
            | Slot::Checked(..)
            | Slot::Before(_)
            | Slot::BeforeLarge(_)
            | Slot::Rows(_) => {}
        }
    }

    fn truthy(&self, id: u32, row: usize) -> bool {
        let Some(slot) = self.slots.get(id as usize) else {
            return false;
        };
        match slot {
            Slot::Action => !self.action.is_empty(),
            Slot::Value(name) => !self.value(&name.at(row)).is_empty(),
            Slot::Checked(name, value) => self
                .view
                .raw
                .all(&name.at(row))
                .iter()
                .any(|v| v == &**value),
            Slot::Error(name) => self
                .view
                .error_for(&name.at(row))
                .is_some_and(|m| !m.is_empty()),
            Slot::Described { name, hint, before } => {
                !self.described(&name.at(row), *hint, *before).is_empty()
            }
            Slot::Before(at) => self.before(*at).is_some(),
            Slot::BeforeText(at) => self.before(*at).is_some_and(|b| !b.text.is_empty()),
            Slot::BeforeLarge(at) => self.before(*at).is_some_and(|b| b.large),
            Slot::Rows(g) | Slot::RowCount(g) => self.rows(g) > 0,
            Slot::CanAdd(g) => self.rows(g) < g.max,
            Slot::RowIndex => row != 0,
            Slot::RowNumber => true,
        }
    }

    fn count(&self, id: u32) -> usize {
        match self.slots.get(id as usize) {
            Some(Slot::Rows(g)) => self.rows(g),
            _ => 0,
        }
    }
}
