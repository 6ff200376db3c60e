use super::valid::valid_strategy;
use super::*;

// ---------------------------------------------------------------------------------------------
// Hostile pages
// ---------------------------------------------------------------------------------------------

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "</b>",
    "<!-- x -->",
    "<?xml version=\"1.0\"?>",
    "<img src=x onerror=alert(1)>",
    "a<b",
    "a < b",
    "<5",
    "<",
    "\0",
    "a\u{7}b",
    "\u{1b}[31mred",
    "\u{85}",
    "x\u{85}y",
    "\u{200b}",
    "\u{202e}abc",
    "\u{feff}1",
    "\r\n",
    "\t",
    "1e309",
    "-1e309",
    "1e308",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "-0",
    "+0",
    "0",
    "-1",
    "1",
    "+5",
    "١٢٣",
    "１２３",
    "1,5",
    "1,000",
    "1 500",
    "1\u{a0}500",
    "1\u{202f}500",
    "1.5",
    "2024.0",
    "2024,0",
    " 12 ",
    "5.",
    ".5",
    "1e-400",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e15",
    "1e19",
    "0x10",
    "1_000",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "+2024-01-01",
    "2024-1-5",
    "99999-12-31",
    " ",
    "",
    "other",
    "yes",
    "no",
    "true",
    "null",
    "[]",
    "{}",
    ",",
    "a,b",
    "a b",
    "%00",
    "&amp;",
    "ф",
];

/// Odd row numbers in a name `g.N.q`.
const ODD_ROWS: &[&str] = &[
    "00",
    "01",
    "+1",
    "-1",
    " 1",
    "1 ",
    "",
    "x",
    "4294967296",
    "1000000000000",
    "18446744073709551614",
    "18446744073709551615",
    "18446744073709551616",
];

/// Dates that chrono reads, of years that do not have four digits.
const ODD_DATES: &[&str] = &[
    "+10000-01-01",
    "-0002-01-01",
    "-0001-12-31",
    "0999-01-01",
    "999-01-01",
];

const ROWS_VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "-1",
    "+3",
    " 3",
    "3 ",
    "1e9",
    "NaN",
    "0x10",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
];

fn long_string() -> impl Strategy<Value = String> {
    let pieces = vec!["a", "ф", " ", "<b>", "\0", "😀", "1", "<", "\n", "é"];
    (
        prop::sample::select(pieces),
        1usize..20_000,
        prop::sample::select(vec!["", "<script>", "\u{7}", " ", "x"]),
    )
        .prop_map(|(piece, n, tail)| {
            let mut s: String = piece.chars().cycle().take(n).collect();
            s.push_str(tail);
            s
        })
}

fn chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// Values for any field: the form's own choices (also padded), hostile strings, numbers.
fn value_strategy(form: &Form) -> BoxedStrategy<String> {
    let mut choices: Vec<String> = vec!["other".into(), "yes".into(), "no".into()];
    for list in form.lists.values() {
        choices.extend(list.iter().map(|c| c.value.clone()));
    }
    Union::new_weighted(vec![
        (4, prop::sample::select(choices.clone()).boxed()),
        (
            1,
            prop::sample::select(choices)
                .prop_map(|v| format!(" {v} "))
                .boxed(),
        ),
        (
            1,
            prop::sample::select(ODD_DATES)
                .prop_map(String::from)
                .boxed(),
        ),
        (
            4,
            prop::sample::select(HOSTILE).prop_map(String::from).boxed(),
        ),
        (2, chars(40).boxed()),
        (1, long_string().boxed()),
        (1, any::<i64>().prop_map(|n| n.to_string()).boxed()),
        (1, any::<f64>().prop_map(|n| n.to_string()).boxed()),
        (3, (-50i64..3000).prop_map(|n| n.to_string()).boxed()),
        (1, "[0-9 ,.eE+\\-]{0,14}".boxed()),
        (
            1,
            prop::collection::vec(prop::sample::select(HOSTILE), 1..4)
                .prop_map(|v| v.concat())
                .boxed(),
        ),
    ])
    .boxed()
}

/// (name, value) pairs as a browser would post them for `form`, and worse.
fn pair_strategy(form: &Form) -> BoxedStrategy<(String, String)> {
    let values = value_strategy(form);
    let suffix = prop_oneof![
        6 => Just(String::new()),
        2 => Just(".other".to_string()),
        2 => (0usize..12).prop_map(|k| format!(".detail.{k}")),
        1 => prop::sample::select(vec![
            ".detail", ".detail.", ".detail.-1", ".detail.18446744073709551616", "._rows", ".0", ".",
        ])
        .prop_map(String::from),
    ];
    let row = prop_oneof![
        8 => (0usize..60).prop_map(|n| n.to_string()),
        1 => prop::sample::select(ODD_ROWS).prop_map(String::from),
    ];
    let top: Vec<String> = form
        .questions()
        .filter(|q| q.questions.is_empty())
        .map(|q| q.id.clone())
        .collect();
    let groups: Vec<(String, Vec<String>)> = form
        .questions()
        .filter(|q| !q.questions.is_empty())
        .map(|g| {
            (
                g.id.clone(),
                g.questions.iter().map(|q| q.id.clone()).collect(),
            )
        })
        .collect();

    let mut arms: Vec<(u32, BoxedStrategy<(String, String)>)> = Vec::new();
    if !top.is_empty() {
        let name = (prop::sample::select(top), suffix.clone())
            .prop_map(|(id, suffix)| format!("{id}{suffix}"));
        arms.push((6, (name, values.clone()).boxed()));
    }
    if !groups.is_empty() {
        let name = (
            prop::sample::select(groups.clone()),
            any::<Index>(),
            row,
            suffix,
        )
            .prop_map(|((g, inner), ix, row, suffix)| {
                format!("{g}.{row}.{}{suffix}", inner[ix.index(inner.len())])
            });
        arms.push((8, (name, values.clone()).boxed()));
        let ids: Vec<String> = groups.into_iter().map(|(g, _)| g).collect();
        let rows_value = prop_oneof![
            3 => (0u64..70).prop_map(|n| n.to_string()),
            1 => any::<i64>().prop_map(|n| n.to_string()),
            1 => any::<u64>().prop_map(|n| n.to_string()),
            1 => prop::sample::select(ROWS_VALUES).prop_map(String::from),
        ];
        let name = prop::sample::select(ids).prop_map(|g| format!("{g}._rows"));
        arms.push((2, (name, rows_value).boxed()));
    }
    let junk = prop_oneof![
        Just(String::new()),
        Just("_action".to_string()),
        Just("_version".to_string()),
        Just(".".to_string()),
        chars(20),
    ];
    arms.push((1, (junk, values).boxed()));
    Union::new_weighted(arms).boxed()
}

#[derive(Debug, Clone)]
enum Page {
    /// Fields as posted (repeated names kept in order).
    Fields(Vec<(String, String)>),
    /// A request body, however malformed.
    Body(String),
}

fn page_strategy(form: &Form) -> BoxedStrategy<Page> {
    let body = prop_oneof![
        "[a-z_0-9.=&%+]{0,80}",
        chars(80),
        prop::collection::vec(
            prop::sample::select(vec![
                "&",
                "=",
                "%",
                "%ZZ",
                "%FF",
                "%00",
                "+",
                "fields=",
                "needs.0.topic=",
                "_rows=",
                "needs._rows=999",
                ".other=",
                "%3Cscript%3E",
            ]),
            0..20
        )
        .prop_map(|v| v.concat()),
    ];
    // A valid page with a few fields removed, changed or added: submissions that get far.
    let change = prop_oneof![
        2 => any::<Index>().prop_map(Change::Remove),
        3 => (any::<Index>(), value_strategy(form))
            .prop_map(|(i, v)| Change::Set(i, v)),
        2 => pair_strategy(form).prop_map(Change::Add),
    ];
    let changed =
        (valid_strategy(form), prop::collection::vec(change, 1..4)).prop_map(|(valid, changes)| {
            let mut pairs: Vec<(String, String)> = valid
                .map(|v| {
                    v.raw
                        .0
                        .into_iter()
                        .flat_map(|(k, vs)| vs.into_iter().map(move |v| (k.clone(), v)))
                        .collect()
                })
                .unwrap_or_default();
            for change in changes {
                match change {
                    Change::Remove(i) if !pairs.is_empty() => {
                        pairs.remove(i.index(pairs.len()));
                    }
                    Change::Set(i, v) if !pairs.is_empty() => {
                        let i = i.index(pairs.len());
                        pairs[i].1 = v;
                    }
                    Change::Add(pair) => pairs.push(pair),
                    _ => {}
                }
            }
            Page::Fields(pairs)
        });
    prop_oneof![
        5 => prop::collection::vec(pair_strategy(form), 0..40).prop_map(Page::Fields),
        4 => changed,
        1 => body.prop_map(Page::Body),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
enum Change {
    Remove(Index),
    Set(Index, String),
    Add((String, String)),
}

fn raw_of(pairs: &[(String, String)]) -> RawForm {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_default().push(v.clone());
    }
    RawForm(map)
}

/// Validates `page` in both modes and returns what each stored that it should not.
fn run_page(form: &Form, page: &Page) -> Result<(), TestCaseError> {
    let raw = match page {
        Page::Fields(pairs) => {
            let raw = raw_of(pairs);
            // The body a browser sends for these fields reads back as the same fields.
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs.iter())
                .finish();
            prop_assert_eq!(&RawForm::parse(&body), &raw, "body {:?}", body);
            raw
        }
        Page::Body(body) => RawForm::parse(body),
    };
    for mode in [Mode::Draft, Mode::Submit] {
        let outcome = validate(form, &raw, mode);
        let found = violations(form, &outcome, mode);
        prop_assert!(
            found.is_empty(),
            "form {}, {:?}: stored what the schema forbids: {:#?}\nanswers: {:#}",
            form.id,
            mode,
            found,
            Value::Object(outcome.answers.clone())
        );
    }
    Ok(())
}

fn hostile_pages(default_cases: u32) {
    for form in FORMS.iter() {
        check(
            &format!("hostile pages for form {}", form.id),
            cases(default_cases),
            page_strategy(form),
            |page| run_page(form, &page),
        );
    }
}

/// No page makes `validate` panic (the runner fails on a panic), and nothing the schema forbids
/// is stored from it.
#[test]
fn hostile_pages_neither_panic_nor_store_what_the_schema_forbids() {
    hostile_pages(150);
}
