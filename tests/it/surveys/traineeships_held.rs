use super::*;

// ---------------------------------------------------------------------------------------------
// 4. traineeships-held
// ---------------------------------------------------------------------------------------------

fn held_tajik() -> Fields {
    Fields::new(&[
        ("held", "yes"),
        ("traineeships.0.direction", "sent"),
        ("traineeships.0.partner", "VNIIM"),
        ("traineeships.0.field", "TC 1.6"),
        ("traineeships.0.start_date", "2026-03-02"),
        ("traineeships.0.end_date", "2026-03-27"),
        ("traineeships.0.programme", "coomet"),
        ("traineeships.0.experts", "2"),
        ("traineeships.1.direction", "sent"),
        ("traineeships.1.partner", "other"),
        ("traineeships.1.partner.other", "KRISS (Republic of Korea)"),
        ("traineeships.1.field", "TC 1.3"),
        ("traineeships.1.start_date", "2026-05-11"),
        ("traineeships.1.end_date", "2026-05-22"),
        ("traineeships.1.programme", "cbkt"),
        ("traineeships.1.experts", "1"),
    ])
}

#[rocket::async_test]
async fn traineeships_held() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeships-held", 2026).await;
        let longer = "x".repeat(2001);
        let longer = longer.as_str();
        let cases = [
            bad("held", &[("held", "")], yes_or_no()),
            bad("traineeships", &[], at_least_one_row()).dropping("traineeships."),
            bad(
                "traineeships.0.partner",
                &[("traineeships.0.partner", "")],
                required(),
            ),
            bad(
                "traineeships.0.programme",
                &[("traineeships.0.programme", "erasmus")],
                not_a_choice(),
            )
            .unlisted(),
            bad(
                "traineeships.0.partner",
                &[("traineeships.0.partner", "{own}")],
                m(
                    "Please choose the partner institute from the list, or “Other”; your own institute cannot be the partner.",
                    "Выберите институт-партнёр из списка или «Другое»; ваш собственный институт не может быть партнёром.",
                ),
            )
            .unlisted(),
            bad(
                "traineeships.0.partner.other",
                &[("traineeships.0.partner", "other")],
                m(
                    "Please give the name of the partner institute.",
                    "Укажите название института-партнёра.",
                ),
            ),
            bad(
                "traineeships.0.start_date",
                &[("traineeships.0.start_date", "02.03.2026")],
                m(
                    "Please enter a date as YYYY-MM-DD.",
                    "Введите дату в формате ГГГГ-ММ-ДД.",
                ),
            ),
            bad(
                "traineeships.0.end_date",
                &[("traineeships.0.end_date", "2026-02-27")],
                m(
                    "This must not be before “Start date”.",
                    "Это значение не может быть раньше, чем «Дата начала».",
                ),
            ),
            bad(
                "traineeships.1.experts",
                &[("traineeships.1.experts", "one")],
                whole_number(),
            ),
            bad(
                "traineeships.0.experts",
                &[("traineeships.0.experts", "0")],
                at_least("1"),
            ),
            bad(
                "traineeships.0.experts",
                &[("traineeships.0.experts", "101")],
                at_most("100"),
            ),
            bad(
                "traineeships.1.partner.other",
                &[("traineeships.1.partner.other", "<script>x</script>")],
                markup(),
            ),
            bad("traineeships", &[("traineeships._rows", "51")], too_many_rows(50)),
            bad("comments", &[("comments", longer)], too_long(2000)),
        ];
        run.refused(
            &held_tajik(),
            ["training.inm@example.org", "research.inm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: Tajikstandard (TJ, CEEMS) and VNIIM (RU) in Russian, SMU (SK) in English,
        // INM (MD) in English with none held.
        run.accepted("training.tajikstandard@example.org", held_tajik())
            .await;
        let vniim = Fields::new(&[
            ("held", "yes"),
            ("traineeships.0.direction", "hosted"),
            ("traineeships.0.partner", "Tajikstandard"),
            ("traineeships.0.field", "TC 1.6"),
            ("traineeships.0.start_date", "2026-03-02"),
            ("traineeships.0.end_date", "2026-03-27"),
            ("traineeships.0.programme", "coomet"),
            ("traineeships.0.experts", "2"),
            ("traineeships.1.direction", "hosted"),
            ("traineeships.1.partner", "KazStandard"),
            ("traineeships.1.field", "TC 1.10"),
            ("traineeships.1.start_date", "2026-09-07"),
            ("traineeships.1.end_date", "2026-09-07"),
            ("traineeships.1.programme", "bilateral"),
            ("traineeships.1.experts", "3"),
        ]);
        run.accepted("training.vniim@example.org", vniim).await;
        let smu = Fields::new(&[
            ("held", "yes"),
            ("traineeships.0.direction", "sent"),
            ("traineeships.0.partner", "other"),
            (
                "traineeships.0.partner.other",
                "CMI (Czech Metrology Institute)",
            ),
            ("traineeships.0.field", "TC 1.4"),
            ("traineeships.0.start_date", "2026-10-05"),
            ("traineeships.0.end_date", "2026-10-09"),
            ("traineeships.0.programme", "rmo"),
            ("traineeships.0.experts", "1"),
        ]);
        run.accepted("training.smu@example.org", smu).await;
        run.accepted("research.inm@example.org", Fields::new(&[("held", "no")]))
            .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "TJ"), vec![1.0, 1.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "MD"), vec![1.0, 1.0, 100.0]);
        // Reporting traineeships: CEEMS Tajikstandard; others VNIIM, SMU (INM answered "no").
        assert_eq!(ind(&v, "institutes-with-traineeships").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-with-traineeships"),
            rows(&[("ceems", &[1.0]), ("other", &[2.0])])
        );
        // Programme (institutes, traineeships, experts): coomet Tajikstandard 2 + VNIIM 2;
        // cbkt Tajikstandard 1; rmo SMU 1; bilateral VNIIM 3.
        assert_eq!(
            nonzero(&v, "by-programme"),
            rows(&[
                ("coomet", &[2.0, 2.0, 4.0]),
                ("cbkt", &[1.0, 1.0, 1.0]),
                ("rmo", &[1.0, 1.0, 1.0]),
                ("bilateral", &[1.0, 1.0, 3.0]),
            ])
        );
        // Direction: sent Tajikstandard 2 + 1, SMU 1; hosted VNIIM 2 + 3.
        assert_eq!(
            nonzero(&v, "by-direction"),
            rows(&[("sent", &[2.0, 3.0, 4.0]), ("hosted", &[1.0, 2.0, 5.0])])
        );
        // Field: TC 1.3 Tajikstandard 1; TC 1.4 SMU 1; TC 1.6 Tajikstandard 2 + VNIIM 2;
        // TC 1.10 VNIIM 3.
        assert_eq!(
            nonzero(&v, "by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.4", &[1.0, 1.0, 1.0]),
                ("TC 1.6", &[2.0, 2.0, 4.0]),
                ("TC 1.10", &[1.0, 1.0, 3.0]),
            ])
        );
        // Partners: "other" by Tajikstandard (KRISS, 1) and SMU (CMI, 1) = 2 institutes; then,
        // tied at 1 institute and 1 traineeship, in list order: KazStandard (VNIIM, 3),
        // VNIIM (Tajikstandard, 2), Tajikstandard (VNIIM, 2).
        assert_eq!(
            keys(&v, "partners"),
            ["other", "KazStandard", "VNIIM", "Tajikstandard"]
        );
        assert_eq!(cells(&v, "partners", "other"), vec![2.0, 2.0, 2.0]);
        assert_eq!(cells(&v, "partners", "KazStandard"), vec![1.0, 1.0, 3.0]);
        assert_eq!(cells(&v, "partners", "VNIIM"), vec![1.0, 1.0, 2.0]);
        assert_eq!(cells(&v, "partners", "Tajikstandard"), vec![1.0, 1.0, 2.0]);
        // Experts by where they come from: Tajikstandard (CEEMS) sent 2 to VNIIM and 1 to
        // KRISS = 3; VNIIM's hosting of those 2 is the same traineeship (field and start date
        // agree) and does not count again; VNIIM hosted 3 from KazStandard (not CEEMS) and SMU
        // sent 1 = 4 others. The headline is the CEEMS figure, met from 1.
        let e = ind(&v, "experts-by-ceems");
        assert_eq!((e.value, e.met), (Some(3.0), Some(true)));
        assert_eq!(
            nonzero(&v, "experts-by-ceems"),
            rows(&[("ceems", &[1.0, 2.0, 3.0]), ("other", &[2.0, 2.0, 4.0])])
        );
    });
}
