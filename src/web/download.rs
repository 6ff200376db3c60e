//! A file to save, not to show: the exports, the survey's workbook, the printable
//! questionnaire's document.
use rocket::http::{ContentType, Header};
use rocket::response::Responder;

pub struct Download {
    pub name: String,
    pub content_type: ContentType,
    pub bytes: Vec<u8>,
}

impl<'r> Responder<'r, 'static> for Download {
    fn respond_to(self, req: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        // The name is ours (form id, year, unit key, extension), never typed by a user: the
        // callers keep it to letters, digits, hyphens and dots, so it needs no quoting.
        let disposition = format!("attachment; filename=\"{}\"", self.name);
        rocket::Response::build_from(self.bytes.respond_to(req)?)
            .header(self.content_type)
            .header(Header::new("Content-Disposition", disposition))
            .ok()
    }
}

/// `text` kept to what a file name may hold without quoting: letters and digits of ASCII,
/// hyphens and dots; anything else (a unit key's colon) becomes a hyphen.
pub fn file_name(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '.' => c,
            _ => '-',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_hold_no_quote_nor_path() {
        assert_eq!(
            super::file_name("institute:NBSM\"/../x"),
            "institute-NBSM--..-x"
        );
    }
}
