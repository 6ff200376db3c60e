use super::*;

// ---------------------------------------------------------------------------------------------
// Valid answers
// ---------------------------------------------------------------------------------------------

/// One generated answer: the fields typed (relative to the question's name) and what must be
/// stored (relative to its id).
#[derive(Debug, Clone)]
struct Draw {
    include: bool,
    typed: Typed,
    stored: Stored,
}

/// Fields typed: (suffix of the question's name, text).
type Typed = Vec<(String, String)>;
/// Answers stored: (suffix of the question's id, value).
type Stored = Vec<(String, Value)>;

#[derive(Debug, Clone)]
enum Answer {
    /// A question these generators cannot answer (a kind they do not know, an empty list).
    None,
    One(Draw),
    /// Rows of a group, and blank rows the page adds after them.
    Rows(Vec<Vec<Answer>>, usize, bool),
    /// The rows of a grid, one per choice of its list, answered or not.
    Grid(Vec<Option<Vec<Answer>>>),
}

const WORDS: &[&str] = &[
    "staff",
    "метрология",
    "a < b",
    "x<5",
    "R&D",
    "\"quoted\"",
    "O'Brien",
    "50%",
    "1,5",
    "—",
    "ünïcødé",
    "😀",
    ">",
    "x > y",
    "&lt;",
];

fn text_typed(max: usize, lines: bool) -> BoxedStrategy<(String, String)> {
    if max == 0 {
        return Just((String::new(), String::new())).boxed();
    }
    let mut words: Vec<&'static str> = WORDS.to_vec();
    if lines {
        words.extend(["line\nbreak", "tab\there", "crlf\r\nend"]);
    }
    let plain = (
        prop::collection::vec(prop::sample::select(words), 1..8),
        prop::sample::select(vec!["", " ", "  ", "\t", "\n", "\u{a0}"]),
        prop::sample::select(vec!["", " ", "\n", "\u{3000}"]),
    )
        .prop_map(move |(words, before, after)| {
            let text: String = words.join(" ").chars().take(max).collect();
            let text = text.trim().to_string();
            let text = if text.is_empty() {
                "x".to_string()
            } else {
                text
            };
            (format!("{before}{text}{after}"), text)
        });
    // Exactly the longest text allowed, in letters of two bytes.
    let longest = Just(("é".repeat(max), "é".repeat(max)));
    prop_oneof![8 => plain, 1 => longest].boxed()
}

fn number_typed(n: i64) -> BoxedStrategy<String> {
    let grouped = |sep: &str| {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        format!("{}{out}", if n < 0 { "-" } else { "" })
    };
    prop::sample::select(vec![
        n.to_string(),
        format!(" {n} "),
        grouped(" "),
        grouped("\u{a0}"),
        grouped("\u{202f}"),
        format!("{n}.0"),
        format!("{n},0"),
    ])
    .boxed()
}

fn draw(form: &Form, q: &Question) -> BoxedStrategy<Answer> {
    let include = any::<bool>();
    let one = |typed: BoxedStrategy<(Typed, Stored)>| {
        (include, typed)
            .prop_map(|(include, (typed, stored))| {
                Answer::One(Draw {
                    include,
                    typed,
                    stored,
                })
            })
            .boxed()
    };
    match q.kind {
        Kind::Text | Kind::LongText => {
            if q.max_length() == 0 {
                return Just(Answer::None).boxed();
            }
            one(text_typed(q.max_length(), q.kind == Kind::LongText)
                .prop_map(|(typed, text)| {
                    (
                        vec![(String::new(), typed)],
                        vec![(String::new(), Value::String(text))],
                    )
                })
                .boxed())
        }
        Kind::Integer | Kind::Year => {
            // Every integer has bounds (`bounds`), within which doubles hold it exactly.
            let (min, max) = bounds(q);
            let lo = min.unwrap_or(f64::MIN).ceil();
            let hi = max.unwrap_or(f64::MAX).floor();
            if lo > hi {
                return Just(Answer::None).boxed();
            }
            let values = prop_oneof![
                1 => Just(lo),
                1 => Just(hi),
                4 => (0.0f64..=1.0).prop_map(move |u| (lo + (hi - lo) * u).round().clamp(lo, hi)),
                2 => (-1000.0f64..=3000.0).prop_map(move |v| v.round().clamp(lo, hi)),
            ];
            one(values
                .prop_flat_map(|v| {
                    let stored = Value::Number(Number::from(v as i64));
                    number_typed(v as i64).prop_map(move |t| {
                        (
                            vec![(String::new(), t)],
                            vec![(String::new(), stored.clone())],
                        )
                    })
                })
                .boxed())
        }
        Kind::Decimal => {
            let (min, max) = bounds(q);
            let lo = min.unwrap_or(-1e9);
            let hi = max.unwrap_or(1e9);
            if lo > hi {
                return Just(Answer::None).boxed();
            }
            let values = prop_oneof![
                1 => Just(lo),
                1 => Just(hi),
                4 => (0.0f64..=1.0).prop_map(move |u| (lo + (hi - lo) * u).clamp(lo, hi)),
                2 => (0.0f64..=1.0)
                    .prop_map(move |u| ((lo + (hi - lo) * u) * 100.0).round() / 100.0)
                    .prop_filter("in bounds", move |v| *v >= lo && *v <= hi),
            ];
            one((values, any::<bool>())
                .prop_map(|(v, comma)| {
                    let typed = format!("{v}");
                    let typed = if comma {
                        typed.replace('.', ",")
                    } else {
                        typed
                    };
                    let stored = Value::Number(Number::from_f64(v).expect("finite"));
                    (vec![(String::new(), typed)], vec![(String::new(), stored)])
                })
                .boxed())
        }
        Kind::Date => one((1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| {
                let text = format!("{y:04}-{m:02}-{d:02}");
                (
                    vec![(String::new(), text.clone())],
                    vec![(String::new(), Value::String(text))],
                )
            })
            .boxed()),
        Kind::SingleChoice | Kind::YesNo => {
            let mut pool: Vec<String> = form.choices(q).iter().map(|c| c.value.clone()).collect();
            if q.other {
                pool.push("other".into());
            }
            if pool.is_empty() {
                return Just(Answer::None).boxed();
            }
            let other = other_strategy(q);
            one((prop::sample::select(pool), other)
                .prop_map(|(value, other)| {
                    let mut typed = vec![(String::new(), value.clone())];
                    let mut stored = vec![(String::new(), Value::String(value.clone()))];
                    if value == "other" {
                        typed.push((".other".into(), other.0));
                        stored.push((".other".into(), Value::String(other.1)));
                    }
                    (typed, stored)
                })
                .boxed())
        }
        Kind::MultiChoice => {
            let choices: Vec<String> = form.choices(q).iter().map(|c| c.value.clone()).collect();
            let mut pool: Vec<(usize, String)> = choices.iter().cloned().enumerate().collect();
            if q.other {
                pool.push((usize::MAX, "other".into()));
            }
            if pool.is_empty() {
                return Just(Answer::None).boxed();
            }
            let len = pool.len();
            let detail = q.detail.is_some();
            let details = prop::collection::vec(
                prop::option::of(text_typed(Question::DEFAULT_LONG_TEXT_LENGTH, true)),
                len,
            );
            one((
                prop::sample::subsequence(pool, 1..=len),
                details,
                other_strategy(q),
                any::<bool>(),
            )
                .prop_map(move |(chosen, details, other, repeat)| {
                    let mut typed: Vec<(String, String)> = chosen
                        .iter()
                        .map(|(_, v)| (String::new(), v.clone()))
                        .collect();
                    if repeat {
                        typed.push((String::new(), chosen[0].1.clone()));
                    }
                    let values = chosen
                        .iter()
                        .map(|(_, v)| Value::String(v.clone()))
                        .collect();
                    let mut stored = vec![(String::new(), Value::Array(values))];
                    let mut kept = Map::new();
                    for (k, (i, value)) in chosen.iter().enumerate() {
                        if *i == usize::MAX {
                            typed.push((".other".into(), other.0.clone()));
                            stored.push((".other".into(), Value::String(other.1.clone())));
                        } else if let (true, Some((text, trimmed))) = (detail, &details[k]) {
                            typed.push((format!(".detail.{i}"), text.clone()));
                            kept.insert(value.clone(), Value::String(trimmed.clone()));
                        }
                    }
                    if !kept.is_empty() {
                        stored.push((".detail".into(), Value::Object(kept)));
                    }
                    (typed, stored)
                })
                .boxed())
        }
        Kind::Group => {
            let min = q.min_rows.unwrap_or(usize::from(q.required));
            let max = q.max_rows();
            if min > max {
                return Just(Answer::None).boxed();
            }
            let inner: Vec<BoxedStrategy<Answer>> =
                q.questions.iter().map(|inner| draw(form, inner)).collect();
            let rows = prop::collection::vec(inner, min..=max.min(min + 3));
            (rows, 0..=2usize, any::<bool>())
                .prop_map(move |(rows, blank, post)| {
                    let blank = blank.min(max - rows.len());
                    Answer::Rows(rows, blank, post)
                })
                .boxed()
        }
        Kind::Grid => {
            let n = form.choices(q).len();
            if n == 0 {
                return Just(Answer::None).boxed();
            }
            // A required column makes every row required.
            let all = q.questions.iter().any(|c| c.required);
            let required = q.required;
            let inner: Vec<BoxedStrategy<Answer>> =
                q.questions.iter().map(|inner| draw(form, inner)).collect();
            (
                prop::collection::vec((any::<bool>(), inner), n),
                any::<Index>(),
            )
                .prop_map(move |(rows, force)| {
                    let force = force.index(n);
                    let rows = rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, (answered, row))| {
                            (answered || all || (required && i == force)).then_some(row)
                        })
                        .collect();
                    Answer::Grid(rows)
                })
                .boxed()
        }
        // A kind added after these generators: no answer, and a form requiring one is skipped.
        #[allow(unreachable_patterns)]
        _ => Just(Answer::None).boxed(),
    }
}

/// A stored value as typed.
fn typed_as(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn other_strategy(q: &Question) -> BoxedStrategy<(String, String)> {
    if q.max_length() == 0 {
        Just((String::new(), String::new())).boxed()
    } else {
        text_typed(q.max_length(), false)
    }
}

/// Puts the answers of one scope (the form, or one row) on the page, as a person would: a
/// hidden question gets nothing, a required one always gets an answer. `None` when a required
/// question cannot be answered by these generators.
fn assemble(
    form: &Form,
    qs: &[&Question],
    answers: &[Answer],
    prefix: &str,
    raw: &mut RawForm,
    stored: &mut Map<String, Value>,
    force_one: bool,
) -> Option<()> {
    for (q, answer) in qs.iter().zip(answers) {
        if let Some(cond) = &q.show_if {
            let name = format!("{prefix}{}", cond.question);
            if !raw.all(&name).iter().any(|v| cond.any_of.contains(v)) {
                continue;
            }
        }
        let name = format!("{prefix}{}", q.id);
        match answer {
            Answer::None if q.required => return None,
            Answer::None => {}
            Answer::One(d) => {
                let forced = force_one && stored.is_empty() && q.show_if.is_none();
                if !(q.required || d.include || forced) {
                    continue;
                }
                let mut d = d.clone();
                // Not before the earlier question it follows: then the same value, if required.
                let earlier = q.after.as_ref().and_then(|e| stored.get(e));
                let main = d.stored.iter().find(|(suffix, _)| suffix.is_empty());
                if let (Some(earlier), Some((_, value))) = (earlier, main) {
                    if before(value, earlier) == Some(true) {
                        if !q.required {
                            continue;
                        }
                        d.typed = vec![(String::new(), typed_as(earlier))];
                        d.stored = vec![(String::new(), earlier.clone())];
                    }
                }
                for (suffix, value) in &d.typed {
                    raw.0
                        .entry(format!("{name}{suffix}"))
                        .or_default()
                        .push(value.clone());
                }
                for (suffix, value) in &d.stored {
                    stored.insert(format!("{}{suffix}", q.id), value.clone());
                }
            }
            Answer::Rows(rows, blank, post) => {
                let inner: Vec<&Question> = q.questions.iter().collect();
                let mut kept = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    let mut values = Map::new();
                    let prefix = format!("{name}.{i}.");
                    assemble(form, &inner, row, &prefix, raw, &mut values, true)?;
                    if !values.is_empty() {
                        kept.push(Value::Object(values));
                    }
                }
                let min = q.min_rows.unwrap_or(usize::from(q.required));
                if kept.len() < min {
                    return None;
                }
                if *post || *blank > 0 {
                    raw.set(format!("{name}._rows"), (rows.len() + blank).to_string());
                }
                if !kept.is_empty() {
                    stored.insert(q.id.clone(), Value::Array(kept));
                }
            }
            Answer::Grid(rows) => {
                let inner: Vec<&Question> = q.questions.iter().collect();
                let mut kept = Map::new();
                for ((i, choice), row) in form.choices(q).iter().enumerate().zip(rows) {
                    let Some(row) = row else {
                        continue;
                    };
                    let mut values = Map::new();
                    let prefix = format!("{name}.{i}.");
                    assemble(form, &inner, row, &prefix, raw, &mut values, true)?;
                    if !values.is_empty() {
                        kept.insert(choice.value.clone(), Value::Object(values));
                    }
                }
                if q.required && kept.is_empty() {
                    return None;
                }
                if !kept.is_empty() {
                    stored.insert(q.id.clone(), Value::Object(kept));
                }
            }
        }
    }
    Some(())
}

#[derive(Debug, Clone)]
pub(super) struct Valid {
    pub(super) raw: RawForm,
    pub(super) stored: Map<String, Value>,
}

pub(super) fn valid_strategy(form: &Form) -> BoxedStrategy<Option<Valid>> {
    let top: Vec<Question> = form.questions().cloned().collect();
    let answers: Vec<BoxedStrategy<Answer>> = top.iter().map(|q| draw(form, q)).collect();
    let form = form.clone();
    answers
        .prop_map(move |answers| {
            let qs: Vec<&Question> = top.iter().collect();
            let mut raw = RawForm::default();
            let mut stored = Map::new();
            assemble(&form, &qs, &answers, "", &mut raw, &mut stored, false)?;
            Some(Valid { raw, stored })
        })
        .boxed()
}

fn round_trip(form: &Form, valid: Option<Valid>) -> Result<(), TestCaseError> {
    let Some(Valid { raw, stored }) = valid else {
        // A draw that left too few rows of a group: nothing to check.
        return Ok(());
    };
    for mode in [Mode::Submit, Mode::Draft] {
        let outcome = validate(form, &raw, mode);
        prop_assert!(
            outcome.errors.is_empty(),
            "form {}, {:?}: valid answers refused: {:#?}",
            form.id,
            mode,
            outcome.errors
        );
        prop_assert_eq!(
            Value::Object(outcome.answers.clone()),
            Value::Object(stored.clone()),
            "form {}, {:?}: stored (left) differs from what was typed (right)",
            &form.id,
            mode
        );
        let found = violations(form, &outcome, mode);
        prop_assert!(found.is_empty(), "form {}: {:#?}", form.id, found);
    }
    let again = RawForm::from_answers(form, &stored);
    for mode in [Mode::Submit, Mode::Draft] {
        let outcome = validate(form, &again, mode);
        prop_assert!(
            outcome.errors.is_empty(),
            "form {}, {:?}: stored answers refused when shown again: {:#?}\npage: {:#?}",
            form.id,
            mode,
            outcome.errors,
            again
        );
        prop_assert_eq!(
            Value::Object(outcome.answers),
            Value::Object(stored.clone()),
            "form {}, {:?}: round trip (left) differs from the first pass (right)",
            &form.id,
            mode
        );
    }
    Ok(())
}

fn valid_answers(default_cases: u32) {
    for form in FORMS.iter() {
        let strategy = valid_strategy(form);
        let mut runner = TestRunner::deterministic();
        let answerable = (0..50).any(|_| {
            strategy
                .new_tree(&mut runner)
                .is_ok_and(|tree| tree.current().is_some())
        });
        if !answerable {
            eprintln!(
                "valid answers: form {} skipped, it requires a kind of question these \
                 generators do not know",
                form.id
            );
            continue;
        }
        check(
            &format!("valid answers for form {}", form.id),
            cases(default_cases),
            strategy,
            |valid| round_trip(form, valid),
        );
    }
}

/// Valid answers generated from each schema are accepted, stored as typed, and the page made
/// from them (`RawForm::from_answers`) validates to the same answers.
#[test]
fn valid_answers_are_kept_and_survive_a_round_trip() {
    valid_answers(100);
}
