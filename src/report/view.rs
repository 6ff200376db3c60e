//! An indicator as the pages show it: figures written out (`%` on rates), column titles in the
//! page's language, and the rows withheld from reviewers named.
use crate::i18n::{I18n, Lang};
use crate::indicators::{figure, IndicatorValue};
use serde::Serialize;

#[derive(Serialize)]
pub struct IndicatorRowView {
    pub label: String,
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub codes: String,
    pub label: String,
    pub value: Option<String>,
    pub target: Option<String>,
    pub met: Option<bool>,
    pub columns: Vec<String>,
    pub rows: Vec<IndicatorRowView>,
    /// Rows not shown to reviewers: too few answers make them up.
    pub withheld: String,
}

impl IndicatorView {
    pub fn new(i18n: &I18n, lang: Lang, ind: &IndicatorValue) -> Self {
        IndicatorView {
            id: ind.id.clone(),
            codes: ind.codes.join(", "),
            label: ind.label.clone(),
            value: ind.value.map(|v| figure(v, ind.value_percent)),
            target: ind.target.map(|v| figure(v, ind.value_percent)),
            met: ind.met,
            columns: ind.columns.iter().map(|c| c.title(i18n, lang)).collect(),
            rows: ind
                .rows
                .iter()
                .map(|r| IndicatorRowView {
                    label: r.label.clone(),
                    cells: (r.cells.iter().zip(&ind.columns))
                        .map(|(v, c)| figure(*v, c.percent))
                        .collect(),
                })
                .collect(),
            withheld: ind.withheld.join(", "),
        }
    }
}
