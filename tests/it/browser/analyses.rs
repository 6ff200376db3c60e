//! The reviewers' second pass in a real browser (issue 28): the OIML chart, the needs tables
//! and charts, the match of needs and offers and the roadmap, in Russian and English; wide
//! tables scroll inside their own box (the page itself never scrolls sideways, even on a
//! narrow window), and axe finds nothing on the pages. Screenshots of each part are kept in
//! target/screenshots/analyses/.
use super::accessibility::{axe_source, violations};
use super::*;

async fn part(b: &fantoccini::Client, css: &str, name: &str) {
    let el = by_css(b, css).await;
    b.execute(
        "arguments[0].scrollIntoView();",
        vec![serde_json::to_value(&el).unwrap()],
    )
    .await
    .unwrap();
    let png = el.screenshot().await.unwrap();
    let dir = common::root().join("target/screenshots/analyses");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// The page does not scroll sideways: what is wider scrolls in its own box.
async fn fits_the_window(b: &fantoccini::Client, what: &str) {
    let wide = b
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (page, window) = (wide[0].as_f64().unwrap(), wide[1].as_f64().unwrap());
    assert!(
        page <= window + 1.0,
        "{what}: the page is {page}px in {window}px"
    );
}

#[rocket::async_test]
async fn a_reviewer_reads_the_analyses_in_both_languages() {
    let (t, base) = serve().await;
    crate::review::add_reviewer(&t).await;
    crate::review::year_before(&t).await;
    let c = crate::analyses::year(&t).await;
    let oiml = crate::analyses::oiml(&t).await;
    let profile = tempfile::tempdir().unwrap();
    let (_driver, b) = browser(profile.path(), true).await;
    sign_in_reviewer(&b, &base).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let axe = axe_source();
    for lang in ["en", "ru"] {
        b.goto(&format!("{base}/lang/{lang}")).await.unwrap();
        b.goto(&format!("{base}/review/campaigns/{oiml}"))
            .await
            .unwrap();
        let sect = "section[aria-labelledby='ind-oiml-usage-oiml-status']";
        part(&b, sect, &format!("oiml-status-{lang}")).await;
        fits_the_window(&b, "oiml-usage").await;
        // The status table is wider than its column: it scrolls in its box.
        let sizes = b
            .execute(
                &format!("const d = document.querySelector(\"{sect} div.table-scroll\"); return [d.scrollWidth, d.clientWidth];"),
                vec![],
            )
            .await
            .unwrap();
        assert!(sizes[0].as_f64() >= sizes[1].as_f64(), "{sizes}");
        assert_eq!(
            violations(&b, &axe).await,
            Vec::<String>::new(),
            "oiml-usage {lang}"
        );

        b.goto(&format!("{base}/review/campaigns/{c}"))
            .await
            .unwrap();
        fits_the_window(&b, "training-needs").await;
        for id in [
            "needs-by-format",
            "needs-by-country",
            "needs-field-format-staff",
        ] {
            let css = format!("section[aria-labelledby='ind-training-needs-{id}']");
            part(&b, &css, &format!("{id}-{lang}")).await;
        }
        part(
            &b,
            "section[aria-labelledby='match-training-offers']",
            &format!("training-offers-{lang}"),
        )
        .await;
        // Each legend entry is drawn whole, inside the chart.
        let clipped = b
            .execute(
                "return [...document.querySelectorAll('svg text.legend, svg text.label')].filter(t => { \
                   const s = t.closest('svg').getBoundingClientRect(), r = t.getBoundingClientRect(); \
                   return r.left < s.left - 1 || r.right > s.right + 1; }).map(t => t.textContent);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(clipped, serde_json::json!([]), "labels outside their chart");
        assert_eq!(
            violations(&b, &axe).await,
            Vec::<String>::new(),
            "training-needs {lang}"
        );

        b.goto(&format!("{base}/review/roadmap")).await.unwrap();
        part(
            &b,
            "section[aria-labelledby='code-Ind-e.1.3']",
            &format!("roadmap-e13-{lang}"),
        )
        .await;
        screenshot(&b, &format!("analyses/roadmap-{lang}")).await;
    }
    // A narrow window: still no sideways scrolling of the page.
    b.set_window_size(420, 900).await.unwrap();
    b.goto(&format!("{base}/review/campaigns/{oiml}"))
        .await
        .unwrap();
    fits_the_window(&b, "oiml-usage, narrow").await;
    part(
        &b,
        "section[aria-labelledby='ind-oiml-usage-oiml-status']",
        "oiml-status-narrow-ru",
    )
    .await;
    b.close().await.unwrap();
    t.finish().await;
}
