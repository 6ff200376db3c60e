//! Text bound for a spreadsheet. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is run as a formula by Excel and LibreOffice (`=HYPERLINK(...)` in an "other, please
//! specify" answer); such text is written with a leading apostrophe, which spreadsheets show
//! as plain text (OWASP's advice for CSV injection).
use std::borrow::Cow;

pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_become_text_and_the_rest_is_left_alone() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for risky in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_safe(risky).starts_with('\''), "{risky}");
        }
        for plain in ["", "Калибровка", "TC 1.3", "1.5", "a=b"] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }
}
