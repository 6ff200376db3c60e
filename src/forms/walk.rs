//! The one walk over a stored answer set: every place that holds values, in the form's order:
//! plain questions, each repeating group with its rows, each grid with its answered rows. The
//! page's values (`RawForm::from_answers`) and the readable summary (`summary::lines`) are both
//! this walk with something done at each place.
use super::schema::{Choice, Form, Kind, Question};
use super::Answers;
use serde_json::Value;

pub enum Place<'a> {
    /// A question outside groups and grids; its value is in `answers`.
    Question {
        q: &'a Question,
        answers: &'a Answers,
    },
    /// A repeating group, before its rows: how many rows are stored.
    Group { q: &'a Question, rows: usize },
    /// A stored row of a group, or of a grid (with the row's choice); `index` is the row's
    /// number in the group, or its choice's place in the grid's list, from 0.
    Row {
        parent: &'a Question,
        index: usize,
        choice: Option<&'a Choice>,
        answers: &'a Answers,
    },
}

pub fn stored<'a>(form: &'a Form, answers: &'a Answers) -> Vec<Place<'a>> {
    let mut out = Vec::new();
    for q in form.questions() {
        match q.kind {
            Kind::Grid => {
                let rows = answers.get(&q.id).and_then(Value::as_object);
                for (index, choice) in form.choices(q).iter().enumerate() {
                    let row = rows
                        .and_then(|r| r.get(&choice.value))
                        .and_then(Value::as_object);
                    if let Some(row) = row {
                        out.push(Place::Row {
                            parent: q,
                            index,
                            choice: Some(choice),
                            answers: row,
                        });
                    }
                }
            }
            Kind::Group => {
                let rows = answers.get(&q.id).and_then(Value::as_array);
                let rows = rows.map(Vec::as_slice).unwrap_or(&[]);
                out.push(Place::Group {
                    q,
                    rows: rows.len(),
                });
                for (index, row) in rows.iter().enumerate() {
                    if let Some(row) = row.as_object() {
                        out.push(Place::Row {
                            parent: q,
                            index,
                            choice: None,
                            answers: row,
                        });
                    }
                }
            }
            _ => out.push(Place::Question { q, answers }),
        }
    }
    out
}
