//! Closing a campaign asks first (issue 26): the campaign page's button leads to a page that
//! says, in the reader's language, what closing ends (drafts not submitted, units that have not
//! answered) and changes nothing until it is confirmed; once closed, neither the campaign page
//! nor the respondents' links say "please answer by".
use crate::common;
use crate::html::Page;
use rocket::http::Status;

#[rocket::async_test]
async fn closing_is_confirmed_first_and_a_closed_campaign_asks_for_no_answer() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let today = chrono::Utc::now().date_naive();
        let closes = today + chrono::Days::new(30);
        coomet_surveys::responses::deadlines::extend(&t.app, &common::operator(), c, closes, today)
            .await
            .unwrap();
        let mails = t.invite_and_send(c).await;
        let link = mails["training.nbsm@example.org"].link_path();
        let draft = [
            ("_version", "0"),
            ("_action", "draft"),
            ("fields", "TC 1.3"),
        ];
        let (status, _, _) = t.post_form(&link, &draft).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&format!("{link}?lang=ru")).await;
        assert!(
            page.contains("Просим ответить до"),
            "open: the deadline is said"
        );

        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        let to = format!("/admin/campaigns/{c}/close");
        assert_eq!(
            Page::parse(&page)
                .attrs(&format!("a[href='{to}']"), "href")
                .len(),
            1
        );
        let (status, page) = t.get(&to).await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&page);
        let said = p.texts(".notice.warning li").join("\n");
        assert!(
            said.contains("неотправленными ответами (черновик или возвращён на исправление): 1"),
            "{said}"
        );
        assert!(said.contains("ещё не ответили: "), "{said}");
        assert!(
            coomet_surveys::campaigns::get(&t.app.db, c)
                .await
                .unwrap()
                .is_open(),
            "nothing changes before the confirmation"
        );

        let csrf = p.input("csrf").unwrap();
        let (status, _, _) = t.post_form(&to, &[("csrf", &csrf)]).await;
        assert_eq!(status, Status::SeeOther);
        assert!(!coomet_surveys::campaigns::get(&t.app.db, c)
            .await
            .unwrap()
            .is_open());
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        assert!(
            !page.contains("Закрывается"),
            "the closed campaign names no closing day to come"
        );
        assert!(page.contains("Кампания закрыта"));
        let (_, page) = t.get(&to).await;
        assert!(page.is_empty() || !page.contains("close-confirm"));
        let (_, page) = t.get(&format!("{link}?lang=ru")).await;
        assert!(!page.contains("Просим ответить до"), "{page}");
        assert!(page.contains("Опрос закрыт"));
    });
}
