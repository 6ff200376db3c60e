//! Surveys' versions in the database (issue 24): `forms/` seeds version 1 of each survey; a
//! changed file imported is version 2 with exactly its differences; a campaign keeps the
//! version it opened with (its form, indicators and export unchanged) while a new one opens the
//! new version; another instance sees it without a restart; a broken file changes nothing and
//! names every problem with its line; a renamed question with `was` keeps its prefill and its
//! indicator's years.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::forms::diff::Change;
use coomet_surveys::forms::versions::{self, Candidate, Checked};
use coomet_surveys::i18n::Lang;
use coomet_surveys::App;
use rocket::http::Status;

pub fn training_needs() -> String {
    std::fs::read_to_string(common::root().join("forms/training-needs.toml")).unwrap()
}

/// Checks `source` as an upload named `name` would be.
pub async fn check(app: &App, name: &str, source: &str) -> Checked {
    let lists = coomet_surveys::forms::lists::store::current(&app.db, &app.config.seeds_dir)
        .await
        .unwrap();
    versions::check(&app.forms, &app.db, &lists, name, source)
        .await
        .unwrap()
}

/// Publishes `source` over the version it was compared with.
pub async fn publish(app: &App, source: &str) -> coomet_surveys::Result<(i32, Candidate)> {
    let lists = coomet_surveys::forms::lists::store::current(&app.db, &app.config.seeds_dir)
        .await
        .unwrap();
    let base = match check(app, "upload.toml", source).await {
        Checked::Ready(c) => c.base.map(|(n, _)| n),
        Checked::Problems(p) => panic!("{p:?}"),
    };
    versions::publish(
        (&app.forms, &app.db),
        &common::operator(),
        (&lists, &app.renderer.i18n),
        ("upload.toml", source),
        base,
    )
    .await
}

/// Submits the 2025 needs of NBSM with 3 staff in other RMOs' programmes.
async fn answer_2025(t: &TestApp, c: i32) -> String {
    let mails = t.invite_and_send(c).await;
    let link = mails["training.nbsm@example.org"].link_path();
    let fields = [
        ("_version", "0"),
        ("_action", "submit"),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Power quality"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", "4"),
        ("staff_other_rmo", "3"),
    ];
    let (status, page, _) = t.post_form(&link, &fields).await;
    assert_eq!(status, Status::SeeOther, "{page}");
    link
}

/// A question goes, another (required) comes in a new section, a label changes.
pub(crate) fn edited() -> String {
    training_needs()
        .replace("Topical issues of metrology", "Current issues of metrology")
        .replace("id = \"staff_other_rmo\"", "id = \"staff_elsewhere\"")
        .replace("question = \"staff_other_rmo\"", "question = \"staff_elsewhere\"")
        .replace(
            "[[sections]]\nid = \"elearning\"",
            "[[sections]]\nid = \"contact_person\"\ntitle = { en = \"Contact person\", ru = \"Контактное лицо\" }\n\n[[sections.questions]]\nid = \"responsible\"\ntype = \"text\"\nrequired = true\nlabel = { en = \"Person responsible for training\", ru = \"Ответственный за обучение\" }\n\n[[sections]]\nid = \"elearning\"",
        )
}

#[rocket::async_test]
async fn an_imported_file_is_the_next_version_for_new_campaigns_only_and_every_instance() {
    on_every_backend!(|t| {
        let all = versions::list(&t.app.db).await.unwrap();
        assert_eq!(all.len(), 7, "the seven surveys of forms/");
        assert!(all.iter().all(|p| p.version == 1));
        let tn = all.iter().find(|p| p.form_id == "training-needs").unwrap();
        assert_eq!(tn.published_by, "forms/training-needs.toml");

        let old = t.open_campaign("training-needs", 2025).await;
        let link = answer_2025(&t, old).await;
        t.login_secretariat().await;
        let export = format!("/admin/campaigns/{old}/export?format=json");
        let (_, exported_before) = t.get(&export).await;
        // Another instance, started before the new version.
        let other = App::with_db(t.app.config.clone(), t.app.db.clone())
            .await
            .unwrap();
        assert_eq!(
            other
                .forms
                .current(&other.db)
                .await
                .unwrap()
                .get("training-needs")
                .unwrap()
                .version,
            1
        );

        let Checked::Ready(candidate) = check(&t.app, "training-needs (2).toml", &edited()).await
        else {
            panic!("the edited file has no problem");
        };
        let mut changes = candidate.changes.clone();
        changes.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(
            changes,
            vec![
                Change::IndicatorChanged("other-rmo-participation".into()),
                Change::IndicatorText("topical-issues".into()),
                Change::QuestionAdded("responsible".into()),
                Change::QuestionAdded("staff_elsewhere".into()),
                Change::QuestionRemoved("staff_other_rmo".into()),
                Change::SectionAdded("contact_person".into()),
                Change::SectionText("topical".into()),
            ]
        );
        let (number, _) = publish(&t.app, &edited()).await.unwrap();
        assert_eq!(number, 2);
        // The trail keeps the whole difference.
        let filter = coomet_surveys::audit::Filter {
            target: Some("form:training-needs/2".into()),
            ..Default::default()
        };
        let (trail, _, _) = coomet_surveys::audit::page(&t.app.db, &filter, 0, 10)
            .await
            .unwrap();
        let line = &trail[0];
        assert_eq!(line.action, coomet_surveys::audit::Action::FormPublish);
        let detail = line.detail.as_deref().unwrap();
        assert!(detail.contains("Question «Staff who took part in other RMOs' programmes» (staff_other_rmo) removed"), "{detail}");
        assert!(
            detail.contains("last year's answers are not filled in"),
            "{detail}"
        );

        // The other instance sees version 2 at once.
        let seen = other.forms.current(&other.db).await.unwrap();
        assert_eq!(seen.get("training-needs").unwrap().version, 2);
        assert!(seen
            .get("training-needs")
            .unwrap()
            .question("responsible")
            .is_some());

        // The 2025 campaign keeps version 1: its page, indicators and export.
        let (_, page) = t.get(&format!("{link}?lang=en")).await;
        assert!(page.contains("Topical issues of metrology"));
        assert!(!page.contains("Person responsible for training"));
        let (_, exported_after) = t.get(&export).await;
        assert_eq!(exported_before, exported_after);
        let c = coomet_surveys::campaigns::get(&t.app.db, old)
            .await
            .unwrap();
        assert_eq!(c.form_version, Some(1));
        let values = coomet_surveys::indicators::compute(
            &t.app.db,
            &c,
            coomet_surveys::i18n::Lang::En,
            &t.app.renderer.i18n,
        )
        .await
        .unwrap();
        let rmo = values
            .iter()
            .find(|v| v.id == "other-rmo-participation")
            .unwrap();
        let staff: f64 = rmo.rows.iter().filter_map(|r| r.cells.last()).sum();
        assert_eq!(staff, 3.0, "{:?}", rmo.rows);

        // A campaign opened after, on the other instance, has version 2.
        let new = coomet_surveys::campaigns::open(
            &other,
            &common::operator(),
            "training-needs",
            2026,
            None,
            &Default::default(),
        )
        .await
        .unwrap();
        assert_eq!(new.form_version, Some(2));
        assert!(new.form().unwrap().question("responsible").is_some());
        let pinned = coomet_surveys::campaigns::Opening {
            form: "training-needs",
            version: Some(1),
        };
        let v1 = coomet_surveys::campaigns::open(
            &t.app,
            &common::operator(),
            pinned,
            2027,
            None,
            &Default::default(),
        )
        .await
        .unwrap();
        assert_eq!(
            v1.form_version,
            Some(1),
            "an earlier version may be opened on purpose"
        );
        assert!(v1.form().unwrap().question("responsible").is_none());
    });
}

#[rocket::async_test]
async fn a_broken_file_changes_nothing_and_names_every_problem_with_its_line() {
    on_every_backend!(|t| {
        let source = training_needs()
            .replace(
                "ru = \"Сотрудники, участвовавшие в программах других РМО\" }",
                "ru = \"\" }",
            )
            .replacen("list = \"format\"", "list = \"no-such-list\"", 1);
        let Checked::Problems(problems) = check(&t.app, "tn.toml", &source).await else {
            panic!("the broken file has problems");
        };
        let i18n = &t.app.renderer.i18n;
        let lines: Vec<String> = problems.iter().map(|p| p.text(i18n, Lang::En)).collect();
        assert!(
            lines.contains(
                &"tn.toml:238: question staff_other_rmo: label: the Russian text is missing"
                    .to_string()
            ),
            "{lines:?}"
        );
        // The same problems in Russian, for the secretariat's page.
        let russian: Vec<String> = problems.iter().map(|p| p.text(i18n, Lang::Ru)).collect();
        assert!(
            russian.contains(
                &"tn.toml:238: вопрос staff_other_rmo: label: нет текста на русском".to_string()
            ),
            "{russian:?}"
        );
        assert!(
            russian
                .iter()
                .any(|l| l.contains("неизвестный список «no-such-list»")),
            "{russian:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("no-such-list")),
            "{lines:?}"
        );
        let refused = publish_anyway(&t.app, &source).await;
        assert!(
            matches!(
                refused,
                Err(coomet_surveys::Error::Refused(
                    coomet_surveys::Refusal::SchemaProblems
                ))
            ),
            "{refused:?}"
        );
        let same = publish_anyway(&t.app, &training_needs()).await;
        assert!(
            matches!(
                same,
                Err(coomet_surveys::Error::Refused(
                    coomet_surveys::Refusal::NoDifference { version: 1, .. }
                ))
            ),
            "{same:?}"
        );
        // Published against version 1 while version 2 came first: refused.
        publish(&t.app, &edited()).await.unwrap();
        let late = publish_anyway(&t.app, &edited().replace("Contact person", "Contact")).await;
        assert!(
            matches!(
                late,
                Err(coomet_surveys::Error::Refused(
                    coomet_surveys::Refusal::NewerVersion { latest: 2, .. }
                ))
            ),
            "{late:?}"
        );
        let all = versions::list(&t.app.db).await.unwrap();
        assert_eq!(all.len(), 8, "version 2 of training-needs and nothing else");
    });
}

/// Publishes over version 1 whatever the file holds.
async fn publish_anyway(app: &App, source: &str) -> coomet_surveys::Result<(i32, Candidate)> {
    let lists = coomet_surveys::forms::lists::store::current(&app.db, &app.config.seeds_dir)
        .await
        .unwrap();
    versions::publish(
        (&app.forms, &app.db),
        &common::operator(),
        (&lists, &app.renderer.i18n),
        ("tn.toml", source),
        Some(1),
    )
    .await
}

#[rocket::async_test]
async fn a_renamed_question_with_was_keeps_its_prefill_and_its_indicators_years() {
    on_every_backend!(|t| {
        let old = t.open_campaign("training-needs", 2025).await;
        answer_2025(&t, old).await;
        let renamed = training_needs()
            .replace(
                "id = \"staff_other_rmo\"",
                "id = \"staff_elsewhere\"\nwas = \"staff_other_rmo\"",
            )
            .replace(
                "question = \"staff_other_rmo\"",
                "question = \"staff_elsewhere\"",
            );
        let (_, candidate) = publish(&t.app, &renamed).await.unwrap();
        assert_eq!(
            candidate.changes,
            vec![Change::QuestionRenamed {
                from: "staff_other_rmo".into(),
                to: "staff_elsewhere".into()
            }],
            "a rename, and the indicator reads the same question"
        );
        let new = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(new).await;
        let link = mails["training.nbsm@example.org"].link_path();
        let (_, page) = t.get(&format!("{link}?lang=en")).await;
        assert_eq!(
            Page::parse(&page).input("staff_elsewhere").as_deref(),
            Some("3"),
            "last year's answer under the new id"
        );
        let fields = [
            ("_version", "0"),
            ("_action", "submit"),
            ("fields", "TC 1.3"),
            ("staff_elsewhere", "5"),
        ];
        let (status, page, _) = t.post_form(&link, &fields).await;
        assert_eq!(status, Status::SeeOther, "{page}");

        crate::review::login_reviewer(&t).await;
        let (_, review) = t.get(&format!("/review/campaigns/{new}?lang=en")).await;
        let years = Page::parse(&review).table(
            "section[aria-labelledby=\"ind-training-needs-other-rmo-participation\"] table.years",
        );
        assert!(years.len() >= 2, "{review}");
        let (_, report) = t.get("/review/report/2026?lang=en").await;
        let in_report = Page::parse(&report).table(
            "section[aria-labelledby=\"ind-training-needs-other-rmo-participation\"] table.years",
        );
        assert_eq!(years, in_report);
        assert!(
            years.iter().any(|r| r.contains(&"3".to_string()))
                && years.iter().any(|r| r.contains(&"5".to_string())),
            "{years:?}"
        );
    });
}

#[rocket::async_test]
async fn the_command_line_lists_exports_and_imports_and_an_export_imports_as_no_difference() {
    on_every_backend!(|t| {
        let (ok, list, err) = crate::cli::run(&t, &["forms", "list"]);
        assert!(ok, "{err}");
        let ids: Vec<&str> = list
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(ids.len(), 7, "{list}");
        assert!(list.lines().all(|l| l.contains("\tversion 1\t")), "{list}");
        for id in &ids {
            let file = t.dir.path().join(format!("{id}.toml"));
            let file = file.to_str().unwrap();
            let (ok, _, err) =
                crate::cli::run(&t, &["forms", "export", id, "--format", "toml", "-o", file]);
            assert!(ok, "{err}");
            let (ok, out, err) = crate::cli::run(&t, &["forms", "import", file, "--dry-run"]);
            assert!(ok, "{err}");
            assert_eq!(
                out.trim(),
                format!("{id}: no difference from version 1; nothing to publish")
            );
        }
        let broken = t.dir.path().join("broken.toml");
        std::fs::write(
            &broken,
            training_needs().replace("type = \"integer\"", "type = \"number\""),
        )
        .unwrap();
        let (ok, out, _) = crate::cli::run(&t, &["forms", "import", broken.to_str().unwrap()]);
        assert!(!ok, "a broken file is refused");
        assert!(
            out.lines()
                .all(|l| l.starts_with(&format!("{}:", broken.display()))),
            "{out}"
        );
        let changed = t.dir.path().join("changed.toml");
        std::fs::write(&changed, edited()).unwrap();
        let (ok, out, err) = crate::cli::run(
            &t,
            &[
                "forms",
                "import",
                changed.to_str().unwrap(),
                "--dry-run",
                "--lang",
                "ru",
            ],
        );
        assert!(ok, "{err}");
        assert!(
            out.contains("Новый вопрос «Ответственный за обучение» (responsible)"),
            "{out}"
        );
        // The rename left undeclared is proposed, with the line to add.
        assert!(
            out.contains("? staff_elsewhere, возможно, продолжает staff_other_rmo; если это тот же вопрос, укажите в файле: was = \"staff_other_rmo\""),
            "{out}"
        );
        assert_eq!(
            versions::list(&t.app.db).await.unwrap().len(),
            7,
            "a dry run publishes nothing"
        );
        let (ok, out, err) = crate::cli::run(&t, &["forms", "import", changed.to_str().unwrap()]);
        assert!(ok, "{err}");
        assert!(
            out.ends_with("training-needs: version 2 published\n"),
            "{out}"
        );
        let (ok, id, err) = crate::cli::run(
            &t,
            &[
                "campaign",
                "open",
                "--form",
                "training-needs",
                "--version",
                "1",
                "--year",
                "2030",
            ],
        );
        assert!(ok, "{err}");
        let (_, list, _) = crate::cli::run(&t, &["forms", "list"]);
        assert!(list.contains("training-needs\tversion 1\t"), "{list}");
        assert!(
            list.lines()
                .any(|l| l.starts_with("training-needs\tversion 1")
                    && l.ends_with(&format!("2030 (campaign {})", id.trim()))),
            "{list}"
        );
        let exported = t.dir.path().join("v2.toml");
        crate::cli::run(
            &t,
            &[
                "forms",
                "export",
                "training-needs",
                "-o",
                exported.to_str().unwrap(),
            ],
        );
        assert_eq!(
            std::fs::read_to_string(&exported).unwrap(),
            edited().replace("version = 1", "version = 2"),
            "the file as imported, comments and all"
        );
    });
}
