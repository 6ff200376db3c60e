use super::*;

// ---------------------------------------------------------------------------------------------
// 6. innovation-interest
// ---------------------------------------------------------------------------------------------

/// Active fields, interest per field (grid) and the rest of a response.
fn innovation(
    run: &Run<'_>,
    active: &[&str],
    interest: &[(&str, &str)],
    rest: &[(&str, &str)],
) -> Fields {
    let mut fields = Fields::default();
    for field in active {
        fields = fields.add("active_fields", *field);
    }
    for (field, level) in interest {
        fields = fields.add(
            format!("interest.{}.level", run.row("interest", field)),
            *level,
        );
    }
    fields.0.extend(Fields::new(rest).0);
    fields
}

fn innovation_vniim(run: &Run<'_>) -> Fields {
    innovation(
        run,
        &["TC 1.1", "TC 1.3", "TC 1.5"],
        &[
            ("TC 1.1", "lead"),
            ("TC 1.3", "participate"),
            ("TC 1.5", "participate"),
            ("TC 1.8", "none"),
        ],
        &[
            (
                "ideas.0.title",
                "Kibble balance for the realisation of the kilogram",
            ),
            ("ideas.0.field", "TC 1.6"),
            ("ideas.0.si", "yes"),
            ("ideas.0.partners", "PTB"),
            ("ideas.0.partners", "UME"),
            ("ideas.0.months", "36"),
            ("ideas.0.funding", "partial"),
            ("ideas.1.title", "Comparison of optical clocks"),
            ("ideas.1.field", "TC 1.11"),
            ("ideas.1.si", "no"),
            ("ideas.1.partners", "NIM"),
            ("ideas.1.months", "24"),
            ("ideas.1.funding", "full"),
            ("researchers", "12,5"),
        ],
    )
}

#[rocket::async_test]
async fn innovation_interest() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "innovation-interest", 2026).await;
        let tc13 = &format!("interest.{}.level", run.row("interest", "TC 1.3"));
        let long = "x".repeat(301);
        let long = long.as_str();
        let cases = [
            bad(
                "active_fields",
                &[("active_fields", "")],
                m(
                    "Choose at least one field in which your institute is active.",
                    "Выберите хотя бы одну область, в которой работает ваш институт.",
                ),
            ),
            bad("active_fields", &[("active_fields", "TC 9")], not_a_choice()).unlisted(),
            bad(tc13, &[(tc13, "maybe")], not_a_choice()).unlisted(),
            bad("ideas.0.title", &[("ideas.0.title", "")], required()),
            bad("ideas.1.si", &[("ideas.1.si", "")], required()),
            bad(
                "ideas.0.partners",
                &[("ideas.0.partners", "{own}")],
                m(
                    "Please choose partner institutes from the list; your own institute is not a partner.",
                    "Выберите институты-партнёры из списка; ваш собственный институт не может быть партнёром.",
                ),
            )
            .unlisted(),
            bad("ideas.0.months", &[("ideas.0.months", "three years")], whole_number()),
            bad("ideas.0.months", &[("ideas.0.months", "0")], at_least("1")),
            bad("ideas.1.months", &[("ideas.1.months", "121")], at_most("120")),
            bad(
                "researchers",
                &[("researchers", "many")],
                m("Please enter a number, e.g. 2.5.", "Введите число, например 2,5."),
            ),
            bad("researchers", &[("researchers", "-1")], at_least("0")),
            bad("ideas.0.title", &[("ideas.0.title", long)], too_long(300)),
            bad("ideas.1.title", &[("ideas.1.title", "<b>Optical clocks</b>")], markup()),
            bad("ideas", &[("ideas._rows", "21")], too_many_rows(20)),
        ];
        // Each institute has one research contact: BAM's writes in Russian, GEOSTM's in English.
        run.refused(
            &innovation_vniim(&run),
            ["research.bam@example.org", "research.geostm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: VNIIM (RU), NBSM (AM, CEEMS) and Kyrgyzstandard (KG, CEEMS) in English, PTB
        // (DE) in Russian.
        run.accepted("research.vniim@example.org", innovation_vniim(&run))
            .await;
        let ptb = innovation(
            &run,
            &["TC 1.3", "TC 1.6", "TC 1.11"],
            &[
                ("TC 1.3", "lead"),
                ("TC 1.6", "lead"),
                ("TC 1.11", "participate"),
            ],
            &[
                (
                    "ideas.0.title",
                    "Квантовый эталон электрического напряжения",
                ),
                ("ideas.0.field", "TC 1.3"),
                ("ideas.0.si", "yes"),
                ("ideas.0.partners", "VNIIM"),
                ("ideas.0.partners", "BelGIM"),
                ("ideas.0.months", "48"),
                ("ideas.0.funding", "none"),
                ("researchers", "20"),
            ],
        );
        run.accepted("research.ptb@example.org", ptb).await;
        let nbsm = innovation(
            &run,
            &["TC 1.5"],
            &[("TC 1.5", "participate"), ("TC 1.1", "none")],
            &[
                ("ideas.0.title", "Digital calibration certificates"),
                ("ideas.0.field", "TC 1.1"),
                ("ideas.0.si", "no"),
                ("ideas.0.partners", "VNIIM"),
                ("ideas.0.funding", "full"),
                (
                    "ideas.1.title",
                    "Mass standards after the redefinition of the kilogram",
                ),
                ("ideas.1.field", "TC 1.6"),
                ("ideas.1.si", "yes"),
                ("ideas.1.partners", "VNIIM"),
                ("ideas.1.partners", "PTB"),
                ("ideas.1.months", "12"),
                ("ideas.1.funding", "partial"),
                ("researchers", "1.5"),
            ],
        );
        run.accepted("research.nbsm@example.org", nbsm).await;
        let kyrgyz = innovation(&run, &["TC 1.6"], &[("TC 1.6", "participate")], &[]);
        run.accepted("research.kyrgyzstandard@example.org", kyrgyz)
            .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "AM"), vec![1.0, 1.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 1.0, 16.7]);
        // Institutes x fields (columns TC 1.1, 1.2, ..., 1.12, 2, 3.1, 4, 5), rows by name:
        // Kyrgyzstandard TC 1.6; NBSM TC 1.5; PTB TC 1.3, 1.6, 1.11; VNIIM TC 1.1, 1.3, 1.5.
        let table = ind(&v, "fields-table");
        assert_eq!(table.value, Some(4.0));
        let by_unit: Vec<(String, Vec<f64>)> = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.cells.clone()))
            .collect();
        #[rustfmt::skip]
        assert_eq!(by_unit, rows(&[
            //                 1.1  1.2  1.3  1.4  1.5  1.6  1.7  1.8  1.9  1.10 1.11 1.12 2    3.1  4    5
            ("Kyrgyzstandard", &[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("NBSM",           &[0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("PTB",            &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("VNIIM",          &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            ("Total",          &[1.0, 0.0, 2.0, 0.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        ]));
        // Interest (institutes; % none, participate, lead):
        // TC 1.1 VNIIM lead, NBSM none; TC 1.3 VNIIM participate, PTB lead;
        // TC 1.5 VNIIM and NBSM participate; TC 1.6 PTB lead, Kyrgyzstandard participate;
        // TC 1.8 VNIIM none; TC 1.11 PTB participate.
        assert_eq!(
            ind(&v, "interest-by-field")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("TC 1.1", &[2.0, 50.0, 0.0, 50.0]),
                ("TC 1.3", &[2.0, 0.0, 50.0, 50.0]),
                ("TC 1.5", &[2.0, 0.0, 100.0, 0.0]),
                ("TC 1.6", &[2.0, 0.0, 50.0, 50.0]),
                ("TC 1.8", &[1.0, 100.0, 0.0, 0.0]),
                ("TC 1.11", &[1.0, 0.0, 100.0, 0.0]),
            ])
        );
        // Would participate or lead: TC 1.3, 1.5, 1.6 by 2 institutes each; TC 1.1 (VNIIM),
        // TC 1.11 (PTB) by 1; TC 1.8 by none. Ties by key.
        assert_eq!(
            nonzero(&v, "promising-fields"),
            rows(&[
                ("TC 1.3", &[2.0]),
                ("TC 1.5", &[2.0]),
                ("TC 1.6", &[2.0]),
                ("TC 1.1", &[1.0]),
                ("TC 1.11", &[1.0]),
            ])
        );
        // Would lead: TC 1.1 VNIIM, TC 1.3 PTB, TC 1.6 PTB.
        assert_eq!(
            nonzero(&v, "lead-fields"),
            rows(&[("TC 1.1", &[1.0]), ("TC 1.3", &[1.0]), ("TC 1.6", &[1.0])])
        );
        // Ideas (institutes, ideas): TC 1.1 NBSM; TC 1.3 PTB; TC 1.6 VNIIM and NBSM;
        // TC 1.11 VNIIM.
        assert_eq!(
            nonzero(&v, "ideas-by-field"),
            rows(&[
                ("TC 1.1", &[1.0, 1.0]),
                ("TC 1.3", &[1.0, 1.0]),
                ("TC 1.6", &[2.0, 2.0]),
                ("TC 1.11", &[1.0, 1.0]),
            ])
        );
        assert_eq!(
            keys(&v, "ideas-ranked"),
            ["TC 1.6", "TC 1.1", "TC 1.3", "TC 1.11"]
        );
        // Candidate fields (Ind-f.1.3), interest + ideas by hand: TC 1.6 2 + 2 = 4; TC 1.3
        // 2 + 1 = 3; TC 1.1 1 + 1, TC 1.11 1 + 1 = 2; TC 1.5 2 + 0 = 2. Ties by key.
        assert_eq!(
            nonzero(&v, "candidate-fields"),
            rows(&[
                ("TC 1.6", &[2.0, 2.0, 4.0]),
                ("TC 1.3", &[2.0, 1.0, 3.0]),
                ("TC 1.1", &[1.0, 1.0, 2.0]),
                ("TC 1.11", &[1.0, 1.0, 2.0]),
                ("TC 1.5", &[2.0, 0.0, 2.0]),
            ])
        );
        // Related to the redefined SI: yes VNIIM (Kibble), PTB (voltage), NBSM (mass) = 3
        // institutes, 3 ideas; no VNIIM (clocks), NBSM (certificates).
        assert_eq!(
            nonzero(&v, "ideas-si"),
            rows(&[("yes", &[3.0, 3.0]), ("no", &[2.0, 2.0])])
        );
        // Funding: none PTB; partial VNIIM, NBSM; full VNIIM, NBSM.
        assert_eq!(
            nonzero(&v, "ideas-funding"),
            rows(&[
                ("none", &[1.0, 1.0]),
                ("partial", &[2.0, 2.0]),
                ("full", &[2.0, 2.0]),
            ])
        );
        // Partners wanted: VNIIM by PTB (1 idea) and NBSM (2) = 2 institutes, 3 ideas; PTB by
        // VNIIM and NBSM, 2 ideas; then BelGIM (PTB), NIM (VNIIM), UME (VNIIM) in list order.
        assert_eq!(
            nonzero(&v, "wanted-partners"),
            rows(&[
                ("VNIIM", &[2.0, 3.0]),
                ("PTB", &[2.0, 2.0]),
                ("BelGIM", &[1.0, 1.0]),
                ("NIM", &[1.0, 1.0]),
                ("UME", &[1.0, 1.0]),
            ])
        );
        // Researchers (FTE): others VNIIM 12.5 + PTB 20 = 32.5; CEEMS NBSM 1.5; total 34.
        assert_eq!(ind(&v, "researchers").value, Some(34.0));
        assert_eq!(
            nonzero(&v, "researchers"),
            rows(&[("ceems", &[1.0, 1.5]), ("other", &[2.0, 32.5])])
        );
    });
}
