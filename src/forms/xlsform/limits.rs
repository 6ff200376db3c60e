//! A workbook is untrusted: bounded in size before it is opened, its archive unpacked only
//! into a counter first (a ZIP bomb stops at the bound, nothing is kept), and its sheets bounded
//! in cells. Macros (`vbaProject.bin`) and external links are never read.
use std::io::{Cursor, Read};

/// The largest workbook accepted; a survey's is some tens of KiB.
pub const MAX_WORKBOOK_BYTES: usize = 1024 * 1024;
/// The most its archive may unpack to, all parts together.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// The most cells a sheet may span.
pub const MAX_CELLS: usize = 200_000;

/// The locale key of why `bytes` is not opened, if it is not.
pub(super) fn refused(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Some("xls-too-large");
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Some("xls-not-workbook");
    };
    let mut left = MAX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            return Some("xls-not-workbook");
        };
        // What the entry really unpacks to, whatever its header claims.
        let mut counted = entry.take(left + 1);
        let Ok(n) = std::io::copy(&mut counted, &mut std::io::sink()) else {
            return Some("xls-not-workbook");
        };
        if n > left {
            return Some("xls-unpacked");
        }
        left -= n;
    }
    None
}
