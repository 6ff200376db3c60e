//! A questionnaire on paper: the form as a document to circulate (blank: every question with
//! its hint, choices as boxes, repeating groups as tables with empty rows to fill by hand) or
//! to file (answered: only what was answered, choices by their labels). The printable page and
//! the downloadable document are both renderings of this one model.
use super::schema::{Form, Kind, Question};
use super::summary;
use super::Answers;
use crate::i18n::{I18n, Lang};
use serde::Serialize;
use serde_json::Value;

/// Empty rows a blank group's table offers, at least (more when the schema asks for more).
pub const BLANK_ROWS: usize = 4;

#[derive(Debug, Serialize)]
pub struct Paper {
    pub title: String,
    pub intro: Option<String>,
    pub sections: Vec<Part>,
    /// Whether this is the blank questionnaire (else the answers of one unit).
    pub blank: bool,
}

#[derive(Debug, Serialize)]
pub struct Part {
    pub title: String,
    pub intro: Option<String>,
    pub items: Vec<Item>,
}

/// A question: its words, then its answer or the room to answer it.
#[derive(Debug, Serialize)]
pub struct Item {
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    /// When the question applies only after an earlier answer ("Only if …").
    pub only_if: Option<String>,
    #[serde(flatten)]
    pub body: Body,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    Field {
        answer: Answer,
    },
    /// A repeating group (one row per entry) or a grid (one row per choice of its list).
    Table {
        columns: Vec<String>,
        /// A group's rows are numbered; a grid's are named by its list's choices.
        numbered: bool,
        rows: Vec<Row>,
        /// On a blank table: the choices of each column that has them, to write in its cells.
        keys: Vec<Key>,
    },
}

#[derive(Debug, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Answer {
    /// Choices as boxes to tick (blank), `multiple` when more than one may be ticked.
    Boxes {
        options: Vec<String>,
        multiple: bool,
    },
    /// Room to write: one line, or several for a long text; a number's unit after it.
    Space { lines: usize, unit: Option<String> },
    /// What the unit answered, as read.
    Given { text: String },
}

#[derive(Debug, Serialize)]
pub struct Row {
    /// A grid's row names its choice; a group's rows are numbered.
    pub heading: String,
    pub cells: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Key {
    pub column: String,
    pub options: Vec<String>,
}

/// The form on paper in `lang`: blank when `answers` is none.
pub fn paper(form: &Form, answers: Option<&Answers>, lang: Lang, i18n: &I18n) -> Paper {
    let ctx = Ctx {
        form,
        lang,
        i18n,
        answers,
    };
    let sections = form
        .sections
        .iter()
        .map(|s| Part {
            title: s.title.get(lang).to_string(),
            intro: s.intro.as_ref().map(|t| t.get(lang).to_string()),
            items: s.questions.iter().filter_map(|q| ctx.item(q)).collect(),
        })
        // An answered copy leaves out the sections nothing was answered in.
        .filter(|p| answers.is_none() || !p.items.is_empty())
        .collect();
    Paper {
        title: form.title.get(lang).to_string(),
        intro: form.intro.as_ref().map(|t| t.get(lang).to_string()),
        sections,
        blank: answers.is_none(),
    }
}

struct Ctx<'a> {
    form: &'a Form,
    lang: Lang,
    i18n: &'a I18n,
    answers: Option<&'a Answers>,
}

impl Ctx<'_> {
    fn item(&self, q: &Question) -> Option<Item> {
        let body = self.body(q)?;
        Some(Item {
            label: q.label.get(self.lang).to_string(),
            hint: self.hint(q),
            required: q.required && self.answers.is_none(),
            only_if: self.only_if(q),
            body,
        })
    }

    fn body(&self, q: &Question) -> Option<Body> {
        match q.kind {
            Kind::Group | Kind::Grid => {
                let rows = match self.answers {
                    None => self.blank_rows(q),
                    Some(answers) => self.answered_rows(q, answers),
                };
                if self.answers.is_some() && rows.is_empty() {
                    return None;
                }
                Some(Body::Table {
                    columns: q.questions.iter().map(|c| self.column_title(c)).collect(),
                    numbered: q.kind == Kind::Group,
                    rows,
                    keys: self.keys(q),
                })
            }
            _ => {
                let answer = match self.answers {
                    None => self.space(q),
                    Some(answers) => Answer::Given {
                        text: summary::text(self.form, q, answers, self.lang, self.i18n)?,
                    },
                };
                Some(Body::Field { answer })
            }
        }
    }

    /// Hints are for whoever fills the form: an answered copy leaves them out.
    fn hint(&self, q: &Question) -> Option<String> {
        let hint = q.hint.as_ref().map(|h| h.get(self.lang).to_string());
        hint.filter(|_| self.answers.is_none())
    }

    fn only_if(&self, q: &Question) -> Option<String> {
        let c = q.show_if.as_ref().filter(|_| self.answers.is_none())?;
        let on = self.form.question(&c.question)?;
        let values: Vec<&str> = c
            .any_of
            .iter()
            .map(|v| self.form.choice_label(on, v, self.lang))
            .collect();
        let args = [
            ("question", on.label.get(self.lang).to_string()),
            ("answer", values.join(" / ")),
        ];
        Some(self.i18n.text(self.lang, "paper-only-if", &args))
    }

    fn space(&self, q: &Question) -> Answer {
        let choices = self.form.choices(q);
        if !choices.is_empty() {
            let mut options: Vec<String> = choices
                .iter()
                .map(|c| c.label(self.lang).to_string())
                .collect();
            if q.other {
                options.push(self.i18n.text(self.lang, "paper-other", &[]));
            }
            return Answer::Boxes {
                options,
                multiple: q.kind == Kind::MultiChoice,
            };
        }
        Answer::Space {
            lines: if q.kind == Kind::LongText { 4 } else { 1 },
            unit: q.unit.as_ref().map(|u| u.get(self.lang).to_string()),
        }
    }

    fn column_title(&self, c: &Question) -> String {
        let label = c.label.get(self.lang);
        match &c.unit {
            Some(unit) => format!("{label} ({})", unit.get(self.lang)),
            None => label.to_string(),
        }
    }

    fn keys(&self, q: &Question) -> Vec<Key> {
        if self.answers.is_some() {
            return Vec::new();
        }
        q.questions
            .iter()
            .filter(|c| !self.form.choices(c).is_empty())
            .map(|c| Key {
                column: c.label.get(self.lang).to_string(),
                options: self
                    .form
                    .choices(c)
                    .iter()
                    .map(|o| o.label(self.lang).to_string())
                    .collect(),
            })
            .collect()
    }

    fn blank_rows(&self, q: &Question) -> Vec<Row> {
        let empty = || vec![String::new(); q.questions.len()];
        match q.kind {
            Kind::Grid => self
                .form
                .choices(q)
                .iter()
                .map(|c| Row {
                    heading: c.label(self.lang).to_string(),
                    cells: empty(),
                })
                .collect(),
            _ => (0..q.min_rows.unwrap_or(0).max(BLANK_ROWS))
                .map(|i| Row {
                    heading: (i + 1).to_string(),
                    cells: empty(),
                })
                .collect(),
        }
    }

    fn answered_rows(&self, q: &Question, answers: &Answers) -> Vec<Row> {
        let cells = |row: &Answers| -> Vec<String> {
            q.questions
                .iter()
                .map(|c| summary::text(self.form, c, row, self.lang, self.i18n).unwrap_or_default())
                .collect()
        };
        match (q.kind, answers.get(&q.id)) {
            (Kind::Grid, Some(Value::Object(rows))) => self
                .form
                .choices(q)
                .iter()
                .filter_map(|c| {
                    let row = rows.get(&c.value)?.as_object()?;
                    Some(Row {
                        heading: c.label(self.lang).to_string(),
                        cells: cells(row),
                    })
                })
                .collect(),
            (Kind::Group, Some(Value::Array(rows))) => rows
                .iter()
                .filter_map(Value::as_object)
                .enumerate()
                .map(|(i, row)| Row {
                    heading: (i + 1).to_string(),
                    cells: cells(row),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}
