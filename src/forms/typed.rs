//! What an answer's text is read as: numbers as people write them in either language, and the
//! markup and control characters no answer may hold.

/// Markup in an answer is refused rather than escaped and kept: no survey asks for HTML.
pub(super) fn has_markup(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        c == '<'
            && s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
    })
}

pub(super) fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Why what was typed is not read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NotRead {
    NotANumber,
    /// "1,000": one thousand to an English reader, one to a Russian one.
    Ambiguous,
}

/// Digits in groups of three after a first group of one to three: "1,000,000".
fn thousands(groups: &str, sep: char) -> bool {
    let mut parts = groups.trim_start_matches(['-', '+']).split(sep);
    let first = parts.next().unwrap_or("");
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    (1..=3).contains(&first.len())
        && digits(first)
        && !first.starts_with('0')
        && parts.all(|p| p.len() == 3 && digits(p))
}

/// Numbers as our users write them: "1 500" and "1,5" (Russian), "1,500.5" (English). A single
/// comma before exactly three digits ("1,000") is refused rather than guessed: an answer is
/// never changed silently.
pub(super) fn parse_number(s: &str) -> Result<f64, NotRead> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let commas = cleaned.matches(',').count();
    let plain = match cleaned.split_once('.') {
        // "1,500.5": commas group thousands before a decimal point.
        Some((whole, _)) if commas > 0 => {
            if !thousands(whole, ',') {
                return Err(NotRead::NotANumber);
            }
            cleaned.replace(',', "")
        }
        _ if commas > 1 && thousands(&cleaned, ',') => cleaned.replace(',', ""),
        _ if commas == 1 && thousands(&cleaned, ',') => return Err(NotRead::Ambiguous),
        _ => cleaned.replace(',', "."),
    };
    plain
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .ok_or(NotRead::NotANumber)
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(parse_number("1 500"), Ok(1500.0));
        assert_eq!(parse_number("1\u{a0}500"), Ok(1500.0));
        assert_eq!(parse_number("2,5"), Ok(2.5));
        assert_eq!(parse_number("0,500"), Ok(0.5));
        assert_eq!(parse_number("1,5000"), Ok(1.5));
        assert_eq!(parse_number("1,500,000"), Ok(1_500_000.0));
        assert_eq!(parse_number("1,500.25"), Ok(1500.25));
        assert_eq!(parse_number("-12.5"), Ok(-12.5));
        assert_eq!(parse_number("1,000"), Err(NotRead::Ambiguous));
        assert_eq!(parse_number("-12,345"), Err(NotRead::Ambiguous));
        assert_eq!(parse_number("1,50.5"), Err(NotRead::NotANumber));
        assert_eq!(parse_number("1,5,0"), Err(NotRead::NotANumber));
        assert_eq!(parse_number("abc"), Err(NotRead::NotANumber));
        assert_eq!(parse_number("inf"), Err(NotRead::NotANumber));
    }

    #[test]
    fn markup_is_recognised_but_comparisons_are_not() {
        assert!(has_markup("<script>alert(1)</script>"));
        assert!(has_markup("x </b>"));
        assert!(!has_markup("staff < 5 and > 2"));
        assert!(!has_markup("a<5"));
    }
}
