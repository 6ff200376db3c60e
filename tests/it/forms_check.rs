//! `forms check`: the shipped forms pass; each kind of mistake in a broken copy is reported with
//! the file and the line to fix, and the command exits 1.
use crate::common;
use coomet_surveys::i18n::{I18n, Lang};

use std::path::Path;
use std::process::Command;

const FORM: &str = "training-needs.toml";

fn original() -> String {
    std::fs::read_to_string(common::root().join("forms").join(FORM)).unwrap()
}

/// Writes `text` as the form in a fresh directory and returns what `check_dir` reports.
fn problems(text: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FORM), text).unwrap();
    let found =
        coomet_surveys::forms::check_dir(dir.path(), &common::root().join("seeds")).unwrap();
    let i18n = I18n::load(&common::root().join("templates/locales")).unwrap();
    let lines = found.iter().map(|p| p.text(&i18n, Lang::En)).collect();
    (dir, lines)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
        + 1
}

/// Replaces the first `from` after the line containing `anchor`.
fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text.find(anchor).expect("anchor");
    let at = start + text[start..].find(from).expect("from after anchor");
    format!("{}{}{}", &text[..at], to, &text[at + from.len()..])
}

fn assert_reported(text: &str, needle_line: &str, message: &str) {
    let (dir, found) = problems(text);
    let line = line_of(text, needle_line);
    let expected = format!("{}:{line}: ", dir.path().join(FORM).display());
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&expected) && p.contains(message)),
        "expected `{expected}...{message}` in {found:#?}"
    );
}

#[test]
fn the_shipped_forms_pass() {
    let found = coomet_surveys::forms::check_dir(
        &common::root().join("forms"),
        &common::root().join("seeds"),
    )
    .unwrap();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_unknown_question_type_is_reported_at_its_line() {
    let text = original().replacen("type = \"integer\"", "type = \"integr\"", 1);
    assert_reported(&text, "type = \"integr\"", "unknown variant `integr`");
}

#[test]
fn a_missing_translation_is_reported_at_its_line() {
    let text = original().replace(
        r#"label = { en = "Topic", ru = "Тема" }"#,
        r#"label = { en = "Topic" }"#,
    );
    assert_reported(
        &text,
        r#"label = { en = "Topic" }"#,
        "question needs.topic: label: the Russian text is missing",
    );
}

#[test]
fn a_duplicate_id_is_reported_at_the_second_declaration() {
    let text = original().replacen("id = \"level\"", "id = \"topic\"", 1);
    let (dir, found) = problems(&text);
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "id = \"topic\"")
        .nth(1)
        .unwrap()
        .0
        + 1;
    let expected = format!(
        "{}:{second}: duplicate question id \"needs.topic\"",
        dir.path().join(FORM).display()
    );
    assert!(found.contains(&expected), "{found:#?}");
}

#[test]
fn a_condition_on_an_unknown_question_is_reported() {
    let text = replace_after(
        &original(),
        "id = \"staff_cbkt\"",
        "type = \"integer\"",
        "type = \"integer\"\nshow_if = { question = \"no_such_question\", any_of = [\"yes\"] }",
    );
    assert_reported(
        &text,
        "no_such_question",
        "condition on \"no_such_question\"",
    );
}

#[test]
fn an_unknown_reference_list_is_reported() {
    let text = replace_after(
        &original(),
        "id = \"fields\"",
        "list = \"technical-committees\"",
        "list = \"metrology-fields\"",
    );
    assert_reported(
        &text,
        "list = \"metrology-fields\"",
        "unknown list \"metrology-fields\"",
    );
}

#[test]
fn an_indicator_over_a_missing_question_is_reported() {
    let text = original().replace(
        "question = \"needs.format\"",
        "question = \"needs.formats\"",
    );
    assert_reported(
        &text,
        "question = \"needs.formats\"",
        "indicator needs-by-format: no question \"needs.formats\"",
    );
}

#[test]
fn a_syntax_error_is_reported_at_its_line() {
    let text = original().replacen("max_rows = 30", "max_rows = = 30", 1);
    let (_, found) = problems(&text);
    let line = line_of(&text, "max_rows = = 30");
    assert!(
        found
            .iter()
            .any(|p| p.contains(&format!("{FORM}:{line}: "))),
        "{found:#?}"
    );
}

fn run_check(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
        .args(["forms", "check"])
        .arg(dir)
        .current_dir(common::root())
        .output()
        .unwrap()
}

#[test]
fn the_command_exits_1_on_a_problem_and_0_without() {
    let ok = run_check(&common::root().join("forms"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = original().replacen("type = \"integer\"", "type = \"integr\"", 1);
    let (dir, _) = problems(&text);
    let bad = run_check(dir.path());
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    let line = line_of(&text, "type = \"integr\"");
    assert!(
        out.contains(&format!("{FORM}:{line}: unknown variant")),
        "{out}"
    );
    // One file, read among the schemas of its folder.
    let one = run_check(&dir.path().join(FORM));
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&one.stdout), out);
    let shipped = run_check(&common::root().join("forms").join(FORM));
    assert!(shipped.status.success());
}
