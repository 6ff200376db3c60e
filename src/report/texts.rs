//! What the secretariat writes into a year's report: a preface, and a commentary per survey,
//! each in both languages, kept per year (table `report_texts`) and shown as safe Markdown.
use super::markdown;
use crate::audit::{Action, Actor, Command, Target};
use crate::i18n::Lang;
use crate::{Refusal, Result};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeMap;

pub mod text {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "report_texts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub year: i32,
        pub section: String,
        pub text_en: String,
        pub text_ru: String,
        pub updated_by: String,
        pub updated_at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Where in the report a text stands.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Before the surveys, after the report's title.
    Preface,
    /// At the head of a survey's part, before its figures.
    Survey(String),
}

impl Section {
    pub fn key(&self) -> &str {
        match self {
            Section::Preface => "preface",
            Section::Survey(id) => id,
        }
    }

    fn of(key: &str) -> Section {
        match key {
            "preface" => Section::Preface,
            id => Section::Survey(id.to_string()),
        }
    }
}

/// A section's text in both languages, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub en: String,
    pub ru: String,
}

impl Written {
    /// The text in `lang` as HTML; the other language's where `lang`'s is empty, so that a
    /// preface written in one language only still stands in the report; `None` without either.
    pub fn html(&self, lang: Lang) -> Option<(String, Lang)> {
        let (first, other) = (lang.pick(&self.en, &self.ru), lang.pick(&self.ru, &self.en));
        let other_lang = lang.pick(&Lang::Ru, &Lang::En);
        match (first.trim().is_empty(), other.trim().is_empty()) {
            (false, _) => Some((markdown::to_html(first), lang)),
            (true, false) => Some((markdown::to_html(other), *other_lang)),
            (true, true) => None,
        }
    }
}

/// Every text of `year`'s report, by section.
pub async fn of_year(db: &impl ConnectionTrait, year: i32) -> Result<BTreeMap<Section, Written>> {
    Ok(text::Entity::find()
        .filter(text::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let written = Written {
                en: t.text_en,
                ru: t.text_ru,
            };
            (Section::of(&t.section), written)
        })
        .collect())
}

/// Keeps the texts of `year`'s sections as given (an empty pair removes nothing: it is kept
/// empty), on the trail with the sections changed; unchanged sections are not written.
pub async fn save(
    db: &sea_orm::DatabaseConnection,
    by: &Actor,
    year: i32,
    given: Vec<(Section, Written)>,
) -> Result<usize> {
    for (_, w) in &given {
        let longest = w.en.chars().count().max(w.ru.chars().count());
        if longest > markdown::MAX_CHARS {
            return Err(Refusal::ReportTextTooLong(markdown::MAX_CHARS).into());
        }
    }
    let cmd = Command::begin(db, by, Action::ReportWrite).await?;
    let before = of_year(cmd.tx(), year).await?;
    let mut changed = Vec::new();
    for (section, w) in given {
        if before.get(&section).cloned().unwrap_or_default() == w {
            continue;
        }
        let found = text::Entity::find()
            .filter(text::Column::Year.eq(year))
            .filter(text::Column::Section.eq(section.key()))
            .one(cmd.tx())
            .await?;
        let mut row = match found {
            Some(t) => text::ActiveModel::from(t),
            None => text::ActiveModel {
                year: Set(year),
                section: Set(section.key().to_string()),
                ..Default::default()
            },
        };
        row.text_en = Set(w.en);
        row.text_ru = Set(w.ru);
        row.updated_by = Set(by.who.clone());
        row.updated_at = Set(crate::db::now());
        row.save(cmd.tx()).await?;
        changed.push(section.key().to_string());
    }
    if changed.is_empty() {
        return Ok(0);
    }
    let count = changed.len();
    cmd.done(&Target::Report(year), Some(changed.join(", ")))
        .await?;
    Ok(count)
}
