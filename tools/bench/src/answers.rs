//! Valid answer sets for every survey, as a browser posts them: the accepted fixtures of
//! tests/surveys.rs and tests/respondent.rs, copied. Each is validated in full (submit mode)
//! through the library before use, so a form that changes makes the benchmark stop with the
//! form's own message, not store what the form would refuse.
//!
//! Two notations stand for what depends on a form's lists: `{grid:value}` in a name is the row
//! number of `value` in the grid `grid`, and `grid.{*}.field` gives `field` to every row of
//! `grid` that no other pair names.
use crate::lib_calls::Forms;
use crate::Result;

type Set = &'static [(&'static str, &'static str)];

/// The training-needs answers the web benchmark posts (tests/respondent.rs, `draft_fields`).
pub const TRAINING_NEEDS: Set = &[
    ("fields", "TC 1.3"),
    (
        "fields.detail.2",
        "Calibration of AC power at high frequency",
    ),
    ("needs._rows", "1"),
    ("needs.0.topic", "Uncertainty of AC power measurements"),
    ("needs.0.field", "TC 1.3"),
    ("needs.0.format", "webinar"),
    ("needs.0.staff", "5"),
    ("elearning_tools", "lms"),
    ("elearning_tools", "other"),
    ("elearning_tools.other", "Internal wiki course"),
];

const TRAINING_NEEDS_2: Set = &[
    ("fields", "TC 1.5"),
    ("fields", "TC 1.6"),
    ("needs.0.topic", "Calibration of weights of class E2"),
    ("needs.0.field", "TC 1.6"),
    ("needs.0.format", "traineeship"),
    ("needs.0.staff", "2"),
    ("needs.1.topic", "Gauge block interferometry"),
    ("needs.1.field", "TC 1.5"),
    ("needs.1.format", "seminar"),
    ("needs.1.staff", "4"),
    ("staff_coomet", "7"),
    ("staff_cbkt", "1"),
];

const TRAINEESHIP_NEEDS: &[Set] = &[
    &[
        ("has_needs", "yes"),
        ("needs.0.field", "TC 1.5"),
        (
            "needs.0.topic",
            "Calibration of gauge blocks by interferometry",
        ),
        ("needs.0.experts", "2"),
        ("needs.0.weeks", "4"),
        ("needs.0.hosts", "VNIIM"),
        ("needs.0.hosts", "PTB"),
        ("needs.0.period", "Q2"),
        ("needs.0.language", "ru"),
        ("needs.0.funding", "cbkt"),
        ("needs.1.field", "TC 1.6"),
        ("needs.1.topic", "Калибровка гирь класса точности E2"),
        ("needs.1.experts", "1"),
        ("needs.1.weeks", "2"),
        ("needs.1.hosts", "VNIIM"),
        ("needs.1.language", "either"),
        ("needs.1.funding", "support"),
        ("comments", "Две стажировки по линии КООМЕТ."),
    ],
    &[
        ("has_needs", "yes"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.topic", "Quantum Hall resistance standards"),
        ("needs.0.experts", "1"),
        ("needs.0.weeks", "6"),
        ("needs.0.hosts", "VNIIM"),
        ("needs.0.period", "Q4"),
        ("needs.0.language", "en"),
        ("needs.0.funding", "own"),
    ],
    &[
        ("has_needs", "no"),
        ("comments", "В этом году потребностей нет."),
    ],
];

const TRAINEESHIP_OFFERS: &[Set] = &[
    &[
        ("has_offers", "yes"),
        ("offers.0.field", "TC 1.6"),
        (
            "offers.0.topic",
            "Государственный первичный эталон единицы массы",
        ),
        ("offers.0.experts", "4"),
        ("offers.0.weeks", "2"),
        ("offers.0.languages", "ru"),
        ("offers.0.languages", "en"),
        ("offers.0.period", "Q2"),
        ("offers.0.conditions", "free"),
        ("offers.0.contact", "Bakyt Primerova, training@example.org"),
        ("offers.1.field", "TC 1.5"),
        (
            "offers.1.topic",
            "Interferometric calibration of gauge blocks",
        ),
        ("offers.1.experts", "2"),
        ("offers.1.weeks", "4"),
        ("offers.1.languages", "ru"),
        ("offers.1.period", "Q3"),
        ("offers.1.conditions", "cost-recovery"),
        ("offers.1.contact", "Бакыт Примерова"),
    ],
    &[
        ("has_offers", "yes"),
        ("offers.0.field", "TC 1.3"),
        ("offers.0.topic", "Quantum electrical standards"),
        ("offers.0.experts", "1"),
        ("offers.0.weeks", "8"),
        ("offers.0.languages", "en"),
        ("offers.0.languages", "other"),
        ("offers.0.languages.other", "German"),
        ("offers.0.conditions", "cost-recovery"),
        (
            "offers.0.contact",
            "Nikolai Placeholder, training@example.org",
        ),
    ],
    &[("has_offers", "no")],
];

const TRAINEESHIPS_HELD: &[Set] = &[
    &[
        ("held", "yes"),
        ("traineeships.0.direction", "sent"),
        ("traineeships.0.partner", "VNIIM"),
        ("traineeships.0.field", "TC 1.6"),
        ("traineeships.0.start_date", "2026-03-02"),
        ("traineeships.0.end_date", "2026-03-27"),
        ("traineeships.0.programme", "coomet"),
        ("traineeships.0.experts", "2"),
        ("traineeships.1.direction", "sent"),
        ("traineeships.1.partner", "other"),
        ("traineeships.1.partner.other", "KRISS (Republic of Korea)"),
        ("traineeships.1.field", "TC 1.3"),
        ("traineeships.1.start_date", "2026-05-11"),
        ("traineeships.1.end_date", "2026-05-22"),
        ("traineeships.1.programme", "cbkt"),
        ("traineeships.1.experts", "1"),
    ],
    &[
        ("held", "yes"),
        ("traineeships.0.direction", "hosted"),
        ("traineeships.0.partner", "KazStandard"),
        ("traineeships.0.field", "TC 1.10"),
        ("traineeships.0.start_date", "2026-09-07"),
        ("traineeships.0.end_date", "2026-09-07"),
        ("traineeships.0.programme", "bilateral"),
        ("traineeships.0.experts", "3"),
    ],
    &[("held", "no")],
];

const OIML_USAGE: &[Set] = &[
    &[
        ("oiml.{oiml:R 76}.status", "identical"),
        ("oiml.{oiml:R 76}.translation", "no"),
        ("oiml.{oiml:R 49}.status", "modified"),
        ("oiml.{oiml:R 49}.translation", "yes"),
        ("oiml.{oiml:R 117}.status", "direct"),
        ("oiml.{oiml:R 117}.translation", "yes"),
        ("oiml.{*}.status", "not-applied"),
        (
            "other_publications.0.publication",
            "OIML R 92 Wood-moisture meters",
        ),
        ("other_publications.0.status", "planned"),
        ("other_publications.0.translation", "yes"),
        ("rlmo.0.document", "WELMEC Guide 7.2 Software"),
        ("rlmo.0.organisation", "welmec"),
        ("rlmo.0.status", "identical"),
        ("comments", "Interstate standards of the EASC apply."),
    ],
    &[
        ("oiml.{oiml:R 76}.status", "not-applied"),
        ("oiml.{oiml:R 76}.translation", "yes"),
        ("oiml.{*}.status", "not-applied"),
    ],
];

const INNOVATION_INTEREST: &[Set] = &[
    &[
        ("active_fields", "TC 1.1"),
        ("active_fields", "TC 1.3"),
        ("active_fields", "TC 1.5"),
        ("interest.{interest:TC 1.1}.level", "lead"),
        ("interest.{interest:TC 1.3}.level", "participate"),
        ("interest.{interest:TC 1.5}.level", "participate"),
        (
            "ideas.0.title",
            "Kibble balance for the realisation of the kilogram",
        ),
        ("ideas.0.field", "TC 1.6"),
        ("ideas.0.si", "yes"),
        ("ideas.0.partners", "PTB"),
        ("ideas.0.months", "36"),
        ("ideas.0.funding", "partial"),
        ("researchers", "12,5"),
    ],
    &[
        ("active_fields", "TC 1.6"),
        ("interest.{interest:TC 1.6}.level", "participate"),
    ],
];

const CSB_SATISFACTION: &[Set] = &[
    &[
        ("bodies.{bodies:PC}.satisfaction", "5"),
        ("bodies.{bodies:COMMITTEE}.satisfaction", "4"),
        ("bodies.{bodies:TC 4}.satisfaction", "3"),
        ("bodies.{bodies:TC 4}.comment", "More webinars, please."),
        ("overall", "Thank you."),
    ],
    &[
        ("bodies.{bodies:PC}.satisfaction", "4"),
        ("bodies.{bodies:TC 1.5}.satisfaction", "2"),
        (
            "bodies.{bodies:TC 1.5}.comment",
            "Comparisons take too long.",
        ),
    ],
];

/// The answer sets of `form_id`, each as the JSON the service stores after validating it.
pub fn stored_sets(forms: &Forms, form_id: &str) -> Result<Vec<String>> {
    let sets: &[Set] = match form_id {
        "training-needs" => &[TRAINING_NEEDS, TRAINING_NEEDS_2],
        "traineeship-needs" => TRAINEESHIP_NEEDS,
        "traineeship-offers" => TRAINEESHIP_OFFERS,
        "traineeships-held" => TRAINEESHIPS_HELD,
        "oiml-usage" => OIML_USAGE,
        "innovation-interest" => INNOVATION_INTEREST,
        "csb-satisfaction" => CSB_SATISFACTION,
        other => return Err(format!("no answer set for the form {other}: add one here").into()),
    };
    sets.iter()
        .map(|set| {
            let pairs = expand(forms, form_id, set)?;
            forms.answers_json(form_id, &pairs)
        })
        .collect()
}

/// The pairs of `set` with row numbers in place of `{grid:value}` and `{*}` spread over rows.
fn expand(forms: &Forms, form_id: &str, set: Set) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut fill = Vec::new();
    for (name, value) in set.iter() {
        match name.split_once(".{*}.") {
            Some((grid, field)) => fill.push((grid, field, *value)),
            None => out.push((with_rows(forms, form_id, name)?, value.to_string())),
        }
    }
    for (grid, field, value) in fill {
        let rows = forms.grid_rows(form_id, grid)?.len();
        for i in 0..rows {
            let name = format!("{grid}.{i}.{field}");
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, value.to_string()));
            }
        }
    }
    Ok(out)
}

fn with_rows(forms: &Forms, form_id: &str, name: &str) -> Result<String> {
    let Some((head, rest)) = name.split_once('{') else {
        return Ok(name.to_string());
    };
    let (inner, tail) = rest.split_once('}').ok_or("unclosed { in an answer name")?;
    let (grid, value) = inner.split_once(':').ok_or("{grid:value} expected")?;
    let row = forms
        .grid_rows(form_id, grid)?
        .iter()
        .position(|v| v == value)
        .ok_or_else(|| format!("{form_id}: {value} is not a row of {grid}"))?;
    Ok(format!("{head}{row}{tail}"))
}

/// `pairs` as an application/x-www-form-urlencoded body.
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        escape(name, &mut out);
        out.push('=');
        escape(value, &mut out);
    }
    out
}

fn escape(text: &str, out: &mut String) {
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_has_answer_sets_its_validator_accepts() {
        let root = crate::setup::repository_root().unwrap();
        let forms = crate::lib_calls::Forms::load(&root).unwrap();
        for id in forms.ids() {
            let sets = super::stored_sets(&forms, &id).unwrap();
            assert!(sets.len() >= 2, "{id}: at least two answer sets");
        }
    }

    #[test]
    fn bodies_are_form_encoded() {
        assert_eq!(
            super::encode([("a b", "x&y"), ("c", "Д")]),
            "a+b=x%26y&c=%D0%94"
        );
    }
}
