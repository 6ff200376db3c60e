//! A question renamed without `was` (issue 24): the difference page sees a question gone and a
//! like one come, and proposes that the new one continues the old; taking the proposal checks
//! the file again with `was` declared, so the version published keeps last year's prefill and
//! the indicator's years. A question that asks something else is not proposed.
use crate::common::{self, TestApp};
use crate::directory::multipart;
use crate::html::Page;
use rocket::http::Status;

const BOUNDARY: &str = "----coomet-renames-boundary";

async fn upload(t: &TestApp, csrf: &str, source: &str) -> String {
    let b = BOUNDARY;
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tn.toml\"\r\n\
         Content-Type: application/toml\r\n\r\n{source}\r\n--{b}--\r\n"
    );
    let (status, page) = multipart(t, "/admin/forms/upload", b, body.into_bytes()).await;
    assert_eq!(status, Status::Ok, "{page}");
    page
}

#[rocket::async_test]
async fn a_renamed_question_is_proposed_as_the_continuation_and_taken_on_one_click() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (_, page) = t.get("/admin/forms/training-needs").await;
        let csrf = Page::parse(&page).input("csrf").unwrap();
        let page = upload(&t, &csrf, &crate::versions::edited()).await;
        let p = Page::parse(&page);
        let proposed = p.texts("ul[aria-labelledby=proposals] > li p").join("\n");
        assert!(proposed.contains("(staff_elsewhere) новый"), "{proposed}");
        assert!(proposed.contains("(staff_other_rmo) удалён"), "{proposed}");
        // The new required question of its own section is like nothing gone.
        assert_eq!(
            p.attrs("form[action='/admin/forms/continue']", "action")
                .len(),
            1
        );
        assert!(!proposed.contains("responsible"));

        let source = p
            .texts("form[action='/admin/forms/continue'] textarea")
            .join("");
        let fields = [
            ("csrf", csrf.as_str()),
            ("name", "tn.toml"),
            ("source", source.as_str()),
            ("from", "staff_other_rmo"),
            ("to", "staff_elsewhere"),
        ];
        let (status, page, _) = t.post_form("/admin/forms/continue", &fields).await;
        assert_eq!(status, Status::Ok, "{page}");
        let p = Page::parse(&page);
        let changes = p.texts("ol.changes > li").join("\n");
        assert!(
            changes.contains("(staff_elsewhere) продолжает staff_other_rmo"),
            "{changes}"
        );
        assert!(!changes.contains("(staff_other_rmo) удалён"), "{changes}");
        assert!(p
            .attrs("form[action='/admin/forms/continue']", "action")
            .is_empty());
        let source = p
            .texts("form[action='/admin/forms/publish'] textarea")
            .join("");
        assert!(source.contains("was = \"staff_other_rmo\""), "{source}");
        let v2 = crate::authoring::publish_shown(&t, &page, &csrf, "training-needs").await;
        let q = v2.question("staff_elsewhere").unwrap();
        assert_eq!(q.was.as_deref(), Some("staff_other_rmo"));
    });
}

#[rocket::async_test]
async fn a_question_replaced_by_another_question_is_not_proposed() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (_, page) = t.get("/admin/forms/training-needs").await;
        let csrf = Page::parse(&page).input("csrf").unwrap();
        let source = crate::versions::edited().replace(
            "label = { en = \"Staff who took part in other RMOs' programmes\", ru = \"Сотрудники, участвовавшие в программах других РМО\" }",
            "label = { en = \"Budget spent on training abroad\", ru = \"Расходы на обучение за рубежом\" }",
        );
        assert_ne!(source, crate::versions::edited(), "the label is replaced");
        let page = upload(&t, &csrf, &source).await;
        assert!(!page.contains("/admin/forms/continue"), "{page}");
    });
}
