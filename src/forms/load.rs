//! Reading schema files: each parsed, checked (`check.rs`), and checked against the others
//! (`matches.rs`); every problem names the file and the line to fix.
use super::problem::{line_of, Locator, Problem};
use super::schema::Form;
use super::RefLists;
use crate::Result;
use std::path::{Path, PathBuf};

/// `forms check`: every problem of every schema in `dir`.
pub fn check_dir(dir: &Path, seeds_dir: &Path) -> Result<Vec<Problem>> {
    let lists = RefLists::load(seeds_dir)?;
    Ok(load_dir(dir, &lists)?.1)
}

/// Loads every `*.toml` of `dir`; forms with problems are left out of the first list.
pub fn load_dir(dir: &Path, lists: &RefLists) -> Result<(Vec<Form>, Vec<Problem>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut forms: Vec<Form> = Vec::new();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let source = std::fs::read_to_string(&path)?;
        let (form, mut found) = load_source(&path, &source, lists);
        if let Some(form) = form {
            if forms.iter().any(|f| f.id == form.id) {
                found.push(Problem {
                    file: path.clone(),
                    line: Locator::new(&source).top_key("id"),
                    message: format!("form id \"{}\" is used by another file", form.id),
                });
            } else if found.is_empty() {
                forms.push(form);
                files.push((path.clone(), source.clone()));
            }
        }
        problems.extend(found);
    }
    let loaded: Vec<super::matches::Loaded> = forms
        .iter()
        .zip(&files)
        .map(|(form, (file, source))| super::matches::Loaded { file, source, form })
        .collect();
    problems.extend(super::matches::problems(&loaded));
    Ok((forms, problems))
}

/// Parses and checks one schema, resolving the reference lists it uses into the form.
pub fn load_source(path: &Path, source: &str, lists: &RefLists) -> (Option<Form>, Vec<Problem>) {
    let mut form: Form = match toml::from_str(source) {
        Ok(form) => form,
        Err(e) => {
            let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(1);
            let problem = Problem {
                file: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            };
            return (None, vec![problem]);
        }
    };
    let problems = super::check::check_form(path, source, &mut form, lists);
    (Some(form), problems)
}
