use super::*;

// ---------------------------------------------------------------------------------------------
// Mangled schema files
// ---------------------------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    "",
    "\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "{",
    "}",
    ",",
    "#",
    "\"\"",
    "\"x\"",
    "true",
    "false",
    "0",
    "-1",
    "1e400",
    "nan",
    "inf",
    "18446744073709551616",
    "\"group\"",
    "\"integer\"",
    "\"year\"",
    "\"decimal\"",
    "\"date\"",
    "\"yes_no\"",
    "\"multi_choice\"",
    "\"single_choice\"",
    "\"long_text\"",
    "\"grid\"",
    "id",
    "type",
    "list",
    "value",
    "questions",
    "show_if = { question = \"fields\", any_of = [\"x\"] }",
    "show_if = { question = \"x\", any_of = [] }",
    "min_rows = 5",
    "max_rows = 0",
    "max_length = 0",
    "min = 10",
    "max = -10",
    "other = true",
    "required = true",
    "\"countries\"",
    "\"institutes\"",
    "\"no-such-list\"",
    "\u{0}",
    "\u{feff}",
    "ф",
    "😀",
    "\n",
    "\r\n",
    "\"\"\"",
    "'''",
    "[[sections.questions.questions]]",
    "[[sections.questions]]",
    "[[sections]]",
    "[[indicators]]",
    "[lists]",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    MoveLine(Index, Index),
    /// Replaces a whitespace-separated token of a line by a token of the pool or of the file.
    ReplaceToken(Index, Index, Result<&'static str, Index>),
    InsertToken(Index, Result<&'static str, Index>),
    InsertByte(Index, u8),
    DeleteByte(Index),
    SetByte(Index, u8),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        prop::sample::select(TOKENS).prop_map(Ok),
        any::<Index>().prop_map(Err),
    ];
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::MoveLine(a, b)),
        4 => (any::<Index>(), any::<Index>(), token.clone())
            .prop_map(|(l, t, r)| Mutation::ReplaceToken(l, t, r)),
        2 => (any::<Index>(), token).prop_map(|(l, r)| Mutation::InsertToken(l, r)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteByte),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
    ]
}

fn mutate(source: &str, mutations: &[Mutation]) -> String {
    let tokens: Vec<String> = source.split_whitespace().map(String::from).collect();
    let pick = |r: &Result<&'static str, Index>| match r {
        Ok(t) => t.to_string(),
        Err(i) if tokens.is_empty() => i.index(1).to_string(),
        Err(i) => tokens[i.index(tokens.len())].clone(),
    };
    let mut text = source.to_string();
    for m in mutations {
        let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::MoveLine(a, b) => {
                let line = lines.remove(a.index(n));
                lines.insert(b.index(n), line);
            }
            Mutation::ReplaceToken(l, t, r) => {
                let l = l.index(n);
                let mut words: Vec<String> = lines[l].split(' ').map(String::from).collect();
                let t = t.index(words.len());
                words[t] = pick(r);
                lines[l] = words.join(" ");
            }
            Mutation::InsertToken(l, r) => {
                let l = l.index(n + 1);
                lines.insert(l, pick(r));
            }
            Mutation::InsertByte(_, _) | Mutation::DeleteByte(_) | Mutation::SetByte(_, _) => {
                let mut bytes = text.into_bytes();
                match m {
                    Mutation::InsertByte(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
                    Mutation::DeleteByte(i) if !bytes.is_empty() => {
                        bytes.remove(i.index(bytes.len()));
                    }
                    Mutation::SetByte(i, b) if !bytes.is_empty() => {
                        let i = i.index(bytes.len());
                        bytes[i] = *b;
                    }
                    _ => {}
                }
                text = String::from_utf8_lossy(&bytes).into_owned();
                continue;
            }
        }
        text = lines.join("\n");
    }
    text
}

fn mangled_schemas(default_cases: u32) {
    for (path, source) in SOURCES.iter() {
        let strategy = prop::collection::vec(mutation_strategy(), 1..6);
        check(
            &format!("mangled {}", path.display()),
            cases(default_cases),
            strategy,
            |mutations| {
                let text = mutate(source, &mutations);
                let lines = text.lines().count();
                let (form, problems) = load_source(path, &text, &LISTS);
                for p in &problems {
                    prop_assert!(
                        p.line >= 1 && p.line <= lines + 1,
                        "problem at line {} of a file of {} lines: {}\nfile:\n{}",
                        p.line,
                        lines,
                        p,
                        text
                    );
                    prop_assert_eq!(&p.file, path);
                }
                // A mangled schema that still passes is a form: answering it must not panic.
                if let (Some(form), true) = (form, problems.is_empty()) {
                    let mut raw = RawForm::default();
                    for q in form.questions() {
                        raw.set(q.id.clone(), "1");
                        for inner in &q.questions {
                            raw.set(format!("{}.0.{}", q.id, inner.id), "yes");
                        }
                    }
                    for mode in [Mode::Draft, Mode::Submit] {
                        validate(&form, &RawForm::default(), mode);
                        validate(&form, &raw, mode);
                    }
                }
                Ok(())
            },
        );
    }
}

/// The checker never panics on a mangled copy of a form file, and reports each problem at a
/// line of that file.
#[test]
fn the_checker_reports_mangled_schemas_at_a_line_of_the_file() {
    mangled_schemas(100);
}

#[test]
fn the_properties_cover_every_form_of_forms() {
    let files = SOURCES.len() - 1;
    assert_eq!(FORMS.len() - 1, files, "every file of forms/ is a form");
    assert!(FORMS.iter().any(|f| f.id == "training-needs"));
}
