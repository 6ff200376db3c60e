//! The columns that begin every row: whose it is (unit, institute, country, CEEMS), and the
//! words of statuses, looked up once per export.
use super::{Audience, Cell, Headings};
use crate::campaigns::{self, campaign, UnitKey};
use crate::i18n::{I18n, Lang};
use crate::responses::response;
use crate::responses::Status;
use crate::Result;
use sea_orm::{ConnectionTrait, EntityTrait};

/// The columns that say whose a row is (a reviewer gets no rows of a per-contact survey).
pub(super) struct Who {
    /// The unit's key (`institute:AIM`), as the JSON export and a script's columns give it.
    pub(super) unit: String,
    /// The unit as a person reads it in the export's language: the institute's acronym, the
    /// country's name or the contact's address (the key, where columns are named as in the
    /// survey's file).
    pub(super) shown: String,
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
        Cell::Text(w.shown.clone()),
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

/// What names a response's rows: its unit, institute and country.
pub(super) struct Names {
    institutes: std::collections::HashMap<i32, crate::directory::institute::Model>,
    countries: std::collections::HashMap<String, crate::directory::country::Model>,
    /// Each country's CEEMS status in the campaign's year, as the indicators count it.
    ceems: std::collections::HashMap<String, bool>,
    /// Contacts' addresses by id, for units that are contacts; `None`: units shown by key.
    addresses: Option<std::collections::HashMap<i32, String>>,
    lang: Lang,
}

impl Names {
    pub(super) async fn load(
        db: &impl ConnectionTrait,
        c: &campaign::Model,
        audience: Audience,
    ) -> Result<Names> {
        let addresses = match audience.headings {
            Headings::Labels => Some(
                crate::directory::contact::Entity::find()
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|c| (c.id, c.email))
                    .collect(),
            ),
            Headings::Names => None,
        };
        Ok(Names {
            institutes: crate::directory::institutes_by_id(db).await?,
            countries: campaigns::countries(db).await?,
            ceems: crate::directory::countries::ceems_in(db, c.year).await?,
            addresses,
            lang: audience.lang,
        })
    }

    fn shown(&self, key: &UnitKey, country: Option<&str>) -> String {
        let Some(addresses) = &self.addresses else {
            return key.to_string();
        };
        match key {
            UnitKey::Institute(acronym) => acronym.clone(),
            UnitKey::Country(code) => country.unwrap_or(code).to_string(),
            UnitKey::Contact(id) => addresses
                .get(id)
                .cloned()
                .unwrap_or_else(|| key.to_string()),
        }
    }

    pub(super) fn who(&self, r: &response::Model) -> Who {
        let inst = r.institute_id.and_then(|id| self.institutes.get(&id));
        let country = r.country_code.as_ref().and_then(|c| self.countries.get(c));
        let country = country.map(|c| c.name(self.lang).to_string());
        Who {
            unit: r.unit_key.to_string(),
            shown: self.shown(&r.unit_key, country.as_deref()),
            institute: inst.map(|i| i.acronym.clone()),
            country,
            ceems: r
                .country_code
                .as_ref()
                .and_then(|c| self.ceems.get(c))
                .copied()
                .unwrap_or(r.ceems),
        }
    }
}
