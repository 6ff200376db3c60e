//! The secretariat keeps a reference list in Russian, in a real browser (issue 24): from the
//! surveys' page to the OIML publications, a new publication typed with a Russian text missing
//! (refused, everything typed kept), then saved; the survey that uses the list is offered its
//! next version, which shows the new grid row before it is published.
use super::accessibility::{axe_source, violations};
use super::staff::secretariat_in_russian;
use super::*;
use coomet_surveys::forms::lists::store;

#[rocket::async_test]
async fn the_secretariat_adds_an_oiml_publication_and_the_survey_gets_it_in_russian() {
    let profile = tempfile::tempdir().unwrap();
    let (t, base, _driver, c) = secretariat_in_russian(profile.path()).await;
    let axe = axe_source();
    let mut found = Vec::new();
    c.goto(&format!("{base}/admin/forms")).await.unwrap();
    assert!(text(&c, "h2#ref-lists")
        .await
        .contains("Справочные перечни"));
    click(&c, "a[href='/admin/lists/oiml-publications']").await;
    assert_eq!(text(&c, "h1").await, "Публикации МОЗМ (oiml-publications)");
    assert_eq!(count(&c, "input[name$='/retired']").await, 27);

    // A new entry with its Russian text forgotten: refused, what was typed stays.
    type_in(&c, "[name='n0/value']", "R 150").await;
    type_in(
        &c,
        "[name='n0:en']",
        "OIML R 150 Continuous totalizing automatic weighing instruments",
    )
    .await;
    post(
        &c,
        "form[action='/admin/lists/oiml-publications'] button.primary",
    )
    .await;
    let alert = text(&c, "#list-error").await;
    assert!(alert.contains("Перечень не сохранён"), "{alert}");
    assert_eq!(value(&c, "[name='n0/value']").await, "R 150");
    let row_error = text(&c, "#n0-e").await;
    assert_eq!(
        row_error,
        "Нужен текст и на английском, и на русском языке."
    );
    c.execute("document.getElementById('n0-e').scrollIntoView()", vec![])
        .await
        .unwrap();
    screenshot(&c, "lists-refused-ru").await;
    found.extend(violations(&c, &axe).await);

    type_in(
        &c,
        "[name='n0:ru']",
        "МОЗМ R 150 Весы непрерывного действия",
    )
    .await;
    post(
        &c,
        "form[action='/admin/lists/oiml-publications'] button.primary",
    )
    .await;
    let flash = text(&c, ".notice.success").await;
    assert!(flash.contains("Версия 2 перечня сохранена"), "{flash}");
    let history = text(&c, "table[aria-labelledby=list-versions]").await;
    assert!(history.contains("добавлена запись R 150"), "{history}");
    screenshot(&c, "lists-saved-ru").await;
    found.extend(violations(&c, &axe).await);
    let latest = store::latest(&t.app.db, "oiml-publications")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((latest.version, latest.entries.len()), (2, 28));

    // The survey's next version, with the new row shown before it is published.
    post(&c, "form[action='/admin/forms/oiml-usage/refresh'] button").await;
    let changes = text(&c, "ol.changes").await;
    assert!(changes.contains("R 150"), "{changes}");
    screenshot(&c, "lists-survey-difference-ru").await;
    found.extend(violations(&c, &axe).await);
    post(&c, "form[action='/admin/forms/publish'] button.primary").await;
    let flash = text(&c, ".notice.success").await;
    assert!(flash.contains("Версия 2 опубликована."), "{flash}");
    let used = text(&c, "ul[aria-labelledby=used-lists]").await;
    assert!(used.contains("версию перечня 2"), "{used}");
    assert!(found.is_empty(), "{}", found.join("\n"));
    c.close().await.unwrap();
    t.finish().await;
}
