//! An uploaded workbook (a survey's XLSForm, a list of contacts) is untrusted: bounded in size
//! before it is opened, and its archive unpacked only into a counter first, so that a ZIP bomb
//! stops at the bound and nothing of it is kept.
use std::io::{Cursor, Read};

/// Why a workbook is not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unopened {
    TooLarge,
    NotWorkbook,
    /// Its parts unpack to more than the bound.
    Unpacked,
}

/// Whether `bytes` may be opened: at most `max_bytes`, unpacking to at most `max_unpacked`.
pub fn check(bytes: &[u8], max_bytes: usize, max_unpacked: u64) -> Result<(), Unopened> {
    if bytes.len() > max_bytes {
        return Err(Unopened::TooLarge);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unopened::NotWorkbook)?;
    let mut left = max_unpacked;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| Unopened::NotWorkbook)?;
        // What the entry really unpacks to, whatever its header claims.
        let mut counted = entry.take(left + 1);
        let n =
            std::io::copy(&mut counted, &mut std::io::sink()).map_err(|_| Unopened::NotWorkbook)?;
        if n > left {
            return Err(Unopened::Unpacked);
        }
        left -= n;
    }
    Ok(())
}

/// Whether `bytes` looks like a ZIP archive (an XLSX workbook is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}
