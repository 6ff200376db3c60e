//! Issue 22's critical finding, tried as the attacker did: text that looks like a link
//! placeholder, typed wherever outside text reaches a mail (answers, names, notes, imported rows,
//! a colleague proposed), never becomes a link. Every link delivered is one the service's own
//! template asked for, opens the recipient's own invitation, and is traced to its message.
use crate::common::{self, TestApp};
use coomet_surveys::campaigns::entities::{access_token, invitation};
use coomet_surveys::directory::contact;
use coomet_surveys::mail::{outbox, Kind};
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// Every placeholder form the releases used, and a guess at the current marker's shape.
const FORGED: &str = "{{LINK}} {{LINK:1}} {{LINK:2}} {{LINK:3}} {{{LINK:4}}} \
                      lnk00000000000000000000000000000000n0z";

#[rocket::async_test]
async fn text_from_outside_never_becomes_a_link() {
    on_every_backend!(|t| {
        t.login_secretariat().await;
        let csrf = crate::directory::csrf(&t).await;
        let row = format!("NBSM,\"Imported {FORGED}\",imported.nbsm@example.org,ru,training\n");
        let csv = format!("institute,name,email,language,roles\n{row}");
        assert_eq!(
            crate::directory::confirm(&t, &csrf, &csv).await.0,
            Status::SeeOther
        );
        let imported = contact::Entity::find()
            .filter(contact::Column::Email.eq("imported.nbsm@example.org"))
            .one(&t.app.db)
            .await
            .unwrap();
        assert!(imported.is_some(), "the forged row was imported as data");
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        // Named after the invitations, so that the map of mails by address can read its own.
        rename(&t, "training.vniim@example.org").await;
        let nbsm = mails["training.nbsm@example.org"].link_path();
        let answers = [
            ("_version", "0"),
            ("_action", "submit"),
            ("fields", "TC 1.3"),
            ("needs._rows", "1"),
            ("needs.0.topic", FORGED),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.format", "webinar"),
            ("needs.0.staff", "5"),
        ];
        let (status, page, _) = t.post_form(&nbsm, &answers).await;
        assert_eq!(status, Status::SeeOther, "{page}");
        let pass = format!("{nbsm}/pass?lang=en");
        let colleague = [
            ("name", FORGED),
            ("email", "colleague@nbsm.example.org"),
            ("language", "en"),
            ("note", FORGED),
        ];
        assert_eq!(t.post_form(&pass, &colleague).await.0, Status::Ok);
        let proposal = coomet_surveys::campaigns::handover::Entity::find()
            .one(&t.app.db)
            .await
            .unwrap()
            .unwrap();
        let by = coomet_surveys::audit::Actor::staff(
            "sec@example.org",
            None,
            coomet_surveys::audit::Authority::Secretariat,
        );
        coomet_surveys::campaigns::handovers::confirm(&t.app, &by, proposal.id, false)
            .await
            .unwrap()
            .expect("confirmed");
        let vniim = mails["training.vniim@example.org"].link_path();
        let (status, _, _) = t.post_form(&vniim, &answers).await;
        assert_eq!(status, Status::SeeOther);
        let unit = common::unit("institute:VNIIM");
        let note = format!("Please correct: {FORGED}");
        coomet_surveys::responses::returning::return_for_correction(&t.app, c, &unit, &note, &by)
            .await
            .unwrap()
            .expect("returned");
        let what = coomet_surveys::responses::reminders::Reminding {
            units: None,
            note: Some(format!("Please answer: {FORGED}")),
        };
        let today = chrono::Utc::now().date_naive();
        coomet_surveys::responses::reminders::remind(&t.app, &by, c, what, today)
            .await
            .unwrap();
        coomet_surveys::responses::digest::send(&t.app, &by, c)
            .await
            .unwrap()
            .expect("a digest");
        coomet_surveys::responses::resend_links(&t.app, "training.vniim@example.org")
            .await
            .unwrap();
        t.send().await;

        let sent = every_link_is_the_recipients_own(&t).await;
        for kind in [
            Kind::Confirmation,
            Kind::Returned,
            Kind::Digest,
            Kind::LostLink,
            Kind::Reminder,
        ] {
            assert!(sent.contains(&kind), "a {kind:?} mail quoted the text");
        }
    });
}

/// Gives the contact a name holding the placeholders, as the directory's form would.
async fn rename(t: &TestApp, email: &str) {
    let person = contact::Entity::find()
        .filter(contact::Column::Email.eq(email))
        .one(&t.app.db)
        .await
        .unwrap()
        .unwrap();
    let mut am: contact::ActiveModel = person.into();
    am.name = Set(format!("Pyotr {FORGED}"));
    am.update(&t.app.db).await.unwrap();
}

/// Checks every delivered message against the links minted for it: each carries exactly the
/// links traced to it, each of them the recipient's own, and the text stays text. Returns the
/// kinds of the messages that quoted the forged text.
async fn every_link_is_the_recipients_own(t: &TestApp) -> Vec<Kind> {
    let tokens = access_token::Entity::find().all(&t.app.db).await.unwrap();
    let owner: HashMap<i32, i32> = invitation::Entity::find()
        .all(&t.app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.contact_id))
        .collect();
    let sent = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(outbox::Status::Sent))
        .all(&t.app.db)
        .await
        .unwrap();
    assert!(sent.len() > 40, "{} sent", sent.len());
    let mut quoting = Vec::new();
    for m in &sent {
        assert!(
            !m.subject.starts_with('['),
            "a subject without its text: {m:?}"
        );
        let minted: Vec<&access_token::Model> = tokens
            .iter()
            .filter(|k| k.outbox_id == Some(m.id))
            .collect();
        for k in &minted {
            assert_eq!(owner[&k.invitation_id], m.contact_id.unwrap(), "{m:?}");
        }
        let eml = std::fs::read_to_string(t.app.config.outbox_dir().join(format!("{}.eml", m.id)))
            .unwrap();
        let links = coomet_surveys::mail::links_in(&eml, &t.app.mailer.public_url);
        assert_eq!(links.len(), minted.len(), "message {} ({:?})", m.id, m.kind);
        let expected = match m.kind {
            Kind::Digest => 0,
            _ => 1,
        };
        assert_eq!(minted.len(), expected, "message {} ({:?})", m.id, m.kind);
        if eml.contains("{{LINK:1}}") {
            assert!(eml.contains("lnk00000000000000000000000000000000n0z"));
            quoting.push(m.kind);
        }
    }
    assert!(
        tokens.iter().all(|k| k.outbox_id.is_some()),
        "every link traced to its message"
    );
    quoting
}
