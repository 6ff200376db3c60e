//! The view of a form for handlebars: every question with its label in the page's language, the
//! values exactly as typed, and the message for each wrong field beside it. Typed, borrowing
//! from the schema and the posted values, so a page costs no copies of either.
use crate::forms::schema::Question;
use crate::forms::validate::fmt_num;
use crate::forms::{summary, Answers, FieldError, Form, Kind, RawForm};
use crate::i18n::{I18n, Lang};
use serde::Serialize;

/// Lists longer than this are a drop-down rather than radio buttons.
const SELECT_FROM: usize = 8;

pub struct FormView<'a> {
    pub form: &'a Form,
    pub raw: &'a RawForm,
    pub errors: &'a [FieldError],
    pub lang: Lang,
    pub i18n: &'a I18n,
    /// The respondent's institute, left out of choices marked `exclude_own`.
    pub own: Option<&'a str>,
    /// The unit's answers of the previous campaign, shown beside this year's.
    pub before: Option<Before<'a>>,
}

/// Last year's answers: the year they were given and the answers, read by this year's
/// questions (`responses::previous`).
#[derive(Clone, Copy)]
pub struct Before<'a> {
    pub year: i32,
    pub answers: &'a Answers,
}

/// Last year's answer beside this year's ("2025: 12"), pointed out when the schema calls
/// the difference large (`large_change`); never a refusal.
#[derive(Serialize)]
pub(super) struct BeforeView {
    pub(super) text: String,
    pub(super) large: bool,
}

#[derive(Serialize)]
pub struct SummaryItem {
    anchor: String,
    label: String,
    message: String,
}

#[derive(Serialize)]
pub struct SectionView<'a> {
    id: &'a str,
    title: &'a str,
    intro: Option<&'a str>,
    questions: Vec<QuestionView<'a>>,
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    value: &'a str,
    label: &'a str,
    checked: bool,
    detail_name: String,
    detail_value: &'a str,
    detail_error: Option<String>,
}

#[derive(Serialize)]
struct OtherView<'a> {
    name: String,
    value: &'a str,
    checked: bool,
    error: Option<String>,
}

#[derive(Serialize)]
struct RowView<'a> {
    index: usize,
    number: usize,
    remove_action: String,
    questions: Vec<QuestionView<'a>>,
}

/// "Set every unanswered line's ... to": one per column of a grid that is a choice.
#[derive(Serialize)]
struct FillView<'a> {
    column: &'a str,
    name: String,
    action: String,
    choices: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
struct GridRowView<'a> {
    label: &'a str,
    cells: Vec<QuestionView<'a>>,
}

#[derive(Serialize)]
struct ShowIf {
    name: String,
    values: String,
}

#[derive(Serialize)]
pub struct QuestionView<'a> {
    kind: Kind,
    name: String,
    anchor: String,
    label: &'a str,
    hint: Option<&'a str>,
    required: bool,
    error: Option<String>,
    /// Radio buttons or checkboxes: a fieldset with a legend rather than a label.
    grouped: bool,
    /// The ids of the hint and the error message, for `aria-describedby`.
    described_by: Option<String>,
    value: &'a str,
    choices: Vec<ChoiceView<'a>>,
    as_select: bool,
    other: Option<OtherView<'a>>,
    detail_label: Option<&'a str>,
    unit: Option<&'a str>,
    min: Option<String>,
    max: Option<String>,
    maxlength: usize,
    rows: Vec<RowView<'a>>,
    grid: Vec<GridRowView<'a>>,
    fills: Vec<FillView<'a>>,
    columns: Vec<&'a str>,
    rows_name: String,
    row_count: usize,
    add_action: String,
    can_add: bool,
    max_rows: usize,
    show_if: Option<ShowIf>,
    before: Option<BeforeView>,
}

impl<'a> FormView<'a> {
    pub fn message(&self, e: &FieldError) -> String {
        let lang = self.lang;
        let custom = self
            .form
            .path(&e.question)
            .and_then(|(_, q)| q.messages.get(e.rule))
            .map(|t| t.get(lang).to_string());
        // Arguments that name another question are shown as its label.
        let args: Vec<(&str, String)> = e
            .args
            .iter()
            .map(|(k, v)| match (*k, self.form.path(v)) {
                ("other", Some((_, q))) => (*k, q.label.get(lang).to_string()),
                _ => (*k, v.clone()),
            })
            .collect();
        custom.unwrap_or_else(|| {
            let key = format!("err-{}", e.rule.replace('_', "-"));
            self.i18n.text(lang, &key, &args)
        })
    }

    pub(super) fn error_for(&self, name: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| self.message(e))
    }

    /// A short list of every problem with a link to its input (a group's or a grid's own
    /// problem, to the group), shown above the form.
    pub fn summary(&self) -> Vec<SummaryItem> {
        self.errors
            .iter()
            .map(|e| {
                let whole = self
                    .form
                    .path(&e.question)
                    .is_some_and(|(_, q)| matches!(q.kind, Kind::Group | Kind::Grid));
                let prefix = if whole { "f" } else { "i" };
                SummaryItem {
                    anchor: format!("{prefix}-{}", e.field),
                    label: self.place(e),
                    message: self.message(e),
                }
            })
            .collect()
    }

    /// Where a problem is, as the person sees the page: "Training need 2: Topic" in a group,
    /// "R 76-1: Status" in a grid, else the question's label.
    pub fn place(&self, e: &FieldError) -> String {
        let lang = self.lang;
        let Some((outer, q)) = self.form.path(&e.question) else {
            return String::new();
        };
        let label = q.label.get(lang);
        let Some(outer) = outer else {
            return label.to_string();
        };
        let row = e
            .field
            .strip_prefix(outer.id.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.split('.').next())
            .and_then(|n| n.parse::<usize>().ok());
        match (outer.kind, row) {
            (Kind::Group, Some(i)) => format!("{} {}: {label}", outer.label.get(lang), i + 1),
            (Kind::Grid, Some(i)) => match self.form.choices(outer).get(i) {
                Some(c) => format!("{}: {label}", c.label(lang)),
                None => label.to_string(),
            },
            _ => label.to_string(),
        }
    }

    pub fn sections(&self) -> Vec<SectionView<'a>> {
        let lang = self.lang;
        self.form
            .sections
            .iter()
            .map(|s| SectionView {
                id: &s.id,
                title: s.title.get(lang),
                intro: s.intro.as_ref().map(|t| t.get(lang)),
                questions: s
                    .questions
                    .iter()
                    .map(|q| {
                        let mut view = self.question(q, q.id.clone(), "");
                        if !matches!(q.kind, Kind::Group | Kind::Grid) {
                            let stored = self.before.map(|b| b.answers);
                            view.before = self.before_of(q, stored, view.value);
                            if view.before.is_some() {
                                let id = format!("b-{}", view.name);
                                view.described_by = Some(match view.described_by.take() {
                                    Some(ids) => format!("{ids} {id}"),
                                    None => id,
                                });
                            }
                        }
                        view
                    })
                    .collect(),
            })
            .collect()
    }

    fn choices(&self, q: &'a Question, name: &str, values: &[&'a str]) -> Vec<ChoiceView<'a>> {
        self.form
            .choices(q)
            .iter()
            .enumerate()
            .filter(|(_, c)| !(q.exclude_own && self.own == Some(c.value.as_str())))
            .map(|(i, c)| {
                let detail_name = format!("{name}.detail.{i}");
                ChoiceView {
                    value: &c.value,
                    label: c.label(self.lang),
                    checked: values.contains(&c.value.as_str()),
                    detail_value: self.raw.get(&detail_name),
                    detail_error: self.error_for(&detail_name),
                    detail_name,
                }
            })
            .collect()
    }

    /// A group's rows: an empty group still shows one row to start typing in.
    fn rows(&self, q: &'a Question, name: &str) -> Vec<RowView<'a>> {
        let count = self.raw.rows(name).clamp(1, q.max_rows());
        (0..count)
            .map(|i| {
                let prefix = format!("{name}.{i}.");
                RowView {
                    index: i,
                    number: i + 1,
                    remove_action: format!("remove:{name}:{i}"),
                    questions: self.inner(q, &prefix),
                }
            })
            .collect()
    }

    fn fills(&self, q: &'a Question, name: &str) -> Vec<FillView<'a>> {
        q.questions
            .iter()
            .filter(|c| !self.form.choices(c).is_empty())
            .map(|c| FillView {
                column: c.label.get(self.lang),
                name: format!("{name}._fill.{}", c.id),
                action: format!("fill:{name}:{}", c.id),
                choices: self
                    .form
                    .choices(c)
                    .iter()
                    .map(|ch| (ch.value.as_str(), ch.label(self.lang)))
                    .collect(),
            })
            .collect()
    }

    /// A grid: a row per choice of its list, a cell per question.
    fn grid(&self, q: &'a Question, name: &str) -> Vec<GridRowView<'a>> {
        self.form
            .choices(q)
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let stored = self.before.and_then(|b| {
                    let rows = b.answers.get(&q.id)?.as_object()?;
                    rows.get(&c.value)?.as_object()
                });
                let mut cells = self.inner(q, &format!("{name}.{i}."));
                for (cell, inner) in cells.iter_mut().zip(&q.questions) {
                    cell.before = self.before_of(inner, stored, cell.value);
                }
                GridRowView {
                    label: c.label(self.lang),
                    cells,
                }
            })
            .collect()
    }

    /// Last year's answer to `q` in `stored`, beside this year's `value` (as typed).
    pub(super) fn before_of(
        &self,
        q: &Question,
        stored: Option<&Answers>,
        value: &str,
    ) -> Option<BeforeView> {
        let year = self.before?.year;
        let stored = stored?;
        let given = summary::text(self.form, q, stored, self.lang, self.i18n)?;
        let last = stored.get(&q.id).and_then(serde_json::Value::as_f64);
        let now = value.trim().replace(',', ".").parse::<f64>().ok();
        let large = match (q.large_change, last, now) {
            (Some(ratio), Some(last), Some(now)) if last > 0.0 => {
                now > last * ratio || now < last / ratio
            }
            _ => false,
        };
        let mut text = self.i18n.text(
            self.lang,
            "before-answer",
            &[("year", year.to_string()), ("answer", given)],
        );
        if large {
            text.push_str(" — ");
            text.push_str(&self.i18n.text(self.lang, "before-large", &[]));
        }
        Some(BeforeView { text, large })
    }

    fn inner(&self, q: &'a Question, prefix: &str) -> Vec<QuestionView<'a>> {
        q.questions
            .iter()
            .map(|inner| self.question(inner, format!("{prefix}{}", inner.id), prefix))
            .collect()
    }

    fn question(&self, q: &'a Question, name: String, scope: &str) -> QuestionView<'a> {
        let lang = self.lang;
        let values: Vec<&'a str> = self.raw.all(&name).iter().map(String::as_str).collect();
        let rows = if q.kind == Kind::Group {
            self.rows(q, &name)
        } else {
            Vec::new()
        };
        let (grid, fills) = if q.kind == Kind::Grid {
            (self.grid(q, &name), self.fills(q, &name))
        } else {
            (Vec::new(), Vec::new())
        };
        let other = q.other.then(|| {
            let other_name = format!("{name}.other");
            OtherView {
                value: self.raw.get(&other_name),
                checked: values.contains(&"other"),
                error: self.error_for(&other_name),
                name: other_name,
            }
        });
        let as_select = q.kind == Kind::SingleChoice && self.form.choices(q).len() >= SELECT_FROM;
        let error = self.error_for(&name);
        let described: Vec<String> = [
            q.hint.as_ref().map(|_| format!("h-{name}")),
            error.as_ref().map(|_| format!("e-{name}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        QuestionView {
            kind: q.kind,
            grouped: matches!(q.kind, Kind::MultiChoice | Kind::YesNo)
                || (q.kind == Kind::SingleChoice && !as_select),
            described_by: (!described.is_empty()).then(|| described.join(" ")),
            anchor: format!("f-{name}"),
            label: q.label.get(lang),
            hint: q.hint.as_ref().map(|t| t.get(lang)),
            required: q.required,
            error,
            value: values.first().copied().unwrap_or_default(),
            choices: self.choices(q, &name, &values),
            as_select,
            other,
            detail_label: q.detail.as_ref().map(|t| t.get(lang)),
            unit: q.unit.as_ref().map(|t| t.get(lang)),
            min: q.min.map(fmt_num),
            max: q.max.map(fmt_num),
            maxlength: q.max_length(),
            row_count: rows.len(),
            can_add: rows.len() < q.max_rows(),
            rows,
            grid,
            fills,
            columns: q.questions.iter().map(|c| c.label.get(lang)).collect(),
            rows_name: format!("{name}._rows"),
            add_action: format!("add:{name}"),
            max_rows: q.max_rows(),
            before: None,
            show_if: q.show_if.as_ref().map(|c| ShowIf {
                name: format!("{scope}{}", c.question),
                values: c.any_of.join("|"),
            }),
            name,
        }
    }
}
