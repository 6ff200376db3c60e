//! The staff pages in a real browser, and every page under the content security policy: no
//! page of the service makes the browser report a violation, with or without JavaScript.
use super::*;
use coomet_surveys::directory::{staff, staff_user::Role};
use coomet_surveys::web::csp;
use fantoccini::Client;
use std::time::Duration;

pub(super) const PASSWORD: &str = "correct horse battery";

pub(super) async fn sign_in(c: &Client, base: &str) {
    c.goto(&format!("{base}/admin/login")).await.unwrap();
    type_in(c, "#email", "sec@example.org").await;
    type_in(c, "#password", PASSWORD).await;
    c.execute("window.__marker = 'posting';", vec![])
        .await
        .unwrap();
    // Without JavaScript `execute` still works: WebDriver's own scripts are not the page's.
    click(c, "button[type=submit]").await;
    assert!(new_page(c).await, "signed in");
}

/// The service on a port with a secretariat account, and a browser (with JavaScript, for axe)
/// signed in to it in Russian.
pub(super) async fn secretariat_in_russian(
    profile: &std::path::Path,
) -> (common::TestApp, String, Driver, Client) {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let (driver, c) = browser(profile, true).await;
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;
    (t, base, driver, c)
}

/// Every kind of page: the respondent's form (saved once), the sign-in, the staff pages, an
/// error page; returns the paths visited.
async fn tour(c: &Client, base: &str, link: &str, campaign: i32, shot: Option<&str>) -> usize {
    c.goto(link).await.unwrap();
    post(c, ".actions button[value='draft']").await;
    sign_in(c, base).await;
    let pages = [
        "/admin".to_string(),
        format!("/admin/campaigns/{campaign}"),
        format!("/admin/campaigns/{campaign}/remind"),
        format!("/admin/campaigns/{campaign}/preview/invitation"),
        "/admin/outbox".to_string(),
        "/admin/outbox/1".to_string(),
        format!("/admin/campaigns/{campaign}/digest"),
        format!("/admin/campaigns/{campaign}/units/institute:NBSM"),
        "/admin/staff".to_string(),
        "/admin/audit".to_string(),
        "/admin/password".to_string(),
        "/admin/directory".to_string(),
        "/admin/directory/institutes/1".to_string(),
        "/admin/contacts?bounced=false".to_string(),
        "/admin/contacts/1".to_string(),
        "/admin/contacts/import".to_string(),
        "/admin/api-tokens".to_string(),
        "/admin/forms".to_string(),
        "/admin/forms/training-needs".to_string(),
        "/admin/forms/training-needs/1/preview".to_string(),
        "/review".to_string(),
        format!("/review/campaigns/{campaign}"),
        "/review/report/2026".to_string(),
        "/review/roadmap".to_string(),
        "/admin/no-such-page".to_string(),
    ];
    for path in &pages {
        c.goto(&format!("{base}{path}")).await.unwrap();
        assert!(styled(c).await, "{path}: the style sheet applies");
        match (shot, path.as_str()) {
            (Some(name), "/admin") => screenshot(c, name).await,
            (Some(name), "/admin/password") => screenshot(c, &format!("{name}-account")).await,
            _ => {}
        }
        if path == "/admin/password" {
            // Setting up a second factor: the QR code is drawn in the page, under the policy.
            post(c, "form[action='/admin/second-factor/begin'] button").await;
            assert!(styled(c).await, "the set-up page is styled");
            let qr = by_css(c, ".qr svg").await;
            assert!(
                qr.rectangle().await.unwrap().2 >= 200.0,
                "a QR code a camera reads"
            );
            if let Some(name) = shot {
                screenshot(c, &format!("{name}-second-factor")).await;
            }
        }
        if let (Some(name), "/admin/outbox/1") = (shot, path.as_str()) {
            screenshot(c, &format!("{name}-message")).await;
        }
        if path.contains("/preview/") || path == "/admin/outbox/1" {
            // The mail's HTML shows in its frame, styled inline, under its own policy.
            c.enter_frame(0).await.unwrap();
            let link = by_css(c, "a").await;
            let background = link.css_value("background-color").await.unwrap();
            assert_eq!(
                background, "rgba(11, 92, 173, 1)",
                "the mail's inline style applies"
            );
            c.enter_parent_frame().await.unwrap();
        }
    }
    let title = by_css(c, "h1").await.text().await.unwrap();
    assert!(!title.is_empty());
    pages.len() + 2
}

/// Waits long enough for a browser's reports to arrive, then reads the count.
async fn violations_after_a_moment() -> u64 {
    tokio::time::sleep(Duration::from_millis(1500)).await;
    csp::violations()
}

#[rocket::async_test]
async fn every_page_works_under_the_csp_without_a_violation_with_and_without_javascript() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let before = csp::violations();
    for javascript in [true, false] {
        let profile = tempfile::tempdir().unwrap();
        let (_driver, c) = browser(profile.path(), javascript).await;
        let shot = javascript.then_some("staff-dashboard");
        let visited = tour(&c, &base, &link, campaign, shot).await;
        assert!(visited >= 8);
        c.close().await.unwrap();
    }
    assert_eq!(
        violations_after_a_moment().await,
        before,
        "no page broke the policy"
    );

    // The reports do arrive: an inline script, as an injection would add one, is blocked and
    // reported.
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    c.goto(&link).await.unwrap();
    let ran = c
        .execute(
            "window.__inline = false; const s = document.createElement('script'); \
             s.textContent = 'window.__inline = true;'; document.body.appendChild(s); \
             return window.__inline;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        ran,
        serde_json::Value::Bool(false),
        "the inline script did not run"
    );
    assert!(
        violations_after_a_moment().await > before,
        "and was reported"
    );
    c.close().await.unwrap();
    t.finish().await;
}

/// Clicks a button that submits a form and waits for the page that answers.
async fn press(c: &Client, css: &str) {
    post(c, css).await;
}

#[rocket::async_test]
async fn the_secretariat_opens_invites_closes_and_reopens_a_campaign_in_russian() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;
    c.goto(&format!("{base}/admin")).await.unwrap();
    click(&c, "a[href='/admin/campaigns/new']").await;
    by_css(&c, "select#form")
        .await
        .select_by_value("training-needs")
        .await
        .unwrap();
    let year = by_css(&c, "#year").await;
    year.clear().await.unwrap();
    year.send_keys("2027").await.unwrap();
    press(&c, "form[method=get] button[type=submit]").await;
    // Who will be invited is shown before anything is opened.
    let heading = by_css(&c, "h2").await.text().await.unwrap();
    assert!(
        heading
            .starts_with("Будут приглашены контакты: 31. Институтов, за которые они отвечают: 23"),
        "{heading}"
    );
    assert_eq!(count(&c, "table tbody tr").await, 31);
    assert!(coomet_surveys::responses::progress::list(&t.app.db)
        .await
        .unwrap()
        .is_empty());
    screenshot(&c, "staff-new-campaign-ru").await;
    press(&c, "form[action='/admin/campaigns'] button[type=submit]").await;
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("Кампания открыта"), "{notice}");
    let url = c.current_url().await.unwrap().to_string();
    let id: i32 = url.rsplit('/').next().unwrap().parse().unwrap();

    press(
        &c,
        &format!("form[action='/admin/campaigns/{id}/invite'] button"),
    )
    .await;
    t.send().await;
    c.refresh().await.unwrap();
    assert!(by_css(&c, "main")
        .await
        .text()
        .await
        .unwrap()
        .contains("23"));

    click(&c, "details.life summary").await;
    // Closing asks first, on a page of its own.
    press(&c, &format!("a[href='/admin/campaigns/{id}/close']")).await;
    assert!(text(&c, "h1").await.starts_with("Закрыть"));
    screenshot(&c, "campaign-close-confirm-ru").await;
    press(
        &c,
        &format!("form[action='/admin/campaigns/{id}/close'] button"),
    )
    .await;
    let closed = by_css(&c, ".notice.warning").await.text().await.unwrap();
    assert!(closed.contains("Кампания закрыта"), "{closed}");
    let link = link_of(&t, &base, "training.nbsm@example.org");
    let campaign = coomet_surveys::campaigns::get(&t.app.db, id).await.unwrap();
    assert_eq!(
        campaign.status,
        coomet_surveys::campaigns::campaign::Status::Closed
    );

    click(&c, "details.life summary").await;
    press(
        &c,
        &format!("form[action='/admin/campaigns/{id}/reopen'] button"),
    )
    .await;
    let reopened = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(reopened.contains("снова открыта"), "{reopened}");
    screenshot(&c, "staff-campaign-ru").await;
    // A message in the outbox, as its reader sees it, with the page in Russian; its time in
    // the organisation's zone, named.
    c.goto(&format!("{base}/admin/outbox")).await.unwrap();
    let listed = by_css(&c, "table").await.text().await.unwrap();
    assert!(
        listed.contains("MSK") && !listed.contains("UTC"),
        "{listed}"
    );
    c.goto(&format!("{base}/admin/outbox/1")).await.unwrap();
    let kind = by_css(&c, "main p.meta").await.text().await.unwrap();
    assert!(kind.starts_with("приглашение"), "{kind}");
    screenshot(&c, "staff-outbox-message-ru").await;
    // The link works again, for answering.
    c.goto(&link).await.unwrap();
    assert_eq!(count(&c, ".actions button[value='submit']").await, 1);
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn the_secretariat_imports_contacts_from_a_file_after_seeing_what_it_would_do() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.csv");
    std::fs::write(
        &file,
        "institute,name,email,language,roles\n\
         UNIIM,Ольга Смирнова,olga.smirnova@uniim.example.org,ru,training\n\
         UNIIM,<b>Жирный</b>,bold@uniim.example.org,ru,training\n\
         UNIIM,=1+1,formula@uniim.example.org,ru,general\n",
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;
    c.goto(&format!("{base}/admin/directory")).await.unwrap();
    click(&c, "a[href='/admin/contacts/import']").await;
    by_css(&c, "#file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    press(
        &c,
        "form[action='/admin/contacts/import'] button[type=submit]",
    )
    .await;
    let summary = by_css(&c, "p[role=status]").await.text().await.unwrap();
    assert!(
        summary.contains("Можно импортировать строк: 1"),
        "{summary}"
    );
    assert_eq!(count(&c, "tr.bad-row").await, 2, "both bad rows are marked");
    let shown = by_css(&c, "main table").await.text().await.unwrap();
    assert!(
        shown.contains("<b>Жирный</b>"),
        "markup is shown as text: {shown}"
    );
    screenshot(&c, "staff-import-ru").await;
    let uniim = |email: &'static str| {
        use coomet_surveys::directory::contact;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let db = t.app.db.clone();
        async move {
            contact::Entity::find()
                .filter(contact::Column::Email.eq(email))
                .one(&db)
                .await
                .unwrap()
        }
    };
    assert!(
        uniim("olga.smirnova@uniim.example.org").await.is_none(),
        "nothing yet"
    );
    press(
        &c,
        "form[action='/admin/contacts/import/confirm'] button[type=submit]",
    )
    .await;
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("новых 1"), "{notice}");
    assert!(uniim("olga.smirnova@uniim.example.org").await.is_some());
    assert!(uniim("bold@uniim.example.org").await.is_none());
    assert!(uniim("formula@uniim.example.org").await.is_none());
    c.close().await.unwrap();
    t.finish().await;
}

#[rocket::async_test]
async fn the_secretariat_follows_progress_reads_returns_and_reminds_in_russian() {
    let (t, base) = serve().await;
    staff::add_user(&t.app.db, "sec@example.org", Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    let id = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &common::operator(), id)
        .await
        .unwrap();
    t.send().await;
    // NBSM submits, through its link.
    let link = link_of(&t, &base, "research.nbsm@example.org");
    let path = link.trim_start_matches(&base).to_string();
    let fields = [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("fields.detail.2", "AC power"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Uncertainty of AC power measurements"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", "5"),
        ("elearning_tools", "lms"),
        ("staff_coomet", "3"),
        ("_action", "submit"),
    ];
    assert_eq!(
        t.post_form(&path, &fields).await.0,
        rocket::http::Status::SeeOther
    );

    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), false).await;
    c.goto(&format!("{base}/lang/ru")).await.unwrap();
    sign_in(&c, &base).await;
    c.goto(&format!("{base}/admin/campaigns/{id}"))
        .await
        .unwrap();
    // The progress: NBSM submitted, the others invited.
    let unit = format!("a[href='/admin/campaigns/{id}/units/institute:NBSM']");
    click(&c, &unit).await;
    let answers = by_css(&c, "main").await.text().await.unwrap();
    assert!(
        answers.contains("Uncertainty of AC power measurements"),
        "{answers}"
    );
    click(&c, "details summary").await;
    type_in(&c, "#note", "Уточните, пожалуйста, число сотрудников").await;
    press(
        &c,
        &format!("form[action='/admin/campaigns/{id}/return'] button"),
    )
    .await;
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("возвращён"), "{notice}");
    let (_, form) = t.get(&path).await;
    assert!(
        form.contains("Уточните, пожалуйста, число сотрудников"),
        "the unit sees the note"
    );

    c.goto(&format!("{base}/admin/campaigns/{id}/remind"))
        .await
        .unwrap();
    let before = count(&c, "table tbody tr td:nth-child(3) div").await;
    assert_eq!(
        before, 31,
        "every contact, NBSM's again since it was returned"
    );
    screenshot(&c, "staff-remind-choose-ru").await;
    press(
        &c,
        &format!("form[action='/admin/campaigns/{id}/remind'] button"),
    )
    .await;
    let notice = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(notice.contains("31"), "{notice}");
    c.goto(&format!("{base}/admin/campaigns/{id}/remind"))
        .await
        .unwrap();
    let done = by_css(&c, ".notice.success").await.text().await.unwrap();
    assert!(done.contains("уже напомнили сегодня"), "{done}");
    assert_eq!(
        count(&c, "table tbody tr").await,
        0,
        "nobody is offered twice a day"
    );
    screenshot(&c, "staff-remind-ru").await;
    c.close().await.unwrap();
    t.finish().await;
}
