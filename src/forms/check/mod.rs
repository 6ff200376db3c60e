//! Checking a parsed schema: what serde cannot see (ids, references, choices, conditions,
//! indicators), each problem at the line that declares what is wrong.
use super::problem::{spelled, Locator, Naming, Problem};
use super::schema::{Form, Kind, Question, Text};
use super::RefLists;
use crate::directory::CONTACT_ROLES;
use std::collections::BTreeSet;
use std::path::Path;

mod indicators;

/// Every problem of `form`, read from `source` at `path`; resolves the reference lists it uses.
pub(super) fn check_form(
    path: &Path,
    source: &str,
    form: &mut Form,
    lists: &RefLists,
    naming: Naming,
) -> Vec<Problem> {
    let mut checker = Checker {
        path,
        naming,
        loc: Locator::new(source),
        problems: Vec::new(),
    };
    checker.form(form, lists);
    checker.problems
}

struct Checker<'a> {
    path: &'a Path,
    naming: Naming,
    loc: Locator<'a>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, line: usize, key: &'static str, args: &[(&'static str, &str)]) {
        let file = self.path.to_path_buf();
        self.problems.push(Problem::new(file, line, key, args));
    }

    /// Both languages of a text; `place` names it as `check-text-missing` does (`what`, `id`,
    /// `field`, `list`).
    fn text(&mut self, text: &Text, line: usize, place: &[(&'static str, &str)]) {
        for (lang, t) in [("en", &text.en), ("ru", &text.ru)] {
            if t.trim().is_empty() {
                let mut args = place.to_vec();
                args.push(("language", lang));
                self.report(line, "check-text-missing", &args);
            }
        }
    }

    fn form(&mut self, form: &mut Form, lists: &RefLists) {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        if !super::schema::is_form_id(&form.id) {
            // It names the survey in addresses and file names.
            self.report(self.loc.top_key("id"), "check-form-id", &[("id", &form.id)]);
        } else if self.naming == Naming::File && stem.as_deref() != Some(form.id.as_str()) {
            let line = self.loc.top_key("id");
            self.report(line, "check-form-id-file", &[("id", &form.id)]);
        }
        self.text(&form.title, self.loc.top_key("title"), &[("what", "title")]);
        if let Some(intro) = &form.intro {
            self.text(intro, self.loc.top_key("intro"), &[("what", "intro")]);
        }
        for role in &form.audience {
            if !CONTACT_ROLES.contains(&role.as_str()) {
                let known = CONTACT_ROLES.join(", ");
                let args = [("role", role.as_str()), ("known", &known)];
                self.report(self.loc.top_key("audience"), "check-unknown-role", &args);
            }
        }
        for (name, choices) in &form.lists {
            let mut seen = BTreeSet::new();
            for c in choices {
                let line = self.loc.named("value", &c.value, 1, 0).unwrap_or(1);
                if !seen.insert(c.value.clone()) {
                    let line = self.loc.named("value", &c.value, 1, 1).unwrap_or(line);
                    let args = [("list", name.as_str()), ("value", &c.value)];
                    self.report(line, "check-list-duplicate", &args);
                }
                let text = Text {
                    en: c.en.clone(),
                    ru: c.ru.clone(),
                };
                let place = [
                    ("what", "choice"),
                    ("list", name.as_str()),
                    ("id", &c.value),
                ];
                self.text(&text, line, &place);
            }
        }
        self.resolve_lists(form, lists);
        let mut section_ids = BTreeSet::new();
        let mut seen: Vec<String> = Vec::new();
        for section in &form.sections {
            let line = self.loc.named("id", &section.id, 1, 0).unwrap_or(1);
            if !section_ids.insert(section.id.clone()) {
                self.report(line, "check-section-duplicate", &[("id", &section.id)]);
            }
            let place = [("what", "section"), ("id", section.id.as_str())];
            self.text(&section.title, self.loc.key_in_table(line, "title"), &place);
            if section.questions.is_empty() {
                self.report(line, "check-section-empty", &[("id", &section.id)]);
            }
            for q in &section.questions {
                self.question(form, q, &mut seen, None);
            }
        }
        self.indicators(form);
    }

    /// Copies each reference list a question names into the form, so the form is complete.
    fn resolve_lists(&mut self, form: &mut Form, lists: &RefLists) {
        let mut wanted = Vec::new();
        for q in form.questions() {
            for q in std::iter::once(q).chain(q.questions.iter()) {
                if let Some(name) = &q.list {
                    if !form.lists.contains_key(name) {
                        wanted.push((q.id.clone(), name.clone()));
                    }
                }
            }
        }
        // Whatever the source says of versions, they are the lists it is checked against.
        form.list_versions.clear();
        for (qid, name) in wanted {
            match lists.get(&name) {
                Some(choices) => {
                    if let Some(v) = lists.version(&name) {
                        form.list_versions.insert(name.clone(), v);
                    }
                    form.lists.insert(name, choices.clone());
                }
                None => {
                    let at = self.loc.named("id", &qid, 1, 0).unwrap_or(1);
                    let known: Vec<&str> = lists.names().collect();
                    let known = known.join(", ");
                    let args = [("list", name.as_str()), ("known", &known)];
                    self.report(
                        self.loc.key_in_table(at, "list"),
                        "check-unknown-list",
                        &args,
                    );
                }
            }
        }
    }

    fn question(&mut self, form: &Form, q: &Question, seen: &mut Vec<String>, group: Option<&str>) {
        let key = match group {
            Some(g) => format!("{g}.{}", q.id),
            None => q.id.clone(),
        };
        let nth = seen
            .iter()
            .filter(|s| s.rsplit('.').next() == Some(q.id.as_str()))
            .count();
        let line = self.loc.named("id", &q.id, 1, nth).unwrap_or(1);
        let at = |key: &str, this: &Self| this.loc.key_in_table(line, key);
        if q.id.is_empty() || !q.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.report(line, "check-question-id", &[("id", &q.id)]);
        }
        if seen.contains(&key) {
            self.report(line, "check-question-duplicate", &[("id", &key)]);
        }
        if let Some(was) = &q.was {
            if was.is_empty() || !was.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                let args = [("question", key.as_str()), ("was", was)];
                self.report(at("was", self), "check-question-was", &args);
            }
        }
        let place =
            |field: &'static str| [("what", "question"), ("id", key.as_str()), ("field", field)];
        self.text(&q.label, at("label", self), &place("label"));
        for (field, text) in [("hint", &q.hint), ("unit", &q.unit), ("detail", &q.detail)] {
            if let Some(text) = text {
                self.text(text, at(field, self), &place(field));
            }
        }
        for (rule, text) in &q.messages {
            let field = format!("messages.{rule}");
            let place = [
                ("what", "question"),
                ("id", key.as_str()),
                ("field", &field),
            ];
            self.text(text, at("messages", self), &place);
        }
        self.kind_rules(q, &key, line);
        self.order_rules(q, &key, group, seen, line);
        seen.push(key.clone());
        self.nesting(form, q, &key, group, seen, line);
    }

    /// What a question of its type may have: a list, other, detail, bounds.
    fn kind_rules(&mut self, q: &Question, key: &str, line: usize) {
        let at = |key: &str, this: &Self| this.loc.key_in_table(line, key);
        if q.kind.has_choices() && q.list.is_none() {
            let kind = spelled(&q.kind);
            self.report(
                line,
                "check-needs-list",
                &[("question", key), ("kind", &kind)],
            );
        }
        if !q.kind.has_choices()
            && !matches!(q.kind, Kind::YesNo | Kind::Grid)
            && (q.list.is_some() || q.other)
        {
            self.report(
                at("list", self),
                "check-list-not-choice",
                &[("question", key)],
            );
        }
        if q.detail.is_some() && q.kind != Kind::MultiChoice {
            self.report(
                at("detail", self),
                "check-detail-not-multi",
                &[("question", key)],
            );
        }
        if q.large_change
            .is_some_and(|r| !q.kind.is_number() || r.is_nan() || r <= 1.0)
        {
            self.report(
                at("large_change", self),
                "check-large-change",
                &[("question", key)],
            );
        }
        if let (Some(min), Some(max)) = (q.min, q.max) {
            if min > max {
                let (min, max) = (min.to_string(), max.to_string());
                let args = [("question", key), ("min", &min), ("max", &max)];
                self.report(at("min", self), "check-min-max", &args);
            }
        }
    }

    /// A condition or a placement names an earlier question of the same level.
    fn order_rules(
        &mut self,
        q: &Question,
        key: &str,
        group: Option<&str>,
        seen: &[String],
        line: usize,
    ) {
        let at = |key: &str, this: &Self| this.loc.key_in_table(line, key);
        if let Some(cond) = &q.show_if {
            let scope: Vec<&String> = match group {
                Some(g) => seen
                    .iter()
                    .filter(|s| s.starts_with(&format!("{g}.")))
                    .collect(),
                None => seen.iter().filter(|s| !s.contains('.')).collect(),
            };
            let target = match group {
                Some(g) => format!("{g}.{}", cond.question),
                None => cond.question.clone(),
            };
            if !scope.contains(&&target) {
                let args = [("question", key), ("target", &cond.question)];
                self.report(at("show_if", self), "check-condition-order", &args);
            }
        }
        if let Some(earlier) = &q.after {
            let target = match group {
                Some(g) => format!("{g}.{earlier}"),
                None => earlier.clone(),
            };
            if !seen.contains(&target) {
                let args = [("question", key), ("target", earlier)];
                self.report(at("after", self), "check-after-order", &args);
            }
        }
    }

    /// Groups and grids hold questions, one level deep; nothing else does.
    fn nesting(
        &mut self,
        form: &Form,
        q: &Question,
        key: &str,
        group: Option<&str>,
        seen: &mut Vec<String>,
        line: usize,
    ) {
        match (q.kind, group) {
            (Kind::Group, Some(_)) => self.report(line, "check-nested-group", &[("question", key)]),
            (Kind::Grid, Some(_)) => self.report(line, "check-nested-grid", &[("question", key)]),
            (Kind::Group | Kind::Grid, None) => {
                if q.questions.is_empty() {
                    self.report(line, "check-group-empty", &[("question", key)]);
                }
                if q.kind == Kind::Grid && q.list.is_none() {
                    self.report(line, "check-grid-list", &[("question", key)]);
                }
                for inner in &q.questions {
                    if q.kind == Kind::Grid
                        && matches!(inner.kind, Kind::MultiChoice | Kind::Group | Kind::Grid)
                    {
                        let kind = spelled(&inner.kind);
                        let args = [("question", key), ("kind", &kind)];
                        self.report(line, "check-grid-cell", &args);
                    }
                    self.question(form, inner, seen, Some(&q.id));
                }
            }
            _ if !q.questions.is_empty() => {
                self.report(line, "check-not-container", &[("question", key)])
            }
            _ => {}
        }
    }
}
