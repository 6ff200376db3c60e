//! A workbook is untrusted: bounded in size before it is opened, its archive unpacked only
//! into a counter first (a ZIP bomb stops at the bound, nothing is kept), and its sheets bounded
//! in cells. Macros (`vbaProject.bin`) and external links are never read.

/// The largest workbook accepted; a survey's is some tens of KiB.
pub const MAX_WORKBOOK_BYTES: usize = 1024 * 1024;
/// The most its archive may unpack to, all parts together.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// The most cells a sheet may span.
pub const MAX_CELLS: usize = 200_000;

/// The locale key of why `bytes` is not opened, if it is not.
pub(super) fn refused(bytes: &[u8]) -> Option<&'static str> {
    use crate::archives::{check, Unopened};
    match check(bytes, MAX_WORKBOOK_BYTES, MAX_UNPACKED_BYTES) {
        Ok(()) => None,
        Err(Unopened::TooLarge) => Some("xls-too-large"),
        Err(Unopened::NotWorkbook) => Some("xls-not-workbook"),
        Err(Unopened::Unpacked) => Some("xls-unpacked"),
    }
}
