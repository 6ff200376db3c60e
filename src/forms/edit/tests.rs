use super::*;
use crate::forms::load::load_source;
use crate::forms::RefLists;
use std::path::Path;

fn training_needs() -> (String, Form) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("forms/training-needs.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    let lists = RefLists::load(&root.join("seeds")).unwrap();
    let (form, problems) = load_source(&path, &source, &lists);
    assert!(problems.is_empty());
    (source, form.unwrap())
}

/// What the page posts when nothing is changed: every text as shown, every flag as it is.
fn as_shown(e: &Editable) -> BTreeMap<String, String> {
    let mut posted = BTreeMap::new();
    for f in &e.texts {
        posted.insert(format!("{}:en", f.name), f.en.clone());
        posted.insert(format!("{}:ru", f.name), f.ru.clone());
    }
    for f in e.required.iter().filter(|f| f.on) {
        posted.insert(f.name.clone(), "on".into());
    }
    posted
}

#[test]
fn an_unchanged_page_gives_back_the_same_source() {
    let (source, form) = training_needs();
    let posted = as_shown(&editable(&form, &source));
    assert_eq!(apply(&source, &form, &posted).unwrap(), source);
}

#[test]
fn a_label_a_flag_and_a_new_choice_change_only_themselves() {
    let (source, form) = training_needs();
    let e = editable(&form, &source);
    assert!(e.lists.contains(&"format".to_string()));
    let mut posted = as_shown(&e);
    posted.insert("q/needs.topic/label:en".into(), "Subject".into());
    posted.insert("q/needs.topic/hint:ru".into(), "Кратко".into());
    posted.remove("r/needs.topic");
    posted.insert("n/format/value".into(), "study-visit".into());
    posted.insert("n/format:en".into(), "Study visit".into());
    posted.insert("n/format:ru".into(), "Учебный визит".into());
    let out = apply(&source, &form, &posted).unwrap();
    assert!(
        out.starts_with(source.lines().next().unwrap()),
        "the comments stay"
    );
    let lists = RefLists::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap();
    let (new, _) = load_source(Path::new("training-needs.toml"), &out, &lists);
    let new = new.unwrap();
    let (_, topic) = new.path("needs.topic").unwrap();
    assert_eq!(topic.label.en, "Subject");
    assert_eq!(topic.label.ru, "Тема");
    assert_eq!(topic.hint.as_ref().unwrap().ru, "Кратко");
    assert!(!topic.required);
    let visit = new.lists["format"]
        .iter()
        .find(|c| c.value == "study-visit")
        .unwrap();
    assert_eq!(visit.ru, "Учебный визит");
    let changes = crate::forms::diff::compare(&form, &new);
    assert_eq!(changes.len(), 4, "{changes:?}");
}

#[test]
fn a_place_that_is_not_in_the_survey_is_refused() {
    let (source, _) = training_needs();
    let mut doc: DocumentMut = source.parse().unwrap();
    assert_eq!(
        set_text(&mut doc, "q/no_such/label", "en", "x"),
        Err(EditError::Unknown("question no_such".into()))
    );
}
