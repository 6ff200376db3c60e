//! Reference lists as versioned tables (issue 24): `seeds/lists` seeds version 1 of each; the
//! secretariat rewords, retires and adds entries on `/admin/lists/<id>`, which is the list's
//! next version on the trail; a survey gets it through its own next version, with the
//! difference shown first, and a campaign opened before keeps its entries. A wrong table comes
//! back as typed with each row's problem in the user's language; reviewers read and cannot
//! save; secretaries saving the same version at once make one version, and the others see
//! their changes applied to it.
use crate::common::{self, TestApp};
use crate::html::Page;
use coomet_surveys::forms::lists::store;
use rocket::http::Status;

const OIML: &str = "/admin/lists/oiml-publications";

/// The table as shown, every field as it is: what a browser posts when nothing is touched.
fn fields_of(page: &str) -> Vec<(String, String)> {
    let p = Page::parse(page);
    let mut out: Vec<(String, String)> = Vec::new();
    for name in p.attrs(
        "form[action^='/admin/lists'] input:not([type=checkbox])",
        "name",
    ) {
        out.push((name.clone(), p.input(&name).unwrap_or_default()));
    }
    for name in p.attrs("form[action^='/admin/lists'] textarea", "name") {
        let css = format!("textarea[name='{name}']");
        out.push((name, p.texts(&css).join("")));
    }
    for name in p.attrs(
        "form[action^='/admin/lists'] input[type=checkbox][checked]",
        "name",
    ) {
        out.push((name, "on".into()));
    }
    out
}

/// `fields` with `changes` made (a value replaced, or added).
fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = fields.to_vec();
    for (k, v) in changes {
        match out.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v.to_string(),
            None => out.push((k.to_string(), v.to_string())),
        }
    }
    out
}

async fn post(
    t: &TestApp,
    path: &str,
    fields: &[(String, String)],
) -> (Status, String, Option<String>) {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    t.post_form(path, &pairs).await
}

/// The respondents' form of a campaign of oiml-usage, in English.
async fn form_page(t: &TestApp, campaign: i32) -> String {
    let mails = t.invite_and_send(campaign).await;
    let (_, mail) = mails.iter().next().expect("an invitation");
    let (_, page) = t.get(&format!("{}?lang=en", mail.link_path())).await;
    page
}

#[rocket::async_test]
async fn a_list_edited_as_a_table_reaches_a_survey_through_its_next_version_only() {
    on_every_backend!(|t| {
        let all = store::all(&t.app.db).await.unwrap();
        let names: Vec<&str> = all.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "cipm-consultative-committees",
                "coomet-bodies",
                "oiml-publications",
                "technical-committees"
            ]
        );
        assert!(all.values().all(|vs| vs.len() == 1 && vs[0].version == 1));
        let current = t.app.forms.current(&t.app.db).await.unwrap();
        assert_eq!(
            current.get("oiml-usage").unwrap().list_versions["oiml-publications"],
            1
        );
        let before = t.open_campaign("oiml-usage", 2025).await;

        t.login_secretariat().await;
        t.get("/lang/ru").await;
        let (status, page) = t.get(OIML).await;
        assert_eq!(status, Status::Ok);
        let shown = fields_of(&page);
        let edited = with(
            &shown,
            &[
                ("e0:ru", "МОЗМ R 16 Сфигмоманометры"),
                ("e1/retired", "on"),
                ("n0/value", "R 150"),
                (
                    "n0:en",
                    "OIML R 150 Continuous totalizing automatic weighing instruments",
                ),
                ("n0:ru", "МОЗМ R 150 Весы непрерывного действия"),
            ],
        );
        let (status, body, location) = post(&t, OIML, &edited).await;
        assert_eq!(status, Status::SeeOther, "{body}");
        assert_eq!(location.as_deref(), Some(OIML));
        let latest = store::latest(&t.app.db, "oiml-publications")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.version, 2);
        assert_eq!(latest.entries.len(), 28);
        assert!(latest
            .entries
            .iter()
            .any(|e| e.value == "R 21" && e.retired));
        assert_eq!(latest.entries[0].ru, "МОЗМ R 16 Сфигмоманометры");

        let filter = coomet_surveys::audit::Filter {
            target: Some("list:oiml-publications/2".into()),
            ..Default::default()
        };
        let (trail, _, _) = coomet_surveys::audit::page(&t.app.db, &filter, 0, 10)
            .await
            .unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].action, coomet_surveys::audit::Action::ListPublish);
        let detail = trail[0].detail.as_deref().unwrap();
        assert!(detail.contains("added R 150"), "{detail}");
        assert!(detail.contains("retired R 21"), "{detail}");
        assert!(
            detail.contains("«МОЗМ R 16 Sphygmomanometers» → «МОЗМ R 16 Сфигмоманометры»")
                || detail.contains("“МОЗМ R 16 Sphygmomanometers” → “МОЗМ R 16 Сфигмоманометры”"),
            "{detail}"
        );

        // The page, in Russian: the version's changes and the survey that is behind.
        let (_, page) = t.get(OIML).await;
        let p = Page::parse(&page);
        assert!(
            p.texts(".notice.success")
                .join(" ")
                .contains("Версия 2 перечня сохранена"),
            "{page}"
        );
        assert!(page.contains("добавлена запись R 150"), "{page}");
        assert!(page.contains("выведена из обращения запись R 21"), "{page}");
        let refresh = p.attrs(
            "form[action='/admin/forms/oiml-usage/refresh'] button",
            "type",
        );
        assert_eq!(
            refresh.len(),
            1,
            "the survey is offered its next version: {page}"
        );

        // Nothing changes for the survey until its next version is published.
        let current = t.app.forms.current(&t.app.db).await.unwrap();
        assert_eq!(current.get("oiml-usage").unwrap().version, 1);
        let csrf = p.input("csrf").unwrap();
        let (status, page, _) = t
            .post_form("/admin/forms/oiml-usage/refresh", &[("csrf", &csrf)])
            .await;
        assert_eq!(status, Status::Ok, "{page}");
        let changes = Page::parse(&page).texts("ol.changes > li").join("\n");
        assert!(changes.contains("R 150"), "{changes}");
        assert!(changes.contains("R 21"), "{changes}");
        let v2 = crate::authoring::publish_shown(&t, &page, &csrf, "oiml-usage").await;
        assert_eq!((v2.version, v2.list_versions["oiml-publications"]), (2, 2));
        let rows: Vec<&str> = v2.lists["oiml-publications"]
            .iter()
            .map(|c| c.value.as_str())
            .collect();
        assert!(
            rows.contains(&"R 150") && !rows.contains(&"R 21"),
            "{rows:?}"
        );

        // The campaign opened before keeps its rows; one opened now has the new list.
        let old = form_page(&t, before).await;
        assert!(old.contains("OIML R 21 Taximeters") && !old.contains("OIML R 150"));
        let after = t.open_campaign("oiml-usage", 2026).await;
        let new = form_page(&t, after).await;
        assert!(new.contains("OIML R 150 Continuous") && !new.contains("OIML R 21 Taximeters"));
    });
}

#[rocket::async_test]
async fn a_wrong_table_comes_back_as_typed_in_the_users_language_and_saves_nothing() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        for (lang, want, empty) in [
            (
                "ru",
                "Перечень не сохранён",
                "Нужен текст и на английском, и на русском языке.",
            ),
            (
                "en",
                "The list was not saved",
                "Both the English and the Russian text are needed.",
            ),
        ] {
            t.get(&format!("/lang/{lang}")).await;
            let (_, page) = t.get(OIML).await;
            let edited = with(
                &fields_of(&page),
                &[
                    ("e3:ru", " "),
                    ("n0/value", "R 16"),
                    ("n0:en", "A second R 16"),
                    ("n0:ru", "Второй R 16"),
                    ("n1/value", "R 999"),
                    ("n1:en", "Only English, typed with care"),
                ],
            );
            let (status, page, _) = post(&t, OIML, &edited).await;
            assert_eq!(status, Status::Ok);
            let p = Page::parse(&page);
            assert!(p.texts("#list-error").join("").contains(want), "{page}");
            let errors = p.texts("td .error, th .error");
            assert_eq!(errors.len(), 3, "{errors:?}");
            assert!(errors.contains(&empty.to_string()), "{errors:?}");
            assert_eq!(p.attrs("[aria-invalid=true]", "name").len(), 8, "{page}");
            assert_eq!(p.input("n1/value").as_deref(), Some("R 999"));
            assert_eq!(
                p.texts("textarea[name='n1:en']"),
                ["Only English, typed with care"]
            );
            assert_eq!(p.input("base").as_deref(), Some("1"));
        }
        let latest = store::latest(&t.app.db, "oiml-publications")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(latest.version, 1);

        // An unchanged table is no new version, said as such.
        let (_, page) = t.get(OIML).await;
        let (status, page, _) = post(&t, OIML, &fields_of(&page)).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("Nothing was changed"), "{page}");
        assert_eq!(
            store::all(&t.app.db).await.unwrap()["oiml-publications"].len(),
            1
        );
    });
}

#[rocket::async_test]
async fn reviewers_read_a_list_and_cannot_change_it() {
    on_every_backend!(|t| {
        crate::review::login_reviewer(&t).await;
        let (status, page) = t.get(OIML).await;
        assert_eq!(status, Status::Ok);
        let p = Page::parse(&page);
        assert!(p
            .attrs("form[action^='/admin/lists'] textarea", "name")
            .is_empty());
        assert!(page.contains("OIML R 21 Taximeters"));
        let fields = [
            ("csrf", "x"),
            ("base", "1"),
            ("n0/value", "R 150"),
            ("n0:en", "x"),
            ("n0:ru", "x"),
        ];
        let (status, _, _) = t.post_form(OIML, &fields).await;
        assert!(
            status == Status::Forbidden || status == Status::SeeOther,
            "{status}"
        );
        let (status, _, _) = t
            .post_form("/admin/forms/oiml-usage/refresh", &[("csrf", "x")])
            .await;
        assert!(
            status == Status::Forbidden || status == Status::SeeOther,
            "{status}"
        );
        assert_eq!(
            store::all(&t.app.db).await.unwrap()["oiml-publications"].len(),
            1
        );
        let (status, _) = t.get("/admin/lists/no-such-list").await;
        assert_eq!(status, Status::NotFound);
    });
}

/// Six saves of version 1 at once, each adding its own entry: one is version 2; each of the
/// others is told, and sees its own entry carried onto version 2, ready to save again.
#[rocket::async_test]
async fn saves_of_the_same_version_at_once_make_one_version_and_lose_no_typing() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let (_, page) = t.get(OIML).await;
        let shown = fields_of(&page);
        let posts: Vec<Vec<(String, String)>> = (0..6)
            .map(|i| {
                let v = format!("X {i}");
                with(
                    &shown,
                    &[
                        ("n0/value", &v),
                        ("n0:en", &format!("Entry {i}")),
                        ("n0:ru", &format!("Запись {i}")),
                    ],
                )
            })
            .collect();
        let outcomes =
            futures_util::future::join_all(posts.iter().map(|f| post(&t, OIML, f))).await;
        let saved = outcomes
            .iter()
            .filter(|(s, _, _)| *s == Status::SeeOther)
            .count();
        assert_eq!(
            saved,
            1,
            "{:?}",
            outcomes.iter().map(|o| o.0).collect::<Vec<_>>()
        );
        for (i, (status, page, _)) in outcomes.iter().enumerate() {
            if *status == Status::SeeOther {
                continue;
            }
            assert_eq!(*status, Status::Ok);
            let p = Page::parse(page);
            assert!(
                p.texts("#list-error")
                    .join("")
                    .contains("was saved meanwhile"),
                "{page}"
            );
            assert_eq!(p.input("base").as_deref(), Some("2"));
            let values = p.attrs("input[name$='/value']", "value");
            assert!(values.contains(&format!("X {i}")), "{values:?}");
        }
        let all = store::all(&t.app.db).await.unwrap();
        assert_eq!(all["oiml-publications"].len(), 2);
        assert_eq!(all["oiml-publications"][1].entries.len(), 28);
    });
}

/// A survey's version published before lists had versions records none: it is offered its
/// next version only once the list differs from its copy.
#[rocket::async_test]
async fn a_version_from_before_list_versions_is_behind_only_when_its_list_changed() {
    on_every_backend!(|t| {
        use coomet_surveys::forms::versions::form_version;
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let row = form_version::Entity::find()
            .all(&t.app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.form_id == "oiml-usage")
            .unwrap();
        let mut schema: serde_json::Value = serde_json::from_str(&row.schema_json).unwrap();
        schema.as_object_mut().unwrap().remove("list_versions");
        let mut am: form_version::ActiveModel = row.into();
        am.schema_json = Set(schema.to_string());
        am.update(&t.app.db).await.unwrap();
        // Nothing has read the version yet: it is parsed as it is now stored.
        let (_, form) = t
            .app
            .forms
            .get(&t.app.db, "oiml-usage", None)
            .await
            .unwrap()
            .unwrap();
        assert!(form.list_versions.is_empty());
        t.login_secretariat().await;
        let refresh = "form[action='/admin/forms/oiml-usage/refresh']";
        let (_, page) = t.get("/admin/forms/oiml-usage").await;
        assert!(
            Page::parse(&page).attrs(refresh, "action").is_empty(),
            "{page}"
        );
        let (_, page) = t.get(OIML).await;
        let edited = with(&fields_of(&page), &[("e1/retired", "on")]);
        let (status, _, _) = post(&t, OIML, &edited).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get("/admin/forms/oiml-usage").await;
        assert_eq!(
            Page::parse(&page).attrs(refresh, "action").len(),
            1,
            "{page}"
        );
    });
}
