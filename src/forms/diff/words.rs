//! The difference in words, in the reader's language: each change with what it does. Names
//! are the survey's own (a question's label with its id, a choice's label with its value), so
//! the secretariat recognises what it wrote.
use super::{effects, Change, Effect, Part};
use crate::forms::schema::Form;
use crate::i18n::{I18n, Lang};
use serde::Serialize;

/// A change as the publishing page and the trail show it.
#[derive(Debug, Clone, Serialize)]
pub struct Described {
    pub change: String,
    pub effects: Vec<String>,
    /// Texts only: a correction that may be applied to an open campaign.
    pub text_only: bool,
}

struct Words<'a> {
    old: &'a Form,
    new: &'a Form,
    i18n: &'a I18n,
    lang: Lang,
}

/// Every change of `changes` in words, with its effects.
pub fn describe_all(
    changes: &[Change],
    old: &Form,
    new: &Form,
    i18n: &I18n,
    lang: Lang,
) -> Vec<Described> {
    let w = Words {
        old,
        new,
        i18n,
        lang,
    };
    changes
        .iter()
        .map(|c| Described {
            change: w.change(c),
            effects: effects(c, old, new).iter().map(|e| w.effect(e)).collect(),
            text_only: c.is_text_only(),
        })
        .collect()
}

impl Words<'_> {
    fn t(&self, key: &str, args: &[(&str, String)]) -> String {
        self.i18n.text(self.lang, key, args)
    }

    /// «Label» (path), from the new version where it is there, else from the old.
    fn question(&self, path: &str) -> String {
        let label = [self.new, self.old]
            .iter()
            .find_map(|f| f.path(path))
            .map(|(_, q)| q.label.get(self.lang).to_string());
        match label {
            Some(label) => format!("«{label}» ({path})"),
            None => path.to_string(),
        }
    }

    fn section(&self, id: &str) -> String {
        let title = [self.new, self.old]
            .iter()
            .find_map(|f| f.sections.iter().find(|s| s.id == id))
            .map(|s| s.title.get(self.lang).to_string());
        title.map_or_else(|| id.to_string(), |t| format!("«{t}» ({id})"))
    }

    fn choice(&self, list: &str, value: &str) -> String {
        let label = [self.new, self.old].iter().find_map(|f| {
            f.lists
                .get(list)?
                .iter()
                .find(|c| c.value == value)
                .map(|c| c.label(self.lang).to_string())
        });
        label.map_or_else(|| value.to_string(), |l| format!("«{l}» ({value})"))
    }

    fn indicator(&self, id: &str) -> String {
        let label = [self.new, self.old].iter().find_map(|f| {
            f.indicators
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.label.get(self.lang).to_string())
        });
        label.map_or_else(|| id.to_string(), |l| format!("«{l}» ({id})"))
    }

    fn kind(&self, kind: crate::forms::Kind) -> String {
        let code = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        self.t("diff-kind", &[("kind", code)])
    }

    fn change(&self, c: &Change) -> String {
        let q = |p: &str| ("question", self.question(p));
        match c {
            Change::FormText(what) => self.t("diff-form-text", &[("what", what.to_string())]),
            Change::Setting(name) => self.t("diff-setting", &[("setting", name.to_string())]),
            Change::SectionAdded(s) => {
                self.t("diff-section-added", &[("section", self.section(s))])
            }
            Change::SectionRemoved(s) => {
                self.t("diff-section-removed", &[("section", self.section(s))])
            }
            Change::SectionText(s) => self.t("diff-section-text", &[("section", self.section(s))]),
            Change::QuestionAdded(p) => self.t("diff-question-added", &[q(p)]),
            Change::QuestionRemoved(p) => self.t("diff-question-removed", &[q(p)]),
            Change::QuestionRenamed { from, to } => {
                self.t("diff-question-renamed", &[q(to), ("from", from.clone())])
            }
            Change::QuestionMoved(p) => self.t("diff-question-moved", &[q(p)]),
            Change::QuestionRetyped { question, from, to } => self.t(
                "diff-question-retyped",
                &[
                    q(question),
                    ("from", self.kind(*from)),
                    ("to", self.kind(*to)),
                ],
            ),
            Change::QuestionText { question, part } => {
                let (part, rule) = match part {
                    Part::Label => ("label", String::new()),
                    Part::Hint => ("hint", String::new()),
                    Part::Unit => ("unit", String::new()),
                    Part::Detail => ("detail", String::new()),
                    Part::Message(rule) => ("message", rule.clone()),
                };
                let args = [q(question), ("part", part.to_string()), ("rule", rule)];
                self.t("diff-question-text", &args)
            }
            Change::QuestionRequired { question, now } => {
                let now = if *now { "yes" } else { "no" }.to_string();
                self.t("diff-question-required", &[q(question), ("now", now)])
            }
            Change::QuestionRule { question, rule } => self.t(
                "diff-question-rule",
                &[q(question), ("rule", rule.to_string())],
            ),
            Change::ChoiceAdded { list, value } => {
                self.choice_words("diff-choice-added", list, value)
            }
            Change::ChoiceRemoved { list, value } => {
                self.choice_words("diff-choice-removed", list, value)
            }
            Change::ChoiceText { list, value } => {
                self.choice_words("diff-choice-text", list, value)
            }
            Change::ChoiceRecoded { list, from, to } => self.t(
                "diff-choice-recoded",
                &[
                    ("choice", self.choice(list, to)),
                    ("list", list.clone()),
                    ("from", from.clone()),
                ],
            ),
            Change::IndicatorAdded(i) => {
                self.t("diff-indicator-added", &[("indicator", self.indicator(i))])
            }
            Change::IndicatorRemoved(i) => self.t(
                "diff-indicator-removed",
                &[("indicator", self.indicator(i))],
            ),
            Change::IndicatorText(i) => {
                self.t("diff-indicator-text", &[("indicator", self.indicator(i))])
            }
            Change::IndicatorChanged(i) => self.t(
                "diff-indicator-changed",
                &[("indicator", self.indicator(i))],
            ),
        }
    }

    fn choice_words(&self, key: &str, list: &str, value: &str) -> String {
        let args = [
            ("choice", self.choice(list, value)),
            ("list", list.to_string()),
        ];
        self.t(key, &args)
    }

    fn effect(&self, e: &Effect) -> String {
        let ind = |i: &str| ("indicator", self.indicator(i));
        let q = |p: &str| ("question", self.question(p));
        match e {
            Effect::SeriesBreaks(i) => self.t("effect-series-breaks", &[ind(i)]),
            Effect::SeriesEnds(i) => self.t("effect-series-ends", &[ind(i)]),
            Effect::SeriesStarts(i) => self.t("effect-series-starts", &[ind(i)]),
            Effect::RowBreaks { indicator, choice } => self.t(
                "effect-row-breaks",
                &[ind(indicator), ("choice", choice.clone())],
            ),
            Effect::NoPrefill(p) => self.t("effect-no-prefill", &[q(p)]),
            Effect::ChoiceNotPrefilled { question, choice } => self.t(
                "effect-choice-not-prefilled",
                &[q(question), ("choice", choice.clone())],
            ),
            Effect::ColumnAdded(p) => self.t("effect-column-added", &[q(p)]),
            Effect::ColumnRemoved(p) => self.t("effect-column-removed", &[q(p)]),
            Effect::ColumnRenamed { from, to } => self.t(
                "effect-column-renamed",
                &[("from", from.clone()), ("to", to.clone())],
            ),
            Effect::ColumnValues(p) => self.t("effect-column-values", &[q(p)]),
            Effect::UnitChanged => self.t("effect-unit-changed", &[]),
        }
    }
}
