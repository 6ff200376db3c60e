//! Surveys as XLSForm workbooks (issue 25): every survey exported is accepted by pyxform and
//! comes back the same; a workbook written as the XLSForm documentation writes them opens as a
//! campaign whose form works; a workbook changed with openpyxl uploads as the next version with
//! exactly those changes; unsupported constructs and hostile workbooks are refused by cell.
pub(crate) mod handwritten;
mod refused;
mod roundtrip;
mod spreadsheet;

use crate::common::TestApp;
use crate::directory::multipart;
use rocket::http::Status;
use rust_xlsxwriter::Workbook;

/// A workbook of `sheets`, each a header row and rows of cells, as a person would type them.
pub fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const BOUNDARY: &str = "----coomet-xlsform-boundary";

/// Uploads `bytes` as `name` on the surveys' page, as the browser sends a chosen file.
pub async fn upload(t: &TestApp, csrf: &str, name: &str, bytes: &[u8]) -> (Status, String) {
    let b = BOUNDARY;
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    multipart(t, "/admin/forms/upload", b, body).await
}

/// The secretariat's CSRF token, from the surveys' page.
pub async fn csrf(t: &TestApp) -> String {
    let (_, page) = t.get("/admin/forms").await;
    crate::html::Page::parse(&page)
        .input("csrf")
        .expect("a CSRF token")
}
