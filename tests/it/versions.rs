//! A campaign keeps the schema it was opened with: editing `forms/` later changes nothing for
//! it. A new campaign of the same survey uses the new schema and offers each unit its previous
//! answers to start from.
use crate::common;

use rocket::http::Status;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[rocket::async_test]
async fn an_edited_schema_leaves_earlier_campaigns_alone_and_a_new_one_starts_from_last_years_answers(
) {
    on_every_backend!(|t| {
        // The service's forms are a copy this test may edit.
        let forms = t.dir.path().join("forms");
        copy_dir(&common::root().join("forms"), &forms);
        let mut config = t.app.config.clone();
        config.forms_dir = forms.clone();
        let app = coomet_surveys::App::with_db(config.clone(), t.app.db.clone()).unwrap();
        let rocket = coomet_surveys::web::rocket(app.clone()).unwrap();
        let client = rocket::local::asynchronous::Client::tracked(rocket)
            .await
            .unwrap();

        let old = coomet_surveys::campaigns::open(
            &app,
            &common::operator(),
            "training-needs",
            2025,
            None,
            &Default::default(),
        )
        .await
        .unwrap();
        coomet_surveys::campaigns::invite(&app, &common::operator(), old.id)
            .await
            .unwrap();
        common::deliver(&app).await;
        let link = t.mails()["training.nbsm@example.org"].link_path();
        let body = common::encode(&[
            ("_version", "0"),
            ("_action", "submit"),
            ("fields", "TC 1.3"),
            ("needs._rows", "1"),
            ("needs.0.topic", "Power quality"),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.format", "webinar"),
            ("needs.0.staff", "4"),
        ]);
        let r = client
            .post(&link)
            .header(rocket::http::ContentType::Form)
            .body(body)
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::SeeOther);

        // Edit the schema: a question goes, another (required) comes, a label changes.
        let path = forms.join("training-needs.toml");
        let text = std::fs::read_to_string(&path).unwrap()
            .replace("Topical issues of metrology", "Current issues of metrology")
            .replace("id = \"staff_other_rmo\"", "id = \"staff_elsewhere\"")
            .replace("question = \"staff_other_rmo\"", "question = \"staff_elsewhere\"")
            .replace("[[sections]]\nid = \"elearning\"", "[[sections]]\nid = \"contact_person\"\ntitle = { en = \"Contact person\", ru = \"Контактное лицо\" }\n\n[[sections.questions]]\nid = \"responsible\"\ntype = \"text\"\nrequired = true\nlabel = { en = \"Person responsible for training\", ru = \"Ответственный за обучение\" }\n\n[[sections]]\nid = \"elearning\"");
        std::fs::write(&path, text).unwrap();
        let edited = coomet_surveys::App::with_db(config, t.app.db.clone()).unwrap();
        assert!(edited
            .forms
            .get("training-needs")
            .unwrap()
            .question("responsible")
            .is_some());
        let rocket = coomet_surveys::web::rocket(edited.clone()).unwrap();
        let client = rocket::local::asynchronous::Client::tracked(rocket)
            .await
            .unwrap();

        // The 2025 campaign still shows and counts with its own schema.
        let r = client.get(format!("{link}?lang=en")).dispatch().await;
        assert_eq!(r.status(), Status::Ok);
        let page = r.into_string().await.unwrap();
        assert!(page.contains("Topical issues of metrology"));
        assert!(!page.contains("Person responsible for training"));
        assert!(page.contains("Power quality"));
        let values = coomet_surveys::indicators::compute(
            &edited.db,
            &old,
            coomet_surveys::i18n::Lang::En,
            &edited.renderer.i18n,
        )
        .await
        .unwrap();
        let fields = values.iter().find(|v| v.id == "needs-by-field").unwrap();
        assert_eq!(
            fields
                .rows
                .iter()
                .find(|r| r.key == "TC 1.3")
                .unwrap()
                .cells,
            vec![1.0, 1.0, 4.0]
        );

        // A 2026 campaign uses the edited schema and starts from the 2025 answers.
        let new = coomet_surveys::campaigns::open(
            &edited,
            &common::operator(),
            "training-needs",
            2026,
            None,
            &Default::default(),
        )
        .await
        .unwrap();
        coomet_surveys::campaigns::invite(&edited, &common::operator(), new.id)
            .await
            .unwrap();
        common::deliver(&edited).await;
        let new_link = t.mails()["training.nbsm@example.org"].link_path();
        assert_ne!(new_link, link);
        let r = client.get(format!("{new_link}?lang=en")).dispatch().await;
        let page = r.into_string().await.unwrap();
        assert!(page.contains("Current issues of metrology"));
        assert!(page.contains("Person responsible for training"));
        assert!(
            page.contains("answers of 2025 are filled in"),
            "the prefill is announced"
        );
        assert!(
            page.contains("value=\"Power quality\""),
            "last year's answer is offered"
        );
        assert!(
            coomet_surveys::responses::current(&edited.db, new.id, &common::unit("institute:NBSM"))
                .await
                .unwrap()
                .is_none(),
            "nothing is stored until the respondent saves"
        );
    });
}
