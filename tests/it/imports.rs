//! Contacts imported from a Russian desktop (issue 26): CSV with semicolons or tabs, in UTF-8
//! with or without a byte-order mark or in Windows-1251, and an Excel workbook, each read the
//! same, with what was detected said on the preview; an address another institute's contact
//! already has is flagged on the preview and on the contact's page.
use crate::common::{self, TestApp};
use crate::directory::{confirm, multipart};
use crate::html::Page;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const BOUNDARY: &str = "----coomet-import";

async fn upload(t: &TestApp, csrf: &str, name: &str, bytes: &[u8]) -> (Status, String) {
    let b = BOUNDARY;
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(
        format!(
            "\r\n--{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n--{b}--\r\n"
        )
        .as_bytes(),
    );
    multipart(t, "/admin/contacts/import", b, body).await
}

async fn paste(t: &TestApp, csrf: &str, text: &str) -> (Status, String) {
    let b = BOUNDARY;
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n--{b}--\r\n"
    );
    multipart(t, "/admin/contacts/import", b, body).await
}

/// Two rows as Russian Excel writes them: the second with the address of an NBSM contact.
const ROWS: &str = "institute;name;email;language;roles\r\n\
VNIIM;Иванова Анна;anna.ivanova@vniim.example;ru;\"training,general\"\r\n\
AIM;Иван Демо;training.nbsm@example.org;ru;general\r\n";

fn xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet().set_name("Контакты").unwrap();
    for (r, line) in ROWS.lines().enumerate() {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(b';')
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        for (c, cell) in record.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The preview's statement of what was read, its rows, and the text sent back to confirm.
fn preview(page: &str) -> (String, Vec<String>, String) {
    let p = Page::parse(page);
    let said = p.texts("p[role='status']").join(" ");
    let flagged = p.texts("p.elsewhere");
    let text = p.texts("textarea[name='text']").join("");
    (said, flagged, text)
}

#[rocket::async_test]
async fn semicolons_tabs_windows_1251_and_workbooks_are_read_alike() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (_, page) = t.get("/admin/contacts/import").await;
        let csrf = Page::parse(&page).input("csrf").unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(ROWS.as_bytes());
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(ROWS);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "contacts.csv",
                bom,
                "UTF-8 (с меткой порядка байтов), разделитель столбцов — точка с запятой",
            ),
            (
                "contacts.csv",
                cp1251.into_owned(),
                "Windows-1251, разделитель столбцов — точка с запятой",
            ),
            (
                "contacts.xlsx",
                xlsx(),
                "книга Excel: её первый лист, «Контакты»",
            ),
        ];
        let mut texts = Vec::new();
        for (name, bytes, detected) in cases {
            let (status, page) = upload(&t, &csrf, name, &bytes).await;
            assert_eq!(status, Status::Ok);
            let (said, flagged, text) = preview(&page);
            assert!(said.contains(detected), "{name}: {said}");
            assert!(said.contains("2"), "two good rows: {said}");
            assert_eq!(flagged.len(), 1, "{name}: {flagged:?}");
            assert!(flagged[0].contains("NBSM"), "{flagged:?}");
            assert!(
                page.contains("Иванова Анна"),
                "Cyrillic read right from {name}"
            );
            texts.push(text);
        }
        let tabs = ROWS.replace(';', "\t");
        let (_, page) = paste(&t, &csrf, &tabs).await;
        let (said, _, text) = preview(&page);
        assert!(said.contains("табуляция"), "{said}");
        texts.push(text);
        assert!(
            texts.windows(2).all(|w| w[0] == w[1]),
            "every form reads the same: {texts:?}"
        );

        let (status, _) = confirm(&t, &csrf, &texts[0]).await;
        assert_eq!(status, Status::SeeOther);
        let anna = t
            .contact("anna.ivanova@vniim.example")
            .await
            .expect("imported");
        assert_eq!(anna.name, "Иванова Анна");
        let shared = coomet_surveys::directory::contact::Entity::find()
            .filter(
                coomet_surveys::directory::contact::Column::Email.eq("training.nbsm@example.org"),
            )
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(shared.len(), 2, "NBSM's and now AIM's");
        for c in shared {
            let (_, page) = t.get(&format!("/admin/contacts/{}", c.id)).await;
            let flag = Page::parse(&page).texts(".notice.elsewhere").join("");
            let other = if flag.contains("AIM") { "AIM" } else { "NBSM" };
            assert!(
                flag.contains("Этот адрес есть и у контактного лица"),
                "{page}"
            );
            assert!(flag.contains(other));
        }
    });
}

#[rocket::async_test]
async fn a_broken_workbook_or_broken_utf8_is_refused_in_the_users_language() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (_, page) = t.get("/admin/contacts/import").await;
        let csrf = Page::parse(&page).input("csrf").unwrap();
        let (status, page) = upload(&t, &csrf, "contacts.xlsx", b"PK\x03\x04broken").await;
        assert_eq!(status, Status::Ok);
        let error = Page::parse(&page).texts(".notice.error").join("");
        assert!(error.contains("The workbook cannot be read"), "{error}");
        assert!(!page.contains("import/confirm"), "nothing to confirm");
        // A byte-order mark promises UTF-8 that does not follow.
        let (_, page) = upload(&t, &csrf, "contacts.csv", b"\xEF\xBB\xBFinstitute,\xC0\n").await;
        let error = Page::parse(&page).texts(".notice.error").join("");
        assert!(error.contains("neither UTF-8 nor Windows-1251"), "{error}");
    });
}
