//! Russian throughout (issue 26): every page the secretariat, a reviewer and a respondent reach
//! by following links, rendered in Russian, shows no identifier-like code and no English word
//! outside a short allow-list (acronyms, codes of publications, units' names, what people typed).
use crate::common::{self, TestApp};
use rocket::http::Status;
use scraper::{ElementRef, Html, Node};
use std::collections::{BTreeMap, BTreeSet};

/// Latin words a Russian page may show: the language switch, and names of programs and brands
/// (the authenticator apps, Word and Excel, an e-learning platform a survey lists).
const ALLOWED: &[&str] = &[
    "English",
    "Word",
    "Excel",
    "Windows",
    "XLSForm",
    "Markdown",
    "Moodle",
    "Aegis",
    "Authenticator",
    "FreeOTP",
    "Google",
    "Microsoft",
];

/// Words people and the directory wrote: names, addresses, acronyms, answers. A page shows
/// them as they were typed, in whatever language.
async fn data_words(t: &TestApp) -> BTreeSet<String> {
    use coomet_surveys::directory::{contact, institute, staff_user};
    use coomet_surveys::responses::response;
    use sea_orm::EntityTrait;
    let db = &t.app.db;
    let mut texts: Vec<String> = Vec::new();
    for i in institute::Entity::find().all(db).await.unwrap() {
        texts.extend([i.acronym, i.name_en, i.name_ru.unwrap_or_default()]);
    }
    for c in contact::Entity::find().all(db).await.unwrap() {
        texts.extend([c.name, c.email]);
    }
    for s in staff_user::Entity::find().all(db).await.unwrap() {
        texts.push(s.email);
    }
    // The operator at the command line is named by the machine's user name.
    texts.push(std::env::var("USER").unwrap_or_else(|_| "operator".into()));
    for r in response::Entity::find().all(db).await.unwrap() {
        texts.push(r.answers_json);
        texts.push(r.note.unwrap_or_default());
    }
    // Reference lists' Russian texts as published (some OIML titles are not translated).
    let lists = common::root().join("seeds/lists");
    for file in std::fs::read_dir(lists).unwrap() {
        let mut rows = csv::Reader::from_path(file.unwrap().path()).unwrap();
        for row in rows.records() {
            texts.push(row.unwrap().get(2).unwrap_or_default().to_string());
        }
    }
    texts.iter().flat_map(|t| words(t)).collect()
}

/// The words of a text: runs of letters, digits and the joiners of codes (`institute:AIM`,
/// `training_needs`, `training-needs`, `a.b`), without the punctuation around them.
fn words(text: &str) -> Vec<String> {
    let text: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect();
    text.join(" ")
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.' | '@')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether an element is shown as something other than Russian prose: a code shown as a code
/// (`<code>`, `<pre>`, `<kbd>`: an identifier, a file name, a mail's source), or a part in
/// another language marked as such (`lang="en"`: an English contact's message).
fn aside(e: &scraper::node::Element) -> bool {
    matches!(
        e.name(),
        "script" | "style" | "textarea" | "title" | "code" | "pre" | "kbd"
    ) || e.attr("lang").is_some_and(|l| l != "ru")
}

/// What a reader sees of an element: its text, and the texts of labels for assistive
/// technology, placeholders and titles, outside what `aside` leaves out.
fn shown_in(el: ElementRef<'_>, out: &mut String) {
    for name in ["aria-label", "placeholder", "title", "alt"] {
        if let Some(v) = el.value().attr(name) {
            out.push_str(v);
            out.push(' ');
        }
    }
    for child in el.children() {
        if let Node::Text(text) = child.value() {
            out.push_str(text);
            out.push(' ');
        } else if let Some(inner) = ElementRef::wrap(child) {
            if !aside(inner.value()) {
                shown_in(inner, out);
            }
        }
    }
}

fn shown(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    shown_in(doc.root_element(), &mut out);
    out
}

/// A word a Russian page should not show: Latin letters that are no acronym or code
/// (`NBSM`, `R 76-1`, `TC 1.3`, `D 31`), no address, no allowed name and nothing people typed.
fn foreign(word: &str, data: &BTreeSet<String>) -> bool {
    if !word.chars().any(|c| c.is_ascii_alphabetic()) || data.contains(word) {
        return false;
    }
    // A roadmap indicator's code: Ind-e.1.2.
    let indicator = word.strip_prefix("Ind-").is_some_and(|rest| {
        rest.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && rest[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    // "CSV-файл", "ZIP-архив": a Russian word with an acronym before it.
    if !indicator && word.contains('-') && !word.contains(':') {
        return word.split('-').any(|part| foreign(part, data));
    }
    let acronym = word
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '/'));
    let address = word.contains('@') || word.starts_with("http");
    !(acronym || address || indicator || ALLOWED.contains(&word))
}

/// A link worth following: this site's page, not a download, not a way out, not the same
/// page in English; one of each shape of path (`/admin/outbox/<n>`) is enough.
fn followed(href: &str) -> bool {
    let site = href.starts_with("/admin") || href.starts_with("/review") || href.starts_with("/r/");
    let download = [
        ".csv", ".xlsx", ".json", "export", "/files/", "/source", "/html", "download", ".pdf",
    ]
    .iter()
    .any(|d| href.contains(d));
    let away = ["logout", "lang=en", "in_lang=en", "/lang/"]
        .iter()
        .any(|d| href.contains(d));
    site && !download && !away
}

fn shape(href: &str) -> String {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .map(|part| {
            if part.chars().any(|c| c.is_ascii_digit()) && !part.contains('-') || part.len() > 30 {
                "N"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The word with a little of the text around it, to find it on the page.
fn in_context(text: &str, word: &str) -> String {
    let at = text.find(word).unwrap_or_default();
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(word.chars().count() + 30)
        .map_or(text.len(), |(i, _)| at + i);
    let around: String = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("«{word}» in “{around}”")
}

/// Every page reached from `starts` by links, with the foreign words each shows.
async fn crawl(
    t: &TestApp,
    starts: &[String],
    data: &BTreeSet<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut queue: Vec<String> = starts.to_vec();
    let mut seen_shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut found = BTreeMap::new();
    while let Some(href) = queue.pop() {
        let href = href.split('#').next().unwrap_or_default().to_string();
        if !seen.insert(href.clone()) {
            continue;
        }
        let count = seen_shapes.entry(shape(&href)).or_default();
        *count += 1;
        if *count > 2 {
            continue;
        }
        let (status, body) = t.get(&href).await;
        if status != Status::Ok {
            continue;
        }
        let text = shown(&body);
        let bad: BTreeSet<String> = words(&text)
            .into_iter()
            .filter(|w| foreign(w, data))
            .map(|w| in_context(&text, &w))
            .collect();
        if !bad.is_empty() {
            found.insert(href.clone(), bad);
        }
        let doc = Html::parse_document(&body);
        let links = scraper::Selector::parse("a[href]").unwrap();
        for a in doc.select(&links) {
            let next = a.value().attr("href").unwrap_or_default();
            if followed(next) {
                queue.push(next.to_string());
            }
        }
    }
    found
}

#[rocket::async_test]
async fn every_page_in_russian_shows_no_code_and_no_english_word() {
    on_every_backend!(|t| {
        let (c, mails) = crate::fitting::a_campaign_of_every_standing(&t).await;
        let oiml = t.open_campaign("oiml-usage", 2026).await;
        t.invite_and_send(oiml).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let data = data_words(&t).await;
        let mut starts = vec![
            "/admin".to_string(),
            "/review".to_string(),
            format!("/admin/campaigns/{c}"),
        ];
        starts.extend(
            mails
                .values()
                .take(3)
                .map(|m| format!("{}?lang=ru", m.link_path())),
        );
        let found = crawl(&t, &starts, &data).await;
        let report: Vec<String> = found
            .iter()
            .map(|(page, words)| {
                format!(
                    "{page}: {}",
                    words.iter().cloned().collect::<Vec<_>>().join("\n    ")
                )
            })
            .collect();
        assert!(
            report.is_empty(),
            "English or codes on Russian pages:\n{}",
            report.join("\n")
        );
    })
}
