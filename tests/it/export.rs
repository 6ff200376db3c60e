//! The export read back by real readers: the CSV files by Python's csv module, the XLSX by
//! calamine. Every value is what was submitted (formula-like text neutralised in CSV, kept as
//! text in XLSX), and counting the export by hand gives the indicators.
use crate::common::{self, TestApp};
use calamine::{Data, Reader, Xlsx};
use coomet_surveys::export::{self, files, Audience};
use coomet_surveys::i18n::Lang;
use rocket::http::Status;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";
pub(crate) const MARKUP: &str = "Неопределённость U < 0,5 % & \"кавычки\" > 0";

/// Two institutes submit training needs: three needs in all, Cyrillic, markup and a formula.
pub(crate) async fn fixture(t: &TestApp) -> i32 {
    let c = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(c).await;
    let nbsm = [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("needs._rows", "2"),
        ("needs.0.topic", MARKUP),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", "5"),
        ("needs.1.topic", FORMULA),
        ("needs.1.field", "TC 1.1"),
        ("needs.1.format", "seminar"),
        ("needs.1.staff", "3"),
        ("elearning_tools", "lms"),
        ("elearning_tools", "other"),
        ("elearning_tools.other", "=cmd|' /C calc'!A0"),
        ("staff_coomet", "4"),
        ("_action", "submit"),
    ];
    let vniim = [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Calibration of AC power meters"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "seminar"),
        ("needs.0.staff", "7"),
        ("staff_coomet", "2"),
        ("_action", "submit"),
    ];
    for (email, fields) in [
        ("research.nbsm@example.org", &nbsm[..]),
        ("training.vniim@example.org", &vniim[..]),
    ] {
        let link = mails[email].link_path();
        let (status, page, _) = t.post_form(&link, fields).await;
        assert_eq!(status, Status::SeeOther, "{email}: {page}");
    }
    c
}

/// Parses CSV bytes with Python's csv module, as a reader outside Rust would.
fn python_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f))))",
        )
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {:?}", rows[0]))
}

#[rocket::async_test]
async fn an_export_read_back_holds_what_was_submitted_and_recounts_the_indicators() {
    on_every_backend!(|t| {
        let c = fixture(&t).await;
        let campaign = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        let i18n = &t.app.renderer.i18n;
        let audience = Audience {
            headings: Default::default(),
            lang: Lang::En,
            reviewer: false,
            indicators: true,
        };
        let e = export::gather(&t.app.db, &campaign, audience, i18n)
            .await
            .unwrap();
        let file = files::write(&e, files::Format::Csv, Lang::En, i18n).unwrap();
        assert_eq!(
            file.extension, "zip",
            "training-needs has groups: one CSV per table"
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file.bytes)).unwrap();
        let mut tables = BTreeMap::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "{}: a BOM for Excel",
                entry.name()
            );
            tables.insert(entry.name().to_string(), python_csv(&bytes));
        }
        let main = &tables["responses.csv"];
        let needs = &tables["needs.csv"];
        assert_eq!(main.len(), 3, "a header and two units");
        assert_eq!(needs.len(), 4, "a header and three needs");
        let unit = column(main, "Unit");
        // A person reads the unit as its acronym, not its key (`institute:NBSM`).
        let nbsm = main.iter().find(|r| r[unit] == "NBSM").unwrap();
        let lms = column(main, "E-learning tools your institute uses or offers: Learning management system (e.g. Moodle)");
        let other = column(
            main,
            "E-learning tools your institute uses or offers: Other (text)",
        );
        assert_eq!(nbsm[lms], "1");
        assert_eq!(
            nbsm[other], "'=cmd|' /C calc'!A0",
            "a formula is neutralised"
        );
        assert_eq!(nbsm[column(main, "Country")], "Armenia");
        let topic = column(needs, "Topic");
        let topics: BTreeSet<&str> = needs[1..].iter().map(|r| r[topic].as_str()).collect();
        assert!(
            topics.contains(MARKUP),
            "Cyrillic and markup as typed: {topics:?}"
        );
        assert!(topics.contains(format!("'{FORMULA}").as_str()));

        // By hand: per field and per format, the units, the rows and the staff.
        let staff = column(needs, "Number of staff");
        let unit = column(needs, "Unit");
        for (id, heading) in [("needs-by-field", "Field"), ("needs-by-format", "Format")] {
            let by = column(needs, heading);
            let mut hand: BTreeMap<&str, (BTreeSet<&str>, f64, f64)> = BTreeMap::new();
            for r in &needs[1..] {
                let cell = hand.entry(r[by].as_str()).or_default();
                cell.0.insert(r[unit].as_str());
                cell.1 += 1.0;
                cell.2 += r[staff].parse::<f64>().unwrap();
            }
            let ind = e.indicators.iter().find(|i| i.id == id).unwrap();
            for row in &ind.rows {
                let (units, rows, sum) = hand.remove(row.label.as_str()).unwrap_or_default();
                assert_eq!(
                    row.cells,
                    vec![units.len() as f64, rows, sum],
                    "{id} {}",
                    row.label
                );
            }
            assert!(
                hand.is_empty(),
                "{id}: every counted value is a row: {hand:?}"
            );
        }

        // The XLSX, read by calamine: the same values, the formula kept as text.
        let file = files::write(&e, files::Format::Xlsx, Lang::Ru, i18n).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(file.bytes)).unwrap();
        let names = book.sheet_names().to_vec();
        assert_eq!(
            names,
            [
                "Responses",
                "Training needed",
                "Training offered",
                "Показатели"
            ],
            "the sheets named as the export's language names them"
        );
        let sheet = book.worksheet_range("Training needed").unwrap();
        let cells: Vec<&Data> = sheet.used_cells().map(|(_, _, d)| d).collect();
        assert!(
            cells.contains(&&Data::String(FORMULA.into())),
            "as typed, never a formula"
        );
        assert!(cells.contains(&&Data::String(MARKUP.into())));
        assert!(cells.contains(&&Data::Float(7.0)));

        // JSON: the answers as stored, with the schema they were given against.
        let file = files::write(&e, files::Format::Json, Lang::En, i18n).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
        assert_eq!(doc["schema"]["id"], "training-needs");
        assert_eq!(doc["responses"].as_array().unwrap().len(), 2);
    });
}

#[rocket::async_test]
async fn the_secretariat_downloads_and_the_command_line_writes_every_format() {
    on_every_backend!(|t| {
        let c = fixture(&t).await;
        t.login_secretariat().await;
        let (_, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        assert!(page.contains(&format!("/admin/campaigns/{c}/export?format=xlsx")));
        for (format, kind) in [("csv", "zip"), ("xlsx", "spreadsheetml"), ("json", "json")] {
            let r = t
                .client
                .get(format!(
                    "/admin/campaigns/{c}/export?format={format}&lang=ru"
                ))
                .dispatch()
                .await;
            assert_eq!(r.status(), Status::Ok, "{format}");
            let content = r.content_type().unwrap().to_string();
            assert!(content.contains(kind), "{format}: {content}");
            let disposition = r
                .headers()
                .get_one("Content-Disposition")
                .unwrap()
                .to_string();
            assert!(disposition.contains("training-needs-2026"), "{disposition}");
        }
        let trail = coomet_surveys::audit::page(&t.app.db, &Default::default(), 0, 100)
            .await
            .unwrap()
            .0;
        let exports = trail
            .iter()
            .filter(|e| e.action == coomet_surveys::audit::Action::Export)
            .count();
        assert_eq!(exports, 3, "each download is on the trail");
        let _ = common::root();
    });
}

/// The binary, as an operator runs it, against `database_url`.
pub(crate) fn binary(t: &TestApp, database_url: &str, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
        .args(args)
        .current_dir(common::root())
        .env("DATABASE_URL", database_url)
        .env("DATA_DIR", t.dir.path().join("data"))
        .env("PUBLIC_URL", common::PUBLIC_URL)
        .env_remove("SMTP_URL")
        .output()
        .expect("binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn submit(t: &TestApp, link: &str) -> Status {
    let fields = [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Calibration of AC power meters"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "seminar"),
        ("needs.0.staff", "7"),
        ("staff_coomet", "2"),
        ("_action", "submit"),
    ];
    t.post_form(link, &fields).await.0
}

#[rocket::async_test]
async fn a_backup_taken_while_units_submit_restores_with_every_acknowledged_submission() {
    use coomet_surveys::responses::{response, Status as RStatus};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        // One respondent per unit, so that no two of them share a response.
        let mut links: BTreeMap<String, String> = BTreeMap::new();
        for i in coomet_surveys::campaigns::invited(&t.app.db, c)
            .await
            .unwrap()
        {
            links
                .entry(i.unit_key.to_string())
                .or_insert_with(|| mails[&i.email].link_path());
        }
        let links: Vec<(String, String)> = links.into_iter().collect();
        let (before, during) = links.split_at(links.len() / 2);
        let acked = futures_util::future::join_all(before.iter().map(|(_, l)| submit(&t, l))).await;
        assert!(acked.iter().all(|s| *s == Status::SeeOther));

        // The second half submits while the operator's backup runs in its own process.
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("backup.db");
        let (url, copy_arg) = (t.database_url.clone(), copy.to_str().unwrap().to_string());
        let backup = tokio::process::Command::new(env!("CARGO_BIN_EXE_coomet-surveys"))
            .args(["backup", "-o", copy_arg.as_str()])
            .current_dir(common::root())
            .env("DATABASE_URL", &url)
            .env("DATA_DIR", t.dir.path().join("data"))
            .env("PUBLIC_URL", common::PUBLIC_URL)
            .output();
        let load = futures_util::future::join_all(during.iter().map(|(_, l)| submit(&t, l)));
        let (out, _) = tokio::join!(backup, load);
        let out = out.expect("the binary runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("bytes"), "{text}");

        // Restored: it migrates, and it holds every submission acknowledged before the backup.
        let restored = if t.is_postgres() {
            let name = format!("coomet_restored_{:08x}", rand::random::<u32>());
            let admin = std::env::var("TEST_DATABASE_URL").unwrap();
            let restored = match admin.rsplit_once('/') {
                Some((prefix, _)) => format!("{prefix}/{name}"),
                None => unreachable!("a database URL has a path"),
            };
            let created = std::process::Command::new("createdb")
                .args(["-h", "127.0.0.1", "-U", "postgres", &name])
                .status()
                .unwrap();
            assert!(created.success());
            let pg = std::process::Command::new("pg_restore")
                .args(["--no-owner", "--dbname", &restored, copy.to_str().unwrap()])
                .status()
                .unwrap();
            assert!(pg.success(), "pg_restore");
            restored
        } else {
            format!("sqlite://{}?mode=rw", copy.display())
        };
        let (ok, _, err) = binary(&t, &restored, &["migrate"]);
        assert!(ok, "migrate on the restored copy: {err}");
        let db = sea_orm::Database::connect(&restored).await.unwrap();
        let units: BTreeSet<String> = response::Entity::find()
            .filter(response::Column::CampaignId.eq(c))
            .filter(response::Column::Status.eq(RStatus::Submitted))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.unit_key.to_string())
            .collect();
        for (unit, _) in before {
            assert!(
                units.contains(unit),
                "{unit} was acknowledged before the backup"
            );
        }
        db.close().await.ok();
        if t.is_postgres() {
            let name = restored.rsplit('/').next().unwrap().to_string();
            std::process::Command::new("dropdb")
                .args(["-h", "127.0.0.1", "-U", "postgres", "--force", &name])
                .status()
                .ok();
        }
        // The binary exports too, and refuses to overwrite a backup.
        let file = dir.path().join("needs.xlsx");
        let args = [
            "export",
            &c.to_string(),
            "--format",
            "xlsx",
            "--lang",
            "ru",
            "-o",
            file.to_str().unwrap(),
        ];
        let (ok, out, err) = binary(&t, &t.database_url, &args);
        assert!(ok, "{err}");
        assert!(out.contains("responses"), "{out}");
        assert!(std::fs::metadata(&file).unwrap().len() > 1000);
        let (ok, _, err) = binary(
            &t,
            &t.database_url,
            &["backup", "-o", copy.to_str().unwrap()],
        );
        assert!(!ok && err.contains("exists"), "{err}");
    });
}
