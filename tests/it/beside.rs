//! Last year's answer beside this year's (issue 27): on the form, prefilled or changed, with a
//! large difference pointed out and never refused; and on the secretariat's response page.
use crate::common::{self, TestApp};
use crate::html::Page;
use rocket::http::Status;

/// VNIIM's answers of 2026 as they are posted, with `staff` for `staff_coomet` (1 in 2025).
fn answers(staff: &str, action: &'static str) -> Vec<(&'static str, String)> {
    [
        ("_version", "0"),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", "Calibration of thermometers"),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "seminar"),
        ("needs.0.staff", "4"),
        ("staff_coomet", staff),
        ("_action", action),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

async fn post(
    t: &TestApp,
    link: &str,
    fields: &[(&'static str, String)],
) -> (Status, Option<String>) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, location) = t.post_form(link, &fields).await;
    (status, location)
}

#[rocket::async_test]
async fn last_years_answer_stands_beside_this_years_and_a_large_change_is_pointed_out() {
    on_every_backend!(|t| {
        crate::review::year_before(&t).await;
        let c = t.open_campaign("training-needs", 2026).await;
        let link = t.invite_and_send(c).await["training.vniim@example.org"].link_path();
        let (_, page) = t.get(&format!("{link}?lang=en")).await;
        let p = Page::parse(&page);
        // Prefilled from 2025, and 2025's answer beside it.
        assert_eq!(p.input("staff_coomet").as_deref(), Some("1"));
        let beside = p.texts("#b-staff_coomet").concat();
        assert!(beside.contains("2025: 1 people"), "{beside}");
        assert_eq!(p.count(".before.large"), 0, "nothing changed yet");
        let described = p
            .attr("#i-staff_coomet", "aria-describedby")
            .unwrap_or_default();
        assert!(
            described.contains("b-staff_coomet"),
            "read with the field: {described}"
        );

        // Tripled: pointed out, in the page's language, and the draft is saved all the same.
        let (status, location) = post(&t, &format!("{link}?lang=ru"), &answers("3", "draft")).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&location.expect("back to the form")).await;
        let p = Page::parse(&page);
        let large = p.texts(".before.large").concat();
        assert!(
            large.contains("2025: 1 чел.") && large.contains("вдвое"),
            "{large}"
        );
        assert_eq!(p.input("staff_coomet").as_deref(), Some("3"));
        // Doubled is within the schema's factor of 2: beside, not pointed out.
        let mut fields = answers("2", "submit");
        fields[0].1 = "1".into();
        let (status, _) = post(&t, &format!("{link}?lang=en"), &fields).await;
        assert_eq!(status, Status::SeeOther, "a large change is never refused");

        // The secretariat reads both years side by side.
        t.login_secretariat().await;
        let (_, page) = t
            .get(&format!(
                "/admin/campaigns/{c}/units/institute:VNIIM?in_lang=en"
            ))
            .await;
        let rows = Page::parse(&page).table("table.answers");
        let header = rows.first().cloned().unwrap_or_default();
        assert!(header.contains(&"2025".to_string()) && header.contains(&"2026".to_string()));
        let staff = rows
            .iter()
            .find(|r| {
                r.first()
                    .is_some_and(|l| l.contains("Staff who attended COOMET"))
            })
            .expect("the staff row");
        assert_eq!(staff[1..], ["2 people".to_string(), "1 people".to_string()]);
    })
}
