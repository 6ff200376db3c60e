use super::*;

// ---------------------------------------------------------------------------------------------
// 3. traineeship-offers
// ---------------------------------------------------------------------------------------------

fn offers_vniim() -> Fields {
    Fields::new(&[
        ("has_offers", "yes"),
        ("offers.0.field", "TC 1.6"),
        (
            "offers.0.topic",
            "Государственный первичный эталон единицы массы",
        ),
        ("offers.0.experts", "4"),
        ("offers.0.weeks", "2"),
        ("offers.0.languages", "ru"),
        ("offers.0.languages", "en"),
        ("offers.0.period", "Q2"),
        ("offers.0.conditions", "free"),
        (
            "offers.0.contact",
            "Bakyt Primerova, training.vniim@example.org",
        ),
        ("offers.1.field", "TC 1.5"),
        (
            "offers.1.topic",
            "Interferometric calibration of gauge blocks",
        ),
        ("offers.1.experts", "2"),
        ("offers.1.weeks", "4"),
        ("offers.1.languages", "ru"),
        ("offers.1.period", "Q3"),
        ("offers.1.period", "Q4"),
        ("offers.1.conditions", "cost-recovery"),
        ("offers.1.contact", "Бакыт Примерова"),
    ])
}

#[rocket::async_test]
async fn traineeship_offers() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "traineeship-offers", 2026).await;
        let long = "x".repeat(301);
        let long = long.as_str();
        let cases = [
            bad("has_offers", &[("has_offers", "")], yes_or_no()),
            bad("offers", &[], at_least_one_row()).dropping("offers."),
            bad("offers.0.contact", &[("offers.0.contact", "")], required()),
            bad(
                "offers.1.conditions",
                &[("offers.1.conditions", "")],
                required(),
            ),
            bad(
                "offers.0.languages",
                &[("offers.0.languages", "de")],
                not_a_choice(),
            )
            .unlisted(),
            bad(
                "offers.0.languages.other",
                &[("offers.0.languages", "other")],
                other_required(),
            ),
            bad(
                "offers.0.weeks",
                &[("offers.0.weeks", "1.5")],
                whole_number(),
            ),
            bad(
                "offers.0.experts",
                &[("offers.0.experts", "0")],
                at_least("1"),
            ),
            bad(
                "offers.1.weeks",
                &[("offers.1.weeks", "60")],
                at_most_52_weeks(),
            ),
            bad(
                "offers.0.contact",
                &[("offers.0.contact", long)],
                too_long(300),
            ),
            bad(
                "offers.1.topic",
                &[("offers.1.topic", "<i>Gauge blocks</i>")],
                markup(),
            ),
            bad("offers", &[("offers._rows", "31")], too_many_rows(30)),
        ];
        run.refused(
            &offers_vniim(),
            ["training.geostm@example.org", "research.geostm@example.org"],
            &cases,
        )
        .await;

        // Fixtures: VNIIM (RU) and UzNIM (UZ, CEEMS) in Russian, PTB (DE) in English, GEOSTM
        // (GE) in English with no offers.
        run.accepted("training.vniim@example.org", offers_vniim())
            .await;
        let ptb = Fields::new(&[
            ("has_offers", "yes"),
            ("offers.0.field", "TC 1.3"),
            ("offers.0.topic", "Quantum electrical standards"),
            ("offers.0.experts", "1"),
            ("offers.0.weeks", "8"),
            ("offers.0.languages", "en"),
            ("offers.0.languages", "other"),
            ("offers.0.languages.other", "German"),
            ("offers.0.conditions", "cost-recovery"),
            (
                "offers.0.contact",
                "Nikolai Placeholder, training.ptb@example.org",
            ),
        ]);
        run.accepted("training.ptb@example.org", ptb).await;
        let uznim = Fields::new(&[
            ("has_offers", "yes"),
            ("offers.0.field", "TC 1.5"),
            ("offers.0.topic", "Калибровка штангенциркулей"),
            ("offers.0.experts", "3"),
            ("offers.0.weeks", "1"),
            ("offers.0.languages", "ru"),
            ("offers.0.conditions", "free"),
            ("offers.0.contact", "Ана Инвентед"),
        ]);
        run.accepted("training.uznim@example.org", uznim).await;
        run.accepted(
            "research.geostm@example.org",
            Fields::new(&[("has_offers", "no")]),
        )
        .await;

        let v = run.indicators().await;
        // 4 of 23 institutes = 17.4 %; Russia 1 of 6 = 16.7 %.
        assert_eq!(ind(&v, "response-rate").value, Some(17.4));
        assert_eq!(cells(&v, "response-rate", "RU"), vec![6.0, 1.0, 16.7]);
        assert_eq!(cells(&v, "response-rate", "GE"), vec![1.0, 1.0, 100.0]);
        // Offering: VNIIM (RU), PTB (DE), UzNIM (UZ); GEOSTM answered "no".
        assert_eq!(ind(&v, "institutes-offering").value, Some(3.0));
        assert_eq!(
            nonzero(&v, "institutes-offering"),
            rows(&[("DE", &[1.0]), ("RU", &[1.0]), ("UZ", &[1.0])])
        );
        // By field (institutes, offers, experts): TC 1.3 PTB 1; TC 1.5 VNIIM 2 + UzNIM 3;
        // TC 1.6 VNIIM 4.
        assert_eq!(
            nonzero(&v, "offers-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 1.0]),
                ("TC 1.5", &[2.0, 2.0, 5.0]),
                ("TC 1.6", &[1.0, 1.0, 4.0]),
            ])
        );
        // Expert-weeks: TC 1.3 1×8 = 8; TC 1.5 2×4 + 3×1 = 11; TC 1.6 4×2 = 8.
        assert_eq!(
            nonzero(&v, "expert-weeks-by-field"),
            rows(&[
                ("TC 1.3", &[1.0, 1.0, 8.0]),
                ("TC 1.5", &[2.0, 2.0, 11.0]),
                ("TC 1.6", &[1.0, 1.0, 8.0]),
            ])
        );
        // Languages: ru VNIIM 4 + 2, UzNIM 3; en VNIIM 4, PTB 1; other PTB 1.
        assert_eq!(
            nonzero(&v, "offers-by-language"),
            rows(&[
                ("ru", &[2.0, 3.0, 9.0]),
                ("en", &[2.0, 2.0, 5.0]),
                ("other", &[1.0, 1.0, 1.0]),
            ])
        );
        // Conditions: free VNIIM 4, UzNIM 3; cost recovery VNIIM 2, PTB 1.
        assert_eq!(
            nonzero(&v, "offers-by-conditions"),
            rows(&[
                ("free", &[2.0, 2.0, 7.0]),
                ("cost-recovery", &[2.0, 2.0, 3.0]),
            ])
        );
    });
}
