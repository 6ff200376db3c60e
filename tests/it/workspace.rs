//! The secretariat's workspace: every staff route tried by each role, every state-changing
//! request without its CSRF token refused with no effect, and every action on the audit trail.
use crate::common::{self, TestApp};
use coomet_surveys::audit::{self, Action};
use coomet_surveys::directory::{staff, staff_user::Role};
use rocket::http::{ContentType, Cookie, Status};
use rocket::local::asynchronous::Client;

const PASSWORD: &str = "correct horse battery";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Reviewer,
    Secretariat,
}

/// A client without a cookie jar, and the cookie and CSRF token of each role.
struct Visitors {
    client: Client,
    reviewer: (Cookie<'static>, String),
    secretariat: (Cookie<'static>, String),
}

async fn sign_in(client: &Client, email: &str) -> (Cookie<'static>, String) {
    let r = client
        .post("/admin/login")
        .header(ContentType::Form)
        .body(common::encode(&[("email", email), ("password", PASSWORD)]))
        .dispatch()
        .await;
    assert_eq!(r.status(), Status::SeeOther, "{email} signed in");
    let set = r
        .headers()
        .get("Set-Cookie")
        .find(|c| c.starts_with("__Host-staff="))
        .unwrap()
        .to_string();
    let cookie = Cookie::parse_encoded(set).unwrap().into_owned();
    let page = client
        .get("/admin/password")
        .cookie(Cookie::new(
            cookie.name().to_string(),
            cookie.value().to_string(),
        ))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    let csrf = crate::html::Page::parse(&page).input("csrf").unwrap();
    (cookie, csrf)
}

impl Visitors {
    async fn new(t: &TestApp) -> Visitors {
        for (email, role) in [
            ("rev@example.org", Role::Reviewer),
            ("sec@example.org", Role::Secretariat),
        ] {
            staff::add_user(&t.app.db, email, role, PASSWORD)
                .await
                .unwrap();
        }
        let rocket = coomet_surveys::web::rocket(t.app.clone()).unwrap();
        let client = Client::untracked(rocket).await.unwrap();
        let reviewer = sign_in(&client, "rev@example.org").await;
        let secretariat = sign_in(&client, "sec@example.org").await;
        Visitors {
            client,
            reviewer,
            secretariat,
        }
    }

    fn session(&self, who: Who) -> Option<&(Cookie<'static>, String)> {
        match who {
            Who::Anonymous => None,
            Who::Reviewer => Some(&self.reviewer),
            Who::Secretariat => Some(&self.secretariat),
        }
    }

    async fn get(&self, who: Who, path: &str) -> Status {
        let mut req = self.client.get(path);
        if let Some((c, _)) = self.session(who) {
            req = req.cookie(Cookie::new(c.name().to_string(), c.value().to_string()));
        }
        req.dispatch().await.status()
    }

    /// Posts `fields`, with the role's CSRF token when `csrf` is true and a wrong one if not.
    async fn post(&self, who: Who, path: &str, csrf: bool, fields: &[(&str, &str)]) -> Status {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let token = self.session(who).map(|(_, t)| t.as_str()).unwrap_or("");
        all.push(("csrf", if csrf { token } else { "forged" }));
        let mut req = self
            .client
            .post(path)
            .header(ContentType::Form)
            .body(common::encode(&all));
        if let Some((c, _)) = self.session(who) {
            req = req.cookie(Cookie::new(c.name().to_string(), c.value().to_string()));
        }
        req.dispatch().await.status()
    }
}

/// What the database holds that a refused request must not change.
async fn state(t: &TestApp) -> (u64, u64, String, usize, String) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let trail = audit::entry::Entity::find().count(&t.app.db).await.unwrap();
    let mail = coomet_surveys::mail::outbox::Entity::find()
        .count(&t.app.db)
        .await
        .unwrap();
    let campaigns = coomet_surveys::campaigns::campaign::Entity::find()
        .all(&t.app.db)
        .await
        .unwrap();
    let users = coomet_surveys::directory::staff_user::Entity::find()
        .all(&t.app.db)
        .await
        .unwrap();
    (
        trail,
        mail,
        format!("{campaigns:?}"),
        users.iter().filter(|u| u.active).count(),
        directory(t).await,
    )
}

/// The directory as it stands, to compare before and after.
async fn directory(t: &TestApp) -> String {
    use coomet_surveys::directory::api_tokens::api_token;
    use coomet_surveys::directory::{contact, country_year, institute};
    use sea_orm::EntityTrait;
    let db = &t.app.db;
    format!(
        "{:?}{:?}{:?}{:?}",
        contact::Entity::find().all(db).await.unwrap(),
        institute::Entity::find().all(db).await.unwrap(),
        country_year::Entity::find().all(db).await.unwrap(),
        api_token::Entity::find().all(db).await.unwrap()
    )
}

/// What the tour of the routes works on: a campaign with invitations, the reviewer's account,
/// an institute and one of its contacts.
struct Tour {
    c: i32,
    rev: i32,
    vniim: i32,
    person: i32,
    person_email: String,
    year: String,
    /// training-needs with its title reworded: a version 2 to publish.
    survey: String,
}

async fn tour(t: &TestApp) -> Tour {
    use coomet_surveys::directory::{contact, institute};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let c = t.open_campaign("training-needs", 2026).await;
    coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
        .await
        .unwrap();
    let rev = staff::find(&t.app.db, "rev@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let vniim = institute::Entity::find()
        .filter(institute::Column::Acronym.eq("VNIIM"))
        .one(&t.app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let person = contact::Entity::find()
        .filter(contact::Column::InstituteId.eq(vniim))
        .one(&t.app.db)
        .await
        .unwrap()
        .unwrap();
    Tour {
        c,
        rev,
        vniim,
        person: person.id,
        person_email: person.email,
        year: "2031".into(),
        survey: crate::versions::training_needs().replace(
            "title = { en = \"Training needs and offers\"",
            "title = { en = \"Training needs and training offers\"",
        ),
    }
}

/// Every page, and what a reviewer gets: reviewers read the results (the secretariat's
/// progress pages send them there); the outbox, accounts and trail are the secretariat's.
fn reads(f: &Tour) -> Vec<(String, Status)> {
    let Tour {
        c, vniim, person, ..
    } = f;
    vec![
        ("/admin".to_string(), Status::SeeOther),
        (format!("/admin/campaigns/{c}"), Status::SeeOther),
        ("/review".into(), Status::Ok),
        (format!("/review/campaigns/{c}"), Status::Ok),
        (
            format!("/review/campaigns/{c}/export?format=csv"),
            Status::Ok,
        ),
        ("/admin/password".into(), Status::Ok),
        ("/admin/api-tokens".into(), Status::Forbidden),
        ("/admin/campaigns/new".into(), Status::Forbidden),
        (format!("/admin/campaigns/{c}/remind"), Status::Forbidden),
        (
            format!("/admin/campaigns/{c}/preview/invitation"),
            Status::Forbidden,
        ),
        (
            format!("/admin/campaigns/{c}/preview/invitation/html"),
            Status::Forbidden,
        ),
        ("/admin/outbox".into(), Status::Forbidden),
        ("/admin/outbox/1".into(), Status::Forbidden),
        ("/admin/outbox/1/html".into(), Status::Forbidden),
        ("/admin/staff".into(), Status::Forbidden),
        ("/admin/audit".into(), Status::Forbidden),
        (
            format!("/admin/campaigns/{c}/units/institute:NBSM"),
            Status::Forbidden,
        ),
        (format!("/admin/campaigns/{c}/digest"), Status::Forbidden),
        ("/admin/directory".into(), Status::Forbidden),
        (
            format!("/admin/directory/institutes/{vniim}"),
            Status::Forbidden,
        ),
        ("/admin/contacts".into(), Status::Forbidden),
        (
            "/admin/contacts?bounced=true&country=RU&q=a".into(),
            Status::Forbidden,
        ),
        (format!("/admin/contacts/{person}"), Status::Forbidden),
        ("/admin/contacts/import".into(), Status::Forbidden),
        ("/admin/contacts.csv".into(), Status::Forbidden),
        ("/admin/handovers".into(), Status::Forbidden),
        // Reviewers read the surveys and their versions; publishing is the secretariat's.
        ("/admin/forms".into(), Status::Ok),
        ("/admin/forms/training-needs".into(), Status::Ok),
        ("/admin/forms/training-needs/1/preview".into(), Status::Ok),
        ("/admin/forms/training-needs/1/source".into(), Status::Ok),
        (
            format!("/admin/campaigns/{c}/correct?version=2"),
            Status::Forbidden,
        ),
    ]
}

/// Anonymous visitors are sent to sign in, reviewers get what `reads` says, the secretariat
/// reads everything.
async fn every_page_answers_each_role(v: &Visitors, f: &Tour) {
    for (path, expected) in &reads(f) {
        let path = path.as_str();
        assert_eq!(
            v.get(Who::Anonymous, path).await,
            Status::SeeOther,
            "anonymous {path}"
        );
        assert_eq!(
            v.get(Who::Reviewer, path).await,
            *expected,
            "reviewer {path}"
        );
        assert_eq!(
            v.get(Who::Secretariat, path).await,
            Status::Ok,
            "secretariat {path}"
        );
    }
}

/// Every state-changing form with the fields it takes.
fn writes(f: &Tour) -> Vec<(String, Vec<(&str, &str)>)> {
    let Tour {
        c,
        rev,
        vniim,
        person,
        person_email,
        year,
        survey,
    } = f;
    vec![
        (
            "/admin/forms/publish".into(),
            vec![("name", "training-needs.toml"), ("source", survey), ("base", "1")],
        ),
        (format!("/admin/campaigns/{c}/invite"), vec![]),
        // Refused when done (version 1 is the campaign's own), but only the secretariat's.
        (format!("/admin/campaigns/{c}/correct"), vec![("version", "1")]),
        (
            format!("/admin/campaigns/{c}/remind"),
            vec![("unit", "institute:NBSM"), ("note", "x")],
        ),
        (
            format!("/admin/campaigns/{c}/schedule"),
            vec![("days", "7"), ("max", "1"), ("gap", "2")],
        ),
        (format!("/admin/campaigns/{c}/digest"), vec![]),
        (
            format!("/admin/campaigns/{c}/return"),
            vec![("unit", "institute:NBSM"), ("note", "x")],
        ),
        ("/admin/mail/send".into(), vec![]),
        (
            "/admin/campaigns".into(),
            vec![("form", "oiml-usage"), ("year", year), ("closes", "")],
        ),
        (
            format!("/admin/campaigns/{c}/extend"),
            vec![("closes", "2099-01-01")],
        ),
        (
            format!("/admin/campaigns/{c}/units/institute:NBSM/accept"),
            vec![],
        ),
        (
            "/admin/directory/status".into(),
            vec![("country", "AM"), ("year", "2027"), ("ceems", "true")],
        ),
        (
            "/admin/directory/institutes".into(),
            vec![
                ("acronym", "NEWI"),
                ("country", "RU"),
                ("name_en", "New Institute"),
                ("name_ru", ""),
                ("kind", "DI"),
            ],
        ),
        (
            format!("/admin/directory/institutes/{vniim}"),
            vec![
                ("acronym", "VNIIM"),
                ("country", "RU"),
                ("name_en", "D. I. Mendeleyev Institute for Metrology"),
                ("name_ru", "ВНИИМ им. Д. И. Менделеева"),
                ("kind", "NMI"),
            ],
        ),
        (
            format!("/admin/directory/institutes/{vniim}/contacts"),
            vec![
                ("name", "Anna Petrova"),
                ("email", "anna@vniim.example.org"),
                ("language", "ru"),
                ("roles", "training"),
                ("active", "true"),
            ],
        ),
        (
            format!("/admin/contacts/{person}"),
            vec![
                ("name", "Renamed Person"),
                ("email", person_email),
                ("language", "en"),
                ("roles", "general"),
                ("active", "true"),
            ],
        ),
        (
            "/admin/contacts/import/confirm".into(),
            vec![(
                "text",
                "institute,name,email,language,roles\nUNIIM,Oleg,oleg@uniim.example.org,ru,general\n",
            )],
        ),
        ("/admin/handovers/1/confirm".into(), vec![("retire", "true")]),
        ("/admin/handovers/1/decline".into(), vec![]),
        (format!("/admin/campaigns/{c}/close"), vec![]),
        (format!("/admin/campaigns/{c}/reopen"), vec![("closes", "")]),
        (format!("/admin/campaigns/{c}/delete"), vec![]),
        (
            "/admin/staff".into(),
            vec![
                ("email", "new@example.org"),
                ("role", "reviewer"),
                ("password", PASSWORD),
            ],
        ),
        (
            format!("/admin/staff/{rev}/role"),
            vec![("role", "secretariat")],
        ),
        (
            format!("/admin/staff/{rev}/password"),
            vec![("password", "another long passphrase")],
        ),
        (format!("/admin/staff/{rev}/deactivate"), vec![]),
        (
            "/admin/api-tokens".into(),
            vec![("name", "forged"), ("scope", "read")],
        ),
        ("/admin/api-tokens/1/revoke".into(), vec![]),
    ]
}

/// Nobody changes anything without the right token, reviewers not at all; even one's own
/// password and signing out need the token.
async fn forged_and_reviewers_changes_are_refused(
    v: &Visitors,
    writes: &[(String, Vec<(&str, &str)>)],
) {
    for (path, fields) in writes {
        assert_eq!(
            v.post(Who::Anonymous, path, true, fields).await,
            Status::SeeOther,
            "anonymous {path}"
        );
        assert_eq!(
            v.post(Who::Reviewer, path, true, fields).await,
            Status::Forbidden,
            "reviewer {path}"
        );
        assert_eq!(
            v.post(Who::Secretariat, path, false, fields).await,
            Status::Forbidden,
            "forged {path}"
        );
    }
    // The import's preview changes nothing, but reads the directory: the secretariat's.
    let preview = [("text", "institute,name,email,language,roles\n")];
    let path = "/admin/contacts/import";
    assert_eq!(
        v.post(Who::Reviewer, path, true, &preview).await,
        Status::Forbidden
    );
    assert_eq!(
        v.post(Who::Secretariat, path, false, &preview).await,
        Status::Forbidden
    );
    assert_eq!(
        v.post(Who::Secretariat, path, true, &preview).await,
        Status::Ok
    );
    // Checking an upload changes nothing, but it is the secretariat's.
    let file = [("file", "id = \"x\"")];
    assert_eq!(
        v.post(Who::Reviewer, "/admin/forms/upload", true, &file)
            .await,
        Status::Forbidden
    );
    assert_eq!(
        v.post(Who::Secretariat, "/admin/forms/upload", false, &file)
            .await,
        Status::Forbidden
    );
    // Even one's own password and signing out need the token.
    let own = [
        ("current", PASSWORD),
        ("password", "another long passphrase"),
    ];
    assert_eq!(
        v.post(Who::Secretariat, "/admin/password", false, &own)
            .await,
        Status::Forbidden
    );
    assert_eq!(
        v.post(Who::Secretariat, "/admin/logout", false, &[]).await,
        Status::Forbidden
    );
    for path in ["/admin/sessions/end-others", "/admin/sessions/1/end"] {
        assert_eq!(
            v.post(Who::Reviewer, path, false, &[]).await,
            Status::Forbidden,
            "{path}"
        );
    }
}

/// Done for real, each action lands on the trail.
async fn every_action_lands_on_the_trail(
    t: &TestApp,
    v: &Visitors,
    writes: &[(String, Vec<(&str, &str)>)],
    c: i32,
) {
    // Done for real, each action lands on the trail.
    for (path, fields) in writes {
        let status = v.post(Who::Secretariat, path, true, fields).await;
        // A new API token is shown on the page that answers, once, not after a redirect.
        let want = match path.as_str() {
            "/admin/api-tokens" => Status::Ok,
            _ => Status::SeeOther,
        };
        assert_eq!(status, want, "secretariat {path}");
    }
    let (entries, _, _) = audit::page(&t.app.db, &Default::default(), 0, 1000)
        .await
        .unwrap();
    let done: std::collections::HashSet<Action> = entries.iter().map(|e| e.action).collect();
    for action in [
        Action::SignIn,
        Action::ApiTokenCreate,
        Action::ApiTokenRevoke,
        Action::Invite,
        Action::Remind,
        Action::MailSend,
        Action::CampaignOpen,
        Action::CampaignExtend,
        Action::CampaignClose,
        Action::CampaignReopen,
        Action::UserAdd,
        Action::UserChange,
        Action::PasswordReset,
        Action::UserDeactivate,
        Action::ContactExport,
        Action::CountryStatus,
        Action::InstituteAdd,
        Action::InstituteChange,
        Action::ContactAdd,
        Action::ContactChange,
        Action::ContactImport,
        Action::FormPublish,
    ] {
        assert!(
            done.contains(&action),
            "{action:?} is on the trail: {done:?}"
        );
    }
    let opened = entries
        .iter()
        .find(|e| e.action == Action::CampaignOpen)
        .unwrap();
    assert_eq!(opened.actor, "sec@example.org");
    assert_eq!(
        opened.detail.as_deref(),
        Some("oiml-usage 2031 (version 1)")
    );
    // The campaign had invitations but no answer: it could be deleted, and was.
    assert!(done.contains(&Action::CampaignDelete));
    assert!(coomet_surveys::campaigns::get(&t.app.db, c).await.is_err());
}

#[rocket::async_test]
async fn every_staff_route_answers_each_role_as_it_may_and_refuses_forged_forms() {
    on_every_backend!(|t| {
        let v = Visitors::new(&t).await;
        let f = tour(&t).await;
        every_page_answers_each_role(&v, &f).await;
        let writes = writes(&f);
        let before = state(&t).await;
        forged_and_reviewers_changes_are_refused(&v, &writes).await;
        assert_eq!(
            state(&t).await,
            before,
            "no refused request changed anything"
        );
        every_action_lands_on_the_trail(&t, &v, &writes, f.c).await;
    });
}

#[rocket::async_test]
async fn a_response_is_read_with_its_history_in_either_language() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let link = t.invite_and_send(c).await["research.nbsm@example.org"].link_path();
        let mut fields = vec![
            ("_version", "0"),
            ("fields", "TC 1.3"),
            ("fields.detail.2", "AC power"),
            ("needs._rows", "1"),
            ("needs.0.topic", "Uncertainty of AC power measurements"),
            ("needs.0.field", "TC 1.3"),
            ("needs.0.format", "webinar"),
            ("needs.0.staff", "5"),
            ("elearning_tools", "lms"),
            ("staff_coomet", "3"),
            ("_action", "draft"),
        ];
        assert_eq!(t.post_form(&link, &fields).await.0, Status::SeeOther);
        fields[0] = ("_version", "1");
        fields[7] = ("needs.0.staff", "12");
        fields[10] = ("_action", "submit");
        assert_eq!(t.post_form(&link, &fields).await.0, Status::SeeOther);

        t.login_secretariat().await;
        let (_, campaign) = t.get(&format!("/admin/campaigns/{c}")).await;
        let href = format!("/admin/campaigns/{c}/units/institute:NBSM");
        assert!(campaign.contains(&href), "the unit links to its response");
        let (status, page) = t.get(&format!("{href}?in_lang=en")).await;
        assert_eq!(status, Status::Ok);
        let doc = crate::html::Page::parse(&page);
        assert!(page.contains("Uncertainty of AC power measurements"));
        // The second save changed one answer: 5 before, 12 after, by the person who saved.
        assert_eq!(doc.count("h3"), 2, "two saves");
        assert!(page.contains("research.nbsm@example.org"));
        assert!(page.contains("<del>5 people</del>"), "{page}");
        assert!(page.contains("<ins>12 people</ins>"));
        let (_, ru) = t.get(&format!("{href}?in_lang=ru")).await;
        assert!(
            ru.contains("Неопределённость") || ru.contains("Вебинар") || ru.contains("вебинар"),
            "labels in Russian"
        );
        assert_eq!(
            doc.count("form[action$='/return'] textarea[name=note]"),
            1,
            "returnable"
        );

        // Accepted: the link shows the answers read-only and refuses a save; returning it
        // reopens it.
        let csrf = {
            let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
            page[at..]
                .chars()
                .take_while(|c| *c != '"')
                .collect::<String>()
        };
        let accept = format!("{href}/accept");
        let (status, _, _) = t.post_form(&accept, &[("csrf", &csrf)]).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&href).await;
        assert!(page.contains("Accepted by sec@example.org"), "{page}");
        assert!(
            page.contains("accepted by the secretariat"),
            "the history says so"
        );
        assert!(page.contains("· draft saved</h3>"), "{page}");
        // The history's words follow the page's language.
        t.get("/lang/ru").await;
        let (_, ru_page) = t.get(&href).await;
        for said in [
            "принято секретариатом",
            "· отправлено</h3>",
            "· черновик сохранён</h3>",
        ] {
            assert!(ru_page.contains(said), "{said}: {ru_page}");
        }
        t.get("/lang/en").await;
        let (_, progress) = t.get(&format!("/admin/campaigns/{c}")).await;
        assert!(
            progress.contains("submitted · accepted"),
            "the progress says so too"
        );
        let (_, form) = t.get(&link).await;
        assert!(form.contains("accepted these answers"));
        assert_eq!(
            crate::html::Page::parse(&form).count("main input"),
            0,
            "the answers read-only, no form"
        );
        fields[0] = ("_version", "3");
        let (status, refused, _) = t.post_form(&link, &fields).await;
        assert_eq!(status, Status::Conflict);
        assert!(refused.contains("can no longer be changed"));
        let back = [
            ("csrf", csrf.as_str()),
            ("unit", "institute:NBSM"),
            ("note", "Please check"),
        ];
        let returned = format!("/admin/campaigns/{c}/return");
        assert_eq!(t.post_form(&returned, &back).await.0, Status::SeeOther);
        let (_, form) = t.get(&link).await;
        assert_eq!(
            crate::html::Page::parse(&form).count("fieldset.whole[disabled]"),
            0
        );
    });
}

#[rocket::async_test]
async fn per_contact_and_per_country_surveys_speak_to_their_unit() {
    on_every_backend!(|t| {
        // csb-satisfaction is answered by each contact alone: no colleague answers for them.
        let c = t.open_campaign("csb-satisfaction", 2026).await;
        coomet_surveys::campaigns::invite(&t.app, &common::operator(), c)
            .await
            .unwrap();
        let today = chrono::Utc::now().date_naive();
        let operator = common::operator();
        coomet_surveys::responses::reminders::remind(
            &t.app,
            &operator,
            c,
            Default::default(),
            today,
        )
        .await
        .unwrap();
        t.send().await;
        let mails = t.mails();
        let mail = mails
            .values()
            .find(|m| m.message_id.contains("reminder"))
            .expect("a reminder");
        let text = &common::decoded(&mail.raw);
        assert!(
            !text.contains("colleague") && !text.contains("коллега"),
            "{text}"
        );
        assert!(
            text.contains("you have not yet submitted") || text.contains("вы ещё не отправили"),
            "{text}"
        );
        // oiml-usage is answered per country: its page names the country.
        let o = t.open_campaign("oiml-usage", 2026).await;
        let link = t
            .invite_and_send(o)
            .await
            .into_values()
            .next()
            .unwrap()
            .link_path();
        let (_, page) = t.get(&format!("{link}?lang=en")).await;
        assert!(page.contains("One response for "), "{page}");
    });
}

#[rocket::async_test]
async fn the_progress_shows_each_contacts_mails_and_filters_by_status_and_country() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        let mails = t.invite_and_send(c).await;
        // A mail scanner opens a link: nothing changes.
        assert_eq!(
            t.get(&mails["training.nbsm@example.org"].link_path())
                .await
                .0,
            Status::Ok
        );
        t.login_secretariat().await;
        let (status, page) = t.get(&format!("/admin/campaigns/{c}")).await;
        assert_eq!(status, Status::Ok);
        let doc = crate::html::Page::parse(&page);
        assert_eq!(
            doc.count("ul.mails li.status-sent"),
            31,
            "one delivered invitation each"
        );
        assert!(page.contains("invitation: sent"));
        assert!(page.contains("23 of 23 units shown"));
        let (_, am) = t
            .get(&format!("/admin/campaigns/{c}?status=invited&country=AM"))
            .await;
        let doc = crate::html::Page::parse(&am);
        assert!(am.contains("1 of 23 units shown"), "NBSM only");
        assert_eq!(doc.count("ul.mails li"), 2, "its two contacts' invitations");
        let (_, none) = t
            .get(&format!("/admin/campaigns/{c}?status=submitted"))
            .await;
        assert!(
            none.contains("0 of 23 units shown"),
            "nobody submitted: a GET changed nothing"
        );
    });
}

#[rocket::async_test]
async fn a_refused_campaign_says_why_in_the_users_language_on_the_form() {
    on_every_backend!(|t| {
        let c = t.open_campaign("training-needs", 2026).await;
        t.login_secretariat().await;
        let (_, page) = t.get("/admin/campaigns/new").await;
        let csrf = crate::html::Page::parse(&page).input("csrf").unwrap();
        let twice = [
            ("csrf", csrf.as_str()),
            ("form", "training-needs"),
            ("year", "2026"),
            ("closes", ""),
        ];
        let (status, _, to) = t.post_form("/admin/campaigns", &twice).await;
        assert_eq!(status, Status::SeeOther);
        let (_, page) = t.get(&to.unwrap()).await;
        let text = format!("This survey already has a campaign for that year (campaign {c}).");
        assert!(page.contains(&text), "{page}");
        let past = [
            ("csrf", csrf.as_str()),
            ("form", "oiml-usage"),
            ("year", "2026"),
            ("closes", "2020-01-01"),
        ];
        let (_, _, to) = t.post_form("/admin/campaigns", &past).await;
        let (_, page) = t.get(&to.unwrap()).await;
        assert!(
            page.contains("The closing date 01.01.2020 is in the past"),
            "{page}"
        );
        assert_eq!(
            coomet_surveys::responses::progress::list(&t.app.db)
                .await
                .unwrap()
                .len(),
            1
        );
    });
}
