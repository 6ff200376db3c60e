//! Nothing typed is lost (issue 14), in Chromium: without JavaScript a refused submission is
//! kept as a draft that the link opens again later, markup included with its message; with
//! JavaScript, in Russian, a colleague's save in between is resolved question by question by
//! clicking, and the result holds exactly what was chosen.
use super::respondent::stored_answers;
use super::{browser, click, link_of, post, screenshot, serve, type_in, value};

/// Types `text` in place of what the field holds.
async fn replace_in(c: &fantoccini::Client, css: &str, text: &str) {
    let field = super::by_css(c, css).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[rocket::async_test]
async fn a_refused_submission_reopens_as_typed_and_a_conflict_is_resolved_by_choosing() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let (ru, en) = (
        link_of(&t, &base, "training.nbsm@example.org"),
        link_of(&t, &base, "research.nbsm@example.org"),
    );
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&en).await.unwrap();
    type_in(&c, "[name='needs.0.topic']", "Mass <b>comparators</b>").await;
    type_in(&c, "[name='staff_coomet']", "4").await;
    post(&c, ".actions button[value='submit']").await;
    let notice = c
        .find(fantoccini::Locator::Css(".notice.error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(notice.contains("kept as a draft"), "{notice}");
    // The person leaves; the link, opened again, gives back what was typed.
    c.goto(&format!("{base}/")).await.unwrap();
    c.goto(&en).await.unwrap();
    assert_eq!(
        value(&c, "[name='needs.0.topic']").await,
        "Mass <b>comparators</b>"
    );
    assert_eq!(value(&c, "[name='staff_coomet']").await, "4");
    assert_eq!(stored_answers(&t, campaign).await["staff_coomet"], 4);
    c.close().await.unwrap();

    // With JavaScript, in Russian: the colleague saves while this page is open.
    let scripted = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(scripted.path(), true).await;
    c.goto(&format!("{ru}?lang=ru")).await.unwrap();
    let version = value(&c, "[name='_version']").await;
    let path = en.trim_start_matches(&base).to_string();
    let form = [
        ("_version", version.as_str()),
        ("_action", "draft"),
        ("needs.0.topic", "Colleague's topic"),
        ("staff_coomet", "9"),
    ];
    let (status, _, _) = t.post_form(&path, &form).await;
    assert_eq!(status, rocket::http::Status::SeeOther);
    replace_in(&c, "[name='needs.0.topic']", "Моя тема").await;
    replace_in(&c, "[name='staff_coomet']", "5").await;
    post(&c, ".actions button[value='draft']").await;
    screenshot(&c, "respondent-conflict-choose-ru").await;
    click(&c, "input[name='_keep.needs.0.0'][value='mine']").await;
    click(&c, "input[name='_keep.staff_coomet'][value='theirs']").await;
    post(&c, ".actions button[value='draft']").await;
    let answers = stored_answers(&t, campaign).await;
    assert_eq!(answers["needs"][0]["topic"], "Моя тема");
    assert_eq!(answers["staff_coomet"], 9);
    assert!(
        c.find_all(fantoccini::Locator::Css("fieldset.conflict"))
            .await
            .unwrap()
            .is_empty(),
        "saved: no conflict left"
    );
    c.close().await.unwrap();
    t.finish().await;
}
