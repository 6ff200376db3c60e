//! A contacts file as it comes from a desktop: CSV separated by commas, semicolons (what a
//! Russian Excel writes) or tabs (what a paste from a spreadsheet holds), in UTF-8 with or
//! without a byte-order mark or in Windows-1251, or an Excel workbook of the same columns.
//! Each is read into one plain form, UTF-8 CSV with commas, which the preview shows and the
//! confirmation sends back, with what was detected said in words.
use super::import::{FileProblem, MAX_ROWS, REQUIRED};
use crate::archives;
use calamine::{Reader, Xlsx};
use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1251,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Encoding {
    /// Its name in the locale files' selectors.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Windows1251 => "windows-1251",
        }
    }
}

impl Delimiter {
    /// Its name in the locale files' selectors.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }

    const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// What a file was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Csv {
        encoding: Encoding,
        delimiter: Delimiter,
    },
    Xlsx {
        sheet: String,
    },
}

/// The largest file of contacts accepted (CSV or workbook), and what a workbook's archive may
/// unpack to. A directory's few hundred contacts take some tens of KiB.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// A contacts sheet has six columns; a few more are tolerated (and ignored).
const MAX_COLUMNS: usize = 40;

/// Reads an uploaded file's bytes into the plain CSV form.
pub fn read(bytes: &[u8]) -> Result<(String, Detected), FileProblem> {
    // Refused whole, never read in part: a file cut at the bound would preview as if complete.
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    if archives::is_zip(bytes) {
        return workbook(bytes);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| FileProblem::Encoding)?;
        (text.to_string(), Encoding::Utf8Bom)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), Encoding::Utf8)
    } else {
        // Every byte has a letter in Windows-1251: text in any other encoding reads as
        // nonsense, which the header check then refuses ("no column «institute»").
        let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
        (text.into_owned(), Encoding::Windows1251)
    };
    csv_text(&text, encoding)
}

/// Reads pasted text (already UTF-8) into the plain CSV form.
pub fn read_text(text: &str) -> Result<(String, Detected), FileProblem> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => csv_text(rest, Encoding::Utf8Bom),
        None => csv_text(text, Encoding::Utf8),
    }
}

fn csv_text(text: &str, encoding: Encoding) -> Result<(String, Detected), FileProblem> {
    if text.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileProblem::NotCsv(e.to_string()))?;
        if rows.len() > MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    let detected = Detected::Csv {
        encoding,
        delimiter,
    };
    Ok((plain(&rows)?, detected))
}

/// The separator whose header names the most required columns (commas when none does).
fn delimiter(text: &str) -> Delimiter {
    let header = text.lines().next().unwrap_or("");
    let named = |d: Delimiter| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(d.byte())
            .from_reader(header.as_bytes());
        let Some(Ok(first)) = reader.records().next() else {
            return 0;
        };
        first
            .iter()
            .filter(|h| REQUIRED.contains(&h.trim().to_lowercase().as_str()))
            .count()
    };
    Delimiter::ALL
        .into_iter()
        .max_by_key(|d| (named(*d), std::cmp::Reverse(*d as u8)))
        .unwrap_or(Delimiter::Comma)
}

fn workbook(bytes: &[u8]) -> Result<(String, Detected), FileProblem> {
    archives::check(bytes, MAX_FILE_BYTES, MAX_UNPACKED_BYTES)
        .map_err(|_| FileProblem::Workbook)?;
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileProblem::Workbook)?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or(FileProblem::Empty)?;
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|_| FileProblem::Workbook)?;
    let (height, width) = range.get_size();
    if height > MAX_ROWS + 1 {
        return Err(FileProblem::TooManyRows);
    }
    if width > MAX_COLUMNS {
        return Err(FileProblem::Workbook);
    }
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok((plain(&rows)?, Detected::Xlsx { sheet }))
}

/// The rows as UTF-8 CSV with commas.
fn plain(rows: &[Vec<String>]) -> Result<String, FileProblem> {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        out.write_record(row)
            .map_err(|e| FileProblem::NotCsv(e.to_string()))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| FileProblem::NotCsv(e.to_string()))?;
    // Every cell came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "institute;name;email;language;roles";

    #[test]
    fn separators_and_encodings_are_detected() {
        let semi = format!("{HEADER}\nVNIIM;Анна;a@x.org;ru;general\n");
        let (text, seen) = read(semi.as_bytes()).unwrap();
        assert!(
            text.starts_with("institute,name,email,language,roles\n"),
            "{text}"
        );
        assert!(text.contains("VNIIM,Анна,a@x.org"));
        let want = Detected::Csv {
            encoding: Encoding::Utf8,
            delimiter: Delimiter::Semicolon,
        };
        assert_eq!(seen, want);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&semi);
        let (again, seen) = read(&cp1251).unwrap();
        assert_eq!(again, text);
        assert!(matches!(
            seen,
            Detected::Csv {
                encoding: Encoding::Windows1251,
                ..
            }
        ));
        let tabs = semi.replace(';', "\t");
        let (again, seen) = read_text(&tabs).unwrap();
        assert_eq!(again, text);
        assert!(matches!(
            seen,
            Detected::Csv {
                delimiter: Delimiter::Tab,
                ..
            }
        ));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(semi.replace(';', ",").as_bytes());
        let (again, seen) = read(&bom).unwrap();
        assert_eq!(again, text);
        assert!(matches!(
            seen,
            Detected::Csv {
                encoding: Encoding::Utf8Bom,
                ..
            }
        ));
    }

    #[test]
    fn a_quoted_separator_stays_in_its_cell() {
        let semi = format!("{HEADER}\nVNIIM;\"Иванова; Анна\";a@x.org;ru;\"general,training\"\n");
        let (text, _) = read(semi.as_bytes()).unwrap();
        assert!(text.contains("VNIIM,Иванова; Анна,a@x.org"), "{text}");
        assert!(text.contains("\"general,training\""), "{text}");
    }

    #[test]
    fn a_bomb_or_a_broken_archive_is_refused() {
        assert_eq!(read(b"PK\x03\x04garbage"), Err(FileProblem::Workbook));
        assert_eq!(read(b""), Err(FileProblem::Empty));
        let big = "x".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(read(big.as_bytes()), Err(FileProblem::TooLarge));
    }
}
