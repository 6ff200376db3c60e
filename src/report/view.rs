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
    /// Nothing was submitted: no figure, "no data".
    pub nothing: bool,
    /// How many answered its question and how many left it blank, once anything was submitted.
    pub answered: Option<String>,
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

/// "9 answered, 2 left it blank", or "All 11 answered"; nothing before anything is submitted.
fn answered(i18n: &I18n, lang: Lang, ind: &IndicatorValue) -> Option<String> {
    let n = ind.answered?;
    let blank = ind.submitted.checked_sub(n).filter(|_| ind.submitted > 0)?;
    Some(match blank {
        0 => i18n.text(lang, "review-answered-all", &[("n", n.to_string())]),
        _ => i18n.text(
            lang,
            "review-answered-blank",
            &[("n", n.to_string()), ("blank", blank.to_string())],
        ),
    })
}

impl IndicatorView {
    pub fn new(i18n: &I18n, lang: Lang, ind: &IndicatorValue) -> Self {
        // A response rate is a figure before anything is submitted (0 of 12); the others are not.
        let nothing = ind.submitted == 0 && ind.answered.is_some();
        IndicatorView {
            id: ind.id.clone(),
            codes: ind.codes.join(", "),
            label: ind.label.clone(),
            nothing,
            answered: answered(i18n, lang, ind),
            value: ind
                .value
                .filter(|_| !nothing)
                .map(|v| figure(v, ind.value_percent, lang)),
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
