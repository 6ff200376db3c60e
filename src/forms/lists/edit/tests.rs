use super::*;

fn entry(value: &str, en: &str, ru: &str) -> Entry {
    Entry {
        value: value.into(),
        en: en.into(),
        ru: ru.into(),
        retired: false,
    }
}

fn old() -> Vec<Entry> {
    vec![
        entry(
            "R 16",
            "OIML R 16 Sphygmomanometers",
            "МОЗМ R 16 Sphygmomanometers",
        ),
        entry("R 21", "OIML R 21 Taximeters", "МОЗМ R 21 Таксометры"),
    ]
}

/// The table as the page posts it: every entry unchanged, and `extra` on top.
fn posted(extra: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut p = BTreeMap::new();
    for (i, e) in old().iter().enumerate() {
        p.insert(format!("e{i}:en"), e.en.clone());
        p.insert(format!("e{i}:ru"), e.ru.clone());
    }
    for (k, v) in extra {
        p.insert(k.to_string(), v.to_string());
    }
    p
}

#[test]
fn an_unchanged_table_gives_the_same_entries() {
    assert_eq!(apply(&old(), &posted(&[])).unwrap(), old());
    assert!(compare(&old(), &old()).is_empty());
}

#[test]
fn reworded_retired_and_added_entries_are_each_one_change() {
    let p = posted(&[
        ("e0:ru", "МОЗМ R 16 Сфигмоманометры"),
        ("e1/retired", "on"),
        ("n1/value", "R 150"),
        (
            "n1:en",
            "OIML R 150 Continuous totalizing weighing instruments",
        ),
        ("n1:ru", "МОЗМ R 150 Весы непрерывного действия"),
    ]);
    let new = apply(&old(), &p).unwrap();
    assert_eq!(new.len(), 3);
    assert_eq!(new[0].ru, "МОЗМ R 16 Сфигмоманометры");
    assert!(new[1].retired);
    assert_eq!(new[2].value, "R 150");
    let changes = compare(&old(), &new);
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(matches!(
        &changes[0],
        Change::Reworded { lang: Lang::Ru, .. }
    ));
    assert_eq!(changes[1], Change::Retired("R 21".into()));
    assert!(matches!(&changes[2], Change::Added(e) if e.value == "R 150"));
    let back = compare(&new, &old());
    assert!(back.contains(&Change::Restored("R 21".into())));
}

#[test]
fn every_wrong_row_is_named_and_everything_typed_comes_back() {
    let p = posted(&[
        ("e0:ru", "  "),
        ("n0/value", "R 21"),
        ("n0:en", "again"),
        ("n0:ru", "снова"),
        ("n1/value", "R<script>"),
        ("n1:en", "x"),
        ("n1:ru", "x"),
        ("n2/value", "R 200"),
        ("n2:en", "Only English"),
    ]);
    let rows = apply(&old(), &p).unwrap_err();
    let problems: Vec<_> = rows.iter().map(|r| r.problem).collect();
    assert_eq!(
        problems,
        [
            Some("list-problem-empty"),
            None,
            Some("list-problem-taken"),
            Some("list-problem-value"),
            Some("list-problem-empty"),
        ]
    );
    assert_eq!(rows[3].value, "R<script>");
    assert_eq!(rows[4].en, "Only English");
}

#[test]
fn a_text_too_long_or_with_control_characters_is_refused() {
    let long = "я".repeat(MAX_TEXT + 1);
    let rows = apply(&old(), &posted(&[("e0:en", &long)])).unwrap_err();
    assert_eq!(rows[0].problem, Some("list-problem-long"));
    let rows = apply(&old(), &posted(&[("e1:ru", "a\u{7}b")])).unwrap_err();
    assert_eq!(rows[1].problem, Some("list-problem-control"));
}
