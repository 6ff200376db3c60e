//! The directory from the browser: institutes and contacts added and corrected with mistakes
//! shown beside the field and nothing typed lost, CEEMS status by year, the CSV import that
//! changes nothing before confirmation, and the export that neutralises formulas.
use crate::common::{self, TestApp};
use coomet_surveys::directory::{contact, countries, institute};
use rocket::http::{ContentType, Status};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub async fn csrf(t: &TestApp) -> String {
    let (_, page) = t.get("/admin").await;
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].chars().take_while(|c| *c != '"').collect()
}

async fn contacts(t: &TestApp) -> u64 {
    contact::Entity::find().count(&t.app.db).await.unwrap()
}

/// Posts `csv` as a file, the way the browser's file field sends it.
pub async fn upload(t: &TestApp, path: &str, csrf: &str, csv: &str) -> (Status, String) {
    let b = "----coomet-boundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{b}\r\n\
         Content-Disposition: form-data; name=\"text\"\r\n\r\n\r\n--{b}--\r\n"
    );
    multipart(t, path, b, body).await
}

/// Sends the previewed text back as the confirmation form does (a text field, not a file).
pub async fn confirm(t: &TestApp, csrf: &str, csv: &str) -> (Status, String) {
    let b = "----coomet-boundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{csv}\r\n--{b}--\r\n"
    );
    multipart(t, "/admin/contacts/import/confirm", b, body).await
}

/// Posts a multipart `body` whose parts are separated by `b`.
pub async fn multipart(
    t: &TestApp,
    path: &str,
    b: &'static str,
    body: impl AsRef<[u8]>,
) -> (Status, String) {
    let r = t
        .client
        .post(path)
        .header(ContentType::new("multipart", "form-data").with_params(("boundary", b)))
        .body(body)
        .dispatch()
        .await;
    let status = r.status();
    (status, r.into_string().await.unwrap_or_default())
}

#[rocket::async_test]
async fn institutes_and_contacts_are_kept_from_the_browser_and_a_mistake_loses_nothing() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let csrf = csrf(&t).await;
        let (status, page) = t.get("/admin/directory").await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("VNIIM") && page.contains("Armenia"), "{page}");

        // A new institute with two mistakes: both shown beside their fields, the rest kept.
        let bad = [
            ("csrf", csrf.as_str()),
            ("acronym", "vniim"),
            ("country", "RU"),
            ("name_en", "=HYPERLINK(\"http://x\")"),
            ("name_ru", "Новый институт"),
            ("kind", "NMI"),
        ];
        let (status, page, _) = t.post_form("/admin/directory/institutes", &bad).await;
        assert_eq!(status, Status::Ok);
        assert!(
            page.contains("Another institute has this acronym."),
            "{page}"
        );
        assert!(page.contains("Must not start with"));
        assert!(
            page.contains("value=\"Новый институт\""),
            "what was typed is kept"
        );
        assert!(page.contains("aria-invalid=\"true\" aria-describedby=\"e-acronym\""));
        let good = [
            ("csrf", csrf.as_str()),
            ("acronym", "NEWI"),
            ("country", "RU"),
            ("name_en", "New Institute"),
            ("name_ru", "Новый институт"),
            ("kind", "DI"),
        ];
        let (status, _, to) = t.post_form("/admin/directory/institutes", &good).await;
        assert_eq!(status, Status::SeeOther);
        let inst = institute::Entity::find()
            .filter(institute::Column::Acronym.eq("NEWI"))
            .one(&t.app.db)
            .await
            .unwrap()
            .expect("the institute was added");
        assert_eq!(to, Some(format!("/admin/directory/institutes/{}", inst.id)));

        // A contact: a bad address is refused in Russian, the name typed is kept.
        t.get("/lang/ru").await;
        let add = format!("/admin/directory/institutes/{}/contacts", inst.id);
        let person = |email: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("name", "Анна Петрова".to_string()),
                ("email", email.to_string()),
                ("language", "ru".to_string()),
                ("roles", "training".to_string()),
                ("roles", "research".to_string()),
                ("active", "true".to_string()),
            ]
        };
        let fields = person("anna@");
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let before = contacts(&t).await;
        let (status, page, _) = t.post_form(&add, &borrowed).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Это не адрес электронной почты."), "{page}");
        assert!(page.contains("value=\"Анна Петрова\""));
        assert_eq!(contacts(&t).await, before, "nothing was added");
        let fields = person("Anna.Petrova@example.org");
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _, _) = t.post_form(&add, &borrowed).await;
        assert_eq!(status, Status::SeeOther);
        let anna = contact::Entity::find()
            .filter(contact::Column::Email.eq("anna.petrova@example.org"))
            .one(&t.app.db)
            .await
            .unwrap()
            .expect("added, address in lower case");
        assert_eq!(anna.roles.to_string(), "training,research");
        let (status, again, _) = t.post_form(&add, &borrowed).await;
        assert_eq!(status, Status::Ok);
        assert!(again.contains("уже есть контактное лицо с этим адресом"));

        // Deactivated from her own page: she leaves every audience.
        let edit = format!("/admin/contacts/{}", anna.id);
        let (status, page) = t.get(&edit).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Анна Петрова"));
        let mut fields = person("anna.petrova@example.org");
        fields.retain(|(k, _)| *k != "active");
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _, _) = t.post_form(&edit, &borrowed).await;
        assert_eq!(status, Status::SeeOther);
        let anna = contact::Entity::find_by_id(anna.id)
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!anna.active);
        let (_, listed) = t.get("/admin/contacts?inactive=true").await;
        assert!(listed.contains("anna.petrova@example.org"));

        // CEEMS by year: 2027 changes, 2026 stays as it was.
        let was = countries::ceems_in(&t.app.db, 2026).await.unwrap()["AM"];
        let status = [
            ("csrf", csrf.as_str()),
            ("country", "AM"),
            ("year", "2027"),
            ("ceems", if was { "false" } else { "true" }),
        ];
        let (code, _, _) = t.post_form("/admin/directory/status", &status).await;
        assert_eq!(code, Status::SeeOther);
        assert_eq!(
            countries::ceems_in(&t.app.db, 2027).await.unwrap()["AM"],
            !was
        );
        let later = countries::ceems_in(&t.app.db, 2030).await.unwrap();
        let earlier = countries::ceems_in(&t.app.db, 2026).await.unwrap();
        assert_eq!(
            (later["AM"], earlier["AM"]),
            (!was, was),
            "from 2027 on, not before"
        );
        let (_, page) = t.get("/admin/directory").await;
        assert!(page.contains("Страны и их статус CEEMS"));
    });
}

const CSV: &str = "institute,name,email,language,roles,active\n\
VNIIM,Good Person,good.person@example.org,en,\"training,general\",true\n\
VNIIM,=cmd|' /C calc'!A0,formula@example.org,ru,general,\n\
VNIIM,<script>alert(1)</script>,markup@example.org,ru,general,\n\
NOPE,Nobody,nobody@example.org,ru,general,\n\
BelGIM,Bad Address,not-an-address,xx,boss,\n\
VNIIM,Good Person Again,GOOD.PERSON@example.org,en,general,\n";

#[rocket::async_test]
async fn a_csv_import_marks_bad_rows_escaped_and_imports_only_when_confirmed() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let csrf = csrf(&t).await;
        let before = contacts(&t).await;
        let (status, page) = upload(&t, "/admin/contacts/import", &csrf, CSV).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(contacts(&t).await, before, "the preview imports nothing");
        assert!(
            page.contains("1 rows can be imported; 5 rows have problems"),
            "{page}"
        );
        assert!(!page.contains("<script>alert"), "markup is shown escaped");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for problem in [
            "Must not start with",
            "Must not contain &lt; &gt; or control characters.",
            "No institute with the acronym &quot;NOPE&quot;.",
            "This is not an e-mail address.",
            "Unknown role &quot;boss&quot;",
            "appear earlier in the file",
        ] {
            assert!(page.contains(problem), "{problem}");
        }
        // The confirmation carries the text back; only the good row lands.
        let text_at = page
            .find("name=\"text\" hidden")
            .expect("the text travels back");
        assert!(text_at > 0);
        let (status, _) = confirm(&t, &csrf, CSV).await;
        assert_eq!(status, Status::SeeOther);
        assert_eq!(contacts(&t).await, before + 1);
        let names: Vec<String> = contact::Entity::find()
            .all(&t.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert!(names
            .iter()
            .all(|n| !n.starts_with('=') && !n.contains('<')));

        // A name that starts like a formula (from an older directory) leaves as text.
        let mut c: contact::ActiveModel = contact::Entity::find()
            .filter(contact::Column::Email.eq("good.person@example.org"))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        c.name = sea_orm::Set("=HYPERLINK(\"http://evil\")".into());
        sea_orm::ActiveModelTrait::update(c, &t.app.db)
            .await
            .unwrap();
        let r = t
            .client
            .get("/admin/contacts.csv?q=good.person")
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Ok);
        assert_eq!(
            r.content_type().map(|c| c.sub().to_string()),
            Some("csv".into())
        );
        let csv = r.into_string().await.unwrap();
        assert!(csv.starts_with("\u{feff}institute,name,email,language,roles,active,bounced\n"));
        assert!(
            csv.contains("VNIIM,\"'=HYPERLINK(\"\"http://evil\"\")\",good.person@example.org"),
            "{csv}"
        );
        // A file without a needed column is refused whole.
        let (_, page) = upload(
            &t,
            "/admin/contacts/import",
            &csrf,
            "name,email\nA,a@b.org\n",
        )
        .await;
        assert!(
            page.contains("The header line has no column &quot;institute&quot;."),
            "{page}"
        );

        // A whole directory's worth (400 rows, some 30 KB) goes through both steps.
        let mut big = String::from("institute,name,email,language,roles\n");
        for i in 0..400 {
            big.push_str(&format!(
                "UNIIM,Сотрудник Номер {i},staff{i}@uniim.example.org,ru,general\n"
            ));
        }
        let (status, page) = upload(&t, "/admin/contacts/import", &csrf, &big).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("400 rows can be imported; 0 rows have problems"));
        let before = contacts(&t).await;
        let (status, _) = confirm(&t, &csrf, &big).await;
        assert_eq!(status, Status::SeeOther);
        assert_eq!(contacts(&t).await, before + 400);
    });
}

#[rocket::async_test]
async fn a_respondent_passes_the_survey_to_a_colleague_whom_the_secretariat_confirms() {
    use coomet_surveys::campaigns::handover;
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let link = t.invite_and_send(c).await["training.nbsm@example.org"].link_path();
        let pass = format!("{link}/pass?lang=en");
        let (status, page) = t.get(&pass).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Pass the survey to a colleague"), "{page}");
        let mail_before = t.mails().len();

        let propose = |name: &'static str, email: &'static str| {
            [
                ("name", name),
                ("email", email),
                ("language", "ru"),
                ("note", "Я перешла в другой отдел"),
            ]
        };
        let (status, page, _) = t.post_form(&pass, &propose("Olga Smirnova", "olga@")).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("This is not an e-mail address."));
        assert!(
            page.contains("value=\"Olga Smirnova\""),
            "the name typed is kept"
        );
        assert!(page.contains("Я перешла в другой отдел"), "and the note");
        let own = propose("Me", "training.nbsm@example.org");
        let (status, page, _) = t.post_form(&pass, &own).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("That is your own address"));
        let olga = propose("Olga Smirnova", "Olga.Smirnova@nbsm.example.org");
        let (status, page, _) = t.post_form(&pass, &olga).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("The Secretariat will confirm and send Olga Smirnova a link."));
        for other in ["a@nbsm.example.org", "b@nbsm.example.org"] {
            let fields = [("name", "Other"), ("email", other), ("language", "en")];
            assert_eq!(t.post_form(&pass, &fields).await.0, Status::Ok);
        }
        let fourth = [
            ("name", "Too many"),
            ("email", "c@nbsm.example.org"),
            ("language", "en"),
        ];
        let (status, page, _) = t.post_form(&pass, &fourth).await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert!(page.contains("Three colleagues already wait"));
        t.send().await;
        assert_eq!(
            t.mails().len(),
            mail_before,
            "nobody is mailed before the secretariat decides"
        );

        t.login_secretariat().await;
        let (_, dashboard) = t.get("/admin").await;
        assert!(
            dashboard.contains("wait for your decision: 3"),
            "{dashboard}"
        );
        let (status, list) = t.get("/admin/handovers").await;
        assert_eq!(status, Status::Ok);
        assert!(list.contains("olga.smirnova@nbsm.example.org"));
        let id_of = |email: &'static str| {
            let db = t.app.db.clone();
            async move {
                handover::Entity::find()
                    .filter(handover::Column::Email.eq(email))
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .id
            }
        };
        let csrf = csrf(&t).await;
        let confirm = format!(
            "/admin/handovers/{}/confirm",
            id_of("olga.smirnova@nbsm.example.org").await
        );
        let fields = [("csrf", csrf.as_str()), ("retire", "true")];
        let (status, _, _) = t.post_form(&confirm, &fields).await;
        assert_eq!(status, Status::SeeOther);
        let (_, _, _) = t.post_form(&confirm, &fields).await;
        let decline = format!(
            "/admin/handovers/{}/decline",
            id_of("a@nbsm.example.org").await
        );
        assert_eq!(
            t.post_form(&decline, &[("csrf", csrf.as_str())]).await.0,
            Status::SeeOther
        );

        // Olga is in the directory with the proposer's roles, invited to the same response.
        let olga = contact::Entity::find()
            .filter(contact::Column::Email.eq("olga.smirnova@nbsm.example.org"))
            .one(&t.app.db)
            .await
            .unwrap()
            .expect("the colleague joined the directory");
        let proposer = contact::Entity::find()
            .filter(contact::Column::Email.eq("training.nbsm@example.org"))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(olga.roles, proposer.roles);
        assert!(olga.active && !proposer.active, "the proposer had left");
        t.send().await;
        let mails = t.mails();
        let theirs = &mails["olga.smirnova@nbsm.example.org"];
        assert!(
            theirs.message_id.contains("invitation"),
            "one invitation, confirmed once"
        );
        let olga_link = theirs.link_path();
        let draft = [
            ("_version", "0"),
            ("staff_coomet", "4"),
            ("_action", "draft"),
        ];
        assert_eq!(t.post_form(&olga_link, &draft).await.0, Status::SeeOther);
        let unit = common::unit("institute:NBSM");
        let response = coomet_surveys::responses::current(&t.app.db, c, &unit)
            .await
            .unwrap()
            .expect("the same unit's response");
        assert_eq!(
            response.updated_by.as_deref(),
            Some("olga.smirnova@nbsm.example.org")
        );
        assert_eq!(
            t.get(&link).await.0,
            Status::NotFound,
            "the proposer's link is dead"
        );
        let states: Vec<handover::State> = handover::Entity::find()
            .all(&t.app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|h| h.state)
            .collect();
        assert_eq!(
            states
                .iter()
                .filter(|s| **s == handover::State::Pending)
                .count(),
            1
        );
        assert!(states.contains(&handover::State::Declined));
    });
}
