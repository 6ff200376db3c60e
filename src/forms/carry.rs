//! Last year's answers read by this year's questions: a question that declares the id it
//! `was` takes the answer stored under that id (with its "other" text and details), in groups
//! and grids row by row, so a rename loses nothing of the prefill.
use super::schema::{Form, Kind, Question};
use super::Answers;
use serde_json::Value;

/// `answers` with every renamed question's answer under its new id.
pub fn carried(form: &Form, mut answers: Answers) -> Answers {
    rename(form.questions(), &mut answers);
    answers
}

fn rename<'a>(questions: impl Iterator<Item = &'a Question>, answers: &mut Answers) {
    for q in questions {
        if let Some(was) = q
            .was
            .as_deref()
            .filter(|w| !answers.contains_key(&q.id) && *w != q.id)
        {
            for suffix in ["", ".other", ".detail"] {
                if let Some(v) = answers.remove(&format!("{was}{suffix}")) {
                    answers.insert(format!("{}{suffix}", q.id), v);
                }
            }
        }
        match (q.kind, answers.get_mut(&q.id)) {
            (Kind::Group, Some(Value::Array(rows))) => {
                for row in rows.iter_mut().filter_map(Value::as_object_mut) {
                    rename(q.questions.iter(), row);
                }
            }
            (Kind::Grid, Some(Value::Object(rows))) => {
                for row in rows.values_mut().filter_map(Value::as_object_mut) {
                    rename(q.questions.iter(), row);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_question_and_a_renamed_column_of_a_group_take_the_old_answers() {
        let form: Form = toml::from_str(
            r#"
id = "x"
unit = "institute"
title = { en = "X", ru = "X" }
[[sections]]
id = "s"
title = { en = "S", ru = "S" }
[[sections.questions]]
id = "staff_elsewhere"
was = "staff_other_rmo"
type = "integer"
label = { en = "Staff", ru = "Сотрудники" }
[[sections.questions]]
id = "needs"
type = "group"
label = { en = "Needs", ru = "Потребности" }
[[sections.questions.questions]]
id = "people"
was = "staff"
type = "integer"
label = { en = "People", ru = "Люди" }
"#,
        )
        .unwrap();
        let old: Answers = serde_json::from_str(
            r#"{"staff_other_rmo": 3, "needs": [{"staff": 2}, {"staff": 5}]}"#,
        )
        .unwrap();
        let new = carried(&form, old);
        assert_eq!(new["staff_elsewhere"], 3);
        assert!(!new.contains_key("staff_other_rmo"));
        assert_eq!(new["needs"][1]["people"], 5);
    }
}
