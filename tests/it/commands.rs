//! The command layer (`audit::Command`): an action and its line on the trail commit together
//! or not at all, the rules of a save hold in the domain whoever calls it, and an action above
//! the actor's role is refused before it starts.
use crate::common::{self, operator, TestApp};
use coomet_surveys::audit::{Actor, Authority};
use coomet_surveys::campaigns::{self, campaign, invitation};
use coomet_surveys::mail::outbox;
use coomet_surveys::responses::{self, Locked, Saved, Status};
use coomet_surveys::Error;
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait};

/// From now on the database refuses every line of the trail, as a full or broken table would.
async fn refuse_audit_lines(t: &TestApp) {
    let sql = match t.app.db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "CREATE FUNCTION audit_refused() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_refused();"
        }
        _ => {
            "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"
        }
    };
    t.app.db.execute_unprepared(sql).await.expect("trigger");
}

async fn queued_mail(t: &TestApp) -> u64 {
    outbox::Entity::find().count(&t.app.db).await.unwrap()
}

#[rocket::async_test]
async fn an_action_whose_audit_line_fails_leaves_nothing_behind() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.login_secretariat().await;
        let csrf = crate::directory::csrf(&t).await;
        refuse_audit_lines(&t).await;

        // Inviting writes invitations and their mails; none stays without its line.
        let refused = campaigns::invite(&t.app, &operator(), c).await;
        assert!(matches!(refused, Err(Error::Db(_))), "{refused:?}");
        let invitations = invitation::Entity::find().count(&t.app.db).await.unwrap();
        assert_eq!(invitations, 0, "no invitation without its audit line");
        assert_eq!(queued_mail(&t).await, 0, "no mail without its audit line");

        // Closing: the campaign stays open.
        assert!(campaigns::close(&t.app, &operator(), c).await.is_err());
        let open = campaign::Entity::find_by_id(c)
            .one(&t.app.db)
            .await
            .unwrap();
        assert_eq!(open.expect("campaign").status, campaign::Status::Open);

        // The same through the browser: the secretariat's click fails, and nothing changed.
        let form = [("csrf", csrf.as_str())];
        let (status, _, _) = t
            .post_form(&format!("/admin/campaigns/{c}/close"), &form)
            .await;
        assert_eq!(
            status.code, 500,
            "a trail that cannot be written is a fault"
        );
        let open = campaign::Entity::find_by_id(c)
            .one(&t.app.db)
            .await
            .unwrap();
        assert_eq!(open.expect("campaign").status, campaign::Status::Open);
    });
}

#[rocket::async_test]
async fn the_domain_refuses_a_save_into_a_closed_campaign_or_an_accepted_response() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        let token = mails["training.vniim@example.org"].token();
        let who = responses::respondent(&t.app, &token)
            .await
            .unwrap()
            .expect("a respondent");
        let answers = coomet_surveys::forms::Answers::new();
        let save = |status, version| responses::save(&t.app, &who, &answers, status, version);

        // Submitted, then accepted by the secretariat: no save changes it any more.
        let Saved::Saved(first) = save(Status::Submitted, 0).await.unwrap() else {
            panic!("the first save is taken");
        };
        let unit = common::unit("institute:VNIIM");
        responses::returning::accept(&t.app, c, &unit, &operator())
            .await
            .unwrap()
            .expect("accepted");
        let accepted = responses::current(&t.app.db, c, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(accepted.version, first.version + 1);
        let refused = save(Status::Submitted, accepted.version).await.unwrap();
        assert!(
            matches!(refused, Saved::Locked(Locked::Accepted)),
            "{refused:?}"
        );

        // Closed: refused too, even for a unit that never answered and a page shown before.
        campaigns::close(&t.app, &operator(), c).await.unwrap();
        let other = mails["training.nbsm@example.org"].token();
        let who = responses::respondent(&t.app, &other)
            .await
            .unwrap()
            .unwrap();
        let refused = responses::save(&t.app, &who, &answers, Status::Draft, 0)
            .await
            .unwrap();
        assert!(
            matches!(refused, Saved::Locked(Locked::Closed)),
            "{refused:?}"
        );
        let after = responses::current(&t.app.db, c, &unit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.version, accepted.version, "nothing was written");
        let none = responses::current(&t.app.db, c, &who.invitation.unit_key).await;
        assert!(none.unwrap().is_none(), "no response was made");
    });
}

#[rocket::async_test]
async fn an_action_above_the_actors_role_is_refused_before_it_starts() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let reviewer = Actor::staff("rev@example.org", None, Authority::Reviewer);
        let refused = campaigns::invite(&t.app, &reviewer, c).await;
        assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
        let refused = campaigns::close(&t.app, &reviewer, c).await;
        assert!(matches!(refused, Err(Error::Forbidden)), "{refused:?}");
        let invitations = invitation::Entity::find().count(&t.app.db).await.unwrap();
        assert_eq!(invitations, 0);
        let open = campaign::Entity::find_by_id(c)
            .one(&t.app.db)
            .await
            .unwrap();
        assert_eq!(open.expect("campaign").status, campaign::Status::Open);
    });
}

#[rocket::async_test]
async fn invitations_reminders_and_accounts_taken_at_once_happen_once_each() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let today = chrono::Utc::now().date_naive();
        let op = operator();
        // Eight invites and four reminders at the same moment, as from several browsers and
        // the command line: each contact is invited once, and every command has its line.
        let invites = (0..8).map(|_| campaigns::invite(&t.app, &op, c));
        let invited: Vec<usize> = futures_util::future::join_all(invites)
            .await
            .into_iter()
            .map(|r| r.expect("each invite commits or waits its turn"))
            .collect();
        let contacts = invitation::Entity::find().count(&t.app.db).await.unwrap();
        assert_eq!(
            invited.iter().sum::<usize>() as u64,
            contacts,
            "{invited:?}"
        );
        assert_eq!(invited.iter().filter(|n| **n > 0).count(), 1, "{invited:?}");
        let reminders =
            (0..4).map(|_| responses::reminders::remind(&t.app, &op, c, Default::default(), today));
        let reminded: Vec<usize> = futures_util::future::join_all(reminders)
            .await
            .into_iter()
            .map(|r| r.expect("each reminder commits"))
            .collect();
        assert_eq!(
            reminded.iter().sum::<usize>() as u64,
            contacts,
            "one a day each"
        );
        let (trail, _, _) = coomet_surveys::audit::page(&t.app.db, &Default::default(), 0, 100)
            .await
            .unwrap();
        // The opening, eight invites, four reminders.
        assert_eq!(trail.len(), 13, "one line per command");

        // Two secretaries create the same account at once: one creates it, the other is told
        // it exists, and the password set first stands.
        use coomet_surveys::directory::{accounts, staff, staff_user::Role};
        let passwords = ["first long passphrase", "second long passphrase"];
        let adds = passwords.map(|p| {
            accounts::add(
                &t.app.db,
                &op,
                "new@example.org",
                Role::Reviewer,
                p,
                accounts::IfExists::Refuse,
            )
        });
        let [a, b] = futures_util::future::join_all(adds)
            .await
            .try_into()
            .unwrap();
        let made = [a.unwrap(), b.unwrap()];
        assert_eq!(
            made.iter().filter(|m| m.is_some()).count(),
            1,
            "created once: {made:?}"
        );
        let winner = passwords[made.iter().position(|m| m.is_some()).unwrap()];
        let signed = staff::authenticate(&t.app.db, "new@example.org", winner).await;
        assert!(signed.unwrap().is_some(), "the creator's password stands");
    });
}
