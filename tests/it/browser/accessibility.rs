//! An automated accessibility check (issue 14): axe-core, from the npm registry (`tools/axe`,
//! installed by `.ci/run`), injected into every respondent page of the seven surveys, in
//! English and Russian, empty and after a refused submission: no serious or critical
//! violation of WCAG 2.2 A/AA rules.
use super::{browser, link_of, post, serve};
use crate::common;
use fantoccini::Client;

pub(super) fn axe_source() -> String {
    let path = common::root().join("tools/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (npm ci --prefix tools/axe, as .ci/run does)",
            path.display()
        )
    })
}

/// The serious and critical violations axe finds on the page shown, one line each.
pub(super) async fn violations(c: &Client, axe: &str) -> Vec<String> {
    c.execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
               runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
             }).then((r) => done({
                 checked: r.passes.length,
                 found: r.violations
                   .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                   .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)
                     .map((n) => n.target.join(' ')).join(', ')),
               }))
               .catch((e) => done({ checked: 0, found: ['axe failed: ' + e] }));",
            vec![],
        )
        .await
        .unwrap();
    // A run that checked nothing would find nothing: it must have passed rules too.
    let checked = found["checked"].as_u64().unwrap_or(0);
    assert!(checked >= 10, "axe ran its rules: {found}");
    serde_json::from_value(found["found"].clone()).unwrap()
}

#[rocket::async_test]
async fn no_serious_accessibility_violation_on_any_respondent_page() {
    let (t, base) = serve().await;
    let axe = axe_source();
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    let mut found = Vec::new();
    let mut pages = 0;
    let forms: Vec<String> = t
        .app
        .forms
        .current(&t.app.db)
        .await
        .unwrap()
        .forms
        .keys()
        .cloned()
        .collect();
    assert_eq!(forms.len(), 7, "{forms:?}");
    for form in &forms {
        // One survey at a time, so that each contact's last message is this survey's.
        let _ = std::fs::remove_dir_all(t.app.config.outbox_dir());
        let campaign = t.open_campaign(form, 2026).await;
        t.invite_and_send(campaign).await;
        let mails = t.mails();
        let email = mails.keys().next().expect("someone is invited").clone();
        let link = link_of(&t, &base, &email);
        for lang in ["en", "ru"] {
            c.goto(&format!("{link}?lang={lang}")).await.unwrap();
            for v in violations(&c, &axe).await {
                found.push(format!("{form} {lang} empty: {v}"));
            }
            // Markup typed in the first text box: every form refuses it, required or not.
            let typed = c
                .execute(
                    "const el = document.querySelector('.q input[type=text], .q textarea');\
                     if (el) el.value = '<b>x</b>'; return !!el;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(typed, true, "{form}: a text box");
            post(&c, ".actions button[value='submit']").await;
            let refused = c
                .find_all(fantoccini::Locator::Css(".notice.error li"))
                .await
                .unwrap();
            assert!(!refused.is_empty(), "{form} {lang}: refused with errors");
            for v in violations(&c, &axe).await {
                found.push(format!("{form} {lang} with errors: {v}"));
            }
            pages += 2;
        }
    }
    assert_eq!(pages, 28);
    assert!(found.is_empty(), "{}", found.join("\n"));
    c.close().await.unwrap();
    t.finish().await;
}

/// The page a conflict with a colleague's save brings (both answers side by side, a choice per
/// question), checked the same way, in Russian.
#[rocket::async_test]
async fn the_conflict_page_has_no_serious_accessibility_violation() {
    let (t, base) = serve().await;
    let axe = axe_source();
    let campaign = t.open_campaign("training-needs", 2026).await;
    t.invite_and_send(campaign).await;
    let ru = link_of(&t, &base, "training.nbsm@example.org");
    let en = link_of(&t, &base, "research.nbsm@example.org");
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = browser(profile.path(), true).await;
    // The English colleague opens the form; the Russian one saves meanwhile.
    c.goto(&format!("{en}?lang=ru")).await.unwrap();
    let path = ru.trim_start_matches(&base).to_string();
    let (status, _, _) = t
        .post_form(
            &path,
            &[
                ("_version", "0"),
                ("_action", "draft"),
                ("staff_coomet", "4"),
            ],
        )
        .await;
    assert_eq!(status, rocket::http::Status::SeeOther);
    super::type_in(&c, "[name='staff_coomet']", "7").await;
    post(&c, ".actions button[value='draft']").await;
    let shown = c
        .find_all(fantoccini::Locator::Css("fieldset.conflict"))
        .await
        .unwrap();
    assert_eq!(shown.len(), 1, "one question differs");
    super::screenshot(&c, "respondent-conflict-ru").await;
    let found = violations(&c, &axe).await;
    assert!(found.is_empty(), "{}", found.join("\n"));
    c.close().await.unwrap();
    t.finish().await;
}
