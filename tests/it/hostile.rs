//! A corpus of hostile input sent through every route that takes input, signed in and not:
//! no answer may be a 5xx, and no value may come back unescaped, in pages or in mails.
use crate::common::{self, TestApp};
use rocket::http::{ContentType, Header, Status};
use std::collections::BTreeSet;

/// Each value is recognisable if it ever comes back raw.
fn corpus() -> Vec<String> {
    let mut v: Vec<String> = [
        "<script>alert('hx1')</script>",
        "\"><img src=x onerror=alert('hx2')>",
        "'><svg/onload=alert('hx3')>",
        "javascript:alert('hx4')",
        "{{hx5}}{{{hx5}}}",
        "' OR '1'='1'; DROP TABLE responses; --",
        "1; SELECT pg_sleep(5)--",
        "=HYPERLINK(\"http://evil.example\",\"hx6\")",
        "\u{0000}\u{0007}\u{001b}[31mhx7\r\nSet-Cookie: x=1",
        "\u{202e}hx8\u{200b}\u{feff}",
        "../../../../etc/passwd",
        "%00%0d%0a%3Cscript%3E",
        "99999999999999999999999999999999999999",
        "-1e308",
        "NaN",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("{\"a\":".repeat(2000));
    v.push("ю".repeat(20_000));
    v
}

/// Markup that must never appear as markup in anything sent back.
const RAW: &[&str] = &[
    "<script>alert('hx1')",
    "<img src=x onerror",
    "<svg/onload",
    "Set-Cookie: x=1",
];

#[derive(Default)]
struct Seen {
    answers: usize,
    faults: Vec<String>,
}

impl Seen {
    fn check(&mut self, what: &str, status: Status, body: &str) {
        self.answers += 1;
        if status.code >= 500 {
            self.faults.push(format!("{what}: {status}"));
        }
        for raw in RAW {
            if body.contains(raw) {
                self.faults
                    .push(format!("{what}: returned unescaped {raw:?}"));
            }
        }
    }
}

/// The names of every control of a page (inputs, choices, text areas, buttons' actions).
fn field_names(page: &str) -> BTreeSet<String> {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("input[name], select[name], textarea[name]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("name").map(str::to_string))
        .collect()
}

async fn get(t: &TestApp, seen: &mut Seen, path: &str) {
    let r = t.client.get(path).dispatch().await;
    let status = r.status();
    let body = r.into_string().await.unwrap_or_default();
    seen.check(&format!("GET {path:.80}"), status, &body);
}

async fn post(t: &TestApp, seen: &mut Seen, path: &str, fields: &[(&str, &str)]) {
    let (status, body, _) = t.post_form(path, fields).await;
    let what = format!("POST {path:.60} {:?}", fields.first().map(|f| f.0));
    seen.check(&what, status, &body);
}

async fn post_raw(t: &TestApp, seen: &mut Seen, path: &str, body: Vec<u8>) {
    let r = t
        .client
        .post(path)
        .header(ContentType::Form)
        .body(body)
        .dispatch()
        .await;
    let status = r.status();
    let text = r.into_string().await.unwrap_or_default();
    seen.check(&format!("POST raw {path:.60}"), status, &text);
}

/// Every field of the respondent's form, one value at a time, saved and submitted.
async fn respondent(t: &TestApp, seen: &mut Seen, link: &str) {
    let (_, page) = t.get(link).await;
    let names = field_names(&page);
    assert!(names.len() > 10, "the form's fields were found");
    for value in corpus() {
        for name in &names {
            if name.starts_with('_') {
                continue;
            }
            for action in ["draft", "submit"] {
                let fields = [("_version", "-1"), ("_action", action), (name, &value)];
                post(t, seen, link, &fields).await;
            }
        }
        for hidden in ["_version", "_action"] {
            post(t, seen, link, &[(hidden, &value)]).await;
        }
        get(
            t,
            seen,
            &format!("{link}?lang={}", common::encode(&[("", &value)])),
        )
        .await;
        get(
            t,
            seen,
            &format!("/r/{}", &common::encode(&[("", &value)])[1..]),
        )
        .await;
        post(t, seen, "/r", &[("email", &value)]).await;
        let pass = format!("{link}/pass");
        let colleague = [
            ("name", value.as_str()),
            ("email", &value),
            ("language", &value),
            ("note", &value),
        ];
        post(t, seen, &pass, &colleague).await;
        let v = common::encode(&[("", &value)])[1..].to_string();
        get(t, seen, &format!("{pass}?lang={v}")).await;
        post(
            t,
            seen,
            "/admin/login",
            &[("email", &value), ("password", &value)],
        )
        .await;
    }
    // Bodies no form would send: bytes that are not UTF-8, a body past the limit, a header
    // with a forged referrer for the language switch.
    post_raw(
        t,
        seen,
        link,
        b"_action=draft&needs.0.topic=\xff\xfe\xc3\x28".to_vec(),
    )
    .await;
    post_raw(t, seen, link, vec![b'a'; 2 * 1024 * 1024]).await;
    let r = t
        .client
        .get("/lang/ru")
        .header(Header::new(
            "Referer",
            "http://surveys.test/\\evil.example/",
        ))
        .dispatch()
        .await;
    let to = r.headers().get_one("Location").unwrap_or("").to_string();
    assert!(
        !to.contains("evil"),
        "the language switch goes to no other site: {to}"
    );
    for referer in corpus() {
        let r = t
            .client
            .get("/lang/en")
            .header(Header::new(
                "Referer",
                format!("https://surveys.test/{referer}"),
            ))
            .dispatch()
            .await;
        let status = r.status();
        seen.check("GET /lang/en with a hostile referrer", status, "");
    }
}

/// Every staff route that takes a value, as the secretariat.
async fn staff(t: &TestApp, seen: &mut Seen, campaign: i32) {
    t.login_secretariat().await;
    let (_, page) = t.get("/admin").await;
    let csrf = crate::html::Page::parse(&page)
        .input("csrf")
        .expect("a CSRF token");
    for value in corpus() {
        let v = common::encode(&[("", &value)])[1..].to_string();
        for path in [
            format!("/admin/campaigns/{v}"),
            format!("/admin/campaigns/{campaign}/preview/{v}"),
            format!("/admin/campaigns/{campaign}/preview/invitation?to={v}"),
            format!("/admin/outbox/{v}"),
            format!("/admin/campaigns/{campaign}/units/{v}"),
            format!("/admin/campaigns/{campaign}?status={v}&country={v}"),
            format!("/admin/campaigns/{campaign}/units/institute:NBSM?in_lang={v}"),
            format!("/admin/outbox?status={v}&kind={v}&to={v}&page=1"),
            format!("/admin/audit?actor={v}&action={v}&target={v}"),
            format!("/admin/campaigns/new?form={v}&year=2027&closes={v}"),
            format!("/admin/campaigns/{campaign}/remind?x={v}"),
            format!("/admin/contacts?q={v}&country={v}&bounced=true"),
            format!("/admin/contacts/{v}"),
            format!("/admin/directory/institutes/{v}"),
            format!("/admin/contacts.csv?q={v}&country={v}"),
            format!("/admin/forms/{v}"),
            format!("/admin/forms/{v}/1/preview"),
            format!("/admin/forms/training-needs/1/preview?lang={v}"),
            format!("/admin/forms/{v}/1/source"),
            format!("/admin/campaigns/new?form=training-needs&version={v}&year=2027"),
        ] {
            get(t, seen, &path).await;
        }
        // A test fill and a publication: refused or shown escaped, never stored.
        let preview = "/admin/forms/training-needs/1/preview";
        let fill = [
            ("_action", "submit"),
            ("needs._rows", "1"),
            ("needs.0.topic", &value),
        ];
        post(t, seen, preview, &fill).await;
        post(t, seen, preview, &[("_action", &value)]).await;
        let publish = [
            ("csrf", csrf.as_str()),
            ("name", &value),
            ("source", &value),
        ];
        post(t, seen, "/admin/forms/publish", &publish).await;
        let back = format!("/admin/campaigns/{campaign}/return");
        post(
            t,
            seen,
            &back,
            &[("csrf", &csrf), ("unit", &value), ("note", &value)],
        )
        .await;
        let unit = "institute:NBSM";
        post(
            t,
            seen,
            &back,
            &[("csrf", &csrf), ("unit", unit), ("note", &value)],
        )
        .await;
        for action in ["invite", "remind", "digest"] {
            let path = format!("/admin/campaigns/{campaign}/{action}");
            post(t, seen, &path, &[("csrf", &value)]).await;
        }
        let account = [
            ("csrf", csrf.as_str()),
            ("email", &value),
            ("role", &value),
            ("password", &value),
        ];
        post(t, seen, "/admin/staff", &account).await;
        let mine = [
            ("csrf", csrf.as_str()),
            ("current", &value),
            ("password", &value),
        ];
        post(t, seen, "/admin/password", &mine).await;
        let life = [("csrf", csrf.as_str()), ("closes", &value)];
        post(
            t,
            seen,
            &format!("/admin/campaigns/{campaign}/extend"),
            &life,
        )
        .await;
        let open = [
            ("csrf", csrf.as_str()),
            ("form", &value),
            ("year", "2027"),
            ("closes", &value),
        ];
        post(t, seen, "/admin/campaigns", &open).await;
        let institute = [
            ("csrf", csrf.as_str()),
            ("acronym", &value),
            ("country", &value),
            ("name_en", &value),
            ("name_ru", &value),
            ("kind", &value),
        ];
        post(t, seen, "/admin/directory/institutes", &institute).await;
        post(t, seen, "/admin/directory/institutes/1", &institute).await;
        let person = [
            ("csrf", csrf.as_str()),
            ("name", &value),
            ("email", &value),
            ("language", &value),
            ("roles", &value),
            ("active", &value),
        ];
        post(t, seen, "/admin/directory/institutes/1/contacts", &person).await;
        post(t, seen, "/admin/contacts/1", &person).await;
        let status = [
            ("csrf", csrf.as_str()),
            ("country", &value),
            ("year", &value),
            ("ceems", &value),
        ];
        post(t, seen, "/admin/directory/status", &status).await;
        let file =
            format!("institute,name,email,language,roles\n{value},{value},{value},ru,{value}\n");
        for text in [value.as_str(), &file] {
            let fields = [("csrf", csrf.as_str()), ("text", text)];
            post(t, seen, "/admin/contacts/import", &fields).await;
            post(t, seen, "/admin/contacts/import/confirm", &fields).await;
        }
        let v = common::encode(&[("", &value)])[1..].to_string();
        let decide = [("csrf", csrf.as_str()), ("retire", &value)];
        post(t, seen, &format!("/admin/handovers/{v}/confirm"), &decide).await;
        post(t, seen, "/admin/logout", &[("csrf", &value)]).await;
    }
    get(t, seen, &format!("/admin/campaigns/{campaign}")).await;
    get(t, seen, "/admin/outbox").await;
}

#[rocket::async_test]
async fn the_hostile_corpus_through_every_route_gets_no_fault_and_nothing_unescaped() {
    on_every_backend!(|t| {
        let campaign = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(campaign).await;
        let link = mails["training.nbsm@example.org"].link_path();
        let mut seen = Seen::default();
        // Staff first: the corpus's failed sign-ins then hold this address back, as they should.
        staff(&t, &mut seen, campaign).await;
        let published = coomet_surveys::forms::versions::list(&t.app.db)
            .await
            .unwrap();
        assert_eq!(published.len(), 7, "the corpus published nothing");
        respondent(&t, &mut seen, &link).await;
        // Every mail the corpus caused (confirmations with a summary, returns with a note).
        t.send().await;
        for (to, mail) in t.mails() {
            seen.check(
                &format!("mail to {to}"),
                Status::Ok,
                &common::decoded(&mail.raw),
            );
        }
        assert!(
            seen.answers > 1000,
            "the corpus went through: {}",
            seen.answers
        );
        assert!(seen.faults.is_empty(), "{:#?}", seen.faults);
    });
}
