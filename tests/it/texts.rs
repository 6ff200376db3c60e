//! Every text the code asks for exists in both languages (issue 22, finding 11: a digest went out
//! with the subject `[mail-digest-subject]`). The locale files define the same messages; every
//! key a template names, every key-shaped literal in the code, every audit action's label and
//! every mail kind's subject and templates exist.
use crate::common;
use coomet_surveys::audit::Action;
use coomet_surveys::mail::Kind;
use sea_orm::{ActiveEnum, Iterable};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
}

fn messages(lang: &str) -> BTreeSet<String> {
    let mut ftl = Vec::new();
    files(
        &common::root().join("templates/locales").join(lang),
        ".ftl",
        &mut ftl,
    );
    let mut keys = BTreeSet::new();
    for file in ftl {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let Some((id, _)) = line.split_once(" =") else {
                continue;
            };
            if id.starts_with(|c: char| c.is_ascii_alphabetic()) && !id.contains(' ') {
                keys.insert(id.to_string());
            }
        }
    }
    keys
}

/// The quoted words of `text` shaped like message keys: `word-word…`, lower case.
fn key_shaped(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| {
            w.contains('-')
                && w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.split('-').all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_text_the_code_asks_for_exists_in_both_languages() {
    let (en, ru) = (messages("en"), messages("ru"));
    assert!(en.len() > 400, "{} messages", en.len());
    let only: Vec<_> = en.symmetric_difference(&ru).collect();
    assert!(only.is_empty(), "in one language only: {only:?}");

    let root = common::root();
    let mut templates = Vec::new();
    files(&root.join("templates"), ".hbs", &mut templates);
    let mut missing = Vec::new();
    for file in &templates {
        let text = std::fs::read_to_string(file).unwrap();
        for opening in ["{t \"", "(t \""] {
            for part in text.split(opening).skip(1) {
                let key = part.split('"').next().unwrap();
                if !en.contains(key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
    }

    // A key-shaped literal whose first word begins some message is taken for a key, unless it
    // names an audit action (labelled `audit-<action>`), a mail kind or a page template.
    let prefixes: BTreeSet<&str> = en.iter().filter_map(|k| k.split('-').next()).collect();
    let actions: BTreeSet<String> = Action::iter().map(|a| a.to_value()).collect();
    let kinds: BTreeSet<&str> = Kind::iter().map(|k| k.name()).collect();
    let mut sources = Vec::new();
    files(&root.join("src"), ".rs", &mut sources);
    for file in &sources {
        let text = std::fs::read_to_string(file).unwrap();
        for key in key_shaped(&text) {
            let first = key.split('-').next().unwrap();
            let other_use = actions.contains(&key)
                || kinds.contains(key.as_str())
                || root.join("templates").join(format!("{key}.hbs")).exists();
            if prefixes.contains(first) && !en.contains(&key) && !other_use {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    for action in Action::iter() {
        if !en.contains(&action.key()) {
            missing.push(format!("audit action {}", action.key()));
        }
    }
    for kind in Kind::iter() {
        let subject = format!("mail-{}-subject", kind.name());
        if !en.contains(&subject) {
            missing.push(subject);
        }
        for ext in ["txt", "html"] {
            let template = root.join(format!("templates/mail/{}.{ext}.hbs", kind.name()));
            assert!(template.exists(), "{}", template.display());
        }
    }
    assert!(
        missing.is_empty(),
        "asked for but not written: {missing:#?}"
    );
}
