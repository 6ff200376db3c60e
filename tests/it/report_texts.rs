//! The annual report as the Committee reads it (issue 26): the secretariat writes a preface
//! and a commentary per survey, per year and in both languages, in Markdown shown safely; the
//! report names the organisation, the year and the day it was produced; a reviewer reads it
//! and cannot write it; a refused save keeps what was typed.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::audit::entry;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const TEXTS: &str = "/review/report/2025/texts";

async fn post_texts(t: &TestApp, fields: &[(&str, &str)]) -> (Status, String, Option<String>) {
    let csrf = crate::directory::csrf(t).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    t.post_form(TEXTS, &all).await
}

async fn written(t: &TestApp) -> usize {
    entry::Entity::find()
        .filter(entry::Column::Action.eq("report-write"))
        .all(&t.app.db)
        .await
        .unwrap()
        .len()
}

#[rocket::async_test]
async fn the_secretariat_writes_the_preface_and_a_commentary_shown_safely_in_each_language() {
    on_every_backend!(|t| {
        crate::review::year_before(&t).await;
        t.login_secretariat().await;
        let (status, page) = t.get(&format!("{TEXTS}?lang=ru")).await;
        assert_eq!(status, Status::Ok, "{page}");
        let p = Page::parse(&page);
        assert_eq!(
            p.attrs("input[type=hidden][name$='.section']", "value"),
            ["preface", "training-needs"],
            "the preface, and the one survey that ran in 2025"
        );
        let fields = [
            ("s[0].section", "preface"),
            (
                "s[0].en",
                "# Summary\r\n\r\nA **good** year. <script>alert(1)</script> [x](javascript:alert(1))",
            ),
            ("s[0].ru", "# Итоги\r\n\r\nГод **удачный**."),
            ("s[1].section", "training-needs"),
            ("s[1].en", ""),
            ("s[1].ru", "Потребности _выросли_."),
        ];
        let (status, body, to) = post_texts(&t, &fields).await;
        assert_eq!(status, Status::SeeOther, "{body}");
        assert_eq!(to.as_deref(), Some("/review/report/2025"));
        assert_eq!(written(&t).await, 1, "one line on the trail");

        let (_, ru) = t.get("/review/report/2025?lang=ru").await;
        let r = Page::parse(&ru);
        assert_eq!(
            r.texts(".preface h3"),
            ["Итоги"],
            "below the report's headings"
        );
        assert_eq!(r.texts(".preface strong"), ["удачный"]);
        assert_eq!(
            r.texts("#survey-training-needs .commentary em"),
            ["выросли"]
        );
        let heading = r.texts("header.report-head").join(" ");
        assert!(
            heading.contains("КООМЕТ") && heading.contains("2025"),
            "{heading}"
        );
        let produced = coomet_surveys::dates::fmt_day(coomet_surveys::dates::today());
        assert!(heading.contains(&produced), "{heading}");

        let (_, en) = t.get("/review/report/2025?lang=en").await;
        let e = Page::parse(&en);
        assert_eq!(e.texts(".preface strong"), ["good"]);
        assert_eq!(e.count(".preface script"), 0);
        assert!(e
            .texts(".preface p")
            .join(" ")
            .contains("<script>alert(1)</script>"));
        assert_eq!(e.count(".preface a"), 0, "no javascript: link");
        // No English commentary: the Russian one stands, marked as Russian.
        assert_eq!(
            e.attr("#survey-training-needs .commentary", "lang")
                .as_deref(),
            Some("ru")
        );
        // Saved again unchanged: nothing to record.
        let (status, _, _) = post_texts(&t, &fields).await;
        assert_eq!(status, Status::SeeOther);
        assert_eq!(written(&t).await, 1);
    })
}

#[rocket::async_test]
async fn a_text_too_long_is_refused_in_russian_with_what_was_typed_and_a_reviewer_cannot_write() {
    on_every_backend!(|t| {
        crate::review::year_before(&t).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let long = "слово ".repeat(4_000);
        let fields = [
            ("s[0].section", "preface"),
            ("s[0].en", "Kept on the page"),
            ("s[0].ru", long.as_str()),
        ];
        let (status, body, _) = post_texts(&t, &fields).await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&body);
        let error = p.texts(".notice.error").join(" ");
        assert!(error.contains("20000"), "{error}");
        assert_eq!(p.shown("s[0].en"), ["Kept on the page"]);
        assert_eq!(p.shown("s[0].ru"), [long]);
        assert_eq!(written(&t).await, 0);
        // A section the year's report has not: refused, nothing kept.
        let hostile = [
            ("s[0].section", "../../etc"),
            ("s[0].en", "x"),
            ("s[0].ru", "x"),
        ];
        let (status, _, _) = post_texts(&t, &hostile).await;
        assert!(status.code >= 400 && status.code < 500, "{status}");
        assert_eq!(written(&t).await, 0);
        // A reviewer reads the report, and cannot open or post its texts.
        let csrf = crate::directory::csrf(&t).await;
        crate::review::login_reviewer(&t).await;
        let (status, _) = t.get("/review/report/2025").await;
        assert_eq!(status, Status::Ok);
        let (status, _) = t.get(TEXTS).await;
        assert_eq!(status, Status::Forbidden);
        let fields = [
            ("csrf", csrf.as_str()),
            ("s[0].section", "preface"),
            ("s[0].en", "x"),
            ("s[0].ru", "x"),
        ];
        let (status, _, _) = t.post_form(TEXTS, &fields).await;
        assert_eq!(status, Status::Forbidden);
        assert_eq!(written(&t).await, 0);
    })
}
