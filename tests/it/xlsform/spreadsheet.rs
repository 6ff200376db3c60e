//! Acceptance 3: the survey's workbook, downloaded from its page and changed in a spreadsheet
//! program (openpyxl stands for the person: a Russian label reworded, a choice added), uploads
//! as the next version with exactly those two differences shown, and publishes.
use super::{csrf, upload};
use crate::common;
use crate::html::Page;
use rocket::http::Status;
use std::process::Command;

const EDIT: &str = r#"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
survey = book["survey"]
head = [c.value for c in survey[1]]
name, ru = head.index("name"), head.index("label::Russian (ru)")
for row in survey.iter_rows(min_row=2):
    if row[name].value == "staff_other_rmo":
        row[ru].value = "Сотрудники, участвовавшие в программах других РМО (человек)"
choices = book["choices"]
head = [c.value for c in choices[1]]
row = [None] * len(head)
row[head.index("list_name")] = "format"
row[head.index("name")] = "hybrid"
row[head.index("label::English (en)")] = "Hybrid (in person and online)"
row[head.index("label::Russian (ru)")] = "Смешанный (очно и онлайн)"
choices.append(row)
book.save(sys.argv[2])
"#;

#[rocket::async_test]
async fn a_workbook_changed_in_a_spreadsheet_is_the_next_version_with_those_changes() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (_, page) = t.get("/admin/forms/training-needs").await;
        let link = "/admin/forms/training-needs/1/xlsx";
        assert!(!Page::parse(&page)
            .attrs(&format!("a[href='{link}']"), "href")
            .is_empty());
        let r = t.client.get(link).dispatch().await;
        assert_eq!(r.status(), Status::Ok);
        let kind = r.content_type().unwrap().to_string();
        assert!(kind.contains("spreadsheetml"), "{kind}");
        let downloaded = t.dir.path().join("training-needs-v1.xlsx");
        std::fs::write(&downloaded, r.into_bytes().await.unwrap()).unwrap();
        let changed = t.dir.path().join("training-needs-edited.xlsx");
        let out = Command::new("python3")
            .args(["-c", EDIT])
            .arg(&downloaded)
            .arg(&changed)
            .output()
            .expect("python3 with openpyxl (pip install openpyxl, as .ci/run does)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let token = csrf(&t).await;
        let bytes = std::fs::read(&changed).unwrap();
        let (status, page) = upload(&t, &token, "training-needs-edited.xlsx", &bytes).await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&page);
        let changes = p.texts("ol.changes > li");
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(
            changes.iter().any(|c| c.contains("staff_other_rmo")),
            "{changes:?}"
        );
        assert!(changes.iter().any(|c| c.contains("hybrid")), "{changes:?}");
        let v2 = crate::authoring::publish_shown(&t, &page, &token, "training-needs").await;
        assert!(v2.lists["format"].iter().any(|c| c.value == "hybrid"));
        let q = v2.question("staff_other_rmo").unwrap();
        assert_eq!(
            q.label.ru,
            "Сотрудники, участвовавшие в программах других РМО (человек)"
        );
    });
}
