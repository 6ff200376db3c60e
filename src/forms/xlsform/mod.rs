//! Surveys as XLSForm workbooks (xlsform.org: the `survey`, `choices` and `settings` sheets),
//! the format of ODK, KoboToolbox and SurveyCTO: written from a version (`export`) and read
//! back as the TOML of a new one (`import`), which is then checked, compared and published as a
//! file is. What XLSForm has no column for is in `coomet_*` columns and sheets, which XLSForm
//! tools ignore, so that a survey comes back exactly as it went out (`forms/README.md`).
mod export;
pub mod expr;
mod import;
mod limits;
mod reading;
mod sheet;
mod survey;

pub use export::export;
pub use import::{import, Imported};
pub use limits::{MAX_CELLS, MAX_UNPACKED_BYTES, MAX_WORKBOOK_BYTES};

/// The languages' column suffixes, as the XLSForm documentation writes them.
pub const EN: &str = "English (en)";
pub const RU: &str = "Russian (ru)";

/// The choices list the engine's yes/no questions are written with.
pub const YES_NO_LIST: &str = "coomet_yes_no";

/// Whether `bytes` look like a workbook (a ZIP archive) rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The survey sheet's columns, in order: XLSForm's own, then the engine's.
const SURVEY_COLUMNS: &[&str] = &[
    "type",
    "name",
    "label::English (en)",
    "label::Russian (ru)",
    "hint::English (en)",
    "hint::Russian (ru)",
    "required",
    "required_message::English (en)",
    "required_message::Russian (ru)",
    "relevant",
    "constraint",
    "constraint_message::English (en)",
    "constraint_message::Russian (ru)",
    "appearance",
    "repeat_count",
    "coomet_type",
    "coomet_list",
    "coomet_unit::English (en)",
    "coomet_unit::Russian (ru)",
    "coomet_detail::English (en)",
    "coomet_detail::Russian (ru)",
    "coomet_exclude_own",
    "coomet_min_rows",
    "coomet_max_rows",
    "coomet_messages",
    "coomet_was",
    "coomet_large_change",
];

const CHOICES_COLUMNS: &[&str] = &[
    "list_name",
    "name",
    "label::English (en)",
    "label::Russian (ru)",
    "coomet_value",
    "coomet_reference",
];

const SETTINGS_COLUMNS: &[&str] = &[
    "form_title",
    "form_id",
    "version",
    "default_language",
    "coomet_title::English (en)",
    "coomet_title::Russian (ru)",
    "coomet_intro::English (en)",
    "coomet_intro::Russian (ru)",
    "coomet_unit",
    "coomet_audience",
    "coomet_circulate",
    "coomet_reviewer_min_count",
];

/// Indicators and matches: their labels in columns, the rest of each as JSON in `definition`
/// (the engine's own; no XLSForm tool reads them).
const DEFINED_COLUMNS: &[&str] = &[
    "id",
    "label::English (en)",
    "label::Russian (ru)",
    "definition",
];
