//! Every table and chart of the reviewers' pages as a file (issue 28): CSV in the page's
//! language with plain numbers, a chart alone as SVG and as PNG, from every link the page
//! shows, on both databases.
use crate::analyses::year;
use crate::common::{self, TestApp};
use crate::html::Page;
use crate::review::{login_reviewer, year_before};
use rocket::http::Status;

/// A file a reviewer downloads: its status, type, file name and bytes.
async fn file(t: &TestApp, path: &str) -> (Status, String, String, Vec<u8>) {
    let r = t.client.get(path).dispatch().await;
    let status = r.status();
    let kind = r.content_type().map(|c| c.to_string()).unwrap_or_default();
    let name = r
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .to_string();
    (status, kind, name, r.into_bytes().await.unwrap_or_default())
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[rocket::async_test]
async fn every_table_and_chart_downloads_as_csv_svg_and_png() {
    on_every_backend!(|t| {
        year_before(&t).await;
        let c = year(&t).await;
        let base = format!("/review/campaigns/{c}");
        let (status, ..) = file(&t, &format!("{base}/tables/needs-by-field.csv")).await;
        assert_eq!(status, Status::SeeOther, "staff only");
        login_reviewer(&t).await;

        // The table as the page shows it, figures as numbers: TC 1.3, 2 institutes, 2 needs,
        // 3 + 2 staff.
        let (status, kind, name, bytes) =
            file(&t, &format!("{base}/tables/needs-by-field.csv?lang=ru")).await;
        assert_eq!(status, Status::Ok);
        assert!(kind.starts_with("text/csv"), "{kind}");
        assert!(
            name.contains("training-needs-2026-needs-by-field-ru.csv"),
            "{name}"
        );
        let rows = csv_rows(&bytes);
        assert_eq!(rows[0], ["", "институты", "потребности", "сотрудники"]);
        let tc13 = rows
            .iter()
            .find(|r| r[0].starts_with("ТК 1.3"))
            .expect("TC 1.3");
        assert_eq!(tc13[1..], ["2", "2", "5"]);
        // Over the years: the headline by year.
        let (_, _, _, bytes) = file(
            &t,
            &format!("{base}/tables/elearning-tools-years.csv?lang=en"),
        )
        .await;
        assert_eq!(
            csv_rows(&bytes),
            [["Year", "Value"], ["2025", "1"], ["2026", "0"]]
        );
        // The match, a line per need and offer, with the capacity rule.
        let (_, _, _, bytes) = file(
            &t,
            &format!("{base}/tables/match-training-offers.csv?lang=en"),
        )
        .await;
        let lines = csv_rows(&bytes);
        let school: Vec<&Vec<String>> = lines
            .iter()
            .filter(|l| l[4].contains("Thermometry school"))
            .collect();
        assert_eq!(school.len(), 2, "two needs fit it: {lines:?}");
        assert!(school
            .iter()
            .all(|l| l[5] == "Capacity: 2; the 2 needs that fit it ask for 5"));
        assert!(lines
            .iter()
            .any(|l| l[0] == "Offers no need asked for" && l[4].contains("Flow forum")));

        // The staff chart alone: well-formed, titled, its figures there.
        let (status, kind, _, svg) =
            file(&t, &format!("{base}/charts/needs-by-format-2.svg?lang=en")).await;
        assert_eq!(status, Status::Ok);
        assert!(kind.starts_with("image/svg+xml"), "{kind}");
        let svg = String::from_utf8(svg).unwrap();
        assert!(
            svg.contains(
                "<title>Training needs by format (institutes, needs, staff) — staff</title>"
            ),
            "{svg}"
        );
        assert!(
            svg.contains(">5</text>") && svg.contains(">6</text>"),
            "{svg}"
        );
        crate::review::well_formed(&svg);
        // The same as PNG, twice the size, its labels drawn.
        let (status, kind, _, png) =
            file(&t, &format!("{base}/charts/needs-by-format-2.png?lang=ru")).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(kind, "image/png");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
        let dir = common::root().join("target/screenshots/analyses");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("download-needs-by-format-2-ru.png"), &png).unwrap();
        assert_eq!(pixmap.width(), 1280);
        let dark_in_labels = (0..pixmap.height())
            .flat_map(|y| (0..440).map(move |x| (x, y)))
            .filter(|(x, y)| pixmap.pixel(*x, *y).is_some_and(|p| p.red() < 100))
            .count();
        assert!(
            dark_in_labels > 200,
            "the row labels are drawn: {dark_in_labels} dark pixels"
        );

        // Every file the page links to is there.
        let (_, page) = t.get(&format!("{base}?lang=en")).await;
        let links: Vec<String> = Page::parse(&page)
            .attrs("p.files a", "href")
            .into_iter()
            .collect();
        assert!(links.len() > 40, "{}", links.len());
        for link in &links {
            let (status, ..) = file(&t, link).await;
            assert_eq!(status, Status::Ok, "{link}");
        }
        for missing in [
            "tables/no-such.csv",
            "charts/needs-by-format-9.svg",
            "charts/needs-by-format-1.gif",
        ] {
            let (status, ..) = file(&t, &format!("{base}/{missing}")).await;
            assert_eq!(status, Status::NotFound, "{missing}");
        }
        // The roadmap's table.
        let (status, _, _, bytes) = file(&t, "/review/roadmap.csv?lang=ru").await;
        assert_eq!(status, Status::Ok);
        let rows = csv_rows(&bytes);
        assert_eq!(
            rows[0][..5],
            [
                "Код",
                "Показатель дорожной карты",
                "Показатель опроса",
                "Опрос",
                "Цель"
            ]
        );
        assert!(
            rows.iter()
                .any(|r| r[0] == "Ind-e.1.6" && r[4] == "2" && r[6] == "0"),
            "{rows:?}"
        );
    });
}
