//! Where the respondent's page puts people (issue 14), in Chromium: without JavaScript a row
//! added by posting the form comes back in view, not 2,500 px above it; on a 390 px phone the
//! 27-line OIML grid is a card per line with no sideways scrolling; a refused submission in
//! Russian lists each place, and its links put the cursor in the field (with JavaScript);
//! "set every unanswered line to" fills a grid's column on the page.
use super::{browser, click, link_of, post, screenshot, serve, type_in};

async fn eval(c: &fantoccini::Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap()
}

#[rocket::async_test]
async fn rows_added_without_javascript_come_back_in_view_and_grids_fit_a_phone() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &crate::common::operator(), campaign)
        .await
        .unwrap();
    let oiml = t.open_campaign("oiml-usage", 2026).await;
    t.invite_and_send(oiml).await;
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&link_of(&t, &base, "training.nbsm@example.org"))
        .await
        .unwrap();
    type_in(&c, "[name='needs.0.topic']", "Mass comparators").await;
    post(&c, "button[value='add:needs']").await;
    let seen = eval(
        &c,
        "const r = document.getElementById('r-needs-1').getBoundingClientRect();\
         return [location.hash, r.top, window.innerHeight, window.scrollY];",
    )
    .await;
    assert_eq!(seen[0], "#r-needs-1", "{seen}");
    let (top, height) = (seen[1].as_f64().unwrap(), seen[2].as_f64().unwrap());
    assert!(
        (0.0..height).contains(&top),
        "the new row is in view: {seen}"
    );
    assert!(
        seen[3].as_f64().unwrap() > 300.0,
        "scrolled down to it: {seen}"
    );
    screenshot(&c, "respondent-row-added-no-js").await;

    // A phone: the OIML grid is a card per publication, and nothing sticks out sideways.
    c.set_window_size(390, 844).await.unwrap();
    let oiml_link = link_of(&t, &base, "research.nbsm@example.org");
    c.goto(&oiml_link).await.unwrap();
    let widths = eval(
        &c,
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
    )
    .await;
    assert!(
        widths[0].as_f64() <= widths[1].as_f64(),
        "no horizontal scroll on a phone: {widths}"
    );
    eval(
        &c,
        "document.querySelector('.grid-table tbody tr').scrollIntoView(); return 0;",
    )
    .await;
    screenshot(&c, "respondent-oiml-phone").await;
    c.close().await.unwrap();

    // With JavaScript, in Russian: a refused submission lists each publication, and a link
    // of the list puts the cursor in that publication's status.
    // A profile of its own: the one above keeps JavaScript switched off.
    let scripted = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(scripted.path(), true).await;
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&format!("{oiml_link}?lang=ru")).await.unwrap();
    post(&c, ".actions button[value='submit']").await;
    let items = eval(
        &c,
        "return Array.from(document.querySelectorAll('.notice.error li')).map(li => li.textContent);",
    )
    .await;
    let items: Vec<String> = serde_json::from_value(items).unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("МОЗМ R 76") || i.contains("R 76")),
        "{items:?}"
    );
    screenshot(&c, "respondent-oiml-errors-ru").await;
    c.find(fantoccini::Locator::Css(".notice.error li:nth-child(3) a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let focused = eval(&c, "return document.activeElement.id;").await;
    let href = eval(
        &c,
        "return document.querySelector('.notice.error li:nth-child(3) a').hash.slice(1);",
    )
    .await;
    assert_eq!(focused, href, "the link put the cursor in the field");

    // "Set every unanswered line to" works on the page, without a reload.
    eval(
        &c,
        "document.querySelector('[name=\"oiml.2.translation\"]').value = 'no';\
         document.querySelector('[name=\"oiml._fill.translation\"]').value = 'yes';\
         window.__stayed = true; return 0;",
    )
    .await;
    click(&c, "button[value='fill:oiml:translation']").await;
    let cells = eval(
        &c,
        "return [window.__stayed === true, Array.from(document.querySelectorAll('select'))\
           .filter((s) => /^oiml\\.\\d+\\.translation$/.test(s.name)).map((s) => s.value)];",
    )
    .await;
    assert_eq!(cells[0], true, "no reload");
    let values: Vec<String> = serde_json::from_value(cells[1].clone()).unwrap();
    assert!(values.len() > 20);
    for (line, v) in values.iter().enumerate() {
        let want = if line == 2 { "no" } else { "yes" };
        assert_eq!(v, want, "line {line}");
    }
    screenshot(&c, "respondent-oiml-filled").await;
    c.close().await.unwrap();
    t.finish().await;
}
