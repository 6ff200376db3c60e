//! What reading a workbook found so far: its problems by cell, and the cell of each
//! declaration (which `Imported::locate` puts the checker's problems back on).
use super::expr::Unsupported;
use crate::forms::problem::Problem;
use std::path::Path;

/// What the reading found so far: its problems, and the cell of each declaration.
pub(super) struct Reading<'a> {
    file: &'a Path,
    pub(super) problems: Vec<Problem>,
    pub(super) places: Vec<String>,
}

impl<'a> Reading<'a> {
    pub(super) fn new(file: &'a Path) -> Self {
        Reading {
            file,
            problems: Vec::new(),
            places: Vec::new(),
        }
    }

    pub(super) fn problem(
        &mut self,
        place: String,
        key: &'static str,
        args: &[(&'static str, &str)],
    ) {
        let mut p = Problem::new(self.file.to_path_buf(), 0, key, args);
        p.place = Some(place);
        self.problems.push(p);
    }

    pub(super) fn unsupported(&mut self, place: String, e: Unsupported) {
        let mut p = Problem::new(self.file.to_path_buf(), 0, e.key, &[]);
        p.args = e.args;
        p.place = Some(place);
        self.problems.push(p);
    }
}
