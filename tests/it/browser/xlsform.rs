//! A workbook written by hand goes through the browser (issue 25, acceptance 2): the
//! secretariat uploads it on the surveys' page in Russian and publishes it; its campaign's form
//! asks the follow-up only once its condition holds with JavaScript (and, without, shows it and
//! accepts it empty when the condition does not hold), refuses a number out of bounds with the
//! workbook's own Russian message, and adds rows to the repeat.
use super::accessibility::{axe_source, violations};
use super::staff::secretariat_in_russian;
use super::*;

#[rocket::async_test]
async fn a_handwritten_workbook_is_uploaded_published_and_answered_in_russian() {
    let profile = tempfile::tempdir().unwrap();
    let (t, base, _driver, c) = secretariat_in_russian(profile.path()).await;
    let axe = axe_source();
    let mut found = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("laboratories.xlsx");
    let rows = crate::xlsform::handwritten::survey();
    std::fs::write(&file, crate::xlsform::handwritten::documented(&rows)).unwrap();
    c.goto(&format!("{base}/admin/forms")).await.unwrap();
    type_in(&c, "#file", file.to_str().unwrap()).await;
    post(&c, "form[action='/admin/forms/upload'] button").await;
    let heading = text(&c, "h2#changes").await;
    assert!(heading.contains("lab-survey"), "{heading}");
    screenshot(&c, "xlsform-new-survey-ru").await;
    found.extend(violations(&c, &axe).await);
    post(&c, "form[action='/admin/forms/publish'] button.primary").await;
    let flash = text(&c, ".notice.success").await;
    assert!(flash.contains("Версия 1 опубликована."), "{flash}");

    let campaign = t.open_campaign("lab-survey", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    c.goto(&link).await.unwrap();
    assert!(!shown(&c, "[id='f-accreditation_body']").await);
    click(&c, "input[name='accredited'][value='yes']").await;
    assert!(shown(&c, "[id='f-accreditation_body']").await);
    type_in(&c, "[name='lab_name']", "Лаборатория массы").await;
    type_in(&c, "[name='staff']", "900").await;
    type_in(&c, "[name='accreditation_body']", "BelSCA").await;
    type_in(&c, "[name='courses.0.course']", "Взвешивание").await;
    click(&c, "button[value='add:courses']").await;
    type_in(&c, "[name='courses.1.course']", "Неопределённость").await;
    post(&c, ".actions button[value='submit']").await;
    let errors = text(&c, "[id='f-staff'] .error").await;
    assert_eq!(errors, "Число от 0 до 500");
    assert_eq!(
        value(&c, "[name='courses.1.course']").await,
        "Неопределённость"
    );
    screenshot(&c, "xlsform-form-refused-ru").await;
    found.extend(violations(&c, &axe).await);
    assert!(found.is_empty(), "{}", found.join("\n"));
    c.close().await.unwrap();

    // Without JavaScript the follow-up is on the page; not accredited, it may stay empty.
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&link).await.unwrap();
    assert!(shown(&c, "[id='f-accreditation_body']").await);
    c.find(fantoccini::Locator::Css("[name='staff']"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    type_in(&c, "[name='staff']", "12").await;
    click(&c, "input[name='accredited'][value='no']").await;
    c.find(fantoccini::Locator::Css("[name='accreditation_body']"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    post(&c, ".actions button[value='submit']").await;
    assert_eq!(count(&c, ".notice.error").await, 0, "accepted");
    let saved = coomet_surveys::responses::progress::list(&t.app.db)
        .await
        .unwrap();
    assert!(!saved.is_empty());
    c.close().await.unwrap();
    t.finish().await;
}
