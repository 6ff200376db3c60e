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
    /// For texts: what was written, by group.
    pub quote_groups: Vec<QuoteGroup>,
}

#[derive(Serialize)]
pub struct QuoteGroup {
    pub label: String,
    pub quotes: Vec<QuoteView>,
}

#[derive(Serialize)]
pub struct QuoteView {
    pub text: String,
    /// Who wrote it, joined; empty where nobody is named.
    pub by: String,
}

fn quote_groups(ind: &IndicatorValue) -> Vec<QuoteGroup> {
    let mut out: Vec<QuoteGroup> = Vec::new();
    for q in &ind.quotes {
        if out.last().is_none_or(|g| g.label != q.group) {
            out.push(QuoteGroup {
                label: q.group.clone(),
                quotes: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            g.quotes.push(QuoteView {
                text: q.text.clone(),
                by: q.by.join(", "),
            });
        }
    }
    out
}

impl IndicatorView {
    pub fn new(i18n: &I18n, lang: Lang, ind: &IndicatorValue) -> Self {
        IndicatorView {
            id: ind.id.clone(),
            codes: ind.codes.join(", "),
            label: ind.label.clone(),
            value: ind.value.map(|v| figure(v, ind.value_percent, lang)),
            target: ind.target.map(|v| figure(v, ind.value_percent, lang)),
            met: ind.met,
            columns: ind.columns.iter().map(|c| c.title(i18n, lang)).collect(),
            rows: ind
                .rows
                .iter()
                .map(|r| IndicatorRowView {
                    label: r.label.clone(),
                    cells: (r.cells.iter().zip(&ind.columns))
                        .map(|(v, c)| figure(*v, c.percent, lang))
                        .collect(),
                })
                .collect(),
            withheld: ind.withheld.join(", "),
            quote_groups: quote_groups(ind),
        }
    }
}
