//! Acceptance 4 and the bounds of an untrusted workbook: `pulldata`, a `calculate` and an
//! unknown type are refused with their cells, in the reader's language, and nothing is
//! published; a ZIP bomb is refused without being unpacked, a sheet spanning too many cells is
//! refused, a formula is read as its stored value, and macros and external links are ignored.
use super::handwritten::{documented, survey};
use super::{csrf, upload};
use crate::common;
use crate::html::Page;
use coomet_surveys::forms::{versions, xlsform};
use rocket::http::Status;
use std::io::Write;

#[rocket::async_test]
async fn unsupported_constructs_are_refused_by_cell_and_nothing_is_published() {
    on_every_backend!(|t| {
        let mut rows = survey();
        rows[3][7] = "pulldata('labs', 'body', 'name', ${lab_name}) = 'x'";
        rows.insert(
            4,
            vec![
                "calculate",
                "total",
                "Total",
                "Итого",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        );
        rows.insert(
            5,
            vec![
                "geopoint", "where", "Where", "Где", "", "", "", "", "", "", "",
            ],
        );
        let bytes = documented(&rows);
        t.login_secretariat().await;
        let token = csrf(&t).await;
        for (lang, want) in [
            (
                "ru",
                [
                    "survey!H5: Функция «pulldata» не поддерживается.",
                    "survey!A6: Тип «calculate» не поддерживается.",
                    "survey!A7: Тип «geopoint» не поддерживается.",
                ],
            ),
            (
                "en",
                [
                    "survey!H5: The function “pulldata” is not supported.",
                    "survey!A6: The type “calculate” is not supported.",
                    "survey!A7: The type “geopoint” is not supported.",
                ],
            ),
        ] {
            t.get(&format!("/lang/{lang}")).await;
            let (status, page) = upload(&t, &token, "labs.xlsx", &bytes).await;
            assert_eq!(status, Status::Ok);
            let listed = Page::parse(&page).texts("ul.problems li");
            assert_eq!(listed, want, "{lang}");
            assert!(
                !page.contains("action=\"/admin/forms/publish\""),
                "no way to publish"
            );
        }
        let file = t.dir.path().join("labs.xlsx");
        std::fs::write(&file, &bytes).unwrap();
        let (ok, out, _) = crate::cli::run(&t, &["forms", "import", file.to_str().unwrap()]);
        assert!(!ok);
        assert!(
            out.contains("survey!H5: The function “pulldata” is not supported."),
            "{out}"
        );
        assert_eq!(
            versions::list(&t.app.db).await.unwrap().len(),
            7,
            "nothing published"
        );
    });
}

/// A valid workbook's archive with `extra` parts added (name, bytes, stored or deflated).
fn with_parts(bytes: &[u8], extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        out.start_file(name, deflated).unwrap();
        out.write_all(&data).unwrap();
    }
    for (name, data) in extra {
        out.start_file(*name, deflated).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn hostile_workbooks_are_refused_before_they_are_unpacked() {
    let good = documented(&survey());
    assert!(xlsform::import("good.xlsx", &good).is_ok());
    let key = |bytes: &[u8]| match xlsform::import("w.xlsx", bytes) {
        Ok(_) => "imported",
        Err(p) => p[0].key,
    };
    // 64 MiB of zeros packs into some 64 KiB: refused at the bound, never held.
    let bomb = with_parts(
        &good,
        &[("xl/media/zeros.bin", vec![0u8; 64 * 1024 * 1024])],
    );
    assert!(bomb.len() < xlsform::MAX_WORKBOOK_BYTES, "{}", bomb.len());
    assert_eq!(key(&bomb), "xls-unpacked");
    assert_eq!(
        key(&vec![b'x'; xlsform::MAX_WORKBOOK_BYTES + 1]),
        "xls-too-large"
    );
    assert_eq!(key(b"PK\x03\x04 not really"), "xls-not-workbook");
    // Macros and an external link are parts nobody reads.
    let macros = with_parts(
        &good,
        &[
            (
                "xl/vbaProject.bin",
                b"Attribute VB_Name = \"Shell\"".to_vec(),
            ),
            (
                "xl/externalLinks/externalLink1.xml",
                b"<externalLink/>".to_vec(),
            ),
        ],
    );
    assert_eq!(key(&macros), "imported");
}

#[test]
fn a_sheet_spanning_too_many_cells_is_refused_and_a_formula_is_its_stored_value() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("survey").unwrap();
    ws.write_string(0, 0, "type").unwrap();
    ws.write_string(300_000, 3, "far").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    ws.write_string(0, 0, "form_id").unwrap();
    let far = wb.save_to_buffer().unwrap();
    assert_eq!(
        xlsform::import("far.xlsx", &far).unwrap_err()[0].key,
        "xls-cells"
    );

    // A label typed as a formula: its stored value is the label; the formula is not run.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("survey").unwrap();
    for (c, h) in ["type", "name", "label::English (en)", "label::Russian (ru)"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "text").unwrap();
    ws.write_string(1, 1, "lab").unwrap();
    let formula = rust_xlsxwriter::Formula::new("=HYPERLINK(\"http://example.org\",\"x\")")
        .set_result("Laboratory");
    ws.write_formula(1, 2, formula).unwrap();
    ws.write_string(1, 3, "=1+1").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    ws.write_string(0, 0, "form_id").unwrap();
    ws.write_string(1, 0, "labs").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let imported = xlsform::import("f.xlsx", &bytes).unwrap();
    assert!(
        imported.source.contains("en = \"Laboratory\""),
        "{}",
        imported.source
    );
    assert!(
        imported.source.contains("ru = \"=1+1\""),
        "{}",
        imported.source
    );
    assert!(!imported.source.contains("HYPERLINK"));
}
