//! Reading schema files: each parsed, checked (`check.rs`), and checked against the others
//! (`matches.rs`); every problem names the file and the line to fix.
use super::problem::{line_of, Locator, Problem};
use super::schema::Form;
use super::RefLists;
use crate::i18n::{I18n, Lang};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// A checked schema with the file it was read from.
#[derive(Debug, Clone)]
pub struct FileForm {
    pub path: PathBuf,
    pub source: String,
    pub form: Form,
}

impl FileForm {
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// `forms check`: every problem of every schema in `dir`; given a file, the problems of that
/// file read among the schemas of its folder (a match names the survey it compares with).
pub fn check_dir(dir: &Path, seeds_dir: &Path) -> Result<Vec<Problem>> {
    let lists = RefLists::load(seeds_dir)?;
    if dir.is_file() {
        let folder = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let (_, problems) = load_dir(folder, &lists)?;
        let name = dir.file_name();
        return Ok(problems
            .into_iter()
            .filter(|p| p.file.file_name() == name)
            .collect());
    }
    Ok(load_dir(dir, &lists)?.1)
}

/// Every schema of `forms_dir`, checked against `lists`; any problem is an error naming `file:line`, in
/// English (the operator's log).
pub fn files(forms_dir: &Path, lists: &RefLists, i18n: &I18n) -> Result<Vec<FileForm>> {
    let (forms, problems) = load_dir(forms_dir, lists)?;
    if !problems.is_empty() {
        let text: Vec<String> = problems.iter().map(|p| p.text(i18n, Lang::En)).collect();
        return Err(Error::Schema(text.join("\n")));
    }
    Ok(forms)
}

/// Loads every `*.toml` of `dir`; forms with problems are left out of the first list.
pub fn load_dir(dir: &Path, lists: &RefLists) -> Result<(Vec<FileForm>, Vec<Problem>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut forms: Vec<FileForm> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let source = std::fs::read_to_string(&path)?;
        let (form, mut found) = load_source(&path, &source, lists);
        if let Some(form) = form {
            if forms.iter().any(|f| f.form.id == form.id) {
                let line = Locator::new(&source).top_key("id");
                let args = [("id", form.id.as_str())];
                found.push(Problem::new(
                    path.clone(),
                    line,
                    "check-form-id-taken",
                    &args,
                ));
            } else if found.is_empty() {
                forms.push(FileForm { path, source, form });
            }
        }
        problems.extend(found);
    }
    let all: Vec<&Form> = forms.iter().map(|f| &f.form).collect();
    for f in &forms {
        problems.extend(super::matches::problems(&f.path, &f.source, &f.form, &all));
    }
    Ok((forms, problems))
}

pub use super::problem::Naming;

/// Parses and checks one file of `forms/`, resolving the reference lists it uses into the form.
pub fn load_source(path: &Path, source: &str, lists: &RefLists) -> (Option<Form>, Vec<Problem>) {
    load_checked(path, source, lists, Naming::File)
}

/// Parses and checks one schema, resolving the reference lists it uses into the form.
pub fn load_checked(
    path: &Path,
    source: &str,
    lists: &RefLists,
    naming: Naming,
) -> (Option<Form>, Vec<Problem>) {
    let mut form: Form = match toml::from_str(source) {
        Ok(form) => form,
        Err(e) => {
            let line = e.span().map(|s| line_of(source, s.start)).unwrap_or(1);
            // The parser's own words (English), inside a sentence of the reader's language.
            let args = [("detail", e.message())];
            let problem = Problem::new(path.to_path_buf(), line, "check-syntax", &args);
            return (None, vec![problem]);
        }
    };
    let problems = super::check::check_form(path, source, &mut form, lists, naming);
    (Some(form), problems)
}
