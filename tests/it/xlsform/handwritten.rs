//! Acceptance 2: a workbook written as the XLSForm documentation writes them (a text, an integer
//! with a constraint and its message, a select_one with a `relevant` follow-up, a
//! select_multiple, a repeat, required questions, both languages, no column of the engine's own)
//! imports, opens as a campaign, and its form works: the follow-up is asked only when its
//! condition holds, the constraint refuses with its own message in Russian and English, the
//! repeat takes rows, and the answers' export (`headings=names`) has the workbook's names as columns.
use super::workbook;
use crate::common;
use crate::html::Page;
use rocket::http::Status;

const HEADER: &[&str] = &[
    "type",
    "name",
    "label::English (en)",
    "label::Russian (ru)",
    "hint::English (en)",
    "hint::Russian (ru)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::English (en)",
    "constraint_message::Russian (ru)",
];

/// The survey sheet's rows after the header.
pub fn survey() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "text",
            "lab_name",
            "Name of the laboratory",
            "Название лаборатории",
            "As in its accreditation",
            "Как в аттестате аккредитации",
            "yes",
            "",
            "",
            "",
            "",
        ],
        vec![
            "integer",
            "staff",
            "Number of staff",
            "Число сотрудников",
            "",
            "",
            "yes",
            "",
            ". >= 0 and . <= 500",
            "A number from 0 to 500",
            "Число от 0 до 500",
        ],
        vec![
            "select_one yes_no",
            "accredited",
            "Is the laboratory accredited?",
            "Аккредитована ли лаборатория?",
            "",
            "",
            "yes",
            "",
            "",
            "",
            "",
        ],
        vec![
            "text",
            "accreditation_body",
            "Accreditation body",
            "Орган по аккредитации",
            "",
            "",
            "yes",
            "${accredited} = 'yes'",
            "",
            "",
            "",
        ],
        vec![
            "select_multiple fields",
            "fields",
            "Fields of measurement",
            "Области измерений",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "begin_repeat",
            "courses",
            "Courses attended",
            "Посещённые курсы",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "text", "course", "Course", "Курс", "", "", "yes", "", "", "", "",
        ],
        vec![
            "integer",
            "days",
            "Days",
            "Дней",
            "",
            "",
            "",
            "",
            ". >= 1",
            "At least one day",
            "Не менее одного дня",
        ],
        vec!["end_repeat", "", "", "", "", "", "", "", "", "", ""],
    ]
}

/// The documented workbook with `rows` as its survey sheet.
pub fn documented(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut survey: Vec<&[&str]> = vec![HEADER];
    survey.extend(rows.iter().map(Vec::as_slice));
    let choices: &[&[&str]] = &[
        &[
            "list_name",
            "name",
            "label::English (en)",
            "label::Russian (ru)",
        ],
        &["yes_no", "yes", "Yes", "Да"],
        &["yes_no", "no", "No", "Нет"],
        &["fields", "mass", "Mass", "Масса"],
        &["fields", "length", "Length", "Длина"],
        &["fields", "time", "Time and frequency", "Время и частота"],
    ];
    let settings: &[&[&str]] = &[
        &["form_title", "form_id", "version", "default_language"],
        &["Laboratories", "lab-survey", "2026120601", "English (en)"],
    ];
    workbook(&[
        ("survey", &survey),
        ("choices", choices),
        ("settings", settings),
    ])
}

#[rocket::async_test]
async fn a_workbook_written_by_hand_opens_as_a_campaign_whose_form_works() {
    on_every_backend!(|t| {
        let file = t.dir.path().join("lab-survey.xlsx");
        std::fs::write(&file, documented(&survey())).unwrap();
        let (ok, out, err) = crate::cli::run(&t, &["forms", "import", file.to_str().unwrap()]);
        assert!(ok, "{out}{err}");
        assert!(out.contains("lab-survey: a new survey, version 1"), "{out}");
        let (_, form) = t
            .app
            .forms
            .get(&t.app.db, "lab-survey", None)
            .await
            .unwrap()
            .unwrap();
        // Defaults where the workbook says nothing: one response per institute, every contact.
        assert_eq!(form.unit, coomet_surveys::forms::schema::Unit::Institute);
        assert!(form.audience.is_empty());
        let c = t.open_campaign("lab-survey", 2026).await;
        let mails = t.invite_and_send(c).await;
        let link = mails["training.nbsm@example.org"].link_path();

        let base = [
            ("_version", "0"),
            ("_action", "submit"),
            ("lab_name", "Mass laboratory"),
            ("fields", "mass"),
            ("courses._rows", "2"),
            ("courses.0.course", "Weighing"),
            ("courses.0.days", "0"),
            ("courses.1.course", "Uncertainty"),
            ("courses.1.days", "3"),
        ];
        let mut version = "0".to_string();
        for (lang, message) in [("ru", "Не менее одного дня"), ("en", "At least one day")]
        {
            let mut fields = base.to_vec();
            fields[0] = ("_version", version.as_str());
            fields.extend([
                ("staff", "900"),
                ("accredited", "yes"),
                ("accreditation_body", ""),
            ]);
            let (status, page, _) = t.post_form(&format!("{link}?lang={lang}"), &fields).await;
            assert_eq!(status, Status::UnprocessableEntity);
            let p = Page::parse(&page);
            let errors = p.texts(".error").join("\n");
            assert!(errors.contains(message), "{lang}: {errors}");
            let staff = if lang == "ru" {
                "Число от 0 до 500"
            } else {
                "A number from 0 to 500"
            };
            assert!(errors.contains(staff), "{lang}: {errors}");
            assert_eq!(
                p.input("courses.1.course").as_deref(),
                Some("Uncertainty"),
                "typed rows kept"
            );
            drop(fields);
            version = p.input("_version").unwrap();
        }
        // Not accredited: the follow-up is not asked, so its being empty is no error.
        let mut fields = base.to_vec();
        fields[0] = ("_version", version.as_str());
        fields.retain(|(k, _)| *k != "courses.0.days");
        fields.extend([
            ("courses.0.days", "2"),
            ("staff", "12"),
            ("accredited", "no"),
        ]);
        let (status, page, _) = t.post_form(&link, &fields).await;
        assert_eq!(status, Status::SeeOther, "{page}");

        t.login_secretariat().await;
        // The answers exported with `headings=names` have the workbook's names as columns.
        let r = t
            .client
            .get(format!(
                "/admin/campaigns/{c}/export?format=csv&headings=names"
            ))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Ok);
        let bytes = r.into_bytes().await.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut files = Vec::new();
        for i in 0..zip.len() {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_index(i).unwrap(), &mut text).unwrap();
            files.push(text.trim_start_matches('\u{feff}').to_string());
        }
        let headers: Vec<&str> = files.iter().filter_map(|f| f.lines().next()).collect();
        assert!(
            headers.contains(&"unit,institute,country,ceems,status,submitted_at,updated_at,lab_name,staff,accredited,accreditation_body,fields/mass,fields/length,fields/time"),
            "{headers:?}"
        );
        assert!(
            headers.contains(&"unit,institute,country,ceems,row,course,days"),
            "{headers:?}"
        );
        assert!(files.concat().contains("Mass laboratory"));
    });
}
