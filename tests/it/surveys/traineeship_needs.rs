use super::*;

// ---------------------------------------------------------------------------------------------
// 2. traineeship-needs
// ---------------------------------------------------------------------------------------------

fn needs_nbsm() -> Fields {
    Fields::new(&[
        ("has_needs", "yes"),
        ("needs.0.field", "TC 1.5"),
        (
            "needs.0.topic",
            "Calibration of gauge blocks by interferometry",
        ),
        ("needs.0.experts", "2"),
        ("needs.0.weeks", "4"),
        ("needs.0.hosts", "VNIIM"),
        ("needs.0.hosts", "PTB"),
        ("needs.0.period", "Q2"),
        ("needs.0.period", "Q3"),
        ("needs.0.language", "ru"),
        ("needs.0.funding", "cbkt"),
        ("needs.1.field", "TC 1.6"),
        ("needs.1.topic", "Калибровка гирь класса точности E2"),
        ("needs.1.experts", "1"),
        ("needs.1.weeks", "2"),
        ("needs.1.hosts", "VNIIM"),
        ("needs.1.language", "either"),
        ("needs.1.funding", "support"),
        ("comments", "Две стажировки по линии КООМЕТ."),
    ])
}

#[rocket::async_test]
async fn traineeship_needs() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeship-needs", 2026).await;
        let long = "x".repeat(301);
        let long = long.as_str();
        let longer = "x".repeat(2001);
        let longer = longer.as_str();
        let cases = [
            bad("has_needs", &[("has_needs", "")], yes_or_no()),
            bad("needs", &[], at_least_one_row()).dropping("needs."),
            bad("needs.1.field", &[("needs.1.field", "")], required()),
            bad("needs.0.field", &[("needs.0.field", "TC 99")], not_a_choice()).unlisted(),
            bad(
                "needs.0.hosts",
                &[("needs.0.hosts", "{own}")],
                m(
                    "Please choose host institutes from the list; your own institute cannot host your experts.",
                    "Выберите принимающие институты из списка; ваш собственный институт не может быть принимающим.",
                ),
            )
            .unlisted(),
            bad("needs.0.experts", &[("needs.0.experts", "two")], whole_number()),
            bad("needs.1.weeks", &[("needs.1.weeks", "1,5")], whole_number()),
            bad("needs.0.experts", &[("needs.0.experts", "0")], at_least("1")),
            bad("needs.0.experts", &[("needs.0.experts", "101")], at_most("100")),
            bad("needs.0.weeks", &[("needs.0.weeks", "53")], at_most_52_weeks()),
            bad("needs.0.topic", &[("needs.0.topic", long)], too_long(300)),
            bad("needs.1.topic", &[("needs.1.topic", "<b>Weights</b>")], markup()),
            bad("needs", &[("needs._rows", "31")], too_many_rows(30)),
            bad("comments", &[("comments", longer)], too_long(2000)),
        ];
        run.refused(
            &needs_nbsm(),
            ["training.nbsm@example.org", "research.nbsm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: NBSM (AM, CEEMS) and Kyrgyzstandard (KG, CEEMS) in Russian, PTB (DE) in
        // English, UME (TR) in Russian without needs.
        run.accepted("training.nbsm@example.org", needs_nbsm())
            .await;
        let kyrgyz = Fields::new(&[
            ("has_needs", "yes"),
            ("needs.0.field", "TC 1.5"),
            ("needs.0.topic", "Калибровка штриховых мер длины"),
            ("needs.0.experts", "3"),
            ("needs.0.weeks", "2"),
            ("needs.0.hosts", "BelGIM"),
            ("needs.0.language", "ru"),
            ("needs.0.funding", "own"),
        ]);
        run.accepted("training.kyrgyzstandard@example.org", kyrgyz)
            .await;
        let ptb = Fields::new(&[
            ("has_needs", "yes"),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.topic", "Quantum Hall resistance standards"),
            ("needs.0.experts", "1"),
            ("needs.0.weeks", "6"),
            ("needs.0.hosts", "VNIIM"),
            ("needs.0.period", "Q4"),
            ("needs.0.language", "en"),
            ("needs.0.funding", "own"),
        ]);
        run.accepted("training.ptb@example.org", ptb).await;
        let ume = Fields::new(&[
            ("has_needs", "no"),
            ("comments", "В этом году потребностей нет."),
        ]);
        run.accepted("research.ume@example.org", ume).await;

        let v = run.indicators().await;
        // 23 institutes invited; NBSM, Kyrgyzstandard, PTB, UME answered: 4/23 = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "total"), vec![23.0, 4.0, 17.4]);
        assert_eq!(cells(&v, "response-rate", "DE"), vec![2.0, 1.0, 50.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 0.0, 0.0]);
        assert_eq!(cells(&v, "response-rate", "TR"), vec![1.0, 1.0, 100.0]);
        // With needs: NBSM (AM), PTB (DE), Kyrgyzstandard (KG); UME answered "no".
        assert_eq!(ind(&v, "institutes-with-needs").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-with-needs"),
            rows(&[("AM", &[1.0]), ("DE", &[1.0]), ("KG", &[1.0])])
        );
        // CEEMS: NBSM, Kyrgyzstandard = 2; others: PTB = 1.
        assert_eq!(ind(&v, "ceems-needs").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "ceems-needs"),
            rows(&[("ceems", &[2.0]), ("other", &[1.0])])
        );
        // Experts: CEEMS NBSM 2 + 1, Kyrgyzstandard 3 = 6 in 2 institutes; others PTB 1.
        assert_eq!(ind(&v, "ceems-experts").value, Some(7.0));
        assert_eq!(
            nonzero(&v, "ceems-experts"),
            rows(&[("ceems", &[2.0, 6.0]), ("other", &[1.0, 1.0])])
        );
        // By field (institutes, needs, experts): TC 1.5 NBSM 2 + Kyrgyzstandard 3;
        // TC 1.6 NBSM 1; TC 1.3 PTB 1.
        assert_eq!(
            nonzero(&v, "experts-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.5", &[2.0, 2.0, 5.0]),
                ("TC 1.6", &[1.0, 1.0, 1.0]),
            ])
        );
        assert_eq!(ind(&v, "experts-by-field").rows.len(), 16, "every field");
        // Expert-weeks: TC 1.5 2×4 + 3×2 = 14; TC 1.6 1×2 = 2; TC 1.3 1×6 = 6.
        assert_eq!(
            nonzero(&v, "expert-weeks-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 6.0]),
                ("TC 1.5", &[2.0, 2.0, 14.0]),
                ("TC 1.6", &[1.0, 1.0, 2.0]),
            ])
        );
        // Hosts asked for: VNIIM by NBSM (2 rows: 2 + 1 experts) and PTB (1) = 2 institutes,
        // 3 needs, 4 experts; then, tied at 1 institute and 1 need, in list order: BelGIM
        // (Kyrgyzstandard, 3 experts), PTB (NBSM, 2 experts).
        assert_eq!(keys(&v, "requested-hosts"), ["VNIIM", "BelGIM", "PTB"]);
        assert_eq!(cells(&v, "requested-hosts", "VNIIM"), vec![2.0, 3.0, 4.0]);
        assert_eq!(cells(&v, "requested-hosts", "BelGIM"), vec![1.0, 1.0, 3.0]);
        assert_eq!(cells(&v, "requested-hosts", "PTB"), vec![1.0, 1.0, 2.0]);
        // Funding: cbkt NBSM 2; support NBSM 1; own Kyrgyzstandard 3 + PTB 1; host none.
        assert_eq!(
            ind(&v, "needs-by-funding")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("own", &[2.0, 2.0, 4.0]),
                ("cbkt", &[1.0, 1.0, 2.0]),
                ("host", &[0.0, 0.0, 0.0]),
                ("support", &[1.0, 1.0, 1.0]),
            ])
        );
    });
}
