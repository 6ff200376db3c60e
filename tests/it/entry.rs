//! An institute that answers on paper (issue 26): the secretariat enters its answers from the
//! response page, with the respondents' own form, validation and conflict handling, each save
//! named as its own and as coming from the letter it typed, on the history and the audit trail;
//! and the file the institute sent is kept with the response, for the secretariat's eyes only.
use crate::common::{self, TestApp};
use crate::directory::{csrf, multipart};
use crate::html::Page;
use coomet_surveys::audit::entry;
use coomet_surveys::responses::{self, attachments, history::Event, Status as RStatus};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const BELGIM: &str = "/admin/campaigns/{c}/units/institute:BelGIM";

fn unit_page(c: i32) -> String {
    BELGIM.replace("{c}", &c.to_string())
}

fn entry_fields<'a>(csrf: &'a str, version: &'a str, letter: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("_version", version),
        ("_action", "submit"),
        ("_letter", letter),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Поверка счётчиков электроэнергии"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", "4"),
    ]
}

async fn trail(t: &TestApp, action: &str) -> Vec<entry::Model> {
    entry::Entity::find()
        .filter(entry::Column::Action.eq(action))
        .all(&t.app.db)
        .await
        .unwrap()
}

#[rocket::async_test]
async fn the_secretariat_enters_an_institutes_answers_from_its_letter() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.invite_and_send(c).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let csrf = csrf(&t).await;
        let (status, page) = t.get(&unit_page(c)).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Внести ответы по письму института"), "{page}");
        let enter = format!("{}/enter", unit_page(c));
        let (status, form) = t.get(&enter).await;
        assert_eq!(status, Status::Ok);
        assert!(
            form.contains("Вы вносите ответы от имени этой единицы"),
            "{form}"
        );
        assert!(
            !form.contains("Вы отвечаете как"),
            "no contact is impersonated"
        );

        // No letter named: nothing saved, the page again with everything typed.
        let (status, body, _) = t.post_form(&enter, &entry_fields(&csrf, "0", " ")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(body.contains("Ничего не сохранено"), "{body}");
        let page = Page::parse(&body);
        assert_eq!(
            page.input("needs.0.topic").as_deref(),
            Some("Поверка счётчиков электроэнергии")
        );
        assert!(
            responses::current(&t.app.db, c, &common::unit("institute:BelGIM"))
                .await
                .unwrap()
                .is_none()
        );

        // A mistake in the answers is shown as a respondent sees it, nothing lost.
        let letter = "письмо БелГИМ от 3 марта № 12/45";
        let mut wrong = entry_fields(&csrf, "0", letter);
        wrong.retain(|(k, _)| *k != "needs.0.staff");
        wrong.push(("needs.0.staff", "много"));
        let (status, body, _) = t.post_form(&enter, &wrong).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert_eq!(Page::parse(&body).input("_letter").as_deref(), Some(letter));

        // Named, the submission is the secretariat's, from that letter.
        let before = t.mails_of("confirmation").len();
        let current = responses::current(&t.app.db, c, &common::unit("institute:BelGIM"))
            .await
            .unwrap();
        let v = current.map_or(0, |r| r.version).to_string();
        let (status, body, to) = t.post_form(&enter, &entry_fields(&csrf, &v, letter)).await;
        assert_eq!(status, Status::SeeOther, "{body}");
        assert_eq!(to.as_deref(), Some(unit_page(c).as_str()));
        let r = responses::current(&t.app.db, c, &common::unit("institute:BelGIM"))
            .await
            .unwrap()
            .expect("a response");
        assert_eq!(r.status, RStatus::Submitted);
        assert_eq!(r.updated_by.as_deref(), Some("sec@example.org"));
        let lines = responses::history_of(&t.app.db, r.id).await.unwrap();
        let last = lines.last().unwrap();
        assert_eq!(last.actor, "sec@example.org");
        assert_eq!(
            last.action,
            Event::Entered(RStatus::Submitted, letter.into())
        );
        // The refused submission kept a draft, as a respondent's does: two saves, both named.
        let entered = trail(&t, "response-enter").await;
        assert_eq!(entered.len(), 2);
        for line in &entered {
            assert_eq!(line.actor, "sec@example.org");
            assert_eq!(line.detail.as_deref(), Some(letter));
            assert_eq!(line.target, format!("campaign:{c}/institute:BelGIM"));
        }
        t.send().await;
        assert!(
            t.mails_of("confirmation").len() > before,
            "the institute is told"
        );
        let (_, page) = t.get(&unit_page(c)).await;
        assert!(
            page.contains("Ответы внесены и отправлены от имени института"),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "внесено и отправлено секретариатом по документу: {letter}"
            )),
            "{page}"
        );
    })
}

#[rocket::async_test]
async fn an_entry_meets_a_colleagues_save_as_a_conflict_and_needs_the_secretariat() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        t.login_secretariat().await;
        let csrf = csrf(&t).await;
        let enter = format!("{}/enter", unit_page(c));
        // The institute's own contact saves a draft after the secretariat opened the form.
        let link = mails["training.belgim@example.org"].link_path();
        let mut own = entry_fields("", "0", "");
        own.retain(|(k, _)| !matches!(*k, "csrf" | "_letter"));
        own.retain(|(k, _)| *k != "_action");
        own.push(("_action", "draft"));
        let (status, _, _) = t.post_form(&link, &own).await;
        assert_eq!(status, Status::SeeOther);
        let mut mine = entry_fields(&csrf, "0", "письмо от 3 марта");
        mine.retain(|(k, _)| *k != "needs.0.staff");
        mine.push(("needs.0.staff", "9"));
        let (status, body, _) = t.post_form(&enter, &mine).await;
        assert_eq!(status, Status::Conflict, "{body}");
        assert!(body.contains("training.belgim@example.org"), "{body}");
        let r = responses::current(&t.app.db, c, &common::unit("institute:BelGIM"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.version, 1, "nothing overwritten");
        assert_eq!(r.status, RStatus::Draft);

        // Without the form's CSRF token nothing is written.
        let forged = entry_fields("forged", "1", "письмо");
        let (status, _, _) = t.post_form(&enter, &forged).await;
        assert_eq!(status, Status::Forbidden);
        assert!(trail(&t, "response-enter").await.is_empty());
    })
}

#[rocket::async_test]
async fn a_reviewer_can_neither_enter_answers_nor_open_the_files() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.invite_and_send(c).await;
        let id = attachments::attach(
            &t.app,
            &common::operator(),
            c,
            &common::unit("institute:BelGIM"),
            "letter.pdf",
            b"%PDF-1.4".to_vec(),
        )
        .await
        .unwrap();
        let file = format!("{}/files/{id}", unit_page(c));
        let (status, _) = t.get(&file).await;
        assert_ne!(status, Status::Ok, "not without signing in");
        crate::review::login_reviewer(&t).await;
        let (status, _) = t.get(&format!("{}/enter", unit_page(c))).await;
        assert_eq!(status, Status::Forbidden);
        let (status, _) = t.get(&file).await;
        assert_eq!(status, Status::Forbidden);
    })
}

async fn attach(t: &TestApp, c: i32, csrf: &str, name: &str, bytes: &[u8]) -> Status {
    let b = "----coomet-attach";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    let path = format!("{}/files", unit_page(c));
    multipart(t, &path, b, body).await.0
}

#[rocket::async_test]
async fn the_file_an_institute_sent_is_kept_bounded_and_given_only_as_a_download() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.invite_and_send(c).await;
        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let csrf = csrf(&t).await;
        let letter = b"%PDF-1.4 <html><script>alert(1)</script>".to_vec();
        assert_eq!(
            attach(&t, c, &csrf, "Письмо БелГИМ.pdf", &letter).await,
            Status::SeeOther
        );
        let (_, page) = t.get(&unit_page(c)).await;
        assert!(
            page.contains("Файл Письмо БелГИМ.pdf сохранён вместе с ответом"),
            "{page}"
        );
        let kept = attachments::list(&t.app.db, c, &common::unit("institute:BelGIM"))
            .await
            .unwrap();
        assert_eq!(kept.len(), 1);
        let href = format!("{}/files/{}", unit_page(c), kept[0].id);
        assert!(page.contains(&href), "{page}");
        let r = t.client.get(href.as_str()).dispatch().await;
        assert_eq!(r.status(), Status::Ok);
        let header = |n: &str| r.headers().get_one(n).unwrap_or_default().to_string();
        assert_eq!(header("Content-Type"), "application/octet-stream");
        assert!(header("Content-Disposition").starts_with("attachment;"));
        assert!(header("Content-Disposition").contains("UTF-8''%D0%9F"));
        assert!(header("Content-Security-Policy").contains("sandbox"));
        assert_eq!(r.into_bytes().await.unwrap(), letter);
        assert_eq!(trail(&t, "response-attach").await.len(), 1);

        // Over the bound: refused in the page's language, nothing kept.
        let big = vec![b'x'; attachments::MAX_BYTES + 1];
        assert_eq!(
            attach(&t, c, &csrf, "scan.tif", &big).await,
            Status::SeeOther
        );
        let (_, page) = t.get(&unit_page(c)).await;
        assert!(page.contains("Файл больше 8 МиБ"), "{page}");
        let kept = attachments::list(&t.app.db, c, &common::unit("institute:BelGIM"))
            .await
            .unwrap();
        assert_eq!(kept.len(), 1);
        // Another campaign's or unit's number opens nothing.
        let other = format!(
            "/admin/campaigns/{c}/units/institute:AIM/files/{}",
            kept[0].id
        );
        assert_eq!(t.get(&other).await.0, Status::NotFound);
    })
}
