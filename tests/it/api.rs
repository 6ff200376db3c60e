//! The read API: tokens made and revoked by the secretariat, reads as the JSON export gives
//! them, a reviewer's token that never says who answered a per-contact survey, no writing, and
//! the OpenAPI document fuzzed by schemathesis against the running service.
use crate::common::{self, TestApp};
use coomet_surveys::responses::response;
use rocket::http::{Header, Status};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;

async fn csrf(t: &TestApp) -> String {
    let (_, page) = t.get("/admin").await;
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[start..].chars().take_while(|c| *c != '"').collect()
}

/// Makes a token at /admin/api-tokens as the secretariat does; returns it as the page shows it.
pub async fn make_token(t: &TestApp, name: &str, scope: &str) -> String {
    let csrf = csrf(t).await;
    let fields = [("csrf", csrf.as_str()), ("name", name), ("scope", scope)];
    let (status, page, _) = t.post_form("/admin/api-tokens", &fields).await;
    assert_eq!(status, Status::Ok, "{page}");
    let start = page.find("value=\"coomet_").expect("the token, shown once") + 7;
    page[start..].chars().take_while(|c| *c != '"').collect()
}

pub async fn api(t: &TestApp, token: Option<&str>, path: &str) -> (Status, Value) {
    let mut req = t.client.get(path.to_string());
    if let Some(token) = token {
        req = req.header(Header::new("Authorization", format!("Bearer {token}")));
    }
    let r = req.dispatch().await;
    let status = r.status();
    let body = r.into_string().await.unwrap_or_default();
    let json = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
    (status, json)
}

/// Contacts of a per-contact survey rate the first body: the first two submit, the third
/// keeps a draft; the campaign and the links of everyone invited.
async fn satisfaction(t: &TestApp) -> (i32, Vec<String>) {
    let c = t.open_campaign("csb-satisfaction", 2026).await;
    let links: Vec<String> = t
        .invite_and_send(c)
        .await
        .values()
        .map(|m| m.link_path())
        .collect();
    for (n, link) in links.iter().take(3).enumerate() {
        rate(t, link, n, if n < 2 { "submit" } else { "draft" }).await;
    }
    (c, links)
}

async fn rate(t: &TestApp, link: &str, n: usize, action: &str) {
    let rating = (3 + n % 3).to_string();
    let fields = [
        ("_version", "0"),
        ("bodies.0.satisfaction", rating.as_str()),
        ("bodies.0.comment", "Быстрые ответы"),
        ("_action", action),
    ];
    let (status, page, _) = t.post_form(link, &fields).await;
    assert_eq!(status, Status::SeeOther, "{page}");
}

#[rocket::async_test]
async fn a_token_reads_what_the_export_holds_and_nothing_without_one() {
    on_every_backend!(|t| {
        let c = crate::export::fixture(&t).await;
        t.login_secretariat().await;
        let token = make_token(&t, "TC 4 dashboard", "read").await;
        assert_eq!(token.len(), 7 + 43, "{token}");

        let (status, list) = api(&t, Some(&token), "/api/v1/campaigns?lang=ru").await;
        assert_eq!(status, Status::Ok, "{list}");
        assert_eq!(list["paging"]["total"], 1);
        let item = &list["items"][0];
        assert_eq!(item["id"], c);
        assert_eq!(item["survey"], "training-needs");
        assert_eq!(item["submitted"], 2);
        assert!(item["title"].as_str().unwrap().starts_with("Потребности"));

        // Pages: two responses, one per page, in the export's order.
        let path = format!("/api/v1/campaigns/{c}/responses?per_page=1&page=2");
        let (status, page) = api(&t, Some(&token), &path).await;
        assert_eq!(status, Status::Ok, "{page}");
        assert_eq!(page["paging"]["total"], 2);
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        let path = format!("/api/v1/campaigns/{c}/responses");
        let (_, all) = api(&t, Some(&token), &path).await;
        assert_eq!(all["items"][1], page["items"][0]);
        let campaign = coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap();
        let (export, _) = coomet_surveys::export::secretariat_file(
            &t.app.db,
            &campaign,
            coomet_surveys::export::files::Format::Json,
            coomet_surveys::i18n::Lang::En,
            &t.app.renderer.i18n,
        )
        .await
        .unwrap();
        for (api_row, exported) in all["items"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&export.responses)
        {
            assert_eq!(api_row["unit"], exported.unit);
            assert_eq!(api_row["institute"], serde_json::json!(exported.institute));
            assert_eq!(api_row["answers"], Value::Object(exported.answers.clone()));
        }
        // The formula-like and markup-like answers come back as typed.
        let text = all.to_string();
        assert!(text.contains("=HYPERLINK"), "{text}");
        assert!(text.contains("U < 0,5 % & "), "{text}");

        let path = format!("/api/v1/campaigns/{c}/indicators?lang=en");
        let (status, ind) = api(&t, Some(&token), &path).await;
        assert_eq!(status, Status::Ok, "{ind}");
        let rate = ind["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "response-rate");
        assert!(rate.is_some(), "{ind}");

        // Without a token, with an unknown one, with a malformed one: 401 and a problem.
        for bad in [
            None,
            Some("coomet_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            Some("x"),
        ] {
            let (status, problem) = api(&t, bad, "/api/v1/campaigns").await;
            assert_eq!(status, Status::Unauthorized, "{bad:?}");
            assert_eq!(problem["status"], 401);
        }
        // Bad parameters: a 400 that names them.
        for q in ["page=0", "per_page=501", "lang=de", "page=1&page=2"] {
            let (status, problem) = api(&t, Some(&token), &format!("/api/v1/campaigns?{q}")).await;
            assert_eq!(status, Status::BadRequest, "{q}");
            assert!(problem["detail"].as_str().is_some(), "{problem}");
        }
        let (status, _) = api(&t, Some(&token), "/api/v1/campaigns/999").await;
        assert_eq!(status, Status::NotFound);

        // Nothing writes, whatever the method.
        let before = response::Entity::find().count(&t.app.db).await.unwrap();
        let auth = Header::new("Authorization", format!("Bearer {token}"));
        for path in [
            format!("/api/v1/campaigns/{c}"),
            format!("/api/v1/campaigns/{c}/responses"),
        ] {
            for r in [
                t.client.post(path.clone()),
                t.client.put(path.clone()),
                t.client.patch(path.clone()),
                t.client.delete(path.clone()),
            ] {
                let r = r.header(auth.clone()).body("{}").dispatch().await;
                assert_eq!(r.status(), Status::MethodNotAllowed);
                assert_eq!(r.headers().get_one("Allow"), Some("GET, HEAD"));
            }
        }
        assert_eq!(
            response::Entity::find().count(&t.app.db).await.unwrap(),
            before
        );
        assert_eq!(
            coomet_surveys::campaigns::get(&t.app.db, c).await.unwrap(),
            campaign
        );

        // The page lists the token with its last use; revoked, it reads nothing.
        let (_, page) = t.get("/admin/api-tokens").await;
        assert!(
            page.contains("TC 4 dashboard") && !page.contains(&token),
            "{page}"
        );
        let tokens = coomet_surveys::directory::api_tokens::list(&t.app.db)
            .await
            .unwrap();
        assert!(tokens[0].last_used_at.is_some());
        assert_ne!(tokens[0].token_hash, token, "only a digest is kept");
        let csrf = csrf(&t).await;
        let path = format!("/admin/api-tokens/{}/revoke", tokens[0].id);
        let (status, _, _) = t.post_form(&path, &[("csrf", csrf.as_str())]).await;
        assert_eq!(status, Status::SeeOther);
        let (status, _) = api(&t, Some(&token), "/api/v1/campaigns").await;
        assert_eq!(status, Status::Unauthorized);
        let (_, audit) = t.get("/admin/audit").await;
        assert!(audit.contains("api-token:"), "{audit}");
    });
}

#[rocket::async_test]
async fn a_reviewers_token_never_says_who_answered_a_per_contact_survey() {
    on_every_backend!(|t| {
        let (c, links) = satisfaction(&t).await;
        t.login_secretariat().await;
        let review = make_token(&t, "reviewers", "review").await;
        let read = make_token(&t, "secretariat scripts", "read").await;
        let path = format!("/api/v1/campaigns/{c}/responses?lang=en");
        // Each row is one person's answers: a review token reads none, however many.
        rate(&t, &links[3], 4, "submit").await;
        rate(&t, links.last().unwrap(), 0, "submit").await;
        let (status, seen) = api(&t, Some(&review), &path).await;
        assert_eq!(status, Status::Ok, "{seen}");
        assert_eq!(seen["items"], serde_json::json!([]), "{seen}");
        assert_eq!(seen["withheld"], true, "{seen}");
        assert_eq!(
            seen["paging"]["total"], 4,
            "who answered is not what: {seen}"
        );
        // Its indicators are there: the comment four people wrote on the first body.
        let path_ind = format!("/api/v1/campaigns/{c}/indicators?lang=en");
        let (_, ind) = api(&t, Some(&review), &path_ind).await;
        assert!(ind.to_string().contains("Быстрые ответы"), "{ind}");
        let text = seen.to_string();
        assert!(
            !text.contains("@example.org") && !text.contains("contact:"),
            "{text}"
        );
        let (_, all) = api(&t, Some(&read), &path).await;
        assert_eq!(
            all["paging"]["total"], 5,
            "the secretariat sees the draft: {all}"
        );
        assert_eq!(all["withheld"], false, "{all}");
        assert!(all.to_string().contains("contact:"), "{all}");
        // A name with control characters, or none, is refused in the user's words.
        let csrf = csrf(&t).await;
        let fields = [("csrf", csrf.as_str()), ("name", " "), ("scope", "read")];
        let (status, page, _) = t.post_form("/admin/api-tokens?lang=ru", &fields).await;
        assert_eq!(status, Status::Ok);
        assert!(page.contains("aria-invalid=\"true\""), "{page}");
    });
}

/// Schemathesis (from PyPI; `.ci/run` installs it) derives requests from the OpenAPI document,
/// valid and invalid, and checks every answer against it: no 5xx, nothing outside the schema,
/// invalid input refused, and no answer without the token.
#[rocket::async_test]
async fn schemathesis_finds_nothing_against_the_openapi_document() {
    on_every_backend!(|t| {
        crate::export::fixture(&t).await;
        satisfaction(&t).await;
        let port = crate::browser::free_port();
        let rocket = coomet_surveys::web::rocket(t.app.clone()).unwrap();
        let figment = rocket
            .figment()
            .clone()
            .merge(("port", port))
            .merge(("log_level", "off"));
        tokio::spawn(rocket.configure(figment).launch());
        crate::browser::wait_for_port(port).await;
        // The document is valid OpenAPI 3.1 (openapi-spec-validator comes with schemathesis).
        let url = format!("http://127.0.0.1:{port}/api/v1/openapi.json");
        let check = "import json, sys, urllib.request\n\
            from openapi_spec_validator import validate\n\
            doc = json.load(urllib.request.urlopen(sys.argv[1]))\n\
            validate(doc)\n\
            print(doc['openapi'])";
        let out = std::process::Command::new("python3")
            .args(["-c", check, &url])
            .output()
            .expect("python3 runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "the document is not valid: {err}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "3.1.0");
        let db = &t.app.db;
        use coomet_surveys::directory::api_tokens::{self, Scope};
        for scope in [Scope::Read, Scope::Review] {
            let (_, token) = api_tokens::create(db, &common::operator(), "fuzz", scope)
                .await
                .unwrap();
            let out = std::process::Command::new("schemathesis")
                .args([
                    "run",
                    &format!("http://127.0.0.1:{port}/api/v1/openapi.json"),
                ])
                .args(["--header", &format!("Authorization: Bearer {token}")])
                .args(["--checks", "all", "--max-examples", "40", "--seed", "1"])
                // Rocket answers a method it does not know (QUERY) with 400 before any route;
                // every method it knows but the API does not serve gets 405 (tested above).
                .args(["--exclude-checks", "unsupported_method"])
                .env("NO_COLOR", "1")
                .output()
                .expect("schemathesis is installed (pip install schemathesis, or run .ci/run)");
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{scope:?}:\n{report}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(report.contains("passed"), "{report}");
        }
    });
}
