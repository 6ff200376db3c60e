//! Issue 22's sign-in findings, on the running service over TCP with many clients at once:
//! the throttle holds under a burst, across two instances, on both databases; a browser that
//! signed in before is not locked out by strangers' guesses; a sign-in posted from another site
//! is refused; one's sessions are listed and can be ended.
use crate::common::{self, TestApp};
use crate::service::{Reply, Service};
use coomet_surveys::directory::{staff, staff_user::Role};
use std::net::{IpAddr, Ipv4Addr};
use std::process::Stdio;

const SEC: &str = "sec@example.org";
const PASSWORD: &str = "correct horse battery";

fn form(password: &str) -> String {
    common::encode(&[("email", SEC), ("password", password)])
}

fn address(n: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        127,
        0,
        1 + (n / 250) as u8,
        1 + (n % 250) as u8,
    ))
}

async fn sign_in(s: &Service, from: usize, password: &str, cookies: &[String]) -> Reply {
    let cookie = cookies.join("; ");
    let headers: Vec<(&str, &str)> = if cookie.is_empty() {
        vec![]
    } else {
        vec![("Cookie", cookie.as_str())]
    };
    let body = form(password);
    s.request_from(
        Some(address(from)),
        "POST",
        "/admin/login",
        Some(&body),
        &headers,
    )
    .await
    .expect("an answer")
}

/// Two instances over the test's database, logging to files; the logs say which attempts had
/// their password checked.
async fn two_instances(t: &TestApp) -> (Service, Service, [std::path::PathBuf; 2]) {
    let logs = [0, 1].map(|i| t.dir.path().join(format!("sign-in-{i}.log")));
    let start = |i: usize| {
        let file = std::fs::File::create(&logs[i]).unwrap();
        Service::start_logging(t, &[("RUST_LOG", "info")], Stdio::from(file))
    };
    let a = start(0).await;
    let b = start(1).await;
    (a, b, logs)
}

/// Attempts whose password was checked: failed, or signed in.
fn checked(logs: &[std::path::PathBuf]) -> usize {
    logs.iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .map(|log| {
            log.lines()
                .filter(|l| l.contains("sign-in failed") || l.contains("signed in"))
                .count()
        })
        .sum()
}

#[rocket::async_test]
async fn a_burst_of_guesses_is_let_through_no_further_than_one_at_a_time_would_be() {
    on_every_backend!(|t| {
        staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
            .await
            .unwrap();
        let (a, b, logs) = two_instances(&t).await;
        let burst = (0..100).map(|i| {
            let s = if i % 2 == 0 { &a } else { &b };
            sign_in(s, i, "wrong password here", &[])
        });
        let replies = futures_util::future::join_all(burst).await;
        let refused = replies.iter().filter(|r| r.status == 429).count();
        let wrong = replies.iter().filter(|r| r.status == 401).count();
        assert_eq!(
            (wrong, refused),
            (5, 95),
            "five free failures, the sixth starts the wait"
        );
        drop((a, b));
        assert_eq!(
            checked(&logs),
            6,
            "no more passwords hashed than one at a time would"
        );

        // After the wait, 39 wrong and the right one at once: still at most six checked.
        coomet_surveys::limits::forget_old(&t.app.db, far_future())
            .await
            .unwrap();
        let (a, b, logs) = two_instances(&t).await;
        let burst = (0..40).map(|i| {
            let s = if i % 2 == 0 { &a } else { &b };
            let password = if i == 20 {
                PASSWORD
            } else {
                "wrong password here"
            };
            sign_in(s, 200 + i, password, &[])
        });
        let replies = futures_util::future::join_all(burst).await;
        let signed_in = replies.iter().filter(|r| r.status == 303).count();
        assert!(signed_in <= 1);
        drop((a, b));
        assert!(checked(&logs) <= 6, "{} checked", checked(&logs));
    });
}

/// The secretariat's account, and the service running over it.
async fn with_account(t: &TestApp) -> Service {
    staff::add_user(&t.app.db, SEC, Role::Secretariat, PASSWORD)
        .await
        .unwrap();
    Service::start(t, &[]).await
}

fn far_future() -> chrono::DateTime<chrono::FixedOffset> {
    coomet_surveys::db::now() + chrono::Duration::days(1)
}

#[rocket::async_test]
async fn a_known_browser_signs_in_after_a_dozen_guesses_from_elsewhere() {
    on_every_backend!(|t| {
        let s = with_account(&t).await;
        let first = sign_in(&s, 1, PASSWORD, &[]).await;
        assert_eq!(first.status, 303);
        let device: Vec<String> = first
            .cookies
            .iter()
            .filter(|c| c.starts_with("__Host-device="))
            .cloned()
            .collect();
        assert_eq!(device.len(), 1, "{:?}", first.cookies);
        for i in 0..12 {
            sign_in(&s, 10 + i, "a stranger's guess", &[]).await;
        }
        let fresh = sign_in(&s, 50, PASSWORD, &[]).await;
        assert_eq!(
            fresh.status, 429,
            "an unknown browser waits, the right password too"
        );
        let known = sign_in(&s, 1, PASSWORD, &device).await;
        assert_eq!(
            known.status, 303,
            "the person's own browser is not locked out"
        );
        // From another address too (a laptop moves), and a known browser guessing waits.
        assert_eq!(sign_in(&s, 77, PASSWORD, &device).await.status, 303);
        let mut statuses = Vec::new();
        for _ in 0..7 {
            statuses.push(sign_in(&s, 1, "wrong again", &device).await.status);
        }
        assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429]);
        assert_eq!(sign_in(&s, 1, PASSWORD, &device).await.status, 429);
    });
}

#[rocket::async_test]
async fn a_sign_in_posted_from_another_site_is_refused() {
    on_every_backend!(|t| {
        let s = with_account(&t).await;
        let body = form(PASSWORD);
        for (name, value) in [
            ("Origin", "https://evil.example"),
            ("Origin", "null"),
            ("Referer", "https://evil.example/login.html"),
            ("Origin", "https://surveys.test.evil.example"),
        ] {
            let r = s
                .request_with("POST", "/admin/login", Some(&body), &[(name, value)])
                .await
                .unwrap();
            assert_eq!(r.status, 403, "{name}: {value}");
            assert!(r.cookies.iter().all(|c| !c.starts_with("__Host-staff")));
        }
        let own = [("Origin", common::PUBLIC_URL)];
        let r = s
            .request_with("POST", "/admin/login", Some(&body), &own)
            .await
            .unwrap();
        assert_eq!(r.status, 303);
    });
}

#[rocket::async_test]
async fn ones_sessions_are_listed_and_the_others_can_be_ended() {
    on_every_backend!(|t| {
        let s = with_account(&t).await;
        let session = |r: &Reply| {
            r.cookies
                .iter()
                .filter(|c| c.starts_with("__Host-staff="))
                .cloned()
                .collect::<Vec<String>>()
        };
        let laptop = session(&sign_in(&s, 1, PASSWORD, &[]).await);
        let office = session(&sign_in(&s, 2, PASSWORD, &[]).await);
        let page = |c: Vec<String>| {
            let s = &s;
            async move {
                let cookie = c.join("; ");
                s.request_with("GET", "/admin/password", None, &[("Cookie", &cookie)])
                    .await
                    .unwrap()
            }
        };
        let listed = page(office.clone()).await;
        assert_eq!(listed.status, 200);
        assert!(listed.body.contains("127.0.1.2") && listed.body.contains("127.0.1.3"));
        let doc = crate::html::Page::parse(&listed.body);
        let ends = doc.attrs("form[action$='/end']", "action");
        assert_eq!(
            ends.len(),
            1,
            "only the other session can be ended: {ends:?}"
        );
        let csrf = doc.attrs("input[name=csrf]", "value")[0].clone();
        let cookie = office.join("; ");
        let body = common::encode(&[("csrf", &csrf)]);
        let r = s
            .request_with("POST", &ends[0], Some(&body), &[("Cookie", &cookie)])
            .await
            .unwrap();
        assert_eq!(r.status, 303);
        assert_eq!(
            page(laptop).await.status,
            303,
            "the laptop's session has ended"
        );
        assert_eq!(page(office.clone()).await.status, 200, "this one goes on");

        // Signing in again from the same browser ends the session it had.
        let again = session(&sign_in(&s, 2, PASSWORD, &office).await);
        assert_eq!(page(office).await.status, 303);
        assert_eq!(page(again).await.status, 200);
    });
}
