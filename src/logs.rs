//! What reaches the log, whoever wrote the line: Rocket's own messages (through the `log`
//! bridge), a dependency's, or ours. Two rules hold for every line, at every level, because
//! they are kept by the writer rather than by each call:
//! - a personal link's token is never written (`/r/<token>` becomes `/r/[token]`), whatever
//!   the method or message that names the path;
//! - one event is one line: a newline or other control character inside a logged value (a
//!   reported field, a header, a name) is written escaped, so nobody can add a line that looks
//!   like the service's own.
use std::io::{self, Write};

/// Shortest run of token characters after `/r/` taken for a token: the service's tokens are 43;
/// a shorter word is a page name (`/r/` itself, the lost-link page).
const TOKEN_MIN: usize = 16;

/// The line as it may be written: tokens replaced, inner control characters escaped. The
/// final newline of the event is kept.
pub fn sanitised(line: &str) -> String {
    let (body, end) = match line.strip_suffix('\n') {
        Some(body) => (body, "\n"),
        None => (line, ""),
    };
    let mut out = String::with_capacity(line.len());
    for c in redacted(body).chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out.push_str(end);
    out
}

fn redacted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("/r/") {
        let after = &rest[at + 3..];
        let run = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        out.push_str(&rest[..at + 3]);
        if run >= TOKEN_MIN {
            out.push_str("[token]");
        } else {
            out.push_str(&after[..run]);
        }
        rest = &after[run..];
    }
    out.push_str(rest);
    out
}

/// Standard error, through `sanitised`. tracing's formatter hands over each event whole, in
/// one write, which is what lets a newline be told from the event's end.
pub struct Sanitised;

impl Write for Sanitised {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let line = String::from_utf8_lossy(buf);
        io::stderr().lock().write_all(sanitised(&line).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Sanitised {
    type Writer = Sanitised;

    fn make_writer(&'a self) -> Self::Writer {
        Sanitised
    }
}

#[cfg(test)]
mod tests {
    use super::sanitised;

    #[test]
    fn tokens_are_never_written_and_page_names_are() {
        let token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
        let line = format!("No matching routes for OPTIONS /r/{token}/pass text/plain.\n");
        assert_eq!(
            sanitised(&line),
            "No matching routes for OPTIONS /r/[token]/pass text/plain.\n"
        );
        assert_eq!(sanitised("GET /r/ and /r/lost\n"), "GET /r/ and /r/lost\n");
        assert!(!sanitised(&format!("a=/r/{token}?x b=/r/{token}")).contains(token));
    }

    #[test]
    fn a_forged_line_stays_inside_its_own() {
        let forged =
            "WARN blocked=x\n2026-12-03 INFO signed in account=sec@example.org\r\u{1b}[0m\n";
        let out = sanitised(forged);
        assert_eq!(out.matches('\n').count(), 1, "{out}");
        assert!(out.ends_with('\n'));
        assert!(out.contains("x\\n2026-12-03 INFO signed in"));
        assert!(!out.contains('\u{1b}'));
    }
}
