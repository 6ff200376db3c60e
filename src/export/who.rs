//! The columns that begin every row: whose it is (unit, institute, country, CEEMS), and the
//! words of statuses, looked up once per export.
use super::Cell;
use crate::i18n::{I18n, Lang};
use crate::responses::Status;

/// The columns that say whose a row is (a reviewer gets no rows of a per-contact survey).
pub(super) struct Who {
    pub(super) unit: String,
    pub(super) institute: Option<String>,
    pub(super) country: Option<String>,
    pub(super) ceems: bool,
}

/// The words every row repeats, looked up once rather than 10,000 times.
pub(super) struct Words {
    ceems: String,
    others: String,
    statuses: [String; 3],
}

impl Words {
    pub(super) fn new(lang: Lang, i18n: &I18n) -> Self {
        let word = |key: &str| i18n.text(lang, key, &[]);
        Words {
            ceems: word("word-ceems"),
            others: word("word-others"),
            statuses: [Status::Draft, Status::Submitted, Status::Returned]
                .map(|s| word(&format!("status-{}", status_key(s)))),
        }
    }

    pub(super) fn status(&self, s: Status) -> &str {
        match s {
            Status::Draft => &self.statuses[0],
            Status::Submitted => &self.statuses[1],
            Status::Returned => &self.statuses[2],
        }
    }
}

pub(super) fn who_cells(w: &Who, words: &Words) -> Vec<Cell> {
    let opt = |v: &Option<String>| v.clone().map_or(Cell::Empty, Cell::Text);
    let ceems = if w.ceems { &words.ceems } else { &words.others };
    vec![
        Cell::Text(w.unit.clone()),
        opt(&w.institute),
        opt(&w.country),
        Cell::Text(ceems.clone()),
    ]
}

pub(super) fn who_header(lang: Lang, i18n: &I18n) -> Vec<String> {
    ["unit", "institute", "country", "ceems"]
        .iter()
        .map(|k| i18n.text(lang, &format!("export-col-{k}"), &[]))
        .collect()
}

pub(super) fn status_key(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Submitted => "submitted",
        Status::Returned => "returned",
    }
}
