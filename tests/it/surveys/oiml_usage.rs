use super::*;

// ---------------------------------------------------------------------------------------------
// 5. oiml-usage
// ---------------------------------------------------------------------------------------------

/// A country's grid: the given (publication, status, translation) rows, every other
/// publication "not applied" with the translation left empty.
fn oiml_grid(run: &Run<'_>, rows: &[(&str, &str, &str)]) -> Fields {
    let list = run
        .form
        .choices(run.form.question("oiml").unwrap())
        .to_vec();
    let mut fields = Fields::default();
    for (i, publication) in list.iter().enumerate() {
        let (status, translation) = rows
            .iter()
            .find(|(p, _, _)| *p == publication.value)
            .map_or(("not-applied", ""), |(_, s, t)| (*s, *t));
        fields = fields.add(format!("oiml.{i}.status"), status);
        if !translation.is_empty() {
            fields = fields.add(format!("oiml.{i}.translation"), translation);
        }
    }
    fields
}

fn oiml_russia(run: &Run<'_>) -> Fields {
    let mut fields = oiml_grid(
        run,
        &[
            ("R 76", "identical", "no"),
            ("R 49", "modified", "yes"),
            ("R 117", "direct", "yes"),
            ("D 1", "planned", "yes"),
        ],
    );
    fields.0.extend(
        Fields::new(&[
            (
                "other_publications.0.publication",
                "OIML R 92 Wood-moisture meters",
            ),
            ("other_publications.0.status", "planned"),
            ("other_publications.0.translation", "yes"),
            ("rlmo.0.document", "WELMEC Guide 7.2 Software"),
            ("rlmo.0.organisation", "welmec"),
            ("rlmo.0.status", "identical"),
            (
                "rlmo.1.document",
                "РМГ 29-2013 Метрология. Основные термины и определения",
            ),
            ("rlmo.1.organisation", "easc"),
            ("rlmo.1.status", "direct"),
            ("comments", "Interstate standards of the EASC apply."),
        ])
        .0,
    );
    fields
}

#[rocket::async_test]
async fn oiml_usage() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "oiml-usage", 2025).await;
        let r76 = run.row("oiml", "R 76");
        let r49 = run.row("oiml", "R 49");
        let status_76 = &format!("oiml.{r76}.status");
        let status_49 = &format!("oiml.{r49}.status");
        let translation_49 = &format!("oiml.{r49}.translation");
        let long = "x".repeat(301);
        let long = long.as_str();
        let longest = "x".repeat(5001);
        let longest = longest.as_str();
        let cases = [
            bad(
                status_76,
                &[(status_76, "")],
                m(
                    "Please choose a status for this publication (“Not applied” if it is not used).",
                    "Выберите статус этой публикации («Не применяется», если она не используется).",
                ),
            ),
            bad(status_49, &[(status_49, "yes")], not_a_choice()).unlisted(),
            bad(translation_49, &[(translation_49, "maybe")], not_a_choice()).unlisted(),
            bad(
                "other_publications.0.publication",
                &[("other_publications.0.publication", "")],
                required(),
            ),
            bad("rlmo.1.status", &[("rlmo.1.status", "")], required()),
            bad("rlmo.0.document", &[("rlmo.0.document", long)], too_long(300)),
            bad(
                "rlmo.1.document",
                &[("rlmo.1.document", "<a href=x>РМГ 29</a>")],
                markup(),
            ),
            bad(
                "rlmo.0.organisation.other",
                &[("rlmo.0.organisation", "other")],
                m(
                    "Please give the name of the organisation.",
                    "Укажите название организации.",
                ),
            ),
            bad("comments", &[("comments", longest)], too_long(5000)),
            bad("rlmo", &[("rlmo._rows", "51")], too_many_rows(50)),
        ];
        // Germany's contacts write in Russian, Russia's in English.
        run.refused(
            &oiml_russia(&run),
            ["research.bam@example.org", "research.vniiftri@example.org"],
            &cases,
        )
        .await;

        // Fixtures: Russia in English, Germany in Russian, Uzbekistan and Kyrgyzstan (CEEMS) in
        // English.
        run.accepted("research.vniim@example.org", oiml_russia(&run))
            .await;
        let mut germany = oiml_grid(
            &run,
            &[
                ("R 76", "direct", "no"),
                ("R 49", "direct", "no"),
                ("R 117", "direct", "no"),
            ],
        );
        germany.0.extend(
            Fields::new(&[
                (
                    "rlmo.0.document",
                    "WELMEC Guide 8.8 General and administrative aspects",
                ),
                ("rlmo.0.organisation", "welmec"),
                ("rlmo.0.status", "direct"),
                ("rlmo.1.document", "WELMEC Guide 2 Non-automatic weighing"),
                ("rlmo.1.organisation", "welmec"),
                ("rlmo.1.status", "direct"),
            ])
            .0,
        );
        run.accepted("research.ptb@example.org", germany).await;
        let mut uzbekistan = oiml_grid(
            &run,
            &[
                ("R 76", "modified", "yes"),
                ("R 49", "planned", "yes"),
                ("R 117", "not-applied", "yes"),
                ("D 1", "planned", "yes"),
            ],
        );
        uzbekistan.0.extend(
            Fields::new(&[
                ("rlmo.0.document", "GSO guide on prepackages"),
                ("rlmo.0.organisation", "other"),
                (
                    "rlmo.0.organisation.other",
                    "GCC Standardization Organization",
                ),
                ("rlmo.0.status", "planned"),
            ])
            .0,
        );
        run.accepted("research.uznim@example.org", uzbekistan).await;
        let kyrgyzstan = oiml_grid(
            &run,
            &[
                ("R 76", "not-applied", "yes"),
                ("R 49", "not-applied", "yes"),
            ],
        );
        run.accepted("research.kyrgyzstandard@example.org", kyrgyzstan)
            .await;

        let v = run.indicators().await;
        // 16 countries invited, 4 answered: 25 %; CEEMS 2 of 4 (UZ, KG), others 2 of 12.
        assert_eq!(ind(&v, "response-rate").value, Some(25.0));
        assert_eq!(
            ind(&v, "response-rate")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("ceems", &[4.0, 2.0, 50.0]),
                ("other", &[12.0, 2.0, 16.7]),
                ("total", &[16.0, 4.0, 25.0]),
            ])
        );
        // Status shares (countries; % direct, identical, modified, planned, not applied):
        // R 76: RU identical, DE direct, UZ modified, KG not applied.
        // R 49: RU modified, DE direct, UZ planned, KG not applied.
        // R 117: RU direct, DE direct, UZ and KG not applied.
        // D 1: RU planned, UZ planned, DE and KG not applied.
        let share = |key: &str| cells(&v, "oiml-status", key);
        assert_eq!(share("R 76"), vec![4.0, 25.0, 25.0, 25.0, 0.0, 25.0]);
        assert_eq!(share("R 49"), vec![4.0, 25.0, 0.0, 25.0, 25.0, 25.0]);
        assert_eq!(share("R 117"), vec![4.0, 50.0, 0.0, 0.0, 0.0, 50.0]);
        assert_eq!(share("D 1"), vec![4.0, 0.0, 0.0, 0.0, 50.0, 50.0]);
        let status = ind(&v, "oiml-status");
        assert_eq!(status.rows.len(), 27, "every publication was answered");
        for row in &status.rows {
            if !["R 76", "R 49", "R 117", "D 1"].contains(&row.key.as_str()) {
                assert_eq!(
                    row.cells,
                    vec![4.0, 0.0, 0.0, 0.0, 0.0, 100.0],
                    "{}",
                    row.key
                );
            }
        }
        // Applied or adopted: R 76 RU, DE, UZ = 3; R 117 RU, DE = 2; R 49 RU, DE = 2 (ties by
        // key: "R 117" < "R 49").
        assert_eq!(keys(&v, "oiml-applied"), ["R 76", "R 117", "R 49"]);
        assert_eq!(cells(&v, "oiml-applied", "R 76"), vec![3.0]);
        assert_eq!(cells(&v, "oiml-applied", "R 117"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-applied", "R 49"), vec![2.0]);
        // Translation wanted: R 49 RU, UZ, KG = 3; D 1 RU, UZ = 2; R 117 RU, UZ = 2;
        // R 76 UZ, KG = 2 (DE and RU said no).
        assert_eq!(
            keys(&v, "oiml-translation"),
            ["R 49", "D 1", "R 117", "R 76"]
        );
        assert_eq!(cells(&v, "oiml-translation", "R 49"), vec![3.0]);
        assert_eq!(cells(&v, "oiml-translation", "D 1"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-translation", "R 117"), vec![2.0]);
        assert_eq!(cells(&v, "oiml-translation", "R 76"), vec![2.0]);
        // Other publications: RU, one planned.
        assert_eq!(
            nonzero(&v, "other-publications"),
            rows(&[("planned", &[1.0, 1.0])])
        );
        // RLMO documents: RU 2, DE 2, UZ 1; KG none.
        assert_eq!(ind(&v, "rlmo-countries").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "rlmo-countries"),
            rows(&[("DE", &[1.0]), ("RU", &[1.0]), ("UZ", &[1.0])])
        );
        // By organisation (countries, documents): WELMEC RU 1 + DE 2; EASC RU 1; other UZ 1.
        assert_eq!(
            nonzero(&v, "rlmo-by-organisation"),
            rows(&[
                ("welmec", &[2.0, 3.0]),
                ("easc", &[1.0, 1.0]),
                ("other", &[1.0, 1.0]),
            ])
        );
        // By status: direct RU 1 + DE 2; identical RU 1; planned UZ 1.
        assert_eq!(
            nonzero(&v, "rlmo-by-status"),
            rows(&[
                ("direct", &[2.0, 3.0]),
                ("identical", &[1.0, 1.0]),
                ("planned", &[1.0, 1.0]),
            ])
        );
    });
}
