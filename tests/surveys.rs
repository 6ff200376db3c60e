//! The six surveys of SURVEYS.md (2-7), each through the real Rocket instance: a valid response is
//! accepted from a Russian-speaking and from an English-speaking contact and stored as sent; every
//! kind of wrong answer the survey can get is refused beside its field, in the contact's language,
//! with everything typed kept; and every declared indicator equals a count made by hand from the
//! fixture responses, written out literally below.
mod common;

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

/// As handlebars escapes text into a page.
fn esc(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#x27;"),
            '`' => out.push_str("&#x60;"),
            '=' => out.push_str("&#x3D;"),
            c => out.push(c),
        }
    }
    out
}

/// The message shown inside the element of field `field` (before the next field begins).
fn message_at(page: &str, field: &str) -> Option<String> {
    let anchor = format!("id=\"f-{field}\"");
    let rest = &page[page.find(&anchor)? + anchor.len()..];
    let block = &rest[..rest.find("id=\"f-").unwrap_or(rest.len())];
    let error = &block[block.find("class=\"error\"")?..];
    let text = &error[error.find('>')? + 1..];
    Some(text[..text.find("</div>")?].to_string())
}

/// Whether the page shows `value` in the control named `name`: as the text of a box, or as the
/// chosen option, radio button or checkbox.
fn kept(page: &str, name: &str, value: &str) -> bool {
    let value = esc(value);
    page.match_indices(&format!("name=\"{name}\""))
        .any(|(at, _)| {
            let tag = &page[page[..at].rfind('<').unwrap_or(0)..];
            let open = &tag[..tag.find('>').map_or(tag.len(), |e| e + 1)];
            if open.starts_with("<select") {
                let body = &tag[..tag.find("</select>").unwrap_or(tag.len())];
                body.contains(&format!("value=\"{value}\" selected"))
            } else if open.starts_with("<textarea") {
                tag[open.len()..].starts_with(&format!("{value}</textarea>"))
            } else if open.contains("type=\"radio\"") || open.contains("type=\"checkbox\"") {
                open.contains(&format!("value=\"{value}\" checked"))
            } else {
                open.contains(&format!("value=\"{value}\""))
            }
        })
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
    language: String,
    acronym: String,
    unit_key: String,
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
            Unit::Institute => format!("institute:{}", i.acronym),
            Unit::Country => format!("country:{}", i.country_code),
            Unit::Contact => format!("contact:{}", c.id),
        };
        Who {
            language: c.language,
            acronym: i.acronym,
            unit_key,
        }
    }

    async fn stored(&self, unit_key: &str) -> Option<response::Model> {
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
        assert_eq!(stored.status, response::SUBMITTED);
        assert_eq!(stored.updated_by.as_deref(), Some(email));
        let answers = stored.answers();
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
            languages.push(who.language.clone());
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
                let expected = if who.language == "ru" {
                    &case.ru
                } else {
                    &case.en
                };
                assert_eq!(
                    message_at(&page, &case.field).as_deref(),
                    Some(esc(expected).as_str()),
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
            assert!(
                self.stored(&who.unit_key).await.is_none(),
                "nothing refused was stored"
            );
        }
        languages.sort();
        assert_eq!(languages, ["en", "ru"], "one contact of each language");
    }

    async fn indicators(&self) -> Vec<IndicatorValue> {
        let c = coomet_surveys::campaigns::get(&self.t.app.db, self.campaign)
            .await
            .unwrap();
        coomet_surveys::indicators::compute(&self.t.app.db, &c, "en")
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

// ---------------------------------------------------------------------------------------------
// 2. traineeship-needs
// ---------------------------------------------------------------------------------------------

fn needs_nbsm() -> Fields {
    Fields::new(&[
        ("has_needs", "yes"),
        ("needs.0.field", "TC 1.5"),
        (
            "needs.0.topic",
            "Calibration of gauge blocks by interferometry",
        ),
        ("needs.0.experts", "2"),
        ("needs.0.weeks", "4"),
        ("needs.0.hosts", "VNIIM"),
        ("needs.0.hosts", "PTB"),
        ("needs.0.period", "Q2"),
        ("needs.0.period", "Q3"),
        ("needs.0.language", "ru"),
        ("needs.0.funding", "cbkt"),
        ("needs.1.field", "TC 1.6"),
        ("needs.1.topic", "Калибровка гирь класса точности E2"),
        ("needs.1.experts", "1"),
        ("needs.1.weeks", "2"),
        ("needs.1.hosts", "VNIIM"),
        ("needs.1.language", "either"),
        ("needs.1.funding", "support"),
        ("comments", "Две стажировки по линии КООМЕТ."),
    ])
}

#[rocket::async_test]
async fn traineeship_needs() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeship-needs", 2026).await;
        let long = "x".repeat(301);
        let long = long.as_str();
        let longer = "x".repeat(2001);
        let longer = longer.as_str();
        let cases = [
            bad("has_needs", &[("has_needs", "")], yes_or_no()),
            bad("needs", &[], at_least_one_row()).dropping("needs."),
            bad("needs.1.field", &[("needs.1.field", "")], required()),
            bad("needs.0.field", &[("needs.0.field", "TC 99")], not_a_choice()).unlisted(),
            bad(
                "needs.0.hosts",
                &[("needs.0.hosts", "{own}")],
                m(
                    "Please choose host institutes from the list; your own institute cannot host your experts.",
                    "Выберите принимающие институты из списка; ваш собственный институт не может быть принимающим.",
                ),
            )
            .unlisted(),
            bad("needs.0.experts", &[("needs.0.experts", "two")], whole_number()),
            bad("needs.1.weeks", &[("needs.1.weeks", "1,5")], whole_number()),
            bad("needs.0.experts", &[("needs.0.experts", "0")], at_least("1")),
            bad("needs.0.experts", &[("needs.0.experts", "101")], at_most("100")),
            bad("needs.0.weeks", &[("needs.0.weeks", "53")], at_most_52_weeks()),
            bad("needs.0.topic", &[("needs.0.topic", long)], too_long(300)),
            bad("needs.1.topic", &[("needs.1.topic", "<b>Weights</b>")], markup()),
            bad("needs", &[("needs._rows", "31")], too_many_rows(30)),
            bad("comments", &[("comments", longer)], too_long(2000)),
        ];
        run.refused(
            &needs_nbsm(),
            ["training.nbsm@example.org", "research.nbsm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: NBSM (AM, CEEMS) and Kyrgyzstandard (KG, CEEMS) in Russian, PTB (DE) in
        // English, UME (TR) in Russian without needs.
        run.accepted("training.nbsm@example.org", needs_nbsm())
            .await;
        let kyrgyz = Fields::new(&[
            ("has_needs", "yes"),
            ("needs.0.field", "TC 1.5"),
            ("needs.0.topic", "Калибровка штриховых мер длины"),
            ("needs.0.experts", "3"),
            ("needs.0.weeks", "2"),
            ("needs.0.hosts", "BelGIM"),
            ("needs.0.language", "ru"),
            ("needs.0.funding", "own"),
        ]);
        run.accepted("training.kyrgyzstandard@example.org", kyrgyz)
            .await;
        let ptb = Fields::new(&[
            ("has_needs", "yes"),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.topic", "Quantum Hall resistance standards"),
            ("needs.0.experts", "1"),
            ("needs.0.weeks", "6"),
            ("needs.0.hosts", "VNIIM"),
            ("needs.0.period", "Q4"),
            ("needs.0.language", "en"),
            ("needs.0.funding", "own"),
        ]);
        run.accepted("training.ptb@example.org", ptb).await;
        let ume = Fields::new(&[
            ("has_needs", "no"),
            ("comments", "В этом году потребностей нет."),
        ]);
        run.accepted("research.ume@example.org", ume).await;

        let v = run.indicators().await;
        // 23 institutes invited; NBSM, Kyrgyzstandard, PTB, UME answered: 4/23 = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "total"), vec![23.0, 4.0, 17.4]);
        assert_eq!(cells(&v, "response-rate", "DE"), vec![2.0, 1.0, 50.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 0.0, 0.0]);
        assert_eq!(cells(&v, "response-rate", "TR"), vec![1.0, 1.0, 100.0]);
        // With needs: NBSM (AM), PTB (DE), Kyrgyzstandard (KG); UME answered "no".
        assert_eq!(ind(&v, "institutes-with-needs").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-with-needs"),
            rows(&[("AM", &[1.0]), ("DE", &[1.0]), ("KG", &[1.0])])
        );
        // CEEMS: NBSM, Kyrgyzstandard = 2; others: PTB = 1.
        assert_eq!(ind(&v, "ceems-needs").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "ceems-needs"),
            rows(&[("false", &[1.0]), ("true", &[2.0])])
        );
        // Experts: CEEMS NBSM 2 + 1, Kyrgyzstandard 3 = 6 in 2 institutes; others PTB 1.
        assert_eq!(ind(&v, "ceems-experts").value, Some(7.0));
        assert_eq!(
            nonzero(&v, "ceems-experts"),
            rows(&[("false", &[1.0, 1.0]), ("true", &[2.0, 6.0])])
        );
        // By field (institutes, needs, experts): TC 1.5 NBSM 2 + Kyrgyzstandard 3;
        // TC 1.6 NBSM 1; TC 1.3 PTB 1.
        assert_eq!(
            nonzero(&v, "experts-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.5", &[2.0, 2.0, 5.0]),
                ("TC 1.6", &[1.0, 1.0, 1.0]),
            ])
        );
        assert_eq!(ind(&v, "experts-by-field").rows.len(), 16, "every field");
        // Expert-weeks: TC 1.5 2×4 + 3×2 = 14; TC 1.6 1×2 = 2; TC 1.3 1×6 = 6.
        assert_eq!(
            nonzero(&v, "expert-weeks-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 6.0]),
                ("TC 1.5", &[2.0, 2.0, 14.0]),
                ("TC 1.6", &[1.0, 1.0, 2.0]),
            ])
        );
        // Hosts asked for: VNIIM by NBSM (2 rows: 2 + 1 experts) and PTB (1) = 2 institutes,
        // 3 needs, 4 experts; then, tied at 1 institute and 1 need, in list order: BelGIM
        // (Kyrgyzstandard, 3 experts), PTB (NBSM, 2 experts).
        assert_eq!(keys(&v, "requested-hosts"), ["VNIIM", "BelGIM", "PTB"]);
        assert_eq!(cells(&v, "requested-hosts", "VNIIM"), vec![2.0, 3.0, 4.0]);
        assert_eq!(cells(&v, "requested-hosts", "BelGIM"), vec![1.0, 1.0, 3.0]);
        assert_eq!(cells(&v, "requested-hosts", "PTB"), vec![1.0, 1.0, 2.0]);
        // Funding: cbkt NBSM 2; support NBSM 1; own Kyrgyzstandard 3 + PTB 1; host none.
        assert_eq!(
            ind(&v, "needs-by-funding")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("own", &[2.0, 2.0, 4.0]),
                ("cbkt", &[1.0, 1.0, 2.0]),
                ("host", &[0.0, 0.0, 0.0]),
                ("support", &[1.0, 1.0, 1.0]),
            ])
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 3. traineeship-offers
// ---------------------------------------------------------------------------------------------

fn offers_vniim() -> Fields {
    Fields::new(&[
        ("has_offers", "yes"),
        ("offers.0.field", "TC 1.6"),
        (
            "offers.0.topic",
            "Государственный первичный эталон единицы массы",
        ),
        ("offers.0.experts", "4"),
        ("offers.0.weeks", "2"),
        ("offers.0.languages", "ru"),
        ("offers.0.languages", "en"),
        ("offers.0.period", "Q2"),
        ("offers.0.conditions", "free"),
        (
            "offers.0.contact",
            "Bakyt Primerova, training.vniim@example.org",
        ),
        ("offers.1.field", "TC 1.5"),
        (
            "offers.1.topic",
            "Interferometric calibration of gauge blocks",
        ),
        ("offers.1.experts", "2"),
        ("offers.1.weeks", "4"),
        ("offers.1.languages", "ru"),
        ("offers.1.period", "Q3"),
        ("offers.1.period", "Q4"),
        ("offers.1.conditions", "cost-recovery"),
        ("offers.1.contact", "Бакыт Примерова"),
    ])
}

#[rocket::async_test]
async fn traineeship_offers() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeship-offers", 2026).await;
        let long = "x".repeat(301);
        let long = long.as_str();
        let cases = [
            bad("has_offers", &[("has_offers", "")], yes_or_no()),
            bad("offers", &[], at_least_one_row()).dropping("offers."),
            bad("offers.0.contact", &[("offers.0.contact", "")], required()),
            bad(
                "offers.1.conditions",
                &[("offers.1.conditions", "")],
                required(),
            ),
            bad(
                "offers.0.languages",
                &[("offers.0.languages", "de")],
                not_a_choice(),
            )
            .unlisted(),
            bad(
                "offers.0.languages.other",
                &[("offers.0.languages", "other")],
                other_required(),
            ),
            bad(
                "offers.0.weeks",
                &[("offers.0.weeks", "1.5")],
                whole_number(),
            ),
            bad(
                "offers.0.experts",
                &[("offers.0.experts", "0")],
                at_least("1"),
            ),
            bad(
                "offers.1.weeks",
                &[("offers.1.weeks", "60")],
                at_most_52_weeks(),
            ),
            bad(
                "offers.0.contact",
                &[("offers.0.contact", long)],
                too_long(300),
            ),
            bad(
                "offers.1.topic",
                &[("offers.1.topic", "<i>Gauge blocks</i>")],
                markup(),
            ),
            bad("offers", &[("offers._rows", "31")], too_many_rows(30)),
        ];
        run.refused(
            &offers_vniim(),
            ["training.geostm@example.org", "research.geostm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: VNIIM (RU) and UzNIM (UZ, CEEMS) in Russian, PTB (DE) in English, GEOSTM
        // (GE) in English with no offers.
        run.accepted("training.vniim@example.org", offers_vniim())
            .await;
        let ptb = Fields::new(&[
            ("has_offers", "yes"),
            ("offers.0.field", "TC 1.3"),
            ("offers.0.topic", "Quantum electrical standards"),
            ("offers.0.experts", "1"),
            ("offers.0.weeks", "8"),
            ("offers.0.languages", "en"),
            ("offers.0.languages", "other"),
            ("offers.0.languages.other", "German"),
            ("offers.0.conditions", "cost-recovery"),
            (
                "offers.0.contact",
                "Nikolai Placeholder, training.ptb@example.org",
            ),
        ]);
        run.accepted("training.ptb@example.org", ptb).await;
        let uznim = Fields::new(&[
            ("has_offers", "yes"),
            ("offers.0.field", "TC 1.5"),
            ("offers.0.topic", "Калибровка штангенциркулей"),
            ("offers.0.experts", "3"),
            ("offers.0.weeks", "1"),
            ("offers.0.languages", "ru"),
            ("offers.0.conditions", "free"),
            ("offers.0.contact", "Ана Инвентед"),
        ]);
        run.accepted("training.uznim@example.org", uznim).await;
        run.accepted(
            "research.geostm@example.org",
            Fields::new(&[("has_offers", "no")]),
        )
        .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %; Russia 1 of 6 = 16.7 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 1.0, 16.7]);
        assert_eq!(cells(&v, "response-rate", "GE"), vec![1.0, 1.0, 100.0]);
        // Offering: VNIIM (RU), PTB (DE), UzNIM (UZ); GEOSTM answered "no".
        assert_eq!(ind(&v, "institutes-offering").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-offering"),
            rows(&[("DE", &[1.0]), ("RU", &[1.0]), ("UZ", &[1.0])])
        );
        // By field (institutes, offers, experts): TC 1.3 PTB 1; TC 1.5 VNIIM 2 + UzNIM 3;
        // TC 1.6 VNIIM 4.
        assert_eq!(
            nonzero(&v, "offers-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.5", &[2.0, 2.0, 5.0]),
                ("TC 1.6", &[1.0, 1.0, 4.0]),
            ])
        );
        // Expert-weeks: TC 1.3 1×8 = 8; TC 1.5 2×4 + 3×1 = 11; TC 1.6 4×2 = 8.
        assert_eq!(
            nonzero(&v, "expert-weeks-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 8.0]),
                ("TC 1.5", &[2.0, 2.0, 11.0]),
                ("TC 1.6", &[1.0, 1.0, 8.0]),
            ])
        );
        // Languages: ru VNIIM 4 + 2, UzNIM 3; en VNIIM 4, PTB 1; other PTB 1.
        assert_eq!(
            nonzero(&v, "offers-by-language"),
            rows(&[
                ("ru", &[2.0, 3.0, 9.0]),
                ("en", &[2.0, 2.0, 5.0]),
                ("other", &[1.0, 1.0, 1.0]),
            ])
        );
        // Conditions: free VNIIM 4, UzNIM 3; cost recovery VNIIM 2, PTB 1.
        assert_eq!(
            nonzero(&v, "offers-by-conditions"),
            rows(&[
                ("free", &[2.0, 2.0, 7.0]),
                ("cost-recovery", &[2.0, 2.0, 3.0]),
            ])
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 4. traineeships-held
// ---------------------------------------------------------------------------------------------

fn held_tajik() -> Fields {
    Fields::new(&[
        ("held", "yes"),
        ("traineeships.0.direction", "sent"),
        ("traineeships.0.partner", "VNIIM"),
        ("traineeships.0.field", "TC 1.6"),
        ("traineeships.0.start_date", "2026-03-02"),
        ("traineeships.0.end_date", "2026-03-27"),
        ("traineeships.0.programme", "coomet"),
        ("traineeships.0.experts", "2"),
        ("traineeships.1.direction", "sent"),
        ("traineeships.1.partner", "other"),
        ("traineeships.1.partner.other", "KRISS (Republic of Korea)"),
        ("traineeships.1.field", "TC 1.3"),
        ("traineeships.1.start_date", "2026-05-11"),
        ("traineeships.1.end_date", "2026-05-22"),
        ("traineeships.1.programme", "cbkt"),
        ("traineeships.1.experts", "1"),
    ])
}

#[rocket::async_test]
async fn traineeships_held() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeships-held", 2026).await;
        let longer = "x".repeat(2001);
        let longer = longer.as_str();
        let cases = [
            bad("held", &[("held", "")], yes_or_no()),
            bad("traineeships", &[], at_least_one_row()).dropping("traineeships."),
            bad(
                "traineeships.0.partner",
                &[("traineeships.0.partner", "")],
                required(),
            ),
            bad(
                "traineeships.0.programme",
                &[("traineeships.0.programme", "erasmus")],
                not_a_choice(),
            )
            .unlisted(),
            bad(
                "traineeships.0.partner",
                &[("traineeships.0.partner", "{own}")],
                m(
                    "Please choose the partner institute from the list, or “Other”; your own institute cannot be the partner.",
                    "Выберите институт-партнёр из списка или «Другое»; ваш собственный институт не может быть партнёром.",
                ),
            )
            .unlisted(),
            bad(
                "traineeships.0.partner.other",
                &[("traineeships.0.partner", "other")],
                m(
                    "Please give the name of the partner institute.",
                    "Укажите название института-партнёра.",
                ),
            ),
            bad(
                "traineeships.0.start_date",
                &[("traineeships.0.start_date", "02.03.2026")],
                m(
                    "Please enter a date as YYYY-MM-DD.",
                    "Введите дату в формате ГГГГ-ММ-ДД.",
                ),
            ),
            bad(
                "traineeships.0.end_date",
                &[("traineeships.0.end_date", "2026-02-27")],
                m(
                    "This must not be before “Start date”.",
                    "Это значение не может быть раньше, чем «Дата начала».",
                ),
            ),
            bad(
                "traineeships.1.experts",
                &[("traineeships.1.experts", "one")],
                whole_number(),
            ),
            bad(
                "traineeships.0.experts",
                &[("traineeships.0.experts", "0")],
                at_least("1"),
            ),
            bad(
                "traineeships.0.experts",
                &[("traineeships.0.experts", "101")],
                at_most("100"),
            ),
            bad(
                "traineeships.1.partner.other",
                &[("traineeships.1.partner.other", "<script>x</script>")],
                markup(),
            ),
            bad("traineeships", &[("traineeships._rows", "51")], too_many_rows(50)),
            bad("comments", &[("comments", longer)], too_long(2000)),
        ];
        run.refused(
            &held_tajik(),
            ["training.inm@example.org", "research.inm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: Tajikstandard (TJ, CEEMS) and VNIIM (RU) in Russian, SMU (SK) in English,
        // INM (MD) in English with none held.
        run.accepted("training.tajikstandard@example.org", held_tajik())
            .await;
        let vniim = Fields::new(&[
            ("held", "yes"),
            ("traineeships.0.direction", "hosted"),
            ("traineeships.0.partner", "Tajikstandard"),
            ("traineeships.0.field", "TC 1.6"),
            ("traineeships.0.start_date", "2026-03-02"),
            ("traineeships.0.end_date", "2026-03-27"),
            ("traineeships.0.programme", "coomet"),
            ("traineeships.0.experts", "2"),
            ("traineeships.1.direction", "hosted"),
            ("traineeships.1.partner", "KazStandard"),
            ("traineeships.1.field", "TC 1.10"),
            ("traineeships.1.start_date", "2026-09-07"),
            ("traineeships.1.end_date", "2026-09-07"),
            ("traineeships.1.programme", "bilateral"),
            ("traineeships.1.experts", "3"),
        ]);
        run.accepted("training.vniim@example.org", vniim).await;
        let smu = Fields::new(&[
            ("held", "yes"),
            ("traineeships.0.direction", "sent"),
            ("traineeships.0.partner", "other"),
            (
                "traineeships.0.partner.other",
                "CMI (Czech Metrology Institute)",
            ),
            ("traineeships.0.field", "TC 1.4"),
            ("traineeships.0.start_date", "2026-10-05"),
            ("traineeships.0.end_date", "2026-10-09"),
            ("traineeships.0.programme", "rmo"),
            ("traineeships.0.experts", "1"),
        ]);
        run.accepted("training.smu@example.org", smu).await;
        run.accepted("research.inm@example.org", Fields::new(&[("held", "no")]))
            .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "TJ"), vec![1.0, 1.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "MD"), vec![1.0, 1.0, 100.0]);
        // Reporting traineeships: CEEMS Tajikstandard; others VNIIM, SMU (INM answered "no").
        assert_eq!(ind(&v, "institutes-with-traineeships").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-with-traineeships"),
            rows(&[("false", &[2.0]), ("true", &[1.0])])
        );
        // Programme (institutes, traineeships, experts): coomet Tajikstandard 2 + VNIIM 2;
        // cbkt Tajikstandard 1; rmo SMU 1; bilateral VNIIM 3.
        assert_eq!(
            nonzero(&v, "by-programme"),
            rows(&[
                ("coomet", &[2.0, 2.0, 4.0]),
                ("cbkt", &[1.0, 1.0, 1.0]),
                ("rmo", &[1.0, 1.0, 1.0]),
                ("bilateral", &[1.0, 1.0, 3.0]),
            ])
        );
        // Direction: sent Tajikstandard 2 + 1, SMU 1; hosted VNIIM 2 + 3.
        assert_eq!(
            nonzero(&v, "by-direction"),
            rows(&[("sent", &[2.0, 3.0, 4.0]), ("hosted", &[1.0, 2.0, 5.0])])
        );
        // Field: TC 1.3 Tajikstandard 1; TC 1.4 SMU 1; TC 1.6 Tajikstandard 2 + VNIIM 2;
        // TC 1.10 VNIIM 3.
        assert_eq!(
            nonzero(&v, "by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.4", &[1.0, 1.0, 1.0]),
                ("TC 1.6", &[2.0, 2.0, 4.0]),
                ("TC 1.10", &[1.0, 1.0, 3.0]),
            ])
        );
        // Partners: "other" by Tajikstandard (KRISS, 1) and SMU (CMI, 1) = 2 institutes; then,
        // tied at 1 institute and 1 traineeship, in list order: KazStandard (VNIIM, 3),
        // VNIIM (Tajikstandard, 2), Tajikstandard (VNIIM, 2).
        assert_eq!(
            keys(&v, "partners"),
            ["other", "KazStandard", "VNIIM", "Tajikstandard"]
        );
        assert_eq!(cells(&v, "partners", "other"), vec![2.0, 2.0, 2.0]);
        assert_eq!(cells(&v, "partners", "KazStandard"), vec![1.0, 1.0, 3.0]);
        assert_eq!(cells(&v, "partners", "VNIIM"), vec![1.0, 1.0, 2.0]);
        assert_eq!(cells(&v, "partners", "Tajikstandard"), vec![1.0, 1.0, 2.0]);
        // Experts: CEEMS Tajikstandard 2 + 1 = 3; others VNIIM 2 + 3, SMU 1 = 6; total 9.
        assert_eq!(ind(&v, "experts-by-ceems").value, Some(9.0));
        assert_eq!(
            nonzero(&v, "experts-by-ceems"),
            rows(&[("false", &[2.0, 6.0]), ("true", &[1.0, 3.0])])
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 5. oiml-usage
// ---------------------------------------------------------------------------------------------

/// A country's grid: the given (publication, status, translation) rows, every other
/// publication "not applied" with the translation left empty.
fn oiml_grid(run: &Run<'_>, rows: &[(&str, &str, &str)]) -> Fields {
    let list = run
        .form
        .choices(run.form.question("oiml").unwrap())
        .to_vec();
    let mut fields = Fields::default();
    for (i, publication) in list.iter().enumerate() {
        let (status, translation) = rows
            .iter()
            .find(|(p, _, _)| *p == publication.value)
            .map_or(("not-applied", ""), |(_, s, t)| (*s, *t));
        fields = fields.add(format!("oiml.{i}.status"), status);
        if !translation.is_empty() {
            fields = fields.add(format!("oiml.{i}.translation"), translation);
        }
    }
    fields
}

fn oiml_russia(run: &Run<'_>) -> Fields {
    let mut fields = oiml_grid(
        run,
        &[
            ("R 76", "identical", "no"),
            ("R 49", "modified", "yes"),
            ("R 117", "direct", "yes"),
            ("D 1", "planned", "yes"),
        ],
    );
    fields.0.extend(
        Fields::new(&[
            (
                "other_publications.0.publication",
                "OIML R 92 Wood-moisture meters",
            ),
            ("other_publications.0.status", "planned"),
            ("other_publications.0.translation", "yes"),
            ("rlmo.0.document", "WELMEC Guide 7.2 Software"),
            ("rlmo.0.organisation", "welmec"),
            ("rlmo.0.status", "identical"),
            (
                "rlmo.1.document",
                "РМГ 29-2013 Метрология. Основные термины и определения",
            ),
            ("rlmo.1.organisation", "easc"),
            ("rlmo.1.status", "direct"),
            ("comments", "Interstate standards of the EASC apply."),
        ])
        .0,
    );
    fields
}

#[rocket::async_test]
async fn oiml_usage() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "oiml-usage", 2025).await;
        let r76 = run.row("oiml", "R 76");
        let r49 = run.row("oiml", "R 49");
        let status_76 = &format!("oiml.{r76}.status");
        let status_49 = &format!("oiml.{r49}.status");
        let translation_49 = &format!("oiml.{r49}.translation");
        let long = "x".repeat(301);
        let long = long.as_str();
        let longest = "x".repeat(5001);
        let longest = longest.as_str();
        let cases = [
            bad(
                status_76,
                &[(status_76, "")],
                m(
                    "Please choose a status for this publication (“Not applied” if it is not used).",
                    "Выберите статус этой публикации («Не применяется», если она не используется).",
                ),
            ),
            bad(status_49, &[(status_49, "yes")], not_a_choice()).unlisted(),
            bad(translation_49, &[(translation_49, "maybe")], not_a_choice()).unlisted(),
            bad(
                "other_publications.0.publication",
                &[("other_publications.0.publication", "")],
                required(),
            ),
            bad("rlmo.1.status", &[("rlmo.1.status", "")], required()),
            bad("rlmo.0.document", &[("rlmo.0.document", long)], too_long(300)),
            bad(
                "rlmo.1.document",
                &[("rlmo.1.document", "<a href=x>РМГ 29</a>")],
                markup(),
            ),
            bad(
                "rlmo.0.organisation.other",
                &[("rlmo.0.organisation", "other")],
                m(
                    "Please give the name of the organisation.",
                    "Укажите название организации.",
                ),
            ),
            bad("comments", &[("comments", longest)], too_long(5000)),
            bad("rlmo", &[("rlmo._rows", "51")], too_many_rows(50)),
        ];
        // Germany's contacts write in Russian, Russia's in English.
        run.refused(
            &oiml_russia(&run),
            ["research.bam@example.org", "research.vniiftri@example.org"],
            &cases,
        )
        .await;

        // Fixtures: Russia in English, Germany in Russian, Uzbekistan and Kyrgyzstan (CEEMS) in
        // English.
        run.accepted("research.vniim@example.org", oiml_russia(&run))
            .await;
        let mut germany = oiml_grid(
            &run,
            &[
                ("R 76", "direct", "no"),
                ("R 49", "direct", "no"),
                ("R 117", "direct", "no"),
            ],
        );
        germany.0.extend(
            Fields::new(&[
                (
                    "rlmo.0.document",
                    "WELMEC Guide 8.8 General and administrative aspects",
                ),
                ("rlmo.0.organisation", "welmec"),
                ("rlmo.0.status", "direct"),
                ("rlmo.1.document", "WELMEC Guide 2 Non-automatic weighing"),
                ("rlmo.1.organisation", "welmec"),
                ("rlmo.1.status", "direct"),
            ])
            .0,
        );
        run.accepted("research.ptb@example.org", germany).await;
        let mut uzbekistan = oiml_grid(
            &run,
            &[
                ("R 76", "modified", "yes"),
                ("R 49", "planned", "yes"),
                ("R 117", "not-applied", "yes"),
                ("D 1", "planned", "yes"),
            ],
        );
        uzbekistan.0.extend(
            Fields::new(&[
                ("rlmo.0.document", "GSO guide on prepackages"),
                ("rlmo.0.organisation", "other"),
                (
                    "rlmo.0.organisation.other",
                    "GCC Standardization Organization",
                ),
                ("rlmo.0.status", "planned"),
            ])
            .0,
        );
        run.accepted("research.uznim@example.org", uzbekistan).await;
        let kyrgyzstan = oiml_grid(
            &run,
            &[
                ("R 76", "not-applied", "yes"),
                ("R 49", "not-applied", "yes"),
            ],
        );
        run.accepted("research.kyrgyzstandard@example.org", kyrgyzstan)
            .await;

        let v = run.indicators().await;
        // 16 countries invited, 4 answered: 25 %; CEEMS 2 of 4 (UZ, KG), others 2 of 12.
        assert_eq!(ind(&v, "response-rate").value, Some(25.0));
        assert_eq!(
            ind(&v, "response-rate")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("false", &[12.0, 2.0, 16.7]),
                ("true", &[4.0, 2.0, 50.0]),
                ("total", &[16.0, 4.0, 25.0]),
            ])
        );
        // Status shares (countries; % direct, identical, modified, planned, not applied):
        // R 76: RU identical, DE direct, UZ modified, KG not applied.
        // R 49: RU modified, DE direct, UZ planned, KG not applied.
        // R 117: RU direct, DE direct, UZ and KG not applied.
        // D 1: RU planned, UZ planned, DE and KG not applied.
        let share = |key: &str| cells(&v, "oiml-status", key);
        assert_eq!(share("R 76"), vec![4.0, 25.0, 25.0, 25.0, 0.0, 25.0]);
        assert_eq!(share("R 49"), vec![4.0, 25.0, 0.0, 25.0, 25.0, 25.0]);
        assert_eq!(share("R 117"), vec![4.0, 50.0, 0.0, 0.0, 0.0, 50.0]);
        assert_eq!(share("D 1"), vec![4.0, 0.0, 0.0, 0.0, 50.0, 50.0]);
        let status = ind(&v, "oiml-status");
        assert_eq!(status.rows.len(), 27, "every publication was answered");
        for row in &status.rows {
            if !["R 76", "R 49", "R 117", "D 1"].contains(&row.key.as_str()) {
                assert_eq!(
                    row.cells,
                    vec![4.0, 0.0, 0.0, 0.0, 0.0, 100.0],
                    "{}",
                    row.key
                );
            }
        }
        // Applied or adopted: R 76 RU, DE, UZ = 3; R 117 RU, DE = 2; R 49 RU, DE = 2 (ties by
        // key: "R 117" < "R 49").
        assert_eq!(keys(&v, "oiml-applied"), ["R 76", "R 117", "R 49"]);
        assert_eq!(cells(&v, "oiml-applied", "R 76"), vec![3.0]);
        assert_eq!(cells(&v, "oiml-applied", "R 117"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-applied", "R 49"), vec![2.0]);
        // Translation wanted: R 49 RU, UZ, KG = 3; D 1 RU, UZ = 2; R 117 RU, UZ = 2;
        // R 76 UZ, KG = 2 (DE and RU said no).
        assert_eq!(
            keys(&v, "oiml-translation"),
            ["R 49", "D 1", "R 117", "R 76"]
        );
        assert_eq!(cells(&v, "oiml-translation", "R 49"), vec![3.0]);
        assert_eq!(cells(&v, "oiml-translation", "D 1"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-translation", "R 117"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-translation", "R 76"), vec![2.0]);
        // Other publications: RU, one planned.
        assert_eq!(
            nonzero(&v, "other-publications"),
            rows(&[("planned", &[1.0, 1.0])])
        );
        // RLMO documents: RU 2, DE 2, UZ 1; KG none.
        assert_eq!(ind(&v, "rlmo-countries").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "rlmo-countries"),
            rows(&[("DE", &[1.0]), ("RU", &[1.0]), ("UZ", &[1.0])])
        );
        // By organisation (countries, documents): WELMEC RU 1 + DE 2; EASC RU 1; other UZ 1.
        assert_eq!(
            nonzero(&v, "rlmo-by-organisation"),
            rows(&[
                ("welmec", &[2.0, 3.0]),
                ("easc", &[1.0, 1.0]),
                ("other", &[1.0, 1.0]),
            ])
        );
        // By status: direct RU 1 + DE 2; identical RU 1; planned UZ 1.
        assert_eq!(
            nonzero(&v, "rlmo-by-status"),
            rows(&[
                ("direct", &[2.0, 3.0]),
                ("identical", &[1.0, 1.0]),
                ("planned", &[1.0, 1.0]),
            ])
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 6. innovation-interest
// ---------------------------------------------------------------------------------------------

/// Active fields, interest per field (grid) and the rest of a response.
fn innovation(
    run: &Run<'_>,
    active: &[&str],
    interest: &[(&str, &str)],
    rest: &[(&str, &str)],
) -> Fields {
    let mut fields = Fields::default();
    for field in active {
        fields = fields.add("active_fields", *field);
    }
    for (field, level) in interest {
        fields = fields.add(
            format!("interest.{}.level", run.row("interest", field)),
            *level,
        );
    }
    fields.0.extend(Fields::new(rest).0);
    fields
}

fn innovation_vniim(run: &Run<'_>) -> Fields {
    innovation(
        run,
        &["TC 1.1", "TC 1.3", "TC 1.5"],
        &[
            ("TC 1.1", "lead"),
            ("TC 1.3", "participate"),
            ("TC 1.5", "participate"),
            ("TC 1.8", "none"),
        ],
        &[
            (
                "ideas.0.title",
                "Kibble balance for the realisation of the kilogram",
            ),
            ("ideas.0.field", "TC 1.6"),
            ("ideas.0.si", "yes"),
            ("ideas.0.partners", "PTB"),
            ("ideas.0.partners", "UME"),
            ("ideas.0.months", "36"),
            ("ideas.0.funding", "partial"),
            ("ideas.1.title", "Comparison of optical clocks"),
            ("ideas.1.field", "TC 1.11"),
            ("ideas.1.si", "no"),
            ("ideas.1.partners", "NIM"),
            ("ideas.1.months", "24"),
            ("ideas.1.funding", "full"),
            ("researchers", "12,5"),
        ],
    )
}

#[rocket::async_test]
async fn innovation_interest() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "innovation-interest", 2026).await;
        let tc13 = &format!("interest.{}.level", run.row("interest", "TC 1.3"));
        let long = "x".repeat(301);
        let long = long.as_str();
        let cases = [
            bad(
                "active_fields",
                &[("active_fields", "")],
                m(
                    "Choose at least one field in which your institute is active.",
                    "Выберите хотя бы одну область, в которой работает ваш институт.",
                ),
            ),
            bad("active_fields", &[("active_fields", "TC 9")], not_a_choice()).unlisted(),
            bad(tc13, &[(tc13, "maybe")], not_a_choice()).unlisted(),
            bad("ideas.0.title", &[("ideas.0.title", "")], required()),
            bad("ideas.1.si", &[("ideas.1.si", "")], required()),
            bad(
                "ideas.0.partners",
                &[("ideas.0.partners", "{own}")],
                m(
                    "Please choose partner institutes from the list; your own institute is not a partner.",
                    "Выберите институты-партнёры из списка; ваш собственный институт не может быть партнёром.",
                ),
            )
            .unlisted(),
            bad("ideas.0.months", &[("ideas.0.months", "three years")], whole_number()),
            bad("ideas.0.months", &[("ideas.0.months", "0")], at_least("1")),
            bad("ideas.1.months", &[("ideas.1.months", "121")], at_most("120")),
            bad(
                "researchers",
                &[("researchers", "many")],
                m("Please enter a number, e.g. 2.5.", "Введите число, например 2,5."),
            ),
            bad("researchers", &[("researchers", "-1")], at_least("0")),
            bad("ideas.0.title", &[("ideas.0.title", long)], too_long(300)),
            bad("ideas.1.title", &[("ideas.1.title", "<b>Optical clocks</b>")], markup()),
            bad("ideas", &[("ideas._rows", "21")], too_many_rows(20)),
        ];
        // Each institute has one research contact: BAM's writes in Russian, GEOSTM's in English.
        run.refused(
            &innovation_vniim(&run),
            ["research.bam@example.org", "research.geostm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: VNIIM (RU), NBSM (AM, CEEMS) and Kyrgyzstandard (KG, CEEMS) in English, PTB
        // (DE) in Russian.
        run.accepted("research.vniim@example.org", innovation_vniim(&run))
            .await;
        let ptb = innovation(
            &run,
            &["TC 1.3", "TC 1.6", "TC 1.11"],
            &[
                ("TC 1.3", "lead"),
                ("TC 1.6", "lead"),
                ("TC 1.11", "participate"),
            ],
            &[
                (
                    "ideas.0.title",
                    "Квантовый эталон электрического напряжения",
                ),
                ("ideas.0.field", "TC 1.3"),
                ("ideas.0.si", "yes"),
                ("ideas.0.partners", "VNIIM"),
                ("ideas.0.partners", "BelGIM"),
                ("ideas.0.months", "48"),
                ("ideas.0.funding", "none"),
                ("researchers", "20"),
            ],
        );
        run.accepted("research.ptb@example.org", ptb).await;
        let nbsm = innovation(
            &run,
            &["TC 1.5"],
            &[("TC 1.5", "participate"), ("TC 1.1", "none")],
            &[
                ("ideas.0.title", "Digital calibration certificates"),
                ("ideas.0.field", "TC 1.1"),
                ("ideas.0.si", "no"),
                ("ideas.0.partners", "VNIIM"),
                ("ideas.0.funding", "full"),
                (
                    "ideas.1.title",
                    "Mass standards after the redefinition of the kilogram",
                ),
                ("ideas.1.field", "TC 1.6"),
                ("ideas.1.si", "yes"),
                ("ideas.1.partners", "VNIIM"),
                ("ideas.1.partners", "PTB"),
                ("ideas.1.months", "12"),
                ("ideas.1.funding", "partial"),
                ("researchers", "1.5"),
            ],
        );
        run.accepted("research.nbsm@example.org", nbsm).await;
        let kyrgyz = innovation(&run, &["TC 1.6"], &[("TC 1.6", "participate")], &[]);
        run.accepted("research.kyrgyzstandard@example.org", kyrgyz)
            .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "AM"), vec![1.0, 1.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 1.0, 16.7]);
        // Institutes x fields (columns TC 1.1, 1.2, ..., 1.12, 2, 3.1, 4, 5), rows by name:
        // Kyrgyzstandard TC 1.6; NBSM TC 1.5; PTB TC 1.3, 1.6, 1.11; VNIIM TC 1.1, 1.3, 1.5.
        let table = ind(&v, "fields-table");
        assert_eq!(table.value, Some(4.0));
        let by_unit: Vec<(String, Vec<f64>)> = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.cells.clone()))
            .collect();
        #[rustfmt::skip]
        assert_eq!(by_unit, rows(&[
            //                 1.1  1.2  1.3  1.4  1.5  1.6  1.7  1.8  1.9  1.10 1.11 1.12 2    3.1  4    5
            ("Kyrgyzstandard", &[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("NBSM",           &[0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("PTB",            &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("VNIIM",          &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("Total",          &[1.0, 0.0, 2.0, 0.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        ]));
        // Interest (institutes; % none, participate, lead):
        // TC 1.1 VNIIM lead, NBSM none; TC 1.3 VNIIM participate, PTB lead;
        // TC 1.5 VNIIM and NBSM participate; TC 1.6 PTB lead, Kyrgyzstandard participate;
        // TC 1.8 VNIIM none; TC 1.11 PTB participate.
        assert_eq!(
            ind(&v, "interest-by-field")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("TC 1.1", &[2.0, 50.0, 0.0, 50.0]),
                ("TC 1.3", &[2.0, 0.0, 50.0, 50.0]),
                ("TC 1.5", &[2.0, 0.0, 100.0, 0.0]),
                ("TC 1.6", &[2.0, 0.0, 50.0, 50.0]),
                ("TC 1.8", &[1.0, 100.0, 0.0, 0.0]),
                ("TC 1.11", &[1.0, 0.0, 100.0, 0.0]),
            ])
        );
        // Would participate or lead: TC 1.3, 1.5, 1.6 by 2 institutes each; TC 1.1 (VNIIM),
        // TC 1.11 (PTB) by 1; TC 1.8 by none. Ties by key.
        assert_eq!(
            nonzero(&v, "promising-fields"),
            rows(&[
                ("TC 1.3", &[2.0]),
                ("TC 1.5", &[2.0]),
                ("TC 1.6", &[2.0]),
                ("TC 1.1", &[1.0]),
                ("TC 1.11", &[1.0]),
            ])
        );
        // Would lead: TC 1.1 VNIIM, TC 1.3 PTB, TC 1.6 PTB.
        assert_eq!(
            nonzero(&v, "lead-fields"),
            rows(&[("TC 1.1", &[1.0]), ("TC 1.3", &[1.0]), ("TC 1.6", &[1.0])])
        );
        // Ideas (institutes, ideas): TC 1.1 NBSM; TC 1.3 PTB; TC 1.6 VNIIM and NBSM;
        // TC 1.11 VNIIM.
        assert_eq!(
            nonzero(&v, "ideas-by-field"),
            rows(&[
                ("TC 1.1", &[1.0, 1.0]),
                ("TC 1.3", &[1.0, 1.0]),
                ("TC 1.6", &[2.0, 2.0]),
                ("TC 1.11", &[1.0, 1.0]),
            ])
        );
        assert_eq!(
            keys(&v, "ideas-ranked"),
            ["TC 1.6", "TC 1.1", "TC 1.3", "TC 1.11"]
        );
        // Related to the redefined SI: yes VNIIM (Kibble), PTB (voltage), NBSM (mass) = 3
        // institutes, 3 ideas; no VNIIM (clocks), NBSM (certificates).
        assert_eq!(
            nonzero(&v, "ideas-si"),
            rows(&[("yes", &[3.0, 3.0]), ("no", &[2.0, 2.0])])
        );
        // Funding: none PTB; partial VNIIM, NBSM; full VNIIM, NBSM.
        assert_eq!(
            nonzero(&v, "ideas-funding"),
            rows(&[
                ("none", &[1.0, 1.0]),
                ("partial", &[2.0, 2.0]),
                ("full", &[2.0, 2.0]),
            ])
        );
        // Partners wanted: VNIIM by PTB (1 idea) and NBSM (2) = 2 institutes, 3 ideas; PTB by
        // VNIIM and NBSM, 2 ideas; then BelGIM (PTB), NIM (VNIIM), UME (VNIIM) in list order.
        assert_eq!(
            nonzero(&v, "wanted-partners"),
            rows(&[
                ("VNIIM", &[2.0, 3.0]),
                ("PTB", &[2.0, 2.0]),
                ("BelGIM", &[1.0, 1.0]),
                ("NIM", &[1.0, 1.0]),
                ("UME", &[1.0, 1.0]),
            ])
        );
        // Researchers (FTE): others VNIIM 12.5 + PTB 20 = 32.5; CEEMS NBSM 1.5; total 34.
        assert_eq!(ind(&v, "researchers").value, Some(34.0));
        assert_eq!(
            nonzero(&v, "researchers"),
            rows(&[("false", &[2.0, 32.5]), ("true", &[1.0, 1.5])])
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 7. csb-satisfaction
// ---------------------------------------------------------------------------------------------

/// Ratings and comments per body, and the overall comment.
fn satisfaction(run: &Run<'_>, bodies: &[(&str, &str, &str)], overall: &str) -> Fields {
    let mut fields = Fields::default();
    for (body, rating, comment) in bodies {
        let i = run.row("bodies", body);
        if !rating.is_empty() {
            fields = fields.add(format!("bodies.{i}.satisfaction"), *rating);
        }
        if !comment.is_empty() {
            fields = fields.add(format!("bodies.{i}.comment"), *comment);
        }
    }
    if !overall.is_empty() {
        fields = fields.add("overall", overall);
    }
    fields
}

#[rocket::async_test]
async fn csb_satisfaction() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "csb-satisfaction", 2024).await;
        assert_eq!(run.links.len(), 46, "every contact is invited");
        let base = satisfaction(
            &run,
            &[("PC", "5", ""), ("TC 4", "3", "More webinars, please.")],
            "Thank you.",
        );
        let pc = &format!("bodies.{}.satisfaction", run.row("bodies", "PC"));
        let tc4 = &format!("bodies.{}.comment", run.row("bodies", "TC 4"));
        let pc_comment = &format!("bodies.{}.comment", run.row("bodies", "PC"));
        let long = "x".repeat(1001);
        let long = long.as_str();
        let longer = "x".repeat(3001);
        let longer = longer.as_str();
        let cases = [
            bad(
                pc,
                &[(pc, "6")],
                m(
                    "Please choose a rating from 1 to 5.",
                    "Выберите оценку от 1 до 5.",
                ),
            )
            .unlisted(),
            bad(tc4, &[(tc4, long)], too_long(1000)),
            bad(pc_comment, &[(pc_comment, "<img src=x>")], markup()),
            bad("overall", &[("overall", longer)], too_long(3000)),
        ];
        run.refused(
            &base,
            ["training.belgim@example.org", "training.imbih@example.org"],
            &cases,
        )
        .await;

        // Fixtures, one per contact: both NBSM contacts (AM, CEEMS; Russian and English), PTB's
        // training contact (DE, English), VNIIM's research contact (RU, English).
        let nbsm_ru = satisfaction(
            &run,
            &[
                ("PC", "5", ""),
                ("COMMITTEE", "4", ""),
                ("TC 4", "3", "Больше вебинаров, пожалуйста."),
            ],
            "Спасибо!",
        );
        run.accepted("training.nbsm@example.org", nbsm_ru).await;
        let nbsm_en = satisfaction(
            &run,
            &[
                ("PC", "4", ""),
                ("TC 1.5", "2", "Comparisons take too long."),
            ],
            "",
        );
        run.accepted("research.nbsm@example.org", nbsm_en).await;
        let ptb = satisfaction(
            &run,
            &[
                ("PC", "3", ""),
                ("COMMITTEE", "4", ""),
                ("JCMS", "5", ""),
                ("TC 4", "", "Good work."),
            ],
            "",
        );
        run.accepted("training.ptb@example.org", ptb).await;
        let vniim = satisfaction(&run, &[("TC 4", "5", ""), ("JCMS", "4", "")], "");
        run.accepted("research.vniim@example.org", vniim).await;

        let v = run.indicators().await;
        // 46 contacts invited, 4 answered: 8.7 %; AM 2 of 2, DE 1 of 4, RU 1 of 12.
        assert_eq!(ind(&v, "response-rate").value, Some(8.7));
        assert_eq!(cells(&v, "response-rate", "AM"), vec![2.0, 2.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "DE"), vec![4.0, 1.0, 25.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![12.0, 1.0, 8.3]);
        // Per body (ratings, mean, ratings of 1, 2, 3, 4, 5):
        // PC 5, 4, 3; Committee 4, 4; JCMS 5, 4; TC 1.5 2; TC 4 3, 5 (PTB only commented).
        assert_eq!(
            ind(&v, "satisfaction")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("PC", &[3.0, 4.0, 0.0, 0.0, 1.0, 1.0, 1.0]),
                ("COMMITTEE", &[2.0, 4.0, 0.0, 0.0, 0.0, 2.0, 0.0]),
                ("JCMS", &[2.0, 4.5, 0.0, 0.0, 0.0, 1.0, 1.0]),
                ("TC 1.5", &[1.0, 2.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
                ("TC 4", &[2.0, 4.0, 0.0, 0.0, 1.0, 0.0, 1.0]),
            ])
        );
        // Overall: (5 + 4 + 3) + (4 + 2) + (3 + 4 + 5) + (5 + 4) = 39 over 10 ratings = 3.9.
        assert_eq!(ind(&v, "satisfaction").value, Some(3.9));
        // Shares (ratings; % of 1, 2, 3, 4, 5).
        assert_eq!(
            ind(&v, "satisfaction-share")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("PC", &[3.0, 0.0, 0.0, 33.3, 33.3, 33.3]),
                ("COMMITTEE", &[2.0, 0.0, 0.0, 0.0, 100.0, 0.0]),
                ("JCMS", &[2.0, 0.0, 0.0, 0.0, 50.0, 50.0]),
                ("TC 1.5", &[1.0, 0.0, 100.0, 0.0, 0.0, 0.0]),
                ("TC 4", &[2.0, 0.0, 0.0, 50.0, 0.0, 50.0]),
            ])
        );
    });
}
