//! Acceptance 1: every survey of `forms/`, exported from the database as a workbook, is
//! converted by pyxform (`xls2xform`, from PyPI) without an error, and imported back is the same
//! survey: no difference, and the very same schema once checked.
use crate::common;
use coomet_surveys::forms::lists::store;
use coomet_surveys::forms::versions::{self, Checked};
use coomet_surveys::forms::xlsform;
use std::process::Command;

#[rocket::async_test]
async fn every_survey_goes_out_to_pyxform_and_comes_back_the_same() {
    on_every_backend!(|t| {
        let current = t.app.forms.current(&t.app.db).await.unwrap();
        assert_eq!(current.forms.len(), 7);
        let lists = store::current(&t.app.db, &t.app.config.seeds_dir)
            .await
            .unwrap();
        for (id, stored) in &current.forms {
            let file = t.dir.path().join(format!("{id}.xlsx"));
            let path = file.to_str().unwrap();
            let (ok, out, err) =
                crate::cli::run(&t, &["forms", "export", id, "--format", "xlsx", "-o", path]);
            assert!(ok, "{err}");
            assert!(out.contains("written to"), "{out}");

            let xml = t.dir.path().join(format!("{id}.xml"));
            let converted = Command::new("xls2xform")
                .arg(&file)
                .arg(&xml)
                .output()
                .expect("xls2xform (pip install pyxform, as .ci/run does)");
            let said = String::from_utf8_lossy(&converted.stdout).into_owned()
                + &String::from_utf8_lossy(&converted.stderr);
            assert!(converted.status.success(), "{id}: {said}");
            assert!(said.contains("Conversion complete"), "{id}: {said}");
            assert!(!said.contains("Error"), "{id}: {said}");
            let form = std::fs::read_to_string(&xml).unwrap();
            assert!(form.contains("<h:html"), "{id}: an XForm");

            let bytes = std::fs::read(&file).unwrap();
            let imported = xlsform::import(path, &bytes).unwrap_or_else(|p| panic!("{id}: {p:?}"));
            let checked = versions::check(&t.app.forms, &t.app.db, &lists, path, &imported.source)
                .await
                .unwrap();
            let Checked::Ready(c) = checked else {
                panic!("{id}: {checked:?}");
            };
            assert!(c.changes.is_empty(), "{id}: {:?}", c.changes);
            let mut back = c.form.clone();
            back.version = stored.version;
            assert_eq!(&back, &**stored, "{id}: the same schema");

            let (ok, out, err) = crate::cli::run(&t, &["forms", "import", path, "--dry-run"]);
            assert!(ok, "{err}");
            assert_eq!(
                out.trim(),
                format!("{id}: no difference from version 1; nothing to publish")
            );
        }
    });
}
