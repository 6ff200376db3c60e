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

/// What the export fixture's NBSM submits: a topic to find on the record.
const ANSWERS: [(&str, &str); 9] = [
    ("_version", "0"),
    ("fields", "TC 1.3"),
    ("needs._rows", "1"),
    ("needs.0.topic", "Uncertainty of AC power measurements"),
    ("needs.0.field", "TC 1.3"),
    ("needs.0.format", "webinar"),
    ("needs.0.staff", "5"),
    ("staff_coomet", "4"),
    ("_action", "submit"),
];

#[rocket::async_test]
async fn after_submitting_the_record_shows_what_was_sent_and_what_comes_next() {
    on_every_backend!(|t| {
        let (_, link) = link(&t).await;
        let (status, _, location) = t.post_form(&link, &ANSWERS).await;
        assert_eq!(status, Status::SeeOther);
        let location = location.expect("a redirect");
        assert!(location.contains("done=true"), "{location}");
        let (status, page) = t.get(&location).await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&page);
        // Ivan Demo reads Russian: the record speaks it, and names him, not his address.
        assert!(p.texts(".notice.success").concat().contains("Спасибо"));
        let said = p.texts("main p").join(" ");
        assert!(
            said.contains("Отправлено") && said.contains("Ivan Demo"),
            "{said}"
        );
        assert!(said.contains("Что дальше") || p.texts("h2").concat().contains("Что дальше"));
        assert!(p
            .texts("table.record")
            .concat()
            .contains("Uncertainty of AC power"));
        assert_eq!(
            p.count("main form"),
            0,
            "no form: the answers are read, not edited"
        );
        let hrefs = p.attrs("main a", "href");
        let token_path = link.split('?').next().unwrap();
        assert!(
            hrefs.contains(&format!("{token_path}?lang=ru")),
            "{hrefs:?}"
        );
        assert!(hrefs
            .iter()
            .any(|h| h.starts_with(&format!("{token_path}/print"))));
        // The form itself is still there to change the answers.
        let (_, form) = t.get(&format!("{token_path}?lang=ru")).await;
        assert_eq!(Page::parse(&form).count("fieldset.whole"), 1);
    })
}

#[rocket::async_test]
async fn accepted_answers_are_said_once_to_be_final_with_nothing_to_press() {
    on_every_backend!(|t| {
        let (c, link) = link(&t).await;
        assert_eq!(t.post_form(&link, &ANSWERS).await.0, Status::SeeOther);
        coomet_surveys::responses::returning::accept(
            &t.app,
            c,
            &common::unit("institute:NBSM"),
            &common::operator(),
        )
        .await
        .unwrap()
        .expect("accepted");
        for (lang, final_words, changeable) in [
            ("ru", "больше нельзя", "можно изменить"),
            ("en", "can no longer be changed", "can change"),
        ] {
            let (status, page) = t.get(&format!("{link}?lang={lang}")).await;
            assert_eq!(status, Status::Ok);
            let text = Page::parse(&page).texts("main").concat();
            assert_eq!(text.matches(final_words).count(), 1, "{lang}: once: {text}");
            assert!(!text.to_lowercase().contains(changeable), "{lang}: {text}");
            let p = Page::parse(&page);
            assert_eq!(p.count("main button") + p.count("main input"), 0);
            assert!(p
                .texts("table.record")
                .concat()
                .contains("Uncertainty of AC power"));
        }
    })
}
