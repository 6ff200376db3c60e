//! The questionnaire on paper (issue 27): every survey blank and answered, as a page to print
//! and as a Word document, in both languages; and the record after submitting.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::forms::{summary, Answers, Form, Kind, Question};
use coomet_surveys::i18n::Lang;
use coomet_surveys::responses::{self, Status as RStatus};
use rocket::http::Status;
use serde_json::{json, Value};
use std::io::Read;

pub(crate) const SURVEYS: [&str; 7] = [
    "training-needs",
    "traineeship-needs",
    "traineeship-offers",
    "traineeships-held",
    "oiml-usage",
    "innovation-interest",
    "csb-satisfaction",
];

/// An answer to every question of `form`, whatever it asks: the first choices, a text naming
/// the question, 3 of a number; two rows of each group, every row of a grid.
pub(crate) fn sample(form: &Form) -> Answers {
    let mut out = Answers::new();
    for q in form.questions() {
        match q.kind {
            Kind::Group => {
                let row = |i: usize| Value::Object(cells(form, q, &format!("{} {}", q.id, i)));
                out.insert(q.id.clone(), json!([row(1), row(2)]));
            }
            Kind::Grid => {
                let rows: serde_json::Map<String, Value> = form
                    .choices(q)
                    .iter()
                    .map(|c| (c.value.clone(), Value::Object(cells(form, q, &c.value))))
                    .collect();
                out.insert(q.id.clone(), Value::Object(rows));
            }
            _ => {
                out.insert(q.id.clone(), value(form, q, &q.id));
            }
        }
    }
    out
}

fn cells(form: &Form, parent: &Question, tag: &str) -> Answers {
    parent
        .questions
        .iter()
        .map(|q| (q.id.clone(), value(form, q, tag)))
        .collect()
}

fn value(form: &Form, q: &Question, tag: &str) -> Value {
    let choices = form.choices(q);
    match q.kind {
        Kind::MultiChoice => json!(choices.iter().take(2).map(|c| &c.value).collect::<Vec<_>>()),
        Kind::SingleChoice | Kind::YesNo => json!(choices[0].value),
        Kind::Integer | Kind::Decimal => json!(3),
        Kind::Year => json!(2026),
        Kind::Date => json!("2026-05-04"),
        _ => json!(format!("Ответ {tag}")),
    }
}

/// Stores `answers` as the submitted response of the unit `token` opens.
pub(crate) async fn submit(t: &TestApp, token: &str, answers: &Answers) {
    let who = responses::respondent(&t.app, token).await.unwrap().unwrap();
    responses::save(&t.app, &who, answers, RStatus::Submitted, 0)
        .await
        .unwrap();
}

/// A campaign of survey `id` in 2026 with one unit's sample answers submitted: its
/// invitation and the survey's schema.
pub(crate) async fn answered(t: &TestApp, id: &str) -> (common::Mail, std::sync::Arc<Form>) {
    let c = t.open_campaign(id, 2026).await;
    let mails = t.invite_and_send(c).await;
    let mail = mails.into_values().next().expect("an invitation");
    let form = t
        .app
        .forms
        .get(&t.app.db, id, None)
        .await
        .unwrap()
        .unwrap()
        .1;
    submit(t, &mail.token(), &sample(&form)).await;
    (mail, form)
}

/// The text of a Word document's body and header, paragraphs on lines.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a docx is a zip");
    let mut out = String::new();
    for name in ["word/document.xml", "word/header1.xml"] {
        let mut xml = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the document"))
            .read_to_string(&mut xml)
            .unwrap();
        let xml = xml.replace("</w:p>", "\n");
        let mut inside = false;
        for c in xml.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => out.push(c),
                _ => {}
            }
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
}

/// Nothing of the interactive form is left on a printable copy.
fn no_controls(page: &str, what: &str) {
    let doc = Page::parse(page);
    for control in ["input", "button", "select", "textarea", "form"] {
        assert_eq!(
            doc.count(&format!("main {control}")),
            0,
            "{what}: no {control}"
        );
    }
}

#[rocket::async_test]
async fn every_survey_prints_blank_and_answered_in_both_languages() {
    on_every_backend!(|t| {
        for id in SURVEYS {
            let (mail, form) = answered(&t, id).await;
            let link = mail.link_path();
            for lang in [Lang::En, Lang::Ru] {
                let blank = format!("{link}/print?lang={lang}&blank=true");
                let (status, page) = t.get(&blank).await;
                assert_eq!(status, Status::Ok, "{blank}");
                no_controls(&page, &blank);
                let shown = Page::parse(&page).texts(".paper").join(" ");
                for q in form.questions() {
                    assert!(shown.contains(q.label.get(lang)), "{blank}: {}", q.id);
                    for c in form.choices(q).iter().take(3) {
                        assert!(shown.contains(c.label(lang)), "{blank}: {}", c.value);
                    }
                }
                let answered = format!("{link}/print?lang={lang}");
                let (status, page) = t.get(&answered).await;
                assert_eq!(status, Status::Ok);
                no_controls(&page, &answered);
                let doc = Page::parse(&page);
                assert!(
                    doc.texts(".paper .meta").join(" ").contains("2026"),
                    "{answered}"
                );
                assert_eq!(doc.count(".paper .box"), 0, "{answered}: chosen plainly");
                let shown = doc.texts(".paper").join(" ");
                let i18n = &t.app.renderer.i18n;
                for line in summary::lines(&form, &sample(&form), lang, i18n) {
                    let whole = !line.nested && !line.value.is_empty();
                    assert!(
                        !whole || shown.contains(&line.value),
                        "{answered}: {line:?}"
                    );
                }
                let r = t
                    .client
                    .get(format!("{link}/print.docx?lang={lang}"))
                    .dispatch()
                    .await;
                assert_eq!(r.status(), Status::Ok);
                let bytes = r.into_bytes().await.unwrap();
                let text = docx_text(&bytes);
                assert!(text.contains(form.title.get(lang)), "{id} {lang}: {text}");
                for q in form.questions() {
                    assert!(text.contains(q.label.get(lang)), "{id} {lang}: {}", q.id);
                }
            }
        }
    });
}

#[rocket::async_test]
async fn the_secretariat_prints_a_survey_blank_and_a_units_answers() {
    on_every_backend!(|t| {
        let c = crate::export::fixture(&t).await;
        t.login_secretariat().await;
        let (status, page) = t.get("/admin/forms/training-needs/print?lang=ru").await;
        assert_eq!(status, Status::Ok);
        no_controls(&page, "the survey's blank copy");
        assert!(Page::parse(&page)
            .texts(".paper h1")
            .concat()
            .contains("Потребности"));
        let (_, survey) = t.get("/admin/forms/training-needs").await;
        assert!(survey.contains("/admin/forms/training-needs/print?lang="));
        let unit = format!("/admin/campaigns/{c}/units/institute:NBSM");
        let (_, response) = t.get(&unit).await;
        assert!(response.contains(&format!("{unit}/print?lang=")), "linked");
        let (status, page) = t.get(&format!("{unit}/print?lang=en")).await;
        assert_eq!(status, Status::Ok);
        no_controls(&page, "the unit's answered copy");
        let shown = Page::parse(&page).texts(".paper").join(" ");
        assert!(
            shown.contains("NBSM") && shown.contains("Submitted on"),
            "{shown}"
        );
        let r = t
            .client
            .get(format!("{unit}/print.docx?lang=ru&blank=true"))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Ok);
        let name = r
            .headers()
            .get_one("Content-Disposition")
            .unwrap_or_default()
            .to_string();
        assert!(
            name.contains("training-needs-2026-institute-NBSM-blank-ru.docx"),
            "{name}"
        );
        let text = docx_text(&r.into_bytes().await.unwrap());
        assert!(text.contains("☐"), "boxes to tick on the blank copy");
        // What the institute typed is text in the document and on the page, never markup.
        let r = t
            .client
            .get(format!("{unit}/print.docx?lang=en"))
            .dispatch()
            .await;
        let text = docx_text(&r.into_bytes().await.unwrap());
        assert!(text.contains(crate::export::MARKUP), "{text}");
        let (_, page) = t.get(&format!("{unit}/print?lang=en")).await;
        assert!(Page::parse(&page)
            .texts(".paper")
            .concat()
            .contains(crate::export::MARKUP));
    });
}
