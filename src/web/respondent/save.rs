//! Saving what a respondent posted: validated, saved as a draft or a submission, or given back
//! with everything typed and each problem beside its field; a refused submission still keeps a
//! draft, and a colleague's save in between is a conflict, never an overwrite.
use crate::forms::{validate_for, Mode, RawForm};
use crate::i18n::fmt_time;
use crate::responses::{self, Locked, Saved, Status as RStatus};
use crate::web::respondent::conflict::{differing, merge_groups, resolve, LISTED};
use crate::web::respondent::form::{Form, Place, Reply};
use crate::web::view::{Notice, NoticeKind};
use crate::{Error, Result};
use rocket::http::Status;
use rocket::response::{Flash, Redirect};

/// After a change on the page (a row added or removed, a grid's column filled): a draft is
/// kept too, so closing the page after it loses nothing; a submitted response changes only by
/// submitting again.
pub(super) async fn changed(page: &Form<'_>, raw: RawForm, submitted: bool) -> Result<Reply> {
    if submitted {
        return page.render(&raw, &[], None, Status::Ok);
    }
    finish(page, raw, Mode::Draft, false).await
}

/// A submission refused for its mistakes still keeps what was typed, as a draft, so that
/// closing the page loses nothing; `None` when there is no draft to keep (nothing was typed;
/// the response was submitted before: its submitted answers stand until a valid submission
/// replaces them) or
/// when the draft could not be saved now (a colleague's save, a busy database: the page still
/// holds everything).
async fn keep_as_draft(
    page: &Form<'_>,
    raw: &RawForm,
    errors: &[crate::forms::FieldError],
) -> Result<Option<Reply>> {
    if page.current.is_some_and(|r| r.is_submitted()) {
        return Ok(None);
    }
    let who = page.who;
    let own = Some(who.institute.acronym.as_str());
    let draft = validate_for(&who.form, raw, Mode::Draft, own);
    // Submit pressed on an empty form: nothing was typed, so nothing is kept and the unit
    // does not show as having a draft.
    if draft.answers.is_empty() && page.current.is_none() {
        return Ok(None);
    }
    match responses::save(page.app, who, &draft.answers, RStatus::Draft, page.version).await {
        Ok(Saved::Saved(saved)) => {
            let after = Form {
                current: Some(&saved),
                version: saved.version,
                ..*page
            };
            let notice = Notice::new(NoticeKind::Error, page.text("notice-fix-errors-kept"));
            after
                .render(raw, errors, Some(notice), Status::UnprocessableEntity)
                .map(Some)
        }
        Ok(Saved::Conflict(_) | Saved::Locked(_)) | Err(Error::Busy(_) | Error::DiskFull(_)) => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Validates and saves; answers with a redirect when all is well, else the page with exactly
/// what was typed.
pub(super) async fn finish(
    page: &Form<'_>,
    raw: RawForm,
    mode: Mode,
    redirect: bool,
) -> Result<Reply> {
    let who = page.who;
    let own = Some(who.institute.acronym.as_str());
    let outcome = validate_for(&who.form, &raw, mode, own);
    if mode == Mode::Submit && !outcome.is_valid() {
        if let Some(reply) = keep_as_draft(page, &raw, &outcome.errors).await? {
            return Ok(reply);
        }
        let notice = Notice::new(NoticeKind::Error, page.text("notice-fix-errors"));
        return page.render(
            &raw,
            &outcome.errors,
            Some(notice),
            Status::UnprocessableEntity,
        );
    }
    let status = match mode {
        Mode::Submit => RStatus::Submitted,
        Mode::Draft => RStatus::Draft,
    };
    let saved = responses::save(page.app, who, &outcome.answers, status, page.version).await;
    match saved {
        Ok(Saved::Saved(saved)) => {
            if redirect && outcome.errors.is_empty() {
                return Ok(done(page, status));
            }
            let notice = (!outcome.errors.is_empty())
                .then(|| Notice::new(NoticeKind::Warning, page.text("notice-draft-with-errors")));
            let after = Form {
                current: Some(&saved),
                version: saved.version,
                ..*page
            };
            after.render(&raw, &outcome.errors, notice, Status::Ok)
        }
        Ok(Saved::Conflict(theirs)) => conflict(page, &raw, &theirs, "notice-conflict").await,
        Ok(Saved::Locked(why)) => locked(page, &raw, why),
        // The database is overloaded: say so, and give back the page with everything typed,
        // ready to be sent again.
        Err(e @ (Error::Busy(_) | Error::DiskFull(_))) => {
            let key = if let Error::DiskFull(_) = e {
                page.app.space.noticed_full();
                "notice-disk-full"
            } else {
                "notice-busy"
            };
            tracing::warn!(error = %e, "save refused: nothing was written");
            let notice = Notice::new(NoticeKind::Error, page.text(key));
            page.render(
                &raw,
                &outcome.errors,
                Some(notice),
                Status::ServiceUnavailable,
            )
        }
        Err(e) => Err(e),
    }
}

/// After a save without problems: a contact sees the page again with what was done (a reload
/// posts nothing again); the secretariat goes back to the unit's response.
fn done(page: &Form<'_>, status: RStatus) -> Reply {
    match page.place {
        Place::Link(token) => {
            let flag = if status == RStatus::Submitted {
                "done"
            } else {
                "saved"
            };
            let to = format!("/r/{token}?lang={}&{flag}=true", page.lang);
            Reply::Redirect(Box::new(Redirect::to(to)))
        }
        Place::Entry(_) => {
            let key = if status == RStatus::Submitted {
                "flash-entered-submitted"
            } else {
                "flash-entered-draft"
            };
            let back = Redirect::to(page.response_page());
            Reply::Flashed(Box::new(Flash::success(back, page.text(key))))
        }
    }
}

/// The page, read-only, with why nothing can be changed and all that was posted.
pub(super) fn locked(page: &Form<'_>, raw: &RawForm, why: Locked) -> Result<Reply> {
    let key = match why {
        Locked::Closed => "notice-closed",
        Locked::Accepted => "notice-accepted",
    };
    let notice = Notice::new(NoticeKind::Error, page.text(key));
    page.render(raw, &[], Some(notice), Status::Conflict)
}

/// The page after a colleague's newer save: both answers of every question where they differ,
/// to choose between; the page is based on the colleague's version from now on.
async fn conflict(
    page: &Form<'_>,
    raw: &RawForm,
    theirs: &responses::response::Model,
    key: &str,
) -> Result<Reply> {
    let who = page.who;
    let own = Some(who.institute.acronym.as_str());
    let form = &who.form;
    let (their_answers, mut raw) = (theirs.answers()?, raw.clone());
    // The groups merged row by row from the version this page started from.
    let base = responses::changes::answers_at(&page.app.db, theirs.id, page.version).await?;
    let mine = validate_for(form, &raw, Mode::Draft, own).answers;
    merge_groups(form, &mut raw, &mine, &their_answers, &base);
    let mine = validate_for(form, &raw, Mode::Draft, own).answers;
    let i18n = &page.app.renderer.i18n;
    let differing = differing(form, &raw, &mine, &their_answers, page.lang, i18n);
    let name = colleague(page, theirs.updated_by.as_deref()).await?;
    // Nothing to choose: the two saves merged into the form, to be checked and saved.
    let key = match (key, differing.is_empty()) {
        ("notice-conflict", true) => "notice-conflict-merged",
        _ => key,
    };
    let args = [
        ("who", name.clone()),
        ("when", fmt_time(&theirs.updated_at)),
        ("count", differing.len().to_string()),
    ];
    let notice = Notice::new(
        NoticeKind::Error,
        page.app.renderer.text(page.lang, key, &args),
    );
    let after = Form {
        current: Some(theirs),
        version: theirs.version,
        conflicts: &differing,
        colleague: &name,
        ..*page
    };
    after.render(&raw, &[], Some(notice), Status::Conflict)
}

/// The colleague who saved, as people call them (`form::person`).
async fn colleague(page: &Form<'_>, address: Option<&str>) -> Result<String> {
    let address = address.unwrap_or_default();
    super::form::person(page.app, page.who, page.lang, address).await
}

/// A save from a conflict page: the person's choice per question applied (the colleague's
/// answers taken where asked) before the save; `Some` page again while a question still has
/// no choice, or when the colleague saved once more in between.
pub(super) async fn merge(page: &Form<'_>, raw: &mut RawForm) -> Result<Option<Reply>> {
    let Some(current) = page.current.filter(|_| !raw.get(LISTED).is_empty()) else {
        return Ok(None);
    };
    if current.version != page.version {
        // Another save came in since the conflict page: show the new differences.
        return conflict(page, raw, current, "notice-conflict")
            .await
            .map(Some);
    }
    match resolve(&page.who.form, raw, &current.answers()?) {
        Ok(_) => Ok(None),
        Err(_) => conflict(page, raw, current, "notice-conflict-choose")
            .await
            .map(Some),
    }
}
