//! The survey pages over HTTP (issue 24): an upload refused in the user's language (empty,
//! too large, not UTF-8, with problems), nothing published before the confirmation, a large
//! file published whole, and a test fill of a preview that stores nothing.
use crate::common::{self, TestApp};
use crate::directory::multipart;
use crate::html::Page;
use coomet_surveys::forms::versions;
use rocket::http::Status;

const BOUNDARY: &str = "----coomet-survey-boundary";

/// Posts `bytes` as the file field of `path`, the way the browser sends a chosen file.
async fn send_file(
    t: &TestApp,
    path: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
) -> (Status, String) {
    let b = BOUNDARY;
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/toml\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    multipart(t, path, b, body).await
}

async fn csrf(t: &TestApp) -> String {
    let (_, page) = t.get("/admin/forms/training-needs").await;
    Page::parse(&page).input("csrf").expect("a CSRF token")
}

fn text_of(page: &str, css: &str) -> String {
    Page::parse(page).texts(css).join("\n")
}

fn alert(page: &str) -> String {
    text_of(page, ".notice.error")
}

/// Confirms the difference shown on `page` as the browser does (its publish form, posted
/// whole); returns the survey's latest version after it.
pub(crate) async fn publish_shown(
    t: &TestApp,
    page: &str,
    csrf: &str,
    form_id: &str,
) -> std::sync::Arc<coomet_surveys::forms::Form> {
    let p = Page::parse(page);
    let form = "form[action='/admin/forms/publish']";
    let hidden = |n: &str| {
        let css = format!("{form} input[name={n}]");
        p.attrs(&css, "value")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let source = p.texts(&format!("{form} textarea")).join("");
    let (name, base) = (hidden("name"), hidden("base"));
    let fields = [
        ("csrf", csrf),
        ("name", name.as_str()),
        ("base", base.as_str()),
        ("source", source.as_str()),
    ];
    let (status, body, _) = t.post_form("/admin/forms/publish", &fields).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let latest = t.app.forms.get(&t.app.db, form_id, None).await.unwrap();
    latest.expect("a version").1
}

#[rocket::async_test]
async fn a_refused_upload_says_why_in_the_users_language_and_publishes_nothing() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let token = csrf(&t).await;
        let upload = "/admin/forms/upload";
        let big = vec![b'#'; 600 * 1024];
        let broken = crate::versions::training_needs().replacen(
            "type = \"integer\"",
            "type = \"integr\"",
            1,
        );
        let cases: [(&[u8], &str, &str); 4] = [
            (
                b"",
                "No file was chosen, or it is empty.",
                "Файл не выбран или пуст.",
            ),
            (
                &big,
                "The file is too large: a survey's TOML file is at most 512 KiB, its XLSForm workbook 1024 KiB.",
                "Файл слишком велик",
            ),
            (
                b"title = \"\xff\xfe\"",
                "The file is not UTF-8 text.",
                "Файл не в кодировке UTF-8.",
            ),
            (broken.as_bytes(), "problems found: 1", "найдено ошибок: 1"),
        ];
        for (bytes, en, ru) in cases {
            for (lang, want) in [("en", en), ("ru", ru)] {
                t.get(&format!("/lang/{lang}")).await;
                let (status, page) =
                    send_file(&t, upload, &token, "training-needs.toml", bytes).await;
                assert_eq!(status, Status::Ok, "{page}");
                assert!(
                    alert(&page).contains(want),
                    "{lang}: {want} in {}",
                    alert(&page)
                );
                assert!(
                    !page.contains("action=\"/admin/forms/publish\""),
                    "no way to publish"
                );
            }
        }
        // The problem with its line, in Russian.
        let (_, page) =
            send_file(&t, upload, &token, "training-needs.toml", broken.as_bytes()).await;
        let line = broken.lines().position(|l| l.contains("integr")).unwrap() + 1;
        let listed = text_of(&page, "ul.problems");
        assert!(
            listed.starts_with(&format!(
                "training-needs.toml:{line}: синтаксис TOML: unknown variant `integr`"
            )),
            "{listed}"
        );
        assert_eq!(
            versions::numbers(&t.app.db, "training-needs")
                .await
                .unwrap(),
            vec![1]
        );
    });
}

#[rocket::async_test]
async fn a_large_survey_is_checked_then_published_whole_on_confirmation() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let token = csrf(&t).await;
        // A file near the limit: a long comment, and one label reworded.
        let mut source = crate::versions::training_needs()
            .replace("Topical issues of metrology", "Current issues of metrology");
        source.push_str(&format!("\n# {}\n", "x".repeat(400 * 1024)));
        let (status, page) = send_file(
            &t,
            "/admin/forms/upload",
            &token,
            "tn.toml",
            source.as_bytes(),
        )
        .await;
        assert_eq!(status, Status::Ok);
        assert!(
            text_of(&page, "h2#changes").contains("Version 2 against version 1"),
            "{page:.2000}"
        );
        assert!(text_of(&page, "ol.changes").contains("Current issues of metrology"));
        assert_eq!(
            versions::numbers(&t.app.db, "training-needs")
                .await
                .unwrap(),
            vec![1]
        );
        // The confirmation sends back what was checked, as its form does.
        let kept = text_of(&page, "textarea[name=source]");
        assert_eq!(kept.trim(), source.trim(), "the source is sent back");
        let fields = [
            ("csrf", token.as_str()),
            ("name", "tn.toml"),
            ("base", "1"),
            ("source", &kept),
        ];
        let b = BOUNDARY;
        let body: String = fields
            .iter()
            .map(|(k, v)| {
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
            })
            .chain([format!("--{b}--\r\n")])
            .collect();
        let (status, _) = multipart(&t, "/admin/forms/publish", b, body).await;
        assert_eq!(status, Status::SeeOther);
        assert_eq!(
            versions::numbers(&t.app.db, "training-needs")
                .await
                .unwrap(),
            vec![1, 2]
        );
        let record = versions::record(&t.app.db, "training-needs", 2)
            .await
            .unwrap()
            .unwrap();
        assert!(record.source.len() > 400 * 1024, "published whole");
        let (_, page) = t.get("/admin/forms/training-needs").await;
        assert!(
            page.contains("Version 2 is published."),
            "{}",
            text_of(&page, ".notice")
        );
    });
}

#[rocket::async_test]
async fn a_test_fill_of_a_preview_answers_as_the_form_would_and_stores_nothing() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let preview = "/admin/forms/training-needs/1/preview?lang=ru";
        let (status, page) = t.get(preview).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Предварительный просмотр версии 1"));
        let fields = [
            ("_action", "submit"),
            ("fields", "TC 1.3"),
            ("needs._rows", "1"),
            ("needs.0.topic", "Power quality"),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.format", "webinar"),
            ("needs.0.staff", "4"),
            ("staff_other_rmo", "3"),
        ];
        let (status, page, _) = t.post_form(preview, &fields).await;
        assert_eq!(status, Status::Ok);
        assert!(
            page.contains("Такой ответ был бы принят"),
            "{}",
            text_of(&page, ".notice.error li")
        );
        // Adding a row answers with one more, the typed values kept.
        let mut more = fields.to_vec();
        more[0] = ("_action", "add:needs");
        let (_, page, _) = t.post_form(preview, &more).await;
        let doc = Page::parse(&page);
        assert_eq!(doc.input("needs._rows").as_deref(), Some("2"));
        assert_eq!(doc.input("needs.0.topic").as_deref(), Some("Power quality"));
        let stored = coomet_surveys::responses::progress::list(&t.app.db)
            .await
            .unwrap();
        assert!(stored.is_empty(), "a preview stores nothing");
        use sea_orm::{EntityTrait, PaginatorTrait};
        let outbox = coomet_surveys::mail::outbox::Entity::find()
            .count(&t.app.db)
            .await
            .unwrap();
        assert_eq!(outbox, 0, "and sends nothing");
    });
}

/// Two secretaries publish their own edit of version 1 at the same moment: one becomes
/// version 2, the other is told a newer version came first, and nothing is half-written.
#[rocket::async_test]
async fn two_publications_over_the_same_version_at_once_make_one_version() {
    on_every_backend!(|t| {
        let lists = coomet_surveys::forms::RefLists::load(&t.app.config.seeds_dir).unwrap();
        let a = crate::versions::training_needs().replace("Topical issues", "Current issues");
        let b = crate::versions::training_needs().replace("Topical issues", "Pressing issues");
        let by = common::operator();
        let publish = |source: &str| {
            let source = source.to_string();
            let (app, lists, by) = (t.app.clone(), lists.clone(), by.clone());
            async move {
                versions::publish(
                    (&app.forms, &app.db),
                    &by,
                    (&lists, &app.renderer.i18n),
                    ("tn.toml", &source),
                    Some(1),
                )
                .await
                .map(|(n, _)| n)
            }
        };
        let (first, second) = tokio::join!(tokio::spawn(publish(&a)), tokio::spawn(publish(&b)));
        let outcomes = [first.unwrap(), second.unwrap()];
        let won: Vec<i32> = outcomes
            .iter()
            .filter_map(|o| o.as_ref().ok().copied())
            .collect();
        assert_eq!(won, vec![2], "{outcomes:?}");
        assert!(
            outcomes.iter().any(|o| matches!(
                o,
                Err(coomet_surveys::Error::Refused(
                    coomet_surveys::Refusal::NewerVersion { .. }
                ))
            )),
            "{outcomes:?}"
        );
        assert_eq!(
            versions::numbers(&t.app.db, "training-needs")
                .await
                .unwrap(),
            vec![1, 2]
        );
    });
}

/// A reworded label reaches an open campaign after the confirmation that shows both texts:
/// the respondent's draft is kept, another instance shows the new text, the trail keeps both;
/// a change of structure is refused in the secretariat's language and changes nothing.
#[rocket::async_test]
async fn a_text_correction_applies_to_an_open_campaign_and_a_change_of_structure_does_not() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        let link = mails["training.nbsm@example.org"].link_path();
        let draft = [
            ("_version", "0"),
            ("_action", "draft"),
            ("needs._rows", "1"),
            ("needs.0.topic", "Power quality"),
        ];
        let (status, _, _) = t.post_form(&link, &draft).await;
        assert_eq!(status, Status::SeeOther);
        let other = coomet_surveys::App::with_db(t.app.config.clone(), t.app.db.clone())
            .await
            .unwrap();
        let before = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        let label =
            |f: &coomet_surveys::forms::Form| f.path("needs.topic").unwrap().1.label.clone();
        assert_eq!(
            label(&before.cached_form(&other.snapshots).unwrap()).en,
            "Topic"
        );

        let reworded = crate::versions::training_needs().replace(
            r#"label = { en = "Topic", ru = "Тема" }"#,
            r#"label = { en = "Subject", ru = "Предмет" }"#,
        );
        crate::versions::publish(&t.app, &reworded).await.unwrap();
        t.login_secretariat().await;
        let (_, survey) = t.get("/admin/forms/training-needs").await;
        let offer = format!("/admin/campaigns/{c}/correct?version=2");
        assert!(
            survey.contains(&offer),
            "the survey's page offers the correction"
        );
        t.get("/lang/ru").await;
        let (status, confirm) = t.get(&offer).await;
        assert_eq!(status, Status::Ok);
        let rows = Page::parse(&confirm).table("table");
        assert!(
            rows.iter()
                .any(|r| r.join(" ").contains("Тема") && r.join(" ").contains("Предмет")),
            "{rows:?}"
        );
        let token = Page::parse(&confirm).input("csrf").unwrap();
        let (status, _, _) = t
            .post_form(
                &format!("/admin/campaigns/{c}/correct"),
                &[("csrf", &token), ("version", "2")],
            )
            .await;
        assert_eq!(status, Status::SeeOther);

        let after = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        assert_eq!(after.form_version, Some(2));
        assert_eq!(
            label(&after.cached_form(&other.snapshots).unwrap()).ru,
            "Предмет",
            "another instance"
        );
        let (_, form) = t.get(&format!("{link}?lang=en")).await;
        assert!(form.contains("Subject"), "the respondent sees the new text");
        assert_eq!(
            Page::parse(&form).input("needs.0.topic").as_deref(),
            Some("Power quality")
        );
        let (entries, _, _) = coomet_surveys::audit::page(&t.app.db, &Default::default(), 0, 100)
            .await
            .unwrap();
        let kept = entries
            .iter()
            .find(|e| e.action == coomet_surveys::audit::Action::CampaignCorrect)
            .and_then(|e| e.detail.clone())
            .expect("the correction is on the trail");
        assert!(
            kept.contains(r#"en "Topic" -> "Subject"; ru "Тема" -> "Предмет""#),
            "{kept}"
        );

        // Version 3 adds a question: it is for campaigns opened from now on only.
        crate::versions::publish(&t.app, &crate::versions::edited())
            .await
            .unwrap();
        let (_, refused) = t
            .get(&format!("/admin/campaigns/{c}/correct?version=3"))
            .await;
        assert!(
            alert(&refused).contains("меняет не только тексты"),
            "{}",
            alert(&refused)
        );
        assert!(!refused.contains("/correct\" method") && !refused.contains("name=\"version\""));
        let (status, _, _) = t
            .post_form(
                &format!("/admin/campaigns/{c}/correct"),
                &[("csrf", &token), ("version", "3")],
            )
            .await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        assert!(text_of(&page, ".notice.error").contains("меняет не только тексты"));
        let still = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        assert_eq!(still.form_version, Some(2));
        assert_eq!(still.schema_json, after.schema_json);
    });
}

/// A copy edited in the browser: what the page posts (every text as shown, the flags, a new
/// choice) gives the difference of exactly what was changed, and publishes as an upload does.
#[rocket::async_test]
async fn a_copy_edited_in_the_browser_is_checked_compared_and_published() {
    on_every_backend!(|t| {
        crate::review::login_reviewer(&t).await;
        let (status, _) = t.get("/admin/forms/training-needs/edit").await;
        assert_eq!(
            status,
            Status::Forbidden,
            "reviewers read, they do not edit"
        );
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (status, page) = t.get("/admin/forms/training-needs/edit").await;
        assert_eq!(status, Status::Ok);
        let doc = Page::parse(&page);
        let names = doc.attrs("textarea", "name");
        let texts = doc.texts("textarea");
        let flags = doc.attrs("input[type=checkbox][checked]", "name");
        let token = doc.input("csrf").unwrap();
        let mut posted: Vec<(String, String)> = names.into_iter().zip(texts).collect();
        for (name, text) in posted.iter_mut() {
            if name == "q/needs.topic/label:ru" {
                *text = "Предмет".into();
            }
        }
        posted.extend(flags.into_iter().map(|f| (f, "on".to_string())));
        posted.push(("csrf".into(), token.clone()));
        posted.push(("n/format/value".into(), "study-visit".into()));
        posted.push(("n/format:en".into(), "Study visit".into()));
        posted.push(("n/format:ru".into(), "Учебный визит".into()));
        let fields: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, page, _) = t
            .post_form("/admin/forms/training-needs/edit", &fields)
            .await;
        assert_eq!(status, Status::Ok, "{page:.2000}");
        let changes = Page::parse(&page).texts("ol.changes > li");
        assert_eq!(changes.len(), 2, "{changes:#?}");
        assert!(
            changes.iter().any(|c| c.contains("Предмет")),
            "{changes:#?}"
        );
        assert!(
            changes.iter().any(|c| c.contains("study-visit")),
            "{changes:#?}"
        );
        let source = text_of(&page, "textarea[name=source]");
        assert!(source.starts_with('#'), "the comments are kept");
        assert_eq!(
            versions::numbers(&t.app.db, "training-needs")
                .await
                .unwrap(),
            vec![1]
        );
        let latest = publish_shown(&t, &page, &token, "training-needs").await;
        assert_eq!(latest.path("needs.topic").unwrap().1.label.ru, "Предмет");
        assert!(latest.lists["format"]
            .iter()
            .any(|c| c.value == "study-visit"));
    });
}
