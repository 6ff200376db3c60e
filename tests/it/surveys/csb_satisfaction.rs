use super::*;

// ---------------------------------------------------------------------------------------------
// 7. csb-satisfaction
// ---------------------------------------------------------------------------------------------

/// Ratings and comments per body, and the overall comment.
fn satisfaction(run: &Run<'_>, bodies: &[(&str, &str, &str)], overall: &str) -> Fields {
    let mut fields = Fields::default();
    for (body, rating, comment) in bodies {
        let i = run.row("bodies", body);
        if !rating.is_empty() {
            fields = fields.add(format!("bodies.{i}.satisfaction"), *rating);
        }
        if !comment.is_empty() {
            fields = fields.add(format!("bodies.{i}.comment"), *comment);
        }
    }
    if !overall.is_empty() {
        fields = fields.add("overall", overall);
    }
    fields
}

#[rocket::async_test]
async fn csb_satisfaction() {
    on_every_backend!(|t| {
        let run = Run::open(&t, "csb-satisfaction", 2024).await;
        assert_eq!(run.links.len(), 46, "every contact is invited");
        let base = satisfaction(
            &run,
            &[("PC", "5", ""), ("TC 4", "3", "More webinars, please.")],
            "Thank you.",
        );
        let pc = &format!("bodies.{}.satisfaction", run.row("bodies", "PC"));
        let tc4 = &format!("bodies.{}.comment", run.row("bodies", "TC 4"));
        let pc_comment = &format!("bodies.{}.comment", run.row("bodies", "PC"));
        let long = "x".repeat(1001);
        let long = long.as_str();
        let longer = "x".repeat(3001);
        let longer = longer.as_str();
        let cases = [
            bad(
                pc,
                &[(pc, "6")],
                m(
                    "Please choose a rating from 1 to 5.",
                    "Выберите оценку от 1 до 5.",
                ),
            )
            .unlisted(),
            bad(tc4, &[(tc4, long)], too_long(1000)),
            bad(pc_comment, &[(pc_comment, "<img src=x>")], markup()),
            bad("overall", &[("overall", longer)], too_long(3000)),
        ];
        run.refused(
            &base,
            ["training.belgim@example.org", "training.imbih@example.org"],
            &cases,
        )
        .await;

        // Fixtures, one per contact: both NBSM contacts (AM, CEEMS; Russian and English), PTB's
        // training contact (DE, English), VNIIM's research contact (RU, English).
        let nbsm_ru = satisfaction(
            &run,
            &[
                ("PC", "5", ""),
                ("COMMITTEE", "4", ""),
                ("TC 4", "3", "Больше вебинаров, пожалуйста."),
            ],
            "Спасибо!",
        );
        run.accepted("training.nbsm@example.org", nbsm_ru).await;
        let nbsm_en = satisfaction(
            &run,
            &[
                ("PC", "4", ""),
                ("TC 1.5", "2", "Comparisons take too long."),
            ],
            "",
        );
        run.accepted("research.nbsm@example.org", nbsm_en).await;
        let ptb = satisfaction(
            &run,
            &[
                ("PC", "3", ""),
                ("COMMITTEE", "4", ""),
                ("JCMS", "5", ""),
                ("TC 4", "", "Good work."),
            ],
            "",
        );
        run.accepted("training.ptb@example.org", ptb).await;
        let vniim = satisfaction(&run, &[("TC 4", "5", ""), ("JCMS", "4", "")], "");
        run.accepted("research.vniim@example.org", vniim).await;

        let v = run.indicators().await;
        // 46 contacts invited, 4 answered: 8.7 %; AM 2 of 2, DE 1 of 4, RU 1 of 12.
        assert_eq!(ind(&v, "response-rate").value, Some(8.7));
        assert_eq!(cells(&v, "response-rate", "AM"), vec![2.0, 2.0, 100.0]);
        assert_eq!(cells(&v, "response-rate", "DE"), vec![4.0, 1.0, 25.0]);
        assert_eq!(cells(&v, "response-rate", "RU"), vec![12.0, 1.0, 8.3]);
        // Per body (ratings, mean, ratings of 1, 2, 3, 4, 5):
        // PC 5, 4, 3; Committee 4, 4; JCMS 5, 4; TC 1.5 2; TC 4 3, 5 (PTB only commented).
        assert_eq!(
            ind(&v, "satisfaction")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("PC", &[3.0, 4.0, 0.0, 0.0, 1.0, 1.0, 1.0]),
                ("COMMITTEE", &[2.0, 4.0, 0.0, 0.0, 0.0, 2.0, 0.0]),
                ("JCMS", &[2.0, 4.5, 0.0, 0.0, 0.0, 1.0, 1.0]),
                ("TC 1.5", &[1.0, 2.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
                ("TC 4", &[2.0, 4.0, 0.0, 0.0, 1.0, 0.0, 1.0]),
            ])
        );
        // Overall: (5 + 4 + 3) + (4 + 2) + (3 + 4 + 5) + (5 + 4) = 39 over 10 ratings = 3.9.
        assert_eq!(ind(&v, "satisfaction").value, Some(3.9));
        // Shares (ratings; % of 1, 2, 3, 4, 5).
        assert_eq!(
            ind(&v, "satisfaction-share")
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.cells.clone()))
                .collect::<Vec<_>>(),
            rows(&[
                ("PC", &[3.0, 0.0, 0.0, 33.3, 33.3, 33.3]),
                ("COMMITTEE", &[2.0, 0.0, 0.0, 0.0, 100.0, 0.0]),
                ("JCMS", &[2.0, 0.0, 0.0, 0.0, 50.0, 50.0]),
                ("TC 1.5", &[1.0, 0.0, 100.0, 0.0, 0.0, 0.0]),
                ("TC 4", &[2.0, 0.0, 0.0, 50.0, 0.0, 50.0]),
            ])
        );
    });
}
