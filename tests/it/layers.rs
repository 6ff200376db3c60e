//! The rules of docs/architecture.md, executed: every module of `src/` imports only the layers
//! below it, modules that share a parent never form a cycle, `web/` neither queries the database
//! nor opens a transaction, and no source file grows past 450 lines. Functions are held under
//! 80 lines by clippy (`too_many_lines`, clippy.toml), which counts them better than a scan could.
//!
//! A module is a file (`src/web/respond.rs` is `web::respond`). A reference is any path that
//! starts with `crate::` or `super::`, in a `use` or in the code, braces expanded; comments,
//! strings and the `#[cfg(test)]` part of a file are left out.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod scan;

type Module = Vec<String>;

/// The top-level modules by layer, lowest first: each may use its own layer's modules that the
/// exceptions name, and every layer below it.
const LAYERS: &[&[&str]] = &[
    &[
        "dates", "faults", "logs", "private", "secrets", "cells", "archives",
    ],
    &["refusal"],
    &["error"],
    &["config", "i18n"],
    &["storage"],
    &["db"],
    &["audit", "limits", "settings"],
    &["directory", "mail"],
    &["forms"],
    &["app"],
    &["notifications"],
    &["campaigns"],
    &["responses"],
    &["indicators"],
    &["export"],
    &["report"],
    &["jobs"],
    &["web", "cli"],
];

/// Uses within a layer, or upwards, that the architecture allows: the command line starts the
/// web service, and nothing else of it.
const ALLOWED: &[(&str, &str)] = &[("cli", "web::serve")];

const MAX_FILE_LINES: usize = 450;

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = scan::Source::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut problems = Vec::new();
    for (module, refs) in &src.references {
        let Some(from) = module.first() else { continue };
        for (target, path) in refs {
            let Some(to) = target.first() else { continue };
            if from == to {
                continue;
            }
            let allowed = ALLOWED
                .iter()
                .any(|(m, p)| m == from && (path == p || path.starts_with(&format!("{p}::"))));
            match (layer_of(from), layer_of(to)) {
                (Some(a), Some(b)) if b < a || allowed => {}
                (Some(_), Some(_)) => problems.push(format!(
                    "{}: uses crate::{path}, a layer that is not below it",
                    src.file(module)
                )),
                (None, _) => problems.push(format!("{from}: a module with no layer in LAYERS")),
                (_, None) => problems.push(format!("{to}: a module with no layer in LAYERS")),
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn modules_that_share_a_parent_form_no_cycle() {
    let src = scan::Source::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // Under each parent, which child uses which: a use between a module and its ancestor is
    // how Rust nests modules, not a cycle.
    let mut graphs: BTreeMap<Module, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, refs) in &src.references {
        for (target, _) in refs {
            let common = module
                .iter()
                .zip(target)
                .take_while(|(a, b)| a == b)
                .count();
            if common < module.len() && common < target.len() {
                graphs
                    .entry(module[..common].to_vec())
                    .or_default()
                    .entry(module[common].clone())
                    .or_default()
                    .insert(target[common].clone());
            }
        }
    }
    let mut cycles = Vec::new();
    for (parent, graph) in &graphs {
        for cycle in scan::cycles(graph) {
            let at = if parent.is_empty() {
                "crate".into()
            } else {
                parent.join("::")
            };
            cycles.push(format!("in {at}: {}", cycle.join(" -> ")));
        }
    }
    assert!(
        cycles.is_empty(),
        "cycles between modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn web_neither_queries_nor_opens_transactions() {
    let src = scan::Source::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut problems = Vec::new();
    for (module, code) in &src.code {
        if module.first().map(String::as_str) != Some("web") {
            continue;
        }
        for word in ["sea_orm", "begin_write", ".begin()", ".commit()"] {
            if code.contains(word) {
                problems.push(format!("{}: {word}", src.file(module)));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "web/ calls domain functions instead:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_source_file_is_over_450_lines() {
    let src = scan::Source::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let long: Vec<String> = src
        .lines
        .iter()
        .filter(|(_, n)| **n > MAX_FILE_LINES)
        .map(|(m, n)| format!("{}: {n} lines", src.file(m)))
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

/// The checker finds what it is meant to find: a cycle, and the code without its comments.
#[test]
fn the_checker_sees_cycles_and_skips_comments() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &["a"][..]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(scan::cycles(&graph), vec![vec!["a", "b", "c", "a"]]);
    let code =
        scan::strip("use crate::{a::B, c}; // crate::d\nlet s = \"crate::e\"; super::f::g();");
    let refs = scan::paths(&code);
    assert_eq!(refs, vec!["crate::a::B", "crate::c", "super::f::g"]);
}
