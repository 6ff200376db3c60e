//! The six surveys of SURVEYS.md (2-7), each through the real Rocket instance: a valid response is
//! accepted from a Russian-speaking and from an English-speaking contact and stored as sent; every
//! kind of wrong answer the survey can get is refused beside its field, in the contact's language,
//! with everything typed kept; and every declared indicator equals a count made by hand from the
//! fixture responses, written out literally below.
use crate::common;

use coomet_surveys::directory::{contact, institute};
use coomet_surveys::forms::{Form, Kind, Unit};
use coomet_surveys::indicators::IndicatorValue;
use coomet_surveys::responses::response;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Posted forms
// ---------------------------------------------------------------------------------------------

/// A form as a browser posts it: names and values in order, a name repeated for each value of a
/// multiple choice.
#[derive(Clone, Debug, Default)]
struct Fields(Vec<(String, String)>);

impl Fields {
    fn new(pairs: &[(&str, &str)]) -> Self {
        Fields(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn add(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.push((name.into(), value.into()));
        self
    }

    /// These fields with every value of each name in `set` replaced by the one given (added if
    /// absent) and every name under `drop` removed.
    fn changed(&self, set: &[(String, String)], drop: Option<&str>) -> Fields {
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, v) in &self.0 {
            if drop.is_some_and(|p| k.starts_with(p)) {
                continue;
            }
            match set.iter().find(|(s, _)| s == k) {
                Some((_, new)) if !out.iter().any(|(o, _)| o == k) => {
                    out.push((k.clone(), new.clone()))
                }
                Some(_) => {}
                None => out.push((k.clone(), v.clone())),
            }
        }
        for (k, v) in set {
            if !out.iter().any(|(o, _)| o == k) {
                out.push((k.clone(), v.clone()));
            }
        }
        Fields(out)
    }
}

/// A wrong answer: the changes that make it, the field whose message says so, and the message.
struct Bad {
    set: Vec<(String, String)>,
    drop: Option<&'static str>,
    field: String,
    en: String,
    ru: String,
    /// The value set is not one of the options, so a page cannot show it as chosen.
    unlisted: bool,
}

/// `set` values of "{own}" become the posting contact's institute.
fn bad(field: &str, set: &[(&str, &str)], (en, ru): (String, String)) -> Bad {
    Bad {
        set: set
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        drop: None,
        field: field.to_string(),
        en,
        ru,
        unlisted: false,
    }
}

impl Bad {
    fn unlisted(mut self) -> Self {
        self.unlisted = true;
        self
    }

    fn dropping(mut self, prefix: &'static str) -> Self {
        self.drop = Some(prefix);
        self
    }
}

/// The engine's messages (templates/locales/{en,ru}/main.ftl) and the schemas' own.
fn m(en: &str, ru: &str) -> (String, String) {
    (en.to_string(), ru.to_string())
}
fn required() -> (String, String) {
    m(
        "Please answer this question.",
        "Ответьте, пожалуйста, на этот вопрос.",
    )
}
fn not_a_choice() -> (String, String) {
    m(
        "Please choose one of the options offered.",
        "Выберите один из предложенных вариантов.",
    )
}
fn whole_number() -> (String, String) {
    m(
        "Please enter a whole number, e.g. 12.",
        "Введите целое число, например 12.",
    )
}
fn markup() -> (String, String) {
    m(
        "Please remove the markup (text in angle brackets such as <b>) or control characters.",
        "Уберите, пожалуйста, разметку (текст в угловых скобках, например <b>) или управляющие символы.",
    )
}
fn other_required() -> (String, String) {
    m(
        "Please say what “Other” is.",
        "Уточните, что означает «Другое».",
    )
}
fn at_least(n: &str) -> (String, String) {
    m(
        &format!("Please enter a number of at least {n}."),
        &format!("Введите число не меньше {n}."),
    )
}
fn at_most(n: &str) -> (String, String) {
    m(
        &format!("Please enter a number of at most {n}."),
        &format!("Введите число не больше {n}."),
    )
}
fn too_long(n: usize) -> (String, String) {
    m(
        &format!("Please shorten this answer to {n} characters at most."),
        &format!("Сократите ответ до {n} символов."),
    )
}
fn too_many_rows(n: usize) -> (String, String) {
    m(
        &format!("At most {n} rows are accepted."),
        &format!("Допускается не более {n} строк."),
    )
}
fn yes_or_no() -> (String, String) {
    m(
        "Please answer Yes or No.",
        "Ответьте, пожалуйста, «Да» или «Нет».",
    )
}
fn at_least_one_row() -> (String, String) {
    m(
        "Please add at least one traineeship, or answer “No” above.",
        "Добавьте хотя бы одну стажировку или ответьте «Нет» на вопрос выше.",
    )
}
fn at_most_52_weeks() -> (String, String) {
    m(
        "A traineeship lasts at most 52 weeks (one year).",
        "Стажировка длится не более 52 недель (одного года).",
    )
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/// The message shown beside field `field`.
fn message_at(page: &str, field: &str) -> Option<String> {
    crate::html::Page::parse(page).error_at(field)
}

/// Whether the page shows `value` in the control named `name`: as the text of a box, or as the
/// chosen option, radio button or checkbox.
fn kept(page: &str, name: &str, value: &str) -> bool {
    crate::html::Page::parse(page)
        .shown(name)
        .iter()
        .any(|v| v == value)
}

/// The stored answer that a posted name fills: `q`, `q.other`, `group.row.q`, `grid.row.q`.
fn answer_at<'a>(form: &Form, answers: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let parts: Vec<&str> = name.splitn(3, '.').collect();
    if let [scope, row, inner] = parts[..] {
        if let Some(q) = form
            .question(scope)
            .filter(|q| matches!(q.kind, Kind::Group | Kind::Grid))
        {
            let i: usize = row.parse().ok()?;
            let row = match q.kind {
                Kind::Grid => answers.get(scope)?.get(&form.choices(q)[i].value)?,
                _ => answers.get(scope)?.get(i)?,
            };
            return row.get(inner);
        }
    }
    answers.get(name)
}

fn holds(stored: &Value, typed: &str) -> bool {
    let typed = typed.trim();
    match stored {
        Value::String(s) => s == typed,
        Value::Number(n) => n.as_f64() == typed.replace(',', ".").parse().ok(),
        Value::Array(items) => items.iter().any(|i| i.as_str() == Some(typed)),
        _ => false,
    }
}

fn is_meta(name: &str) -> bool {
    name.starts_with('_') || name.ends_with("._rows")
}

// ---------------------------------------------------------------------------------------------
// A campaign of one survey
// ---------------------------------------------------------------------------------------------

struct Run<'a> {
    t: &'a common::TestApp,
    campaign: i32,
    form: Form,
    links: BTreeMap<String, String>,
}

/// Who a contact is: their language, their institute and the unit they answer for.
struct Who {
    language: coomet_surveys::i18n::Lang,
    acronym: String,
    unit_key: coomet_surveys::campaigns::UnitKey,
}

impl<'a> Run<'a> {
    async fn open(t: &'a common::TestApp, form: &str, year: i32) -> Run<'a> {
        let campaign = t.open_campaign(form, year).await;
        let links = t
            .invite_and_send(campaign)
            .await
            .into_iter()
            .map(|(to, mail)| (to, mail.link_path()))
            .collect();
        let form = coomet_surveys::campaigns::get(&t.app.db, campaign)
            .await
            .unwrap()
            .form()
            .unwrap();
        Run {
            t,
            campaign,
            form,
            links,
        }
    }

    /// The row number of `value` in the grid `grid` (its list's order).
    fn row(&self, grid: &str, value: &str) -> usize {
        let q = self.form.question(grid).expect("grid");
        self.form
            .choices(q)
            .iter()
            .position(|c| c.value == value)
            .unwrap_or_else(|| panic!("{value} is a row of {grid}"))
    }

    async fn who(&self, email: &str) -> Who {
        let db = &self.t.app.db;
        let c = contact::Entity::find()
            .filter(contact::Column::Email.eq(email))
            .one(db)
            .await
            .unwrap()
            .expect("demo contact");
        let i = institute::Entity::find_by_id(c.institute_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let unit_key = match self.form.unit {
            Unit::Institute => common::unit(&format!("institute:{}", i.acronym)),
            Unit::Country => common::unit(&format!("country:{}", i.country_code)),
            Unit::Contact => common::unit(&format!("contact:{}", c.id)),
        };
        Who {
            language: c.language,
            acronym: i.acronym,
            unit_key,
        }
    }

    async fn stored(
        &self,
        unit_key: &coomet_surveys::campaigns::UnitKey,
    ) -> Option<response::Model> {
        coomet_surveys::responses::current(&self.t.app.db, self.campaign, unit_key)
            .await
            .unwrap()
    }

    /// Posts `fields` with `_action=submit` from the page of `email`'s personal link.
    async fn submit(&self, email: &str, fields: &Fields) -> (Status, String, Option<String>) {
        let who = self.who(email).await;
        let version = self.stored(&who.unit_key).await.map_or(0, |r| r.version);
        let version = version.to_string();
        let mut pairs: Vec<(&str, &str)> = vec![("_version", &version), ("_action", "submit")];
        pairs.extend(fields.0.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let link = self.links.get(email).expect("the contact was invited");
        self.t.post_form(link, &pairs).await
    }

    /// A fixture response: submitted by `email`, accepted, and stored as sent.
    async fn accepted(&self, email: &str, fields: Fields) {
        let who = self.who(email).await;
        let (status, page, location) = self.submit(email, &fields).await;
        assert_eq!(status, Status::SeeOther, "{email} submits: {page}");
        let location = location.unwrap();
        assert!(
            location.contains(&format!("lang={}", who.language)) && location.contains("done=true"),
            "{location}"
        );
        let stored = self.stored(&who.unit_key).await.expect("stored");
        assert_eq!(stored.status, response::Status::Submitted);
        assert_eq!(stored.updated_by.as_deref(), Some(email));
        let answers = stored.answers().unwrap();
        for (name, value) in fields.0.iter().filter(|(k, _)| !is_meta(k)) {
            let found = answer_at(&self.form, &answers, name);
            assert!(
                found.is_some_and(|v| holds(v, value)),
                "{email}: {name} = {value:?} is stored, found {found:?} in {answers:#?}"
            );
        }
    }

    /// Each wrong answer, made from `base`, is refused for each contact with the message in the
    /// contact's language beside the field, and everything typed is on the page again.
    async fn refused(&self, base: &Fields, contacts: [&str; 2], cases: &[Bad]) {
        let mut languages = Vec::new();
        for email in contacts {
            let who = self.who(email).await;
            languages.push(who.language);
            for case in cases {
                let set: Vec<(String, String)> = case
                    .set
                    .iter()
                    .map(|(k, v)| (k.clone(), v.replace("{own}", &who.acronym)))
                    .collect();
                let fields = base.changed(&set, case.drop);
                let (status, page, _) = self.submit(email, &fields).await;
                let what = format!("{} for {email}, {set:?}", self.form.id);
                assert_eq!(status, Status::UnprocessableEntity, "{what}");
                let expected = if who.language == coomet_surveys::i18n::Lang::Ru {
                    &case.ru
                } else {
                    &case.en
                };
                assert_eq!(
                    message_at(&page, &case.field).as_deref(),
                    Some(expected.as_str()),
                    "{what}: message beside {}",
                    case.field
                );
                for (name, value) in &fields.0 {
                    let unshowable = case.unlisted && set.iter().any(|(k, _)| k == name);
                    if is_meta(name) || value.is_empty() || unshowable {
                        continue;
                    }
                    assert!(kept(&page, name, value), "{what}: {name} = {value:?} kept");
                }
            }
            // A refused submission is kept as a draft, never as a submission.
            let stored = self.stored(&who.unit_key).await;
            assert!(
                stored.is_none_or(|r| r.status == response::Status::Draft),
                "nothing refused was submitted"
            );
        }
        languages.sort();
        assert_eq!(
            languages,
            [
                coomet_surveys::i18n::Lang::En,
                coomet_surveys::i18n::Lang::Ru
            ],
            "one contact of each language"
        );
    }

    async fn indicators(&self) -> Vec<IndicatorValue> {
        let c = coomet_surveys::campaigns::get(&self.t.app.db, self.campaign)
            .await
            .unwrap();
        coomet_surveys::indicators::compute(
            &self.t.app.db,
            &c,
            coomet_surveys::i18n::Lang::En,
            &self.t.app.renderer.i18n,
        )
        .await
        .unwrap()
    }
}

fn ind<'a>(values: &'a [IndicatorValue], id: &str) -> &'a IndicatorValue {
    values
        .iter()
        .find(|v| v.id == id)
        .unwrap_or_else(|| panic!("indicator {id}"))
}

fn cells(values: &[IndicatorValue], id: &str, key: &str) -> Vec<f64> {
    ind(values, id)
        .rows
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("row {key} of {id}"))
        .cells
        .clone()
}

/// The row keys of an indicator, in order.
fn keys(values: &[IndicatorValue], id: &str) -> Vec<String> {
    ind(values, id).rows.iter().map(|r| r.key.clone()).collect()
}

/// The rows with a non-zero first cell, in order, as (key, cells).
fn nonzero(values: &[IndicatorValue], id: &str) -> Vec<(String, Vec<f64>)> {
    ind(values, id)
        .rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|c| *c != 0.0))
        .map(|r| (r.key.clone(), r.cells.clone()))
        .collect()
}

fn rows(expected: &[(&str, &[f64])]) -> Vec<(String, Vec<f64>)> {
    expected
        .iter()
        .map(|(k, c)| (k.to_string(), c.to_vec()))
        .collect()
}

mod csb_satisfaction;
mod innovation_interest;
mod oiml_usage;
mod traineeship_needs;
mod traineeship_offers;
mod traineeships_held;
