//! The questionnaire on paper in Chromium (issue 27): each of the seven surveys, blank and
//! answered, printed to PDF in both languages and read back with pdftotext; its page and the
//! record after submitting checked with axe; one Word document opened with python-docx.
use super::accessibility::{axe_source, violations};
use super::{browser, serve};
use crate::common;
use crate::paper::{answered, SURVEYS};
use coomet_surveys::i18n::Lang;

/// The text of a PDF, its whitespace made single spaces (lines wrap where the page ends).
fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first page of `pdf` as a PNG beside it, to be looked at.
fn first_page_png(pdf: &std::path::Path) {
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
        .arg(pdf)
        .arg(pdf.with_extension(""))
        .status()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(status.success());
}

/// The Word document of the answered copy, opened with python-docx: its paragraphs and
/// table cells hold the title and every question.
async fn document_reads(
    t: &common::TestApp,
    link: &str,
    lang: Lang,
    form: &coomet_surveys::forms::Form,
) {
    let r = t
        .client
        .get(format!("{link}/print.docx?lang={lang}"))
        .dispatch()
        .await;
    let file = common::root().join(format!("target/screenshots/paper/{}-{lang}.docx", form.id));
    std::fs::write(&file, r.into_bytes().await.unwrap()).unwrap();
    let read = "import docx, sys\n\
        d = docx.Document(sys.argv[1])\n\
        print('\\n'.join(p.text for p in d.paragraphs))\n\
        print('\\n'.join(c.text for t in d.tables for r in t.rows for c in r.cells))\n\
        print('\\n'.join(p.text for s in d.sections for p in s.header.paragraphs))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", read])
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = one_line(&String::from_utf8_lossy(&out.stdout));
    assert!(text.contains(&one_line(form.title.get(lang))), "{text}");
    for q in form.questions() {
        assert!(
            text.contains(&one_line(q.label.get(lang))),
            "{}: {text}",
            q.id
        );
    }
    assert!(text.contains("2026"), "the running header: {text}");
}

#[rocket::async_test]
async fn every_questionnaire_prints_to_pdf_blank_and_answered_in_both_languages() {
    let (t, base) = serve().await;
    let axe = axe_source();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    let dir = common::root().join("target/screenshots/paper");
    std::fs::create_dir_all(&dir).unwrap();
    let mut found = Vec::new();
    for id in SURVEYS {
        let (mail, form) = answered(&t, id).await;
        for lang in [Lang::En, Lang::Ru] {
            // The record after submitting, checked as the copies are.
            c.goto(&format!("{base}{}?lang={lang}&done=true", mail.link_path()))
                .await
                .unwrap();
            assert_eq!(
                super::count(&c, "table.record").await,
                1,
                "{id}: the record"
            );
            for v in violations(&c, &axe).await {
                found.push(format!("{id} {lang} record: {v}"));
            }
            for blank in [true, false] {
                let url = format!("{base}{}/print?lang={lang}&blank={blank}", mail.link_path());
                c.goto(&url).await.unwrap();
                if lang == Lang::Ru {
                    for v in violations(&c, &axe).await {
                        found.push(format!("{id} {lang} blank={blank}: {v}"));
                    }
                }
                let pdf = c.print(Default::default()).await.unwrap();
                let kind = if blank { "blank" } else { "answered" };
                let file = dir.join(format!("{id}-{lang}-{kind}.pdf"));
                std::fs::write(&file, &pdf).unwrap();
                let text = pdf_text(&file);
                assert!(
                    text.contains(&one_line(form.title.get(lang))),
                    "{url}: {text}"
                );
                for q in form.questions() {
                    let label = one_line(q.label.get(lang));
                    assert!(text.contains(&label), "{url}: «{label}» in {text}");
                }
                for gone in [
                    "Ctrl+P",
                    "Word",
                    "Save draft",
                    "Сохранить черновик",
                    "Submit changes",
                    "Back",
                    "Назад",
                ] {
                    assert!(!text.contains(gone), "{url}: «{gone}» is not printed");
                }
                if id == "oiml-usage" || id == "training-needs" {
                    first_page_png(&file);
                }
                if !blank {
                    document_reads(&t, &mail.link_path(), lang, &form).await;
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    c.close().await.unwrap();
    t.finish().await;
}
