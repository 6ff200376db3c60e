use super::*;

// ---------------------------------------------------------------------------------------------
// What the properties found, each with its smallest input, kept as it was fixed.
// ---------------------------------------------------------------------------------------------

fn form(id: &str) -> &'static Form {
    FORMS.iter().find(|f| f.id == id).expect("form")
}

/// A valid submission of the form of this file, to which each test adds its fields.
const ALL_KINDS_VALID: &str = "has_lab=no&name=x&rows.0.kind=small\
    &scores.0.score=small&scores.1.score=small&scores.2.score=small&levels.0.level=1";

fn all_kinds(extra: &str, mode: Mode) -> Outcome {
    let base = validate(
        form(ALL_KINDS_ID),
        &RawForm::parse(ALL_KINDS_VALID),
        Mode::Submit,
    );
    assert!(base.is_valid(), "{:?}", base.errors);
    let body = format!("{ALL_KINDS_VALID}&{extra}");
    validate(form(ALL_KINDS_ID), &RawForm::parse(&body), mode)
}

/// A row whose only field is an "other" text without its choice (or an answer to a hidden
/// question) was stored as an empty row `{}`, and counted towards `min_rows`.
#[test]
fn found_1_a_row_without_answers_is_not_stored() {
    let out = validate(
        form("training-needs"),
        &RawForm::parse("needs.0.topic.other=x"),
        Mode::Draft,
    );
    assert_eq!(out.answers.get("needs"), None, "{:?}", out.answers);
    // `rows` needs one row: a row of stray fields is none.
    let body = ALL_KINDS_VALID.replace("rows.0.kind=small", "rows.0.kind.other=x");
    let out = validate(form(ALL_KINDS_ID), &RawForm::parse(&body), Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}

/// A draft kept a mistyped number as typed, markup, control characters and any length included.
#[test]
fn found_2_a_draft_keeps_no_markup_in_a_number() {
    for typed in [
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "1%00",
        &"9".repeat(20_000),
    ] {
        let raw = RawForm::parse(&format!("staff_coomet={typed}"));
        let out = validate(form("training-needs"), &raw, Mode::Draft);
        let kept = out.answers.get("staff_coomet").and_then(Value::as_str);
        assert!(
            !kept.is_some_and(|s| has_markup(s) || has_control(s) || s.len() > 500),
            "kept {kept:?}"
        );
    }
}

/// Conditions were judged on the posted page: a choice posted with spaces was stored trimmed
/// while the questions it shows were skipped, and an answer shown by a hidden one was kept.
#[test]
fn found_3_conditions_follow_the_validated_answers() {
    // `has_offers` is stored as "yes", so the offers it shows are asked for.
    let raw = RawForm::parse("has_offers=+yes+");
    let out = validate(form("traineeship-offers"), &raw, Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
    // `lab_staff` shows when `lab_size` is big, which shows only when `has_lab` is yes.
    let out = all_kinds("lab_size=big&lab_staff=5", Mode::Submit);
    assert_eq!(out.answers.get("lab_staff"), None, "{:?}", out.answers);
}

/// `required = true` on a grid was ignored: a submission without any of its rows passed.
#[test]
fn found_4_a_required_grid_needs_a_row() {
    let body = ALL_KINDS_VALID.replace("&levels.0.level=1", "");
    let out = validate(form(ALL_KINDS_ID), &RawForm::parse(&body), Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}

/// Row number usize::MAX overflowed in `RawForm::rows`: a panic in debug builds.
#[test]
fn found_5_a_huge_row_number_does_not_panic() {
    let raw = RawForm::parse("needs.18446744073709551615.topic=x&needs._rows=99999999999");
    let out = std::panic::catch_unwind(|| validate(form("training-needs"), &raw, Mode::Draft));
    assert!(out.is_ok(), "validate panicked");
}

/// An integer without bounds beyond 2^53 was stored rounded, beyond i64 saturated (`1e20` as
/// 9223372036854775807).
#[test]
fn found_6_an_integer_is_stored_as_typed_or_refused() {
    for typed in ["1e20", "9007199254740993", "-9223372036854775809"] {
        let out = all_kinds(&format!("count={typed}"), Mode::Submit);
        let stored = out.answers.get("count").map(ToString::to_string);
        assert!(
            !out.is_valid() || stored.as_deref() == Some(typed),
            "{typed} stored as {stored:?}"
        );
    }
}

/// `after` compared dates as text, and chrono reads `+10000-01-01`, which sorts before
/// `2024-01-01`: an end date 8,000 years before its start passed.
#[test]
fn found_7_an_end_is_never_before_its_start() {
    let raw = RawForm::parse(
        "held=yes&traineeships.0.start_date=%2B10000-01-01&traineeships.0.end_date=2024-01-01",
    );
    let out = validate(form("traineeships-held"), &raw, Mode::Draft);
    assert!(!out.errors.is_empty(), "{:?}", out.answers);
    let out = all_kinds("since=%2B10000-01-01&ends=2024-01-01", Mode::Submit);
    assert!(!out.is_valid(), "accepted: {:?}", out.answers);
}
