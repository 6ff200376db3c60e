//! Many respondents at once against the running service, over TCP: a deadline's crowd saving
//! and submitting at the same time, and the service killed in the middle of it.
use crate::common::{self, TestApp};
use crate::service::Service;
use coomet_surveys::campaigns::UnitKey;
use coomet_surveys::directory::{contact, institute};
use coomet_surveys::i18n::Lang;
use coomet_surveys::responses::{history, response, Status as RStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One respondent: their link and the unit they share with others (if any).
#[derive(Clone)]
pub(crate) struct Respondent {
    path: String,
    unit: UnitKey,
    shared: bool,
}

/// `solo` institutes with one new contact each, and `pairs` with two: respondents who answer
/// for a unit alone, and pairs of colleagues who share one.
pub(crate) async fn crowd(t: &TestApp, solo: usize, pairs: usize) -> Vec<Respondent> {
    let mut people = Vec::new();
    for i in 0..solo + pairs {
        let acronym = format!("LOAD{i:03}");
        let inst = institute::ActiveModel {
            acronym: Set(acronym.clone()),
            country_code: Set("RU".into()),
            name_en: Set(format!("Load institute {i}")),
            name_ru: Set(None),
            kind: Set(coomet_surveys::directory::institute::Kind::Di),
            ..Default::default()
        }
        .insert(&t.app.db)
        .await
        .unwrap();
        let colleagues = if i < solo { 1 } else { 2 };
        for k in 0..colleagues {
            let email = format!("load{i:03}.{k}@example.org");
            contact::ActiveModel {
                institute_id: Set(inst.id),
                name: Set(format!("Respondent {i}.{k}")),
                email: Set(email.clone()),
                language: Set(if k == 0 { Lang::Ru } else { Lang::En }),
                roles: Set("training".parse().expect("a role")),
                active: Set(true),
                created_at: Set(coomet_surveys::db::now()),
                ..Default::default()
            }
            .insert(&t.app.db)
            .await
            .unwrap();
            people.push((email, UnitKey::Institute(acronym.clone()), colleagues == 2));
        }
    }
    let campaign = t.open_campaign("training-needs", 2026).await;
    let mails = t.invite_and_send(campaign).await;
    people
        .into_iter()
        .map(|(email, unit, shared)| Respondent {
            path: mails[&email].link_path(),
            unit,
            shared,
        })
        .collect()
}

impl Respondent {
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn unit(&self) -> &UnitKey {
        &self.unit
    }
}

/// A whole valid answer set, as a submission posts it, with `topic` as the need's topic.
pub(crate) fn answers(version: &str, action: &str, topic: &str) -> String {
    common::encode(&[
        ("_version", version),
        ("_action", action),
        ("fields", "TC 1.3"),
        ("needs._rows", "1"),
        ("needs.0.topic", topic),
        ("needs.0.field", "TC 1.3"),
        ("needs.0.format", "webinar"),
        ("needs.0.staff", "5"),
        ("elearning_tools", "lms"),
        ("staff_coomet", "3"),
    ])
}

/// What the crowd saw: every status by kind, and each acknowledged save as (unit, version it
/// made, topic it carried, action).
#[derive(Default)]
pub(crate) struct Tally {
    statuses: BTreeMap<u16, usize>,
    conflicts_alone: usize,
    pub(crate) acked: Vec<(UnitKey, i32, String, &'static str)>,
}

/// How a respondent goes on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Drafts until the moment, then submit until it is acknowledged.
    DraftsThenSubmit(Instant),
    /// Submit again and again, until the service is gone.
    SubmitUntilGone,
}

/// One respondent: open the page, save (as the plan says), again.
async fn respond(service: Arc<Service>, who: Respondent, n: usize, plan: Plan) -> Tally {
    let mut tally = Tally::default();
    let mut round = 0;
    let mut submitted = false;
    let give_up = Instant::now() + Duration::from_secs(120);
    while !submitted && Instant::now() < give_up {
        let page = match service.request("GET", &who.path, None).await {
            Ok(page) => page,
            Err(_) if plan == Plan::SubmitUntilGone => break,
            Err(e) => panic!("the service answers: {e}"),
        };
        *tally.statuses.entry(page.status).or_default() += 1;
        let Some(version) = crate::html::Page::parse(&page.body).input("_version") else {
            continue;
        };
        let action = match plan {
            Plan::DraftsThenSubmit(until) if Instant::now() < until => "draft",
            _ => "submit",
        };
        let topic = format!("respondent {n} round {round}");
        round += 1;
        let form = answers(&version, action, &topic);
        let saved = match service.request("POST", &who.path, Some(&form)).await {
            Ok(saved) => saved,
            Err(_) if plan == Plan::SubmitUntilGone => break,
            Err(e) => panic!("the service answers: {e}"),
        };
        *tally.statuses.entry(saved.status).or_default() += 1;
        match saved.status {
            303 => {
                let flag = if action == "submit" {
                    "done=true"
                } else {
                    "saved=true"
                };
                let to = saved.location.unwrap_or_default();
                assert!(to.contains(flag), "{action} acknowledged as {to}");
                service.acknowledged.fetch_add(1, Ordering::SeqCst);
                let made = version.parse::<i32>().unwrap() + 1;
                tally.acked.push((who.unit.clone(), made, topic, action));
                submitted = action == "submit" && plan != Plan::SubmitUntilGone;
            }
            409 if !who.shared => tally.conflicts_alone += 1,
            _ => {}
        }
    }
    tally
}

pub(crate) async fn run_crowd(service: &Arc<Service>, people: &[Respondent], plan: Plan) -> Tally {
    let tasks: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(n, who)| tokio::spawn(respond(service.clone(), who.clone(), n, plan)))
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await.unwrap();
        for (status, count) in t.statuses {
            *all.statuses.entry(status).or_default() += count;
        }
        all.conflicts_alone += t.conflicts_alone;
        all.acked.extend(t.acked);
    }
    all
}

/// Every acknowledged save is in its response's history with what it carried, and the
/// response holds the latest of them.
pub(crate) async fn nothing_acknowledged_is_lost(
    t: &TestApp,
    acked: &[(UnitKey, i32, String, &str)],
) {
    let mut latest: BTreeMap<&UnitKey, (i32, &str)> = BTreeMap::new();
    for (unit, version, topic, _) in acked {
        let e = latest.entry(unit).or_insert((*version, topic));
        if *version > e.0 {
            *e = (*version, topic);
        }
    }
    for (unit, (version, topic)) in &latest {
        let r = response::Entity::find()
            .filter(response::Column::UnitKey.eq((*unit).clone()))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{unit}: a response"));
        assert!(r.version >= *version, "{unit}: {} < {version}", r.version);
        if r.version == *version {
            let answers = r.answers().unwrap();
            assert_eq!(answers["needs"][0]["topic"], *topic, "{unit}");
        }
    }
    for (unit, version, topic, action) in acked {
        let r = response::Entity::find()
            .filter(response::Column::UnitKey.eq(unit.clone()))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        let h = history::Entity::find()
            .filter(history::Column::ResponseId.eq(r.id))
            .filter(history::Column::Version.eq(*version))
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{unit} version {version}: in the history"));
        assert!(h.after_json.contains(topic.as_str()), "{unit} v{version}");
        let kind = if *action == "submit" {
            "submitted"
        } else {
            "draft"
        };
        assert_eq!(h.action.to_string(), kind, "{unit} v{version}");
    }
}

/// What `/metrics` says of the respondents' route, scraped every half second while the
/// crowd is at work.
async fn scrape_while(service: Arc<Service>, done: Arc<AtomicBool>) -> Vec<f64> {
    let mut seen = Vec::new();
    while !done.load(Ordering::SeqCst) {
        let m = service.metrics().await;
        seen.push(m.sum("coomet_http_requests_total", &[("route", "/r/<token>")]));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    seen
}

/// The counters grew while the crowd worked, and in the end count every request it made,
/// every acknowledged save, and no failure.
async fn metrics_tell_what_the_crowd_did(service: &Service, tally: &Tally, seen: &[f64]) {
    assert!(seen.len() >= 3, "scraped during the load: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen.iter().any(|n| *n > 0.0), "{seen:?}");
    let m = service.metrics().await;
    let route = ("route", "/r/<token>");
    let asked: usize = tally.statuses.values().sum();
    let total = m.sum("coomet_http_requests_total", &[route]);
    assert_eq!(total, asked as f64, "every request counted");
    let timed = m.sum("coomet_http_request_duration_seconds_count", &[route]);
    assert_eq!(timed, asked as f64, "every request timed");
    let acked = m.sum(
        "coomet_http_requests_total",
        &[route, ("method", "POST"), ("status", "303")],
    );
    assert_eq!(acked, tally.acked.len() as f64, "every acknowledged save");
    let ok_pages = m.sum(
        "coomet_http_requests_total",
        &[route, ("method", "GET"), ("status", "200")],
    );
    assert!(ok_pages >= 200.0, "{ok_pages}");
    assert!(
        m.sum("coomet_db_pool_connections", &[]) >= 1.0,
        "the pool is read"
    );
}

#[rocket::async_test]
async fn two_hundred_respondents_save_and_submit_at_once_and_nothing_fails_or_is_lost() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        // 180 respondents alone on their unit, 10 pairs of colleagues sharing one.
        let people = crowd(&t, 180, 10).await;
        assert_eq!(people.len(), 200);
        let service = Arc::new(Service::start(&t, &[("METRICS", "true")]).await);
        let plan = Plan::DraftsThenSubmit(Instant::now() + Duration::from_secs(8));
        let done = Arc::new(AtomicBool::new(false));
        let scraping = tokio::spawn(scrape_while(service.clone(), done.clone()));
        let tally = run_crowd(&service, &people, plan).await;
        done.store(true, Ordering::SeqCst);
        let seen = scraping.await.unwrap();
        metrics_tell_what_the_crowd_did(&service, &tally, &seen).await;
        let failed: usize = tally
            .statuses
            .iter()
            .filter(|(s, _)| **s >= 500 || **s == 404)
            .map(|(_, n)| n)
            .sum();
        assert_eq!(
            failed, 0,
            "{backend:?}: no 5xx, no 404: {:?}",
            tally.statuses
        );
        assert_eq!(
            tally.conflicts_alone, 0,
            "conflicts only between colleagues"
        );
        let submitted = tally.acked.iter().filter(|a| a.3 == "submit").count();
        assert_eq!(submitted, 200, "every respondent's submission acknowledged");
        assert!(tally.acked.len() > 200, "drafts were saved too");
        nothing_acknowledged_is_lost(&t, &tally.acked).await;
        let units = response::Entity::find()
            .filter(response::Column::Status.eq(RStatus::Submitted))
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(
            units.len(),
            190,
            "every unit submitted once, pairs together"
        );
        drop(service);
        t.finish().await;
    }
}

#[rocket::async_test]
async fn killed_during_submissions_every_acknowledged_one_is_there_after_a_restart() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        let people = crowd(&t, 40, 5).await;
        let service = Arc::new(Service::start(&t, &[]).await);
        // Everyone submits over and over (a submitted response changes by submitting again).
        let crowd = {
            let (service, people) = (service.clone(), people.clone());
            tokio::spawn(async move { run_crowd(&service, &people, Plan::SubmitUntilGone).await })
        };
        // Killed once submissions are flowing, with more in flight.
        let deadline = Instant::now() + Duration::from_secs(120);
        while service.acknowledged.load(Ordering::SeqCst) < 30 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        service.kill();
        let tally = crowd.await.unwrap();
        assert!(
            !tally.acked.is_empty(),
            "some submissions were acknowledged"
        );
        let restarted = Service::start(&t, &[]).await;
        nothing_acknowledged_is_lost(&t, &tally.acked).await;
        for who in &people {
            let page = restarted.request("GET", &who.path, None).await.unwrap();
            assert_eq!(page.status, 200, "after the restart the form opens");
        }
        drop(restarted);
        t.finish().await;
    }
}

#[rocket::async_test]
async fn no_personal_link_is_written_to_the_log() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let people = crowd(&t, 1, 0).await;
    let log_path = t.dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    // The most talkative setting an operator would use.
    let service = Service::start_logging(&t, &[("RUST_LOG", "debug")], log.into()).await;
    let form = answers("0", "draft", "logged?");
    let token = people[0].path.trim_start_matches("/r/");
    assert_eq!(
        service
            .request("GET", &people[0].path, None)
            .await
            .unwrap()
            .status,
        200
    );
    let saved = service
        .request("POST", &people[0].path, Some(&form))
        .await
        .unwrap();
    assert_eq!(saved.status, 303);
    let missing = format!("/r/{}", "A".repeat(43));
    assert_eq!(
        service.request("GET", &missing, None).await.unwrap().status,
        404
    );
    service.kill();
    let written = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        written.contains("INFO") || written.contains("DEBUG"),
        "the log was written"
    );
    assert!(!written.contains(token), "a token in the log: {written}");
    assert!(
        !written.contains(&"A".repeat(43)),
        "a wrong token in the log"
    );
    t.finish().await;
}

/// With `LOG_FORMAT=json` every line of the log is a JSON object, and a refused request's line
/// carries the id its answer gave in `X-Request-Id`.
#[rocket::async_test]
async fn json_logs_carry_the_request_id_of_the_answer() {
    let t = TestApp::start(&common::Backend::Sqlite).await;
    let log_path = t.dir.path().join("serve.json.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let env = [("RUST_LOG", "debug"), ("LOG_FORMAT", "json")];
    let service = Service::start_logging(&t, &env, log.into()).await;
    let missing = format!("/r/{}", "B".repeat(43));
    let first = service.request("GET", &missing, None).await.unwrap();
    let second = service.request("GET", &missing, None).await.unwrap();
    assert_eq!(first.status, 404);
    let id = first.request_id.clone().expect("an X-Request-Id");
    assert_eq!(id.len(), 16);
    assert_ne!(Some(id.clone()), second.request_id, "one id per request");
    service.kill();
    let written = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<serde_json::Value> = written
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(!lines.is_empty(), "the log was written");
    assert!(
        lines.iter().any(|l| l["fields"]["id"] == id.as_str()),
        "the refusal's line names {id}: {written}"
    );
    assert!(!written.contains(&"B".repeat(43)), "a token in the log");
    t.finish().await;
}
