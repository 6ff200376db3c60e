//! A reviewer in a real browser: signs in, finds the training needs of 2026, compares them
//! with 2025, in English and in Russian. The charts render, and nothing is loaded from outside
//! the service.
use super::*;

#[rocket::async_test]
async fn a_reviewer_reads_two_years_of_training_needs_in_both_languages() {
    let (t, base) = serve().await;
    crate::review::add_reviewer(&t).await;
    crate::review::year_before(&t).await;
    let c = crate::export::fixture(&t).await;
    write_report_texts(&t).await;
    let profile = tempfile::tempdir().unwrap();
    let (_driver, b) = browser(profile.path(), false).await;
    sign_in_reviewer(&b, &base).await;
    // A reviewer lands on the results.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(b.current_url().await.unwrap().path().starts_with("/review"));
    screenshot(&b, "review-home-en").await;
    click(&b, &format!("a[href='/review/campaigns/{c}']")).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let charts = count(&b, "svg[role=img]").await;
    assert!(charts >= 5, "{charts} charts");
    let bar = by_css(
        &b,
        "section[aria-labelledby='ind-training-needs-needs-by-format'] svg rect",
    )
    .await;
    let size = bar.rectangle().await.unwrap();
    assert!(
        size.2 > 10.0 && size.3 > 5.0,
        "the bar has a size: {size:?}"
    );
    screenshot(&b, "review-campaign-en").await;
    let outside = b
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(n => !n.startsWith(location.origin));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outside, serde_json::json!([]), "loaded from elsewhere");
    b.goto(&format!("{base}/lang/ru")).await.unwrap();
    b.goto(&format!("{base}/review/campaigns/{c}"))
        .await
        .unwrap();
    let title = by_css(&b, "h1").await.text().await.unwrap();
    assert!(title.starts_with("Потребности"), "{title}");
    let years = by_css(&b, "#years-training-needs-elearning-tools")
        .await
        .text()
        .await
        .unwrap();
    assert!(years.contains("по годам"), "{years}");
    screenshot(&b, "review-campaign-ru").await;
    b.execute(
        "document.getElementById('ind-training-needs-needs-by-field').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot(&b, "review-charts-ru").await;
    // The annual report, on screen in both languages and printed.
    b.goto(&format!("{base}/review/report/2026")).await.unwrap();
    let title = by_css(&b, "h1").await.text().await.unwrap();
    assert!(title.contains("2026") && title.contains("отчёт"), "{title}");
    let preface = by_css(&b, ".preface strong").await.text().await.unwrap();
    assert_eq!(preface, "больше институтов");
    screenshot(&b, "review-report-ru").await;
    let pdf = b.print(Default::default()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let dir = common::root().join("target/screenshots");
    let file = dir.join("review-report-ru.pdf");
    std::fs::write(&file, &pdf).unwrap();
    printed_pages_are_numbered(&file);
    b.goto(&format!("{base}/review/roadmap")).await.unwrap();
    let e16 = by_css(&b, "section[aria-labelledby='code-Ind-e.1.6']").await;
    let text = e16.text().await.unwrap();
    assert!(text.contains("достигнута"), "{text}");
    b.execute(
        "document.getElementById('code-Ind-e.1.2').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot(&b, "review-roadmap-ru").await;
    b.goto(&format!("{base}/lang/en")).await.unwrap();
    b.goto(&format!("{base}/review/report/2026")).await.unwrap();
    let title = by_css(&b, "h1").await.text().await.unwrap();
    assert!(title.contains("report of 2026"), "{title}");
    screenshot(&b, "review-report-en").await;
    b.close().await.unwrap();
    t.finish().await;
}

/// The secretariat's preface and a commentary of 2026, in both languages.
async fn write_report_texts(t: &crate::common::TestApp) {
    use coomet_surveys::report::texts::{save, Section, Written};
    let preface = Written {
        en: "The year in brief: **more institutes** answered.".into(),
        ru: "Коротко о годе: ответило **больше институтов**.\n\n- рост участия\n- новые темы"
            .into(),
    };
    let commentary = Written {
        en: "Needs grew in _mass_ and _temperature_.".into(),
        ru: "Потребности выросли в областях _массы_ и _температуры_.".into(),
    };
    let sections = vec![
        (Section::Preface, preface),
        (Section::Survey("training-needs".into()), commentary),
    ];
    let operator = coomet_surveys::audit::Actor::cli();
    save(&t.app.db, &operator, 2026, sections).await.unwrap();
}

/// Each printed page carries its number and the count ("2 / 5"), as the print style puts it.
fn printed_pages_are_numbered(pdf: &std::path::Path) {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 1, "the report spans pages");
    for (i, page) in pages.iter().enumerate() {
        let number = format!("{} / {}", i + 1, pages.len());
        assert!(page.contains(&number), "page {} shows «{number}»", i + 1);
    }
    assert!(
        text.contains("КООМЕТ") && text.contains("Предисловие"),
        "{text}"
    );
}
