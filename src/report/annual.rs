//! The annual report as the Committee reads it: the organisation, the year and the day it was
//! produced, the secretariat's preface, then every survey of the year with its commentary and
//! its figures (page numbers come from the print style).
use super::texts::{self, Section, Written};
use super::{campaign_results, CampaignResults};
use crate::campaigns;
use crate::i18n::{I18n, Lang};
use crate::Result;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::collections::BTreeMap;

/// A text the secretariat wrote, as HTML, in the language it is shown in (the other one's
/// where the page's is empty, marked so for assistive technology).
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub html: String,
    pub lang: Lang,
}

fn shown(texts: &BTreeMap<Section, Written>, section: &Section, lang: Lang) -> Option<Shown> {
    let (html, lang) = texts.get(section)?.html(lang)?;
    Some(Shown { html, lang })
}

/// The annual report: every survey with a campaign in `year`.
#[derive(Serialize)]
pub struct Report {
    pub year: i32,
    /// The day it was produced, as the organisation's clock has it.
    pub produced: String,
    pub preface: Option<Shown>,
    pub surveys: Vec<CampaignResults>,
    /// Surveys without a campaign that year, by title.
    pub missing: Vec<String>,
}

pub async fn year_report(
    db: &impl ConnectionTrait,
    forms: &crate::forms::Registry,
    year: i32,
    lang: Lang,
    i18n: &I18n,
) -> Result<Report> {
    let written = texts::of_year(db, year).await?;
    let mut surveys = Vec::new();
    let mut missing = Vec::new();
    for form in forms.forms.values() {
        let found = campaigns::of_form(db, &form.id).await?;
        match found.iter().find(|c| c.year == year) {
            Some(c) => {
                let mut results = campaign_results(db, c, lang, i18n).await?;
                let section = Section::Survey(form.id.clone());
                results.commentary = shown(&written, &section, lang);
                surveys.push(results);
            }
            None => missing.push(form.title.get(lang).to_string()),
        }
    }
    Ok(Report {
        year,
        produced: crate::dates::fmt_day(crate::dates::today()),
        preface: shown(&written, &Section::Preface, lang),
        surveys,
        missing,
    })
}
