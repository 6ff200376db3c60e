//! The load generator: N simulated respondents, each one keep-alive connection, each waiting
//! for an answer before its next request (a closed loop, like people at their browsers). The
//! same code drives the real service and the bare Rocket route.
use crate::http::Conn;
use crate::stats::Run;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One respondent: the path of their personal link, and whether a colleague shares the unit.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub path: String,
    pub shared: bool,
}

/// `GET path` in a loop for `duration`, one task per path.
pub async fn get_load(addr: SocketAddr, paths: &[String], duration: Duration) -> Run {
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = paths
        .iter()
        .map(|path| {
            let path = path.clone();
            tokio::spawn(async move {
                let mut conn = Conn::new(addr);
                let mut run = Run::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let outcome = conn.get(&path).await.map(|r| r.status);
                    run.record(&outcome, t.elapsed().as_micros() as u64);
                    if outcome.is_err() {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
                run
            })
        })
        .collect();
    let mut total = Run::default();
    for task in tasks {
        if let Ok(run) = task.await {
            total.merge(run);
        }
    }
    total.seconds = start.elapsed().as_secs_f64();
    total
}

/// What the save workload did; `posts` holds every draft and submit POST.
#[derive(Debug, Default, Clone)]
pub struct SaveRun {
    pub posts: Run,
    pub respondents: u64,
    /// Respondents whose final submit was accepted.
    pub submitted: u64,
    /// 409 answers to respondents alone on their unit: nobody else could have saved.
    pub conflicts_alone: u64,
    /// Page GETs that did not give a page with a version (any status but 200, or no answer).
    pub page_failures: u64,
}

/// Each respondent, until `duration` has passed: GET the page, read `_version`, POST a draft
/// with one answer changed; then GET and POST `_action=submit` (again after a 409, at most 5
/// times). The timed span ends when the last respondent has submitted.
pub async fn save_load(
    addr: SocketAddr,
    respondents: &[Respondent],
    answers: &str,
    duration: Duration,
) -> SaveRun {
    let start = Instant::now();
    let deadline = start + duration;
    let answers: Arc<str> = answers.into();
    let tasks: Vec<_> = respondents
        .iter()
        .map(|r| {
            let (r, answers) = (r.clone(), answers.clone());
            tokio::spawn(async move { respond(addr, &r, &answers, deadline).await })
        })
        .collect();
    let mut total = SaveRun {
        respondents: respondents.len() as u64,
        ..Default::default()
    };
    for task in tasks {
        if let Ok(one) = task.await {
            total.posts.merge(one.posts);
            total.submitted += one.submitted;
            total.conflicts_alone += one.conflicts_alone;
            total.page_failures += one.page_failures;
        }
    }
    total.posts.seconds = start.elapsed().as_secs_f64();
    total
}

async fn respond(addr: SocketAddr, r: &Respondent, answers: &str, deadline: Instant) -> SaveRun {
    let mut conn = Conn::new(addr);
    let mut run = SaveRun::default();
    let mut round = 0u32;
    while Instant::now() < deadline {
        let Some(version) = page_version(&mut conn, &r.path, &mut run).await else {
            continue;
        };
        round += 1;
        // One answer changes every time, so every draft is a real change.
        let body = format!(
            "_version={version}&_action=draft&staff_coomet={}&{answers}",
            round % 1000
        );
        post(&mut conn, r, &body, &mut run).await;
    }
    for _ in 0..5 {
        let Some(version) = page_version(&mut conn, &r.path, &mut run).await else {
            continue;
        };
        let body = format!("_version={version}&_action=submit&staff_coomet=3&{answers}");
        match post(&mut conn, r, &body, &mut run).await {
            Some(409) => continue,
            Some(200..=399) => run.submitted += 1,
            _ => {}
        }
        break;
    }
    run
}

async fn post(conn: &mut Conn, r: &Respondent, body: &str, run: &mut SaveRun) -> Option<u16> {
    let t = Instant::now();
    let outcome = conn
        .post_form(&r.path, body)
        .await
        .map(|reply| reply.status);
    run.posts.record(&outcome, t.elapsed().as_micros() as u64);
    match outcome {
        Ok(409) if !r.shared => run.conflicts_alone += 1,
        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        _ => {}
    }
    outcome.ok()
}

/// The version the page shows (its hidden `_version` input), or None after counting a failure.
async fn page_version(conn: &mut Conn, path: &str, run: &mut SaveRun) -> Option<i64> {
    let reply = conn.get(path).await;
    let version = match &reply {
        Ok(r) if r.status == 200 => version_in(&String::from_utf8_lossy(&r.body)),
        _ => None,
    };
    if version.is_none() {
        run.page_failures += 1;
        if reply.is_err() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    version
}

/// The value of `<input type="hidden" name="_version" value="N">` (templates/respond.hbs).
pub fn version_in(page: &str) -> Option<i64> {
    let at = page.find("name=\"_version\"")?;
    let rest = &page[at..];
    let value = &rest[rest.find("value=\"")? + 7..];
    value[..value.find('"')?].parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_read_from_the_hidden_input() {
        let page = r#"<form><input type="hidden" name="_version" value="12"><button>"#;
        assert_eq!(super::version_in(page), Some(12));
        assert_eq!(super::version_in("<p>nothing</p>"), None);
    }
}
