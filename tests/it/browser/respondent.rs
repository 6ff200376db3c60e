//! The respondent's form in a real browser, with and without JavaScript.
use super::*;

#[rocket::async_test]
async fn a_respondent_fills_corrects_and_submits_the_form_in_russian() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;

    c.goto(&link).await.unwrap();
    assert_eq!(
        by_css(&c, "html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("ru")
    );
    assert!(by_css(&c, "h1")
        .await
        .text()
        .await
        .unwrap()
        .contains("Потребности в обучении"));
    // Under the content security policy, which forbids inline code, the style sheet applies
    // (the header is white on the grey page) and the script runs (the detail box hides below).
    assert!(styled(&c).await, "the style sheet applies");
    screenshot(&c, "respondent-ru").await;

    // Ticking a field reveals the text box for its topical issues.
    let detail = by_css(&c, "[name='fields.detail.2']").await;
    assert!(!detail.is_displayed().await.unwrap());
    click(&c, "input[name='fields'][value='TC 1.3']").await;
    assert!(detail.is_displayed().await.unwrap());
    detail
        .send_keys("Поверка счётчиков электроэнергии")
        .await
        .unwrap();

    type_in(
        &c,
        "[name='needs.0.topic']",
        "Неопределённость измерений мощности",
    )
    .await;
    by_css(&c, "select[name='needs.0.field']")
        .await
        .select_by_value("TC 1.3")
        .await
        .unwrap();
    click(&c, "input[name='needs.0.format'][value='webinar']").await;
    type_in(&c, "[name='needs.0.staff']", "0").await;
    post(&c, ".actions button[value='submit']").await;

    // Refused: the message is beside the field, and everything typed is still there.
    let error = by_css(&c, "[id='f-needs.0.staff'] .error")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(error, "Введите число не меньше 1.");
    assert_eq!(value(&c, "[name='needs.0.staff']").await, "0");
    assert_eq!(
        value(&c, "[name='needs.0.topic']").await,
        "Неопределённость измерений мощности"
    );
    assert_eq!(
        value(&c, "[name='fields.detail.2']").await,
        "Поверка счётчиков электроэнергии"
    );
    assert_eq!(value(&c, "select[name='needs.0.field']").await, "TC 1.3");
    assert!(by_css(&c, "input[name='fields'][value='TC 1.3']")
        .await
        .is_selected()
        .await
        .unwrap());

    // Corrected and submitted.
    let staff = by_css(&c, "[name='needs.0.staff']").await;
    staff.clear().await.unwrap();
    staff.send_keys("12").await.unwrap();
    post(&c, ".actions button[value='submit']").await;
    assert!(c
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("done=true"));
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("Спасибо"), "{notice}");

    // The same page in English, one click away.
    click(&c, "a[hreflang='en']").await;
    assert_eq!(
        by_css(&c, "html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );
    // The record of what was sent, and from it the form again to change it.
    let said = by_css(&c, "main").await.text().await.unwrap();
    assert!(said.contains("What happens next"), "{said}");
    screenshot(&c, "respondent-record-en").await;
    click(&c, "main a.button").await;
    assert!(by_css(&c, ".actions button[value='submit']")
        .await
        .text()
        .await
        .unwrap()
        .contains("Submit changes"));

    let stored =
        coomet_surveys::responses::current(&t.app.db, campaign, &common::unit("institute:NBSM"))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(stored.status, coomet_surveys::responses::Status::Submitted);
    assert_eq!(stored.answers().unwrap()["needs"][0]["staff"], 12);
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn a_row_is_added_by_posting_the_form_with_nothing_lost() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "research.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&link).await.unwrap();
    // Without JavaScript the button posts the form and the page comes back: a new document,
    // without the marker set on this one.
    c.execute("window.__marker = 1;", vec![]).await.unwrap();
    type_in(&c, "[name='needs.0.topic']", "First need").await;
    type_in(&c, "[name='staff_coomet']", "4").await;
    click(&c, "button[value='add:needs']").await;
    assert!(new_page(&c).await, "the page was posted");
    type_in(&c, "[name='needs.1.topic']", "Second need").await;
    assert_eq!(value(&c, "[name='needs.0.topic']").await, "First need");
    assert_eq!(value(&c, "[name='staff_coomet']").await, "4");
    post(&c, ".actions button[value='draft']").await;
    let stored =
        coomet_surveys::responses::current(&t.app.db, campaign, &common::unit("institute:NBSM"))
            .await
            .unwrap()
            .unwrap();
    let needs = stored.answers().unwrap()["needs"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(needs.len(), 2);
    assert_eq!(needs[1]["topic"], "Second need");
    c.close().await.unwrap();
    t.finish().await;
}

/// Fills row `i` of the training needs with a topic, a field, a format and a number of staff.
async fn fill_need(c: &Client, i: usize, topic: &str, field: &str, format: &str, staff: &str) {
    type_in(c, &format!("[name='needs.{i}.topic']"), topic).await;
    by_css(c, &format!("select[name='needs.{i}.field']"))
        .await
        .select_by_value(field)
        .await
        .unwrap();
    click(
        c,
        &format!("input[name='needs.{i}.format'][value='{format}']"),
    )
    .await;
    type_in(c, &format!("[name='needs.{i}.staff']"), staff).await;
}

pub(super) async fn stored_answers(t: &common::TestApp, campaign: i32) -> serde_json::Value {
    let stored =
        coomet_surveys::responses::current(&t.app.db, campaign, &common::unit("institute:NBSM"))
            .await
            .unwrap()
            .expect("a stored response");
    serde_json::Value::Object(stored.answers().unwrap())
}

#[rocket::async_test]
async fn with_javascript_rows_are_added_and_removed_on_the_page() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    c.goto(&link).await.unwrap();
    // Set on this document: still there after the row buttons means nothing was loaded.
    c.execute("window.__marker = 1;", vec![]).await.unwrap();

    fill_need(&c, 0, "Mass comparators", "TC 1.3", "webinar", "3").await;
    click(&c, "button[value='add:needs']").await;
    // The new row is a copy of the last one with nothing in it.
    assert_eq!(value(&c, "[name='needs.1.topic']").await, "");
    assert_eq!(value(&c, "select[name='needs.1.field']").await, "");
    assert_eq!(count(&c, "input[name='needs.1.format']:checked").await, 0);
    assert_eq!(value(&c, "[name='needs._rows']").await, "2");
    fill_need(&c, 1, "Middle row", "TC 1.5", "seminar", "5").await;
    click(&c, "button[value='add:needs']").await;
    assert_eq!(value(&c, "[name='needs.2.staff']").await, "");
    fill_need(&c, 2, "Thermometry", "TC 1.5", "workshop", "7").await;
    // Each row's radio buttons are its own: choosing in one row left the others as they were.
    for (i, format) in [(0, "webinar"), (1, "seminar"), (2, "workshop")] {
        assert!(
            by_css(
                &c,
                &format!("input[name='needs.{i}.format'][value='{format}']")
            )
            .await
            .is_selected()
            .await
            .unwrap(),
            "row {i}"
        );
    }
    assert_eq!(value(&c, "[name='needs._rows']").await, "3");
    // Enter in a text box presses the form's first button: a hidden "save draft", never a row's.
    assert_eq!(count(&c, "form > button[hidden][value='draft']").await, 1);

    click(&c, "button[value='remove:needs:1']").await;
    assert_eq!(count(&c, "[id^='r-needs-']").await, 2);
    assert_eq!(value(&c, "[name='needs._rows']").await, "2");
    // The last row took the place of the removed one: names, ids, labels, heading, button.
    assert_eq!(value(&c, "[name='needs.1.topic']").await, "Thermometry");
    assert_eq!(value(&c, "[id='i-needs.1.topic']").await, "Thermometry");
    assert_eq!(count(&c, "label[for='i-needs.1.topic']").await, 1);
    assert_eq!(count(&c, "[id='f-needs.1.staff']").await, 1);
    assert_eq!(count(&c, "[name^='needs.2.']").await, 0);
    assert!(by_css(&c, "[id='r-needs-1'] h3 span")
        .await
        .text()
        .await
        .unwrap()
        .ends_with(" 2"));
    assert_eq!(
        count(&c, "[id='r-needs-1'] button[value='remove:needs:1']").await,
        1
    );
    assert!(by_css(&c, "input[name='needs.1.format'][value='workshop']")
        .await
        .is_selected()
        .await
        .unwrap());
    assert_eq!(marker(&c).await, 1, "no page was loaded");
    assert!(
        coomet_surveys::responses::current(&t.app.db, campaign, &common::unit("institute:NBSM"))
            .await
            .unwrap()
            .is_none(),
        "nothing was posted"
    );

    post(&c, ".actions button[value='draft']").await;
    let needs = stored_answers(&t, campaign).await["needs"].clone();
    assert_eq!(
        needs,
        serde_json::json!([
            {"topic": "Mass comparators", "field": "TC 1.3", "format": "webinar", "staff": 3},
            {"topic": "Thermometry", "field": "TC 1.5", "format": "workshop", "staff": 7},
        ])
    );
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn without_javascript_rows_are_added_and_removed_by_posting() {
    let (t, base) = serve().await;
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&link).await.unwrap();

    fill_need(&c, 0, "Mass comparators", "TC 1.3", "webinar", "3").await;
    type_in(&c, "[name='staff_coomet']", "4").await;
    // The script did not take the click: the server answered with a new page, and kept a
    // draft, which only a posted form does.
    post(&c, "button[value='add:needs']").await;
    let draft = stored_answers(&t, campaign).await;
    assert_eq!(draft["needs"][0]["topic"], "Mass comparators");
    assert_eq!(value(&c, "[name='needs._rows']").await, "2");
    assert_eq!(
        value(&c, "[name='needs.0.topic']").await,
        "Mass comparators"
    );
    assert_eq!(value(&c, "[name='staff_coomet']").await, "4");

    fill_need(&c, 1, "Middle row", "TC 1.5", "seminar", "5").await;
    post(&c, "button[value='add:needs']").await;
    fill_need(&c, 2, "Thermometry", "TC 1.5", "workshop", "7").await;
    post(&c, "button[value='remove:needs:1']").await;
    assert_eq!(value(&c, "[name='needs._rows']").await, "2");
    assert_eq!(value(&c, "[name='needs.1.topic']").await, "Thermometry");
    assert_eq!(count(&c, "[name^='needs.2.']").await, 0);

    post(&c, ".actions button[value='draft']").await;
    let answers = stored_answers(&t, campaign).await;
    assert_eq!(
        answers["needs"],
        serde_json::json!([
            {"topic": "Mass comparators", "field": "TC 1.3", "format": "webinar", "staff": 3},
            {"topic": "Thermometry", "field": "TC 1.5", "format": "workshop", "staff": 7},
        ])
    );
    assert_eq!(answers["staff_coomet"], 4);
    c.close().await.unwrap();
    t.finish().await;
}

/// A survey with conditional questions, at the top and in the rows of a group of at most two.
const CONDITIONAL_FORM: &str = r#"
id = "conditional"
version = 1
unit = "institute"
audience = ["training"]
title = { en = "Laboratories", ru = "Лаборатории" }

[lists]
size = [
  { value = "small", en = "Small", ru = "Малая" },
  { value = "big", en = "Big", ru = "Большая" },
]

[[sections]]
id = "one"
title = { en = "Laboratories", ru = "Лаборатории" }

[[sections.questions]]
id = "has_lab"
type = "yes_no"
label = { en = "Do you have a laboratory?", ru = "Есть ли у вас лаборатория?" }

[[sections.questions]]
id = "lab_staff"
type = "integer"
label = { en = "Its staff", ru = "Её сотрудники" }
show_if = { question = "has_lab", any_of = ["yes"] }

[[sections.questions]]
id = "labs"
type = "group"
max_rows = 2
label = { en = "Laboratory", ru = "Лаборатория" }

[[sections.questions.questions]]
id = "name"
type = "text"
label = { en = "Name", ru = "Название" }

[[sections.questions.questions]]
id = "size"
type = "single_choice"
list = "size"
label = { en = "Size", ru = "Размер" }

[[sections.questions.questions]]
id = "rooms"
type = "integer"
label = { en = "Rooms", ru = "Помещения" }
show_if = { question = "size", any_of = ["big"] }
"#;

#[rocket::async_test]
async fn with_javascript_conditions_follow_the_answers_and_rows_stop_at_the_maximum() {
    let forms = tempfile::tempdir().unwrap();
    std::fs::write(forms.path().join("conditional.toml"), CONDITIONAL_FORM).unwrap();
    let (t, base) = serve_forms(Some(forms.path().to_path_buf())).await;
    let campaign = t.open_campaign("conditional", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    c.goto(&link).await.unwrap();
    c.execute("window.__marker = 1;", vec![]).await.unwrap();

    // A question shows while its condition holds.
    assert!(!shown(&c, "[id='f-lab_staff']").await);
    click(&c, "input[name='has_lab'][value='yes']").await;
    assert!(shown(&c, "[id='f-lab_staff']").await);
    click(&c, "input[name='has_lab'][value='no']").await;
    assert!(!shown(&c, "[id='f-lab_staff']").await);
    click(&c, "input[name='has_lab'][value='yes']").await;
    type_in(&c, "[name='lab_staff']", "12").await;

    // In a row, the condition is on that row's answer, and moves with the row.
    assert!(!shown(&c, "[id='f-labs.0.rooms']").await);
    type_in(&c, "[name='labs.0.name']", "Mass").await;
    click(&c, "input[name='labs.0.size'][value='big']").await;
    assert!(shown(&c, "[id='f-labs.0.rooms']").await);
    click(&c, "button[value='add:labs']").await;
    assert!(
        !shown(&c, "[id='f-labs.1.rooms']").await,
        "a new row starts empty"
    );
    type_in(&c, "[name='labs.1.name']", "Length").await;
    click(&c, "input[name='labs.1.size'][value='big']").await;
    type_in(&c, "[name='labs.1.rooms']", "3").await;
    assert!(shown(&c, "[id='f-labs.0.rooms']").await);
    click(&c, "button[value='remove:labs:0']").await;
    assert_eq!(value(&c, "[name='labs.0.name']").await, "Length");
    assert_eq!(
        by_css(&c, "[id='f-labs.0.rooms']")
            .await
            .attr("data-show-if")
            .await
            .unwrap()
            .as_deref(),
        Some("labs.0.size")
    );
    assert!(shown(&c, "[id='f-labs.0.rooms']").await);
    click(&c, "input[name='labs.0.size'][value='small']").await;
    assert!(!shown(&c, "[id='f-labs.0.rooms']").await);

    // Removing the only row empties it: there is always a row to type in.
    click(&c, "button[value='remove:labs:0']").await;
    assert_eq!(count(&c, "[id^='r-labs-']").await, 1);
    assert_eq!(value(&c, "[name='labs.0.name']").await, "");
    assert_eq!(count(&c, "input[name='labs.0.size']:checked").await, 0);
    assert_eq!(value(&c, "[name='labs._rows']").await, "1");
    assert_eq!(marker(&c).await, 1, "no page was loaded");

    // Saved with the maximum of two rows, the page comes back without an add button...
    type_in(&c, "[name='labs.0.name']", "Mass").await;
    click(&c, "button[value='add:labs']").await;
    type_in(&c, "[name='labs.1.name']", "Length").await;
    post(&c, ".actions button[value='draft']").await;
    assert_eq!(count(&c, "button[value='add:labs']").await, 0);
    // ...which comes back once a row is removed, and goes once the maximum is reached again.
    c.execute("window.__marker = 2;", vec![]).await.unwrap();
    click(&c, "button[value='remove:labs:1']").await;
    assert!(shown(&c, "button[value='add:labs']").await);
    click(&c, "button[value='add:labs']").await;
    assert!(!shown(&c, "button[value='add:labs']").await);
    type_in(&c, "[name='labs.1.name']", "Time").await;
    assert_eq!(marker(&c).await, 2, "no page was loaded");

    post(&c, ".actions button[value='draft']").await;
    let answers = stored_answers(&t, campaign).await;
    assert_eq!(answers["has_lab"], "yes");
    assert_eq!(answers["lab_staff"], 12);
    assert_eq!(
        answers["labs"],
        serde_json::json!([{"name": "Mass"}, {"name": "Time"}])
    );
    c.close().await.unwrap();
    t.finish().await;
}
