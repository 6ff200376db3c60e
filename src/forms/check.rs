//! Checking a parsed schema: what serde cannot see (ids, references, choices, conditions,
//! indicators), each problem at the line that declares what is wrong.
use super::problem::{Locator, Problem};
use super::schema::{Breakdown, Form, Indicator, IndicatorKind, Kind, Question, Text};
use super::RefLists;
use crate::directory::CONTACT_ROLES;
use std::collections::BTreeSet;
use std::path::Path;

/// Every problem of `form`, read from `source` at `path`; resolves the reference lists it uses.
pub(super) fn check_form(
    path: &Path,
    source: &str,
    form: &mut Form,
    lists: &RefLists,
) -> Vec<Problem> {
    let mut checker = Checker {
        path,
        loc: Locator::new(source),
        problems: Vec::new(),
    };
    checker.form(form, lists);
    checker.problems
}

struct Checker<'a> {
    path: &'a Path,
    loc: Locator<'a>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.path.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    fn text(&mut self, text: &Text, line: usize, what: &str) {
        if text.en.trim().is_empty() {
            self.report(line, format!("{what}: the English text is missing"));
        }
        if text.ru.trim().is_empty() {
            self.report(line, format!("{what}: the Russian text is missing"));
        }
    }

    fn form(&mut self, form: &mut Form, lists: &RefLists) {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        if stem.as_deref() != Some(form.id.as_str()) {
            self.report(
                self.loc.top_key("id"),
                format!("form id \"{}\" differs from the file name", form.id),
            );
        }
        self.text(&form.title, self.loc.top_key("title"), "title");
        if let Some(intro) = &form.intro {
            self.text(intro, self.loc.top_key("intro"), "intro");
        }
        for role in &form.audience {
            if !CONTACT_ROLES.contains(&role.as_str()) {
                self.report(
                    self.loc.top_key("audience"),
                    format!(
                        "unknown contact role \"{role}\" (known: {})",
                        CONTACT_ROLES.join(", ")
                    ),
                );
            }
        }
        for (name, choices) in &form.lists {
            let mut seen = BTreeSet::new();
            for c in choices {
                let line = self.loc.named("value", &c.value, 1, 0).unwrap_or(1);
                if !seen.insert(c.value.clone()) {
                    let line = self.loc.named("value", &c.value, 1, 1).unwrap_or(line);
                    self.report(
                        line,
                        format!("list {name}: duplicate value \"{}\"", c.value),
                    );
                }
                let text = Text {
                    en: c.en.clone(),
                    ru: c.ru.clone(),
                };
                self.text(&text, line, &format!("list {name}, choice \"{}\"", c.value));
            }
        }
        self.resolve_lists(form, lists);
        let mut section_ids = BTreeSet::new();
        let mut seen: Vec<String> = Vec::new();
        for section in &form.sections {
            let line = self.loc.named("id", &section.id, 1, 0).unwrap_or(1);
            if !section_ids.insert(section.id.clone()) {
                self.report(line, format!("duplicate section id \"{}\"", section.id));
            }
            self.text(
                &section.title,
                self.loc.key_in_table(line, "title"),
                "section title",
            );
            if section.questions.is_empty() {
                self.report(line, format!("section \"{}\" has no questions", section.id));
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
        for (qid, name) in wanted {
            match lists.get(&name) {
                Some(choices) => {
                    form.lists.insert(name, choices.clone());
                }
                None => {
                    let at = self.loc.named("id", &qid, 1, 0).unwrap_or(1);
                    let known: Vec<&str> = lists.0.keys().map(String::as_str).collect();
                    self.report(
                        self.loc.key_in_table(at, "list"),
                        format!(
                            "unknown list \"{name}\": neither in [lists] nor a reference list ({})",
                            known.join(", ")
                        ),
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
            self.report(
                line,
                format!("question id \"{}\": use letters, digits and _", q.id),
            );
        }
        if seen.contains(&key) {
            self.report(line, format!("duplicate question id \"{key}\""));
        }
        self.text(
            &q.label,
            at("label", self),
            &format!("question {key}: label"),
        );
        for (what, text) in [("hint", &q.hint), ("unit", &q.unit), ("detail", &q.detail)] {
            if let Some(text) = text {
                self.text(text, at(what, self), &format!("question {key}: {what}"));
            }
        }
        for (rule, text) in &q.messages {
            self.text(
                text,
                at("messages", self),
                &format!("question {key}: message {rule}"),
            );
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
            self.report(line, format!("question {key}: a {:?} needs a list", q.kind));
        }
        if !q.kind.has_choices()
            && !matches!(q.kind, Kind::YesNo | Kind::Grid)
            && (q.list.is_some() || q.other)
        {
            self.report(
                at("list", self),
                format!("question {key}: only choice questions take a list or other"),
            );
        }
        if q.detail.is_some() && q.kind != Kind::MultiChoice {
            self.report(
                at("detail", self),
                format!("question {key}: detail is for multiple choice"),
            );
        }
        if let (Some(min), Some(max)) = (q.min, q.max) {
            if min > max {
                self.report(
                    at("min", self),
                    format!("question {key}: min {min} is above max {max}"),
                );
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
                self.report(
                    at("show_if", self),
                    format!(
                        "question {key}: condition on \"{}\", which is not an earlier question here",
                        cond.question
                    ),
                );
            }
        }
        if let Some(earlier) = &q.after {
            let target = match group {
                Some(g) => format!("{g}.{earlier}"),
                None => earlier.clone(),
            };
            if !seen.contains(&target) {
                self.report(at("after", self), format!("question {key}: after \"{earlier}\", which is not an earlier question here"));
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
            (Kind::Group, Some(_)) => self.report(
                line,
                format!("question {key}: a group inside a group is not supported"),
            ),
            (Kind::Grid, Some(_)) => self.report(
                line,
                format!("question {key}: a grid inside a group is not supported"),
            ),
            (Kind::Group | Kind::Grid, None) => {
                if q.questions.is_empty() {
                    self.report(line, format!("{key} has no questions"));
                }
                if q.kind == Kind::Grid && q.list.is_none() {
                    self.report(line, format!("grid {key} needs a list for its rows"));
                }
                for inner in &q.questions {
                    if q.kind == Kind::Grid
                        && matches!(inner.kind, Kind::MultiChoice | Kind::Group | Kind::Grid)
                    {
                        self.report(
                            line,
                            format!("grid {key}: a cell cannot be a {:?}", inner.kind),
                        );
                    }
                    self.question(form, inner, seen, Some(&q.id));
                }
            }
            _ if !q.questions.is_empty() => self.report(
                line,
                format!("question {key}: only a group or a grid has questions"),
            ),
            _ => {}
        }
    }

    fn indicators(&mut self, form: &Form) {
        let start = self.loc.header("indicators").unwrap_or(1);
        let mut ids = BTreeSet::new();
        for ind in &form.indicators {
            let line = self.loc.named("id", &ind.id, start, 0).unwrap_or(start);
            if !ids.insert(ind.id.clone()) {
                let again = self.loc.named("id", &ind.id, start, 1).unwrap_or(line);
                self.report(again, format!("duplicate indicator id \"{}\"", ind.id));
            }
            self.text(
                &ind.label,
                self.loc.key_in_table(line, "label"),
                &format!("indicator {}: label", ind.id),
            );
            if ind.kind == IndicatorKind::Combined {
                let earlier: Vec<&str> = form
                    .indicators
                    .iter()
                    .take_while(|i| i.id != ind.id)
                    .map(|i| i.id.as_str())
                    .collect();
                if ind.parts.len() < 2 || ind.parts.iter().any(|p| !earlier.contains(&p.as_str())) {
                    self.report(
                        self.loc.key_in_table(line, "parts"),
                        format!("indicator {}: parts must name two or more indicators declared before it", ind.id),
                    );
                }
                continue;
            }
            self.indicator_question(form, ind, line);
            self.indicator_companions(form, ind, line);
            if ind.by == Some(Breakdown::Ceems) && ind.kind == IndicatorKind::DistinctCount {
                self.report(
                    line,
                    format!("indicator {}: distinct_count has no breakdown", ind.id),
                );
            }
        }
    }

    /// The question an indicator aggregates exists and is of a kind it can aggregate.
    fn indicator_question(&mut self, form: &Form, ind: &Indicator, line: usize) {
        let needs_question = !matches!(ind.kind, IndicatorKind::ResponseRate);
        let resolved = ind.question.as_deref().map(|p| (p, form.path(p)));
        match (needs_question, resolved) {
            (true, None) => self.report(line, format!("indicator {}: needs a question", ind.id)),
            (_, Some((p, None))) => self.report(
                self.loc.key_in_table(line, "question"),
                format!("indicator {}: no question \"{p}\"", ind.id),
            ),
            (_, Some((p, Some((_, q))))) => {
                let choice = q.kind.has_choices() || q.kind == Kind::YesNo;
                let in_grid = form
                    .path(p)
                    .is_some_and(|(g, _)| g.is_some_and(|g| g.kind == Kind::Grid));
                let ok = match ind.kind {
                    IndicatorKind::Distribution
                    | IndicatorKind::DistinctCount
                    | IndicatorKind::Ranking
                    | IndicatorKind::Table => choice,
                    IndicatorKind::GridShare => choice && in_grid,
                    IndicatorKind::Sum => q.kind.is_number(),
                    IndicatorKind::Mean => q.kind.is_number() || choice,
                    IndicatorKind::CountUnits | IndicatorKind::ResponseRate => true,
                    IndicatorKind::Texts => {
                        q.kind.is_text() || (q.kind.has_choices() && q.detail.is_some())
                    }
                    IndicatorKind::Combined => true,
                    IndicatorKind::OriginSum => {
                        q.kind.is_number()
                            && ind.origin.as_ref().is_some_and(|o| {
                                let group = p.split_once('.').map(|x| x.0).unwrap_or("");
                                [&o.when, &o.institute]
                                    .into_iter()
                                    .chain(o.same.iter())
                                    .all(|id| form.path(&format!("{group}.{id}")).is_some())
                            })
                    }
                };
                if !ok {
                    self.report(
                        self.loc.key_in_table(line, "question"),
                        format!(
                            "indicator {}: {:?} cannot aggregate question \"{p}\"",
                            ind.id, ind.kind
                        ),
                    );
                }
            }
            (false, None) => {}
        }
    }

    /// The questions beside it that an indicator names: a sum, a product, a group.
    fn indicator_companions(&mut self, form: &Form, ind: &Indicator, line: usize) {
        for (key, number) in [("sum", &ind.sum), ("product", &ind.product)] {
            let Some(sum) = number else { continue };
            let same_scope =
                |a: &str, b: &str| a.split_once('.').map(|x| x.0) == b.split_once('.').map(|x| x.0);
            let ok = form.path(sum).is_some_and(|(_, q)| q.kind.is_number())
                && ind
                    .question
                    .as_deref()
                    .is_some_and(|p| same_scope(p, sum) || !sum.contains('.'));
            if !ok {
                self.report(
                    self.loc.key_in_table(line, key),
                    format!("indicator {}: {key} \"{sum}\" is not a number question beside the question", ind.id),
                );
            }
        }
        if let Some(by) = &ind.group_by {
            let beside =
                |a: &str, b: &str| a.split_once('.').map(|x| x.0) == b.split_once('.').map(|x| x.0);
            let ok = ind.kind == IndicatorKind::Texts
                && form
                    .path(by)
                    .is_some_and(|(_, q)| q.kind.has_choices() || q.kind == Kind::YesNo)
                && ind.question.as_deref().is_some_and(|p| beside(p, by));
            if !ok {
                self.report(
                    self.loc.key_in_table(line, "group_by"),
                    format!(
                        "indicator {}: group_by \"{by}\" is not a choice question beside the texts",
                        ind.id
                    ),
                );
            }
        }
    }
}
