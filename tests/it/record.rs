//! The institute's record, smaller things (issue 27): a refused empty submission leaves no
//! trace, and a malformed request is answered in the reader's language.
use crate::common::{self, TestApp};
use crate::html::Page;
use rocket::http::{ContentType, Status};

async fn link(t: &TestApp) -> (i32, String) {
    let c = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(c).await;
    (c, mails["training.nbsm@example.org"].link_path())
}

#[rocket::async_test]
async fn submit_pressed_on_an_empty_form_is_refused_and_leaves_no_draft() {
    on_every_backend!(|t| {
        let (c, link) = link(&t).await;
        let fields = [("_version", "0"), ("_action", "submit")];
        let (status, page, _) = t.post_form(&link, &fields).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let p = Page::parse(&page);
        assert!(
            !p.texts(".notice.error").is_empty(),
            "the problems are named"
        );
        let unit = common::unit("institute:NBSM");
        let stored = coomet_surveys::responses::current(&t.app.db, c, &unit)
            .await
            .unwrap();
        assert!(stored.is_none(), "no draft: {stored:?}");
        // Once something is typed, a refused submission does keep it as a draft.
        let fields = [
            ("_version", "0"),
            ("_action", "submit"),
            ("staff_coomet", "2"),
        ];
        let (status, _, _) = t.post_form(&link, &fields).await;
        assert_eq!(status, Status::UnprocessableEntity);
        let stored = coomet_surveys::responses::current(&t.app.db, c, &unit)
            .await
            .unwrap();
        assert!(stored.is_some_and(|r| !r.is_submitted()), "a draft kept");
    })
}

#[rocket::async_test]
async fn a_malformed_post_is_answered_in_the_pages_language() {
    on_every_backend!(|t| {
        let (_, link) = link(&t).await;
        for (lang, words) in [
            ("ru", "Запрос не удалось разобрать"),
            ("en", "could not be understood"),
        ] {
            let path = format!("{link}?lang={lang}");
            let (status, page, _) = t.post_form(&path, &[("_action", "no-such-action")]).await;
            assert_eq!(status, Status::UnprocessableEntity);
            let p = Page::parse(&page);
            assert_eq!(p.attr("html", "lang").as_deref(), Some(lang));
            assert!(p.texts("main").concat().contains(words), "{page}");
            // Not even form data: the same, in the same language.
            let response = t
                .client
                .post(&path)
                .header(ContentType::Form)
                .body(vec![0xff, 0xfe, b'%', b'Z'])
                .dispatch()
                .await;
            assert!(response.status().code >= 400 && response.status().code < 500);
            let body = response.into_string().await.unwrap_or_default();
            assert!(body.contains(words), "{body}");
        }
    })
}
