//! One SMTP conversation.

use std::io;
use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::TcpStream;

use crate::{Received, State};

/// RFC 5321 allows 512 bytes per command line; be generous with extensions.
const MAX_COMMAND: usize = 4096;

const EHLO_REPLY: &[u8] = b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n";

#[derive(Default)]
struct Envelope {
    from: Option<String>,
    to: Vec<String>,
}

pub(crate) async fn run(mut stream: TcpStream, state: Arc<State>) {
    // I/O errors only mean the client went away; there is nobody to report them to.
    let _ = converse(&mut stream, &state).await;
}

async fn converse(stream: &mut TcpStream, state: &State) -> io::Result<()> {
    let (reader, writer) = stream.split();
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let mut writer = BufWriter::new(writer);
    let mut envelope = Envelope::default();
    let mut line = Vec::new();

    writer.write_all(b"220 sink ESMTP\r\n").await?;
    loop {
        // With PIPELINING, answer a whole batch in one write, but never sit on
        // replies when the next command is not complete yet (the client may be waiting).
        if !reader.buffer().contains(&b'\n') {
            writer.flush().await?;
        }
        line.clear();
        let consumed = read_line(&mut reader, &mut line, MAX_COMMAND).await?;
        if consumed == 0 {
            return Ok(());
        }
        if consumed > line.len() {
            writer.write_all(b"500 line too long\r\n").await?;
            continue;
        }
        let text = String::from_utf8_lossy(trim_eol(&line));
        let (verb, arg) = text.split_once(' ').unwrap_or((&text, ""));
        let reply = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                envelope = Envelope::default();
                writer.write_all(EHLO_REPLY).await?;
                continue;
            }
            "HELO" => {
                envelope = Envelope::default();
                "250 sink".to_owned()
            }
            // A MAIL inside a transaction simply starts a new one; strictness buys nothing here.
            "MAIL" => match path(arg, "FROM:") {
                Some(from) => {
                    envelope = Envelope {
                        from: Some(from.to_owned()),
                        to: Vec::new(),
                    };
                    "250 OK".to_owned()
                }
                None => "501 syntax: MAIL FROM:<address>".to_owned(),
            },
            "RCPT" => match path(arg, "TO:") {
                _ if envelope.from.is_none() => "503 need MAIL first".to_owned(),
                Some(to) if !to.is_empty() => match state.rejection(to) {
                    Some(code) => format!("{code} recipient <{to}> rejected"),
                    None => {
                        envelope.to.push(to.to_owned());
                        "250 OK".to_owned()
                    }
                },
                _ => "501 syntax: RCPT TO:<address>".to_owned(),
            },
            "DATA" if envelope.from.is_none() => "503 need MAIL first".to_owned(),
            // RFC 5321 3.3 / RFC 2920: refuse DATA itself, so a pipelining
            // client does not send a body nobody will take.
            "DATA" if envelope.to.is_empty() => "554 no valid recipients".to_owned(),
            "DATA" => {
                let Envelope { from, to } = std::mem::take(&mut envelope);
                writer
                    .write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                writer.flush().await?;
                let Some(data) = read_body(&mut reader, state.record).await? else {
                    return Ok(());
                };
                let n = state.accept(Received {
                    from: from.unwrap_or_default(),
                    to,
                    data: String::from_utf8_lossy(&data).into_owned(),
                });
                format!("250 queued as {n}")
            }
            "RSET" => {
                envelope = Envelope::default();
                "250 OK".to_owned()
            }
            "NOOP" => "250 OK".to_owned(),
            "QUIT" => {
                writer.write_all(b"221 bye\r\n").await?;
                writer.flush().await?;
                return Ok(());
            }
            _ => "502 command not implemented".to_owned(),
        };
        writer.write_all(reply.as_bytes()).await?;
        writer.write_all(b"\r\n").await?;
    }
}

/// Reads the message after a 354 up to the lone "." line, undoing dot-stuffing.
/// Returns `None` if the client disconnects first. When not recording, each
/// line is dropped as soon as it is seen, so memory stays bounded.
async fn read_body<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    record: bool,
) -> io::Result<Option<Vec<u8>>> {
    // Without recording, three bytes are enough to recognise ".\r\n" / ".\n".
    let limit = if record { usize::MAX } else { 3 };
    let mut body = Vec::new();
    loop {
        let start = body.len();
        let consumed = read_line(reader, &mut body, limit).await?;
        if consumed == 0 {
            return Ok(None);
        }
        let line = &body[start..];
        if consumed == line.len() && trim_eol(line) == b"." {
            body.truncate(start);
            break;
        }
        if !record {
            body.clear();
        } else if line.starts_with(b"..") {
            body.remove(start);
        }
    }
    // The line break before the final "." belongs to the terminator, not the message.
    let eol = body.len() - trim_eol(&body).len();
    body.truncate(body.len() - eol);
    Ok(Some(body))
}

/// Reads one line (through '\n', or up to EOF) and appends at most `limit`
/// bytes of it to `buf`. Returns the bytes consumed: 0 at EOF, more than were
/// appended when the line was too long.
async fn read_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<usize> {
    let mut consumed = 0;
    let mut kept = 0;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(consumed);
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let keep = chunk.len().min(limit - kept);
        buf.extend_from_slice(&chunk[..keep]);
        kept += keep;
        let len = chunk.len();
        reader.consume(len);
        consumed += len;
        if done {
            return Ok(consumed);
        }
    }
}

/// Strips one trailing CRLF or bare LF.
fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Extracts the address from `FROM:<a@b> PARAMS` / `TO:<a@b>`; parameters are ignored.
/// Returns `None` when the keyword is missing.
fn path<'a>(arg: &'a str, keyword: &str) -> Option<&'a str> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    match rest.strip_prefix('<') {
        Some(inner) => inner.split_once('>').map(|(address, _)| address),
        None => rest.split_whitespace().next().or(Some("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            path("FROM:<a@b> BODY=8BITMIME SMTPUTF8", "FROM:"),
            Some("a@b")
        );
        assert_eq!(path("from: <a@b>", "FROM:"), Some("a@b"));
        assert_eq!(path("FROM:<>", "FROM:"), Some(""));
        assert_eq!(path("TO:c@d", "TO:"), Some("c@d"));
        assert_eq!(path("TO:<c@d", "TO:"), None);
        assert_eq!(path("c@d", "TO:"), None);
    }

    #[tokio::test]
    async fn body_unstuffing_and_endings() {
        let input: &[u8] = b"a\r\n..b\r\n.c\n\r\n.\r\nNEXT";
        let mut reader = input;
        let body = read_body(&mut reader, true).await.unwrap().unwrap();
        assert_eq!(body, b"a\r\n.b\r\n.c\n");
        assert_eq!(reader, b"NEXT");

        let mut reader: &[u8] = b".\nrest";
        assert_eq!(read_body(&mut reader, true).await.unwrap().unwrap(), b"");

        let mut reader: &[u8] = b"long line\r\n..\r\n.\r\n";
        assert_eq!(read_body(&mut reader, false).await.unwrap().unwrap(), b"");

        let mut reader: &[u8] = b"cut off\r\n";
        assert_eq!(read_body(&mut reader, true).await.unwrap(), None);
    }

    #[tokio::test]
    async fn overlong_line_is_consumed_but_truncated() {
        let mut reader: &[u8] = b"abcdef\nnext\n";
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, &mut buf, 3).await.unwrap(), 7);
        assert_eq!(buf, b"abc");
        assert_eq!(reader, b"next\n");
    }
}
