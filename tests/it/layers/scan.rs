//! Reads `src/` into modules and the paths each one uses.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

pub struct Source {
    /// Each module's code without comments, strings and tests.
    pub code: BTreeMap<Module, String>,
    /// Each module's lines, as `wc -l` counts them.
    pub lines: BTreeMap<Module, usize>,
    /// Each module's uses: the module used, and the path as written after `crate::`.
    pub references: BTreeMap<Module, Vec<(Module, String)>>,
    files: BTreeMap<Module, PathBuf>,
}

impl Source {
    pub fn read(root: PathBuf) -> Source {
        let mut files = BTreeMap::new();
        walk(&root, &root, &mut files);
        let mut src = Source {
            code: BTreeMap::new(),
            lines: BTreeMap::new(),
            references: BTreeMap::new(),
            files,
        };
        let exports = root_exports(&std::fs::read_to_string(root.join("lib.rs")).unwrap());
        let known: BTreeSet<Module> = src.files.keys().cloned().collect();
        for (module, path) in &src.files {
            let text = std::fs::read_to_string(path).unwrap();
            src.lines.insert(module.clone(), text.lines().count());
            let code = strip(&text);
            let refs = paths(&code)
                .iter()
                .filter_map(|p| resolve(module, p, &known, &exports))
                .collect();
            src.references.insert(module.clone(), refs);
            src.code.insert(module.clone(), code);
        }
        src
    }

    /// The file of a module, from the crate's folder.
    pub fn file(&self, module: &Module) -> String {
        let path = &self.files[module];
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        path.strip_prefix(crate_dir)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Every `.rs` file under `dir` but the binary's `main.rs`, by its module path.
fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<Module, PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path == root.join("main.rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap().with_extension("");
        let mut module: Module = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        out.insert(module, path);
    }
}

/// What `lib.rs` re-exports at the root (`pub use error::{Error, Result};`): `crate::Result`
/// is a use of `error`.
fn root_exports(lib: &str) -> BTreeMap<String, Module> {
    let mut out = BTreeMap::new();
    for line in strip(lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        for path in expand("", rest.trim_end_matches(';')) {
            let mut segments: Vec<String> = path.split("::").map(str::to_string).collect();
            if let Some(name) = segments.pop() {
                out.insert(name, segments);
            }
        }
    }
    out
}

/// The module a path names (the longest known prefix), with the path from the crate's root.
fn resolve(
    from: &Module,
    path: &str,
    known: &BTreeSet<Module>,
    exports: &BTreeMap<String, Module>,
) -> Option<(Module, String)> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let mut base: Module = if segments[0] == "crate" {
        segments.remove(0);
        Vec::new()
    } else {
        let mut base = from.clone();
        while segments.first() == Some(&"super") {
            segments.remove(0);
            base.pop();
        }
        base
    };
    if base.is_empty() {
        if let Some(module) = segments.first().and_then(|s| exports.get(*s)) {
            return Some((
                module.clone(),
                path.trim_start_matches("crate::").to_string(),
            ));
        }
    }
    base.extend(segments.iter().map(|s| s.to_string()));
    let full = base.join("::");
    while !base.is_empty() && !known.contains(&base) {
        base.pop();
    }
    (!base.is_empty()).then_some((base, full))
}

/// The code without comments, the contents of strings and characters, and whatever follows the
/// first `#[cfg(test)]`.
pub fn strip(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = skip_block_comment(&chars, i);
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            i = skip_raw_string(&chars, i + 1, &mut out);
        } else if c == '"' {
            i = skip_string(&chars, i, &mut out);
        } else if c == '\'' {
            i = skip_char(&chars, i, &mut out);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

fn skip_block_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn skip_raw_string(chars: &[char], mut i: usize, out: &mut String) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        out.push('r');
        return i - hashes;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
            out.push_str("\"\"");
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

fn skip_string(chars: &[char], mut i: usize, out: &mut String) -> usize {
    i += 1;
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    out.push_str("\"\"");
    i + 1
}

/// A character literal is dropped; a lifetime (`'a` with no closing quote) is kept.
fn skip_char(chars: &[char], i: usize, out: &mut String) -> usize {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => {
            let mut j = i + 2;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            j + 1
        }
        (Some(_), Some('\'')) => {
            out.push_str("' '");
            i + 3
        }
        _ => {
            out.push('\'');
            i + 1
        }
    }
}

/// Every path that starts with `crate::` or `super::`, braces expanded.
pub fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            let before = at.checked_sub(1).map(|i| bytes[i] as char);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':') {
                continue;
            }
            let tail = path_text(&code[at..]);
            out.extend(expand("", tail));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The text of one path: segments, `::`, and a brace group with what it holds.
fn path_text(code: &str) -> &str {
    let mut depth = 0;
    for (i, c) in code.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return &code[..i],
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &code[..=i];
                }
            }
            c if depth > 0 || c.is_alphanumeric() || c == '_' || c == ':' || c == '*' => {}
            _ => return &code[..i],
        }
    }
    code
}

/// `a::{b, c::{d, self}}` into `a::b`, `a::c::d`, `a::c`; renames and globs are cut.
fn expand(prefix: &str, text: &str) -> Vec<String> {
    let text = text.trim();
    let Some(open) = text.find('{') else {
        let path = text.split_whitespace().next().unwrap_or("");
        let path = path.trim_end_matches("::*").trim_end_matches("::");
        let joined = match (prefix.is_empty(), path) {
            (_, "self") => prefix.to_string(),
            (true, p) => p.to_string(),
            (false, p) => format!("{prefix}::{p}"),
        };
        return if joined.is_empty() {
            vec![]
        } else {
            vec![joined]
        };
    };
    let head = text[..open].trim_end_matches("::");
    let prefix = match (prefix.is_empty(), head.is_empty()) {
        (true, _) => head.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}::{head}"),
    };
    let inner = text[open + 1..].trim_end().trim_end_matches('}');
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    items
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .flat_map(|item| expand(&prefix, item))
        .collect()
}

/// One cycle through each group of nodes that reach each other, from its smallest node.
pub fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph.get(from).into_iter().flatten().collect();
        while let Some(n) = todo.pop() {
            if seen.insert(n.clone()) {
                todo.extend(graph.get(n).into_iter().flatten());
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for node in graph.keys() {
        if done.contains(node) || !reach(node).contains(node) {
            continue;
        }
        let group: BTreeSet<String> = reach(node)
            .into_iter()
            .filter(|n| reach(n).contains(node))
            .collect();
        done.extend(group.iter().cloned());
        out.push(path_back(graph, node, &group));
    }
    out
}

/// The shortest way from `node` back to itself inside `group`.
fn path_back(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &String,
    group: &BTreeSet<String>,
) -> Vec<String> {
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([node.clone()]);
    while let Some(n) = queue.pop_front() {
        for next in graph.get(&n).into_iter().flatten() {
            if next == node {
                let mut path = vec![node.clone(), n.clone()];
                let mut at = n;
                while let Some(prev) = came_from.get(&at) {
                    path.insert(1, prev.clone());
                    at = prev.clone();
                }
                path.dedup();
                path.push(node.clone());
                return path;
            }
            if group.contains(next) && next != node && !came_from.contains_key(next) {
                came_from.insert(next.clone(), n.clone());
                queue.push_back(next.clone());
            }
        }
    }
    vec![node.clone()]
}
