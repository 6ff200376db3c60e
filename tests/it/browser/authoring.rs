//! The secretariat prepares next year's survey in Russian, in a real browser (issue 24): reads
//! the survey's page, test-fills version 1 (a refused number, its message, nothing stored),
//! uploads a changed file, reads the difference, publishes it, sees version 2 as respondents
//! will, and opens a campaign with it.
use super::accessibility::{axe_source, violations};
use super::staff::{sign_in, PASSWORD};
use super::*;
use coomet_surveys::directory::{staff, staff_user::Role};
use coomet_surveys::forms::versions;

#[rocket::async_test]
async fn the_secretariat_previews_uploads_publishes_and_opens_a_new_version_in_russian() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    // With JavaScript, for axe; the pages work without it (the CSP tour visits them so).
    let (_driver, c) = browser(profile.path(), true).await;
    let axe = axe_source();
    let mut found = Vec::new();
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;

    c.goto(&format!("{base}/admin/forms")).await.unwrap();
    assert_eq!(text(&c, "h1").await, "Опросы");
    screenshot(&c, "authoring-forms-ru").await;
    found.extend(violations(&c, &axe).await);
    click(&c, "a[href='/admin/forms/training-needs']").await;
    click(&c, "a[href='/admin/forms/training-needs/1/preview']").await;
    let banner = text(&c, ".notice.preview").await;
    assert!(
        banner.contains("Предварительный просмотр версии 1"),
        "{banner}"
    );

    // A test fill: a refused number gets its message in Russian; nothing is stored.
    type_in(&c, "[name='staff_other_rmo']", "-3").await;
    post(&c, ".actions button[value='submit']").await;
    let alert = text(&c, ".notice.error[role=alert]").await;
    assert!(alert.contains("Введите число не меньше 0."), "{alert}");
    assert_eq!(value(&c, "[name='staff_other_rmo']").await, "-3");
    screenshot(&c, "authoring-preview-refused-ru").await;
    found.extend(violations(&c, &axe).await);
    assert!(coomet_surveys::responses::progress::list(&t.app.db)
        .await
        .unwrap()
        .is_empty());

    // A copy to edit in the browser: every text in both languages.
    c.goto(&format!("{base}/admin/forms/training-needs/edit"))
        .await
        .unwrap();
    assert!(count(&c, "textarea[lang=ru]").await > 50);
    screenshot(&c, "authoring-edit-ru").await;
    found.extend(violations(&c, &axe).await);

    // A changed file: the difference before anything is published.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("training-needs.toml");
    std::fs::write(&file, crate::versions::edited()).unwrap();
    c.goto(&format!("{base}/admin/forms/training-needs"))
        .await
        .unwrap();
    type_in(&c, "#file", file.to_str().unwrap()).await;
    post(&c, "form[action='/admin/forms/upload'] button").await;
    let changes = text(&c, "h2#changes").await;
    assert!(
        changes.contains("Версия 2 в сравнении с версией 1"),
        "{changes}"
    );
    assert!(count(&c, "ol.changes > li").await >= 3);
    let listed = text(&c, "ol.changes").await;
    assert!(listed.contains("responsible"), "{listed}");
    screenshot(&c, "authoring-difference-ru").await;
    found.extend(violations(&c, &axe).await);
    assert_eq!(
        versions::numbers(&t.app.db, "training-needs")
            .await
            .unwrap(),
        vec![1],
        "nothing is published before it is confirmed"
    );
    post(&c, "form[action='/admin/forms/publish'] button.primary").await;
    let flash = text(&c, ".notice.success").await;
    assert!(flash.contains("Версия 2 опубликована."), "{flash}");
    assert_eq!(
        versions::numbers(&t.app.db, "training-needs")
            .await
            .unwrap(),
        vec![1, 2]
    );
    // The survey's page tells the difference in the reader's language.
    click(&c, "details summary").await;
    let history = text(&c, "ul.changes").await;
    assert!(history.contains("Вопрос"), "{history}");
    screenshot(&c, "authoring-survey-ru").await;
    found.extend(violations(&c, &axe).await);
    assert!(found.is_empty(), "{}", found.join("\n"));

    // Opening a campaign: version 2 by default, seen as respondents will before confirming.
    c.goto(&format!(
        "{base}/admin/campaigns/new?form=training-needs&year=2027"
    ))
    .await
    .unwrap();
    assert_eq!(value(&c, "select#version").await, "2");
    post(&c, "form[method=get] button[type=submit]").await;
    click(&c, "a[href='/admin/forms/training-needs/2/preview']").await;
    assert_eq!(count(&c, "[name='responsible']").await, 1);
    c.back().await.unwrap();
    post(&c, "form[action='/admin/campaigns'] button[type=submit]").await;
    let url = c.current_url().await.unwrap().to_string();
    let id: i32 = url.rsplit('/').next().unwrap().parse().unwrap();
    let campaign = coomet_surveys::campaigns::get(&t.app.db, id).await.unwrap();
    assert_eq!(campaign.form_version, Some(2));
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn the_secretariat_corrects_a_typo_in_an_open_campaign_in_russian() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let id = t.open_campaign("training-needs", 2026).await;
    let reworded = crate::versions::training_needs().replace(
        r#"label = { en = "Topic", ru = "Тема" }"#,
        r#"label = { en = "Subject", ru = "Предмет" }"#,
    );
    crate::versions::publish(&t.app, &reworded).await.unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;
    c.goto(&format!("{base}/admin/forms/training-needs"))
        .await
        .unwrap();
    click(
        &c,
        &format!("a[href='/admin/campaigns/{id}/correct?version=2']"),
    )
    .await;
    let table = text(&c, "table").await;
    assert!(
        table.contains("Тема") && table.contains("Предмет"),
        "{table}"
    );
    screenshot(&c, "authoring-correction-ru").await;
    let found = violations(&c, &axe_source()).await;
    assert!(found.is_empty(), "{}", found.join("\n"));
    post(&c, "form[action$='/correct'] button.primary").await;
    let flash = text(&c, ".notice.success").await;
    assert!(flash.contains("Тексты версии 2 применены"), "{flash}");
    let campaign = coomet_surveys::campaigns::get(&t.app.db, id).await.unwrap();
    assert_eq!(campaign.form_version, Some(2));
    c.close().await.unwrap();
    t.finish().await;
}
