//! Several instances of `serve` on one database, as behind a proxy: each message is delivered
//! once, the day's reminders are queued once, a staff session made on one instance opens the
//! other, a sign-in wait started on one holds on the other, and each periodic job is run by
//! the one instance that holds its lease.
use crate::common::{self, TestApp};
use crate::service::Service;
use coomet_surveys::jobs::lease::{self, Holder, Job};
use coomet_surveys::mail::outbox;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use smtp_sink::Sink;
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery";

async fn sign_in(service: &Service, password: &str) -> crate::service::Reply {
    let form = common::encode(&[("email", "sec@example.org"), ("password", password)]);
    service
        .request("POST", "/admin/login", Some(&form))
        .await
        .unwrap()
}

async fn delivered_everything(t: &TestApp) {
    let deadline = Instant::now() + Duration::from_secs(180);
    while common::unsent(&t.app).await > 0 {
        assert!(Instant::now() < deadline, "the outbox empties");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[rocket::async_test]
async fn two_instances_on_one_database_send_each_message_once_and_share_sessions_and_waits() {
    for backend in common::backends() {
        let sink = Sink::start().await.unwrap();
        let t = TestApp::start(&backend).await;
        let (_, invited) = t.campaign_with_reminders_due().await;
        assert_eq!(invited, 31);
        common::queue_many(&t.app, 1000).await;
        coomet_surveys::directory::staff::add_user(
            &t.app.db,
            "sec@example.org",
            coomet_surveys::directory::staff_user::Role::Secretariat,
            PASSWORD,
        )
        .await
        .unwrap();

        let url = sink.url();
        let env = [("SMTP_URL", url.as_str())];
        let (a, b) = tokio::join!(Service::start(&t, &env), Service::start(&t, &env));
        delivered_everything(&t).await;
        // Whatever either instance still had in hand has been recorded by now; a duplicate
        // would show as a second copy at the sink.
        tokio::time::sleep(Duration::from_secs(1)).await;

        let rows = outbox::Entity::find().all(&t.app.db).await.unwrap();
        let reminders = rows
            .iter()
            .filter(|r| r.kind == outbox::Kind::Reminder)
            .count();
        assert_eq!(
            reminders, 31,
            "{backend:?}: the day's reminders queued once"
        );
        assert_eq!(rows.len(), 1000 + 31 + 31);
        assert!(rows.iter().all(|r| r.status == outbox::Status::Sent));
        let ids = common::message_ids(&sink);
        let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{backend:?}: sent twice: {twice:?}");
        assert_eq!(sink.count(), rows.len(), "{backend:?}: each message once");
        for r in &rows {
            assert_eq!(ids.get(&r.message_id), Some(&1), "{}", r.message_id);
        }

        // One holder per periodic job, and /health says which.
        let leases = lease::all(&t.app.db).await.unwrap();
        assert_eq!(leases.len(), 2, "{leases:?}");
        let health = b.request("GET", "/health", None).await.unwrap();
        let health: serde_json::Value = serde_json::from_str(&health.body).unwrap();
        let jobs = health["jobs"].as_array().unwrap();
        assert_eq!(jobs.len(), 2);
        for lease in &leases {
            assert!(!lease.holder.is_empty());
            assert!(jobs.iter().any(|j| j["instance"] == lease.holder.as_str()));
        }

        // A session made on one instance opens the other.
        let signed = sign_in(&a, PASSWORD).await;
        assert_eq!(signed.status, 303, "signed in on the first instance");
        let cookie = signed.cookies.join("; ");
        let page = b
            .request_with("GET", "/admin", None, &[("Cookie", &cookie)])
            .await
            .unwrap();
        assert_eq!(
            page.status, 200,
            "{backend:?}: the session opens the second"
        );
        assert!(page.body.contains("sec@example.org"));
        let anonymous = b.request("GET", "/admin", None).await.unwrap();
        assert_eq!(anonymous.status, 303, "and without it, the sign-in page");

        // Wrong passwords on one instance make the other wait too, the right one included.
        let free = coomet_surveys::web::staff::throttle::FREE_FAILURES;
        for n in 0..free {
            let refused = sign_in(&a, "wrong password").await;
            assert_eq!(refused.status, 401, "failure {n}");
        }
        assert_eq!(sign_in(&b, "wrong password").await.status, 429);
        let right = sign_in(&b, PASSWORD).await;
        assert_eq!(
            right.status, 429,
            "{backend:?}: refused unchecked on the other"
        );
        assert!(right.cookies.iter().all(|c| !c.contains("staff")));

        drop((a, b));
        t.finish().await;
    }
}

#[rocket::async_test]
async fn a_job_lease_is_held_by_one_instance_until_handed_back_or_run_out() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        let (one, two) = (Holder::this_process(), Holder::this_process());
        let hour = Duration::from_secs(3600);
        assert!(lease::take(&t.app.db, Job::Schedule, &one, hour)
            .await
            .unwrap());
        assert!(!lease::take(&t.app.db, Job::Schedule, &two, hour)
            .await
            .unwrap());
        // The holder renews; another job is another lease.
        assert!(lease::take(&t.app.db, Job::Schedule, &one, hour)
            .await
            .unwrap());
        assert!(lease::take(&t.app.db, Job::Bounces, &two, hour)
            .await
            .unwrap());
        lease::release(&t.app.db, Job::Schedule, &two)
            .await
            .unwrap();
        assert!(
            !lease::take(&t.app.db, Job::Schedule, &two, hour)
                .await
                .unwrap(),
            "only the holder hands a lease back"
        );
        lease::release(&t.app.db, Job::Schedule, &one)
            .await
            .unwrap();
        assert!(lease::take(&t.app.db, Job::Schedule, &two, Duration::ZERO)
            .await
            .unwrap());
        // A lease that ran out (its holder died) is anyone's.
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(lease::take(&t.app.db, Job::Schedule, &one, hour)
            .await
            .unwrap());
        let held = lease::all(&t.app.db).await.unwrap();
        let schedule = held.iter().find(|l| l.name == "schedule").unwrap();
        assert_eq!(schedule.holder, one.as_str(), "{backend:?}");
        t.finish().await;
    }
}

/// Many holders at once: exactly one takes a free lease.
#[rocket::async_test]
async fn of_many_instances_taking_a_lease_at_once_exactly_one_gets_it() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        let hour = Duration::from_secs(3600);
        let tries: Vec<_> = (0..16)
            .map(|_| {
                let db = t.app.db.clone();
                tokio::spawn(async move {
                    let me = Holder::this_process();
                    lease::take(&db, Job::Bounces, &me, hour).await.unwrap()
                })
            })
            .collect();
        let mut won = 0;
        for t in tries {
            won += usize::from(t.await.unwrap());
        }
        assert_eq!(won, 1, "{backend:?}");
        let rows = lease::entity::Entity::find()
            .filter(lease::entity::Column::Name.eq("bounces"))
            .all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        t.finish().await;
    }
}

/// The failure count is a write that a crowd (or an attacker) hits at once: 100 unknown links
/// from one address at the same moment, over two instances, get exactly the 20 free 404s
/// between them, then 429, and never a fault.
#[rocket::async_test]
async fn a_hundred_wrong_links_at_once_are_counted_exactly_across_instances() {
    for backend in common::backends() {
        let t = TestApp::start(&backend).await;
        let (a, b) = tokio::join!(Service::start(&t, &[]), Service::start(&t, &[]));
        let (a, b) = (std::sync::Arc::new(a), std::sync::Arc::new(b));
        let tries: Vec<_> = (0..100)
            .map(|i| {
                let to = if i % 2 == 0 { a.clone() } else { b.clone() };
                tokio::spawn(async move {
                    let path = format!("/r/{:0>43}", i);
                    to.request("GET", &path, None).await.unwrap().status
                })
            })
            .collect();
        let mut statuses = std::collections::BTreeMap::new();
        for t in tries {
            *statuses.entry(t.await.unwrap()).or_insert(0) += 1;
        }
        let free = coomet_surveys::limits::LINKS.free as usize;
        assert_eq!(statuses.get(&404), Some(&free), "{backend:?}: {statuses:?}");
        assert_eq!(
            statuses.get(&429),
            Some(&(100 - free)),
            "{backend:?}: {statuses:?}"
        );
        drop((a, b));
        t.finish().await;
    }
}
