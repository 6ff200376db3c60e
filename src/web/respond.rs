//! `/r/<token>`: the form a contact opens from the e-mail. GET only shows (mail scanners open
//! links); POST saves a draft, adds or removes a row, or submits.
use super::form_view::FormView;
use super::{page, Limiter};
use crate::app::App;
use crate::forms::{validate_for, FieldError, Kind, Mode, RawForm};
use crate::i18n;
use crate::responses::{self, response, Respondent, Saved};
use crate::{Error, Result};
use rocket::data::{Data, ToByteUnit};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, Responder, Route, State};
use serde_json::{json, Value};
use std::net::IpAddr;
use std::sync::Arc;

/// The largest form body accepted; far above any honest answer set.
pub const BODY_LIMIT_KIB: u64 = 512;

pub fn routes() -> Vec<Route> {
    routes![show, post]
}

#[derive(Responder)]
pub enum Reply {
    Page((Status, RawHtml<String>)),
    Redirect(Box<Redirect>),
}

async fn open(app: &App, limiter: &Limiter, ip: Option<IpAddr>, token: &str) -> Result<Respondent> {
    match responses::respondent(&app.db, token).await? {
        Some(who) => Ok(who),
        None => {
            limiter.failure(ip)?;
            Err(Error::NotFound)
        }
    }
}

fn page_lang(who: &Respondent, lang: Option<&str>) -> &'static str {
    i18n::lang(lang.unwrap_or(&who.contact.language))
}

#[get("/r/<token>?<lang>&<saved>&<done>")]
async fn show(
    app: &State<App>,
    limiter: &State<Arc<Limiter>>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    saved: Option<bool>,
    done: Option<bool>,
) -> Result<Reply> {
    let who = open(app, limiter, ip, token).await?;
    let lang = page_lang(&who, lang);
    let current = responses::current(&app.db, who.campaign.id, &who.invitation.unit_key).await?;
    let mut notice = match (done, saved) {
        (Some(true), _) => Some(("success", app.renderer.text(lang, "notice-submitted", &[]))),
        (_, Some(true)) => Some((
            "success",
            app.renderer.text(lang, "notice-draft-saved", &[]),
        )),
        _ => None,
    };
    let raw = match &current {
        Some(r) => RawForm::from_answers(&who.form, &r.answers()),
        // A first visit starts from the unit's answers of the previous campaign, if any.
        None => {
            match responses::previous(&app.db, &who.campaign, &who.invitation.unit_key).await? {
                Some((year, answers)) => {
                    let args = [("year", year.to_string())];
                    notice = Some((
                        "warning",
                        app.renderer.text(lang, "respond-prefilled", &args),
                    ));
                    RawForm::from_answers(&who.form, &answers)
                }
                None => RawForm::default(),
            }
        }
    };
    let version = current.as_ref().map(|r| r.version).unwrap_or(0);
    render(
        app,
        &who,
        token,
        lang,
        &raw,
        &[],
        current.as_ref(),
        notice,
        Status::Ok,
        version,
    )
}

#[post("/r/<token>?<lang>", data = "<data>")]
async fn post(
    app: &State<App>,
    limiter: &State<Arc<Limiter>>,
    ip: Option<IpAddr>,
    token: &str,
    lang: Option<&str>,
    data: Data<'_>,
) -> Result<Reply> {
    let who = open(app, limiter, ip, token).await?;
    let lang = page_lang(&who, lang);
    let body = data.open(BODY_LIMIT_KIB.kibibytes()).into_string().await?;
    if !body.is_complete() {
        return Err(Error::Invalid("form body too large".into()));
    }
    let mut raw = RawForm::parse(&body);
    let action = raw.get("_action").to_string();
    let version: i32 = raw.get("_version").parse().unwrap_or(-1);
    let current = responses::current(&app.db, who.campaign.id, &who.invitation.unit_key).await?;
    let submitted = current
        .as_ref()
        .is_some_and(|r| r.status == response::SUBMITTED);
    let text = |key: &str| app.renderer.text(lang, key, &[]);

    if !who
        .campaign
        .accepts_answers(chrono::Utc::now().date_naive())
    {
        let notice = Some(("error", text("notice-closed")));
        return render(
            app,
            &who,
            token,
            lang,
            &raw,
            &[],
            current.as_ref(),
            notice,
            Status::Conflict,
            version,
        );
    }
    let (mode, status) = match action.as_str() {
        "submit" => (Mode::Submit, response::SUBMITTED),
        "draft" => (Mode::Draft, response::DRAFT),
        other => {
            let (verb, rest) = other
                .split_once(':')
                .ok_or_else(|| Error::Invalid("unknown action".into()))?;
            let (group, index) = match verb {
                "add" => (rest, None),
                "remove" => {
                    let (g, i) = rest
                        .split_once(':')
                        .ok_or_else(|| Error::Invalid("bad row".into()))?;
                    (
                        g,
                        Some(
                            i.parse::<usize>()
                                .map_err(|_| Error::Invalid("bad row".into()))?,
                        ),
                    )
                }
                _ => return Err(Error::Invalid("unknown action".into())),
            };
            let g = who
                .form
                .question(group)
                .filter(|q| q.kind == Kind::Group)
                .ok_or_else(|| Error::Invalid("unknown group".into()))?;
            match index {
                None => raw.add_row(&g.id, g.max_rows()),
                Some(i) => raw.remove_row(&g.id, i),
            }
            // A row change keeps a draft too, so closing the page after it loses nothing; a
            // submitted response changes only by submitting again.
            if submitted {
                return render(
                    app,
                    &who,
                    token,
                    lang,
                    &raw,
                    &[],
                    current.as_ref(),
                    None,
                    Status::Ok,
                    version,
                );
            }
            let outcome = validate_for(&who.form, &raw, Mode::Draft, Some(&who.institute.acronym));
            return finish(
                app,
                &who,
                token,
                lang,
                raw,
                outcome.errors,
                &outcome.answers,
                response::DRAFT,
                version,
                false,
            )
            .await;
        }
    };
    if submitted && mode == Mode::Draft {
        let notice = Some(("error", text("notice-submit-to-change")));
        return render(
            app,
            &who,
            token,
            lang,
            &raw,
            &[],
            current.as_ref(),
            notice,
            Status::Conflict,
            version,
        );
    }
    let outcome = validate_for(&who.form, &raw, mode, Some(&who.institute.acronym));
    if mode == Mode::Submit && !outcome.is_valid() {
        let notice = Some(("error", text("notice-fix-errors")));
        return render(
            app,
            &who,
            token,
            lang,
            &raw,
            &outcome.errors,
            current.as_ref(),
            notice,
            Status::UnprocessableEntity,
            version,
        );
    }
    finish(
        app,
        &who,
        token,
        lang,
        raw,
        outcome.errors,
        &outcome.answers,
        status,
        version,
        true,
    )
    .await
}

/// Saves and answers: a redirect when all is well, else the page with what was typed.
#[allow(clippy::too_many_arguments)]
async fn finish(
    app: &App,
    who: &Respondent,
    token: &str,
    lang: &'static str,
    raw: RawForm,
    errors: Vec<FieldError>,
    answers: &serde_json::Map<String, Value>,
    status: &str,
    version: i32,
    redirect: bool,
) -> Result<Reply> {
    match responses::save(app, who, answers, status, version).await? {
        Saved::Saved(saved) => {
            if redirect && errors.is_empty() {
                let flag = if status == response::SUBMITTED {
                    "done"
                } else {
                    "saved"
                };
                let to = format!("/r/{token}?lang={lang}&{flag}=true");
                return Ok(Reply::Redirect(Box::new(Redirect::to(to))));
            }
            let notice = (!errors.is_empty()).then(|| {
                (
                    "warning",
                    app.renderer.text(lang, "notice-draft-with-errors", &[]),
                )
            });
            render(
                app,
                who,
                token,
                lang,
                &raw,
                &errors,
                Some(&saved),
                notice,
                Status::Ok,
                saved.version,
            )
        }
        Saved::Conflict(theirs) => {
            let args = [
                ("who", theirs.updated_by.clone().unwrap_or_default()),
                (
                    "when",
                    theirs.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ),
            ];
            let notice = Some(("error", app.renderer.text(lang, "notice-conflict", &args)));
            render(
                app,
                who,
                token,
                lang,
                &raw,
                &errors,
                Some(&theirs),
                notice,
                Status::Conflict,
                theirs.version,
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn render(
    app: &App,
    who: &Respondent,
    token: &str,
    lang: &'static str,
    raw: &RawForm,
    errors: &[FieldError],
    current: Option<&response::Model>,
    notice: Option<(&str, String)>,
    status: Status,
    version: i32,
) -> Result<Reply> {
    let view = FormView {
        form: &who.form,
        raw,
        errors,
        lang,
        i18n: &app.renderer.i18n,
        own: Some(&who.institute.acronym),
    };
    let other = i18n::other_lang(lang);
    let open = who
        .campaign
        .accepts_answers(chrono::Utc::now().date_naive());
    let data = json!({
        "lang": lang,
        "staff": null,
        "title": who.form.title.get(lang),
        "intro": who.form.intro.as_ref().map(|t| t.get(lang)),
        "year": who.campaign.year,
        "closes_on": who.campaign.closes_on.map(|d| d.format("%d.%m.%Y").to_string()),
        "institute": {
            "acronym": who.institute.acronym,
            "name": who.institute.name(lang),
            "country": who.country.as_ref().map(|c| c.name(lang)),
        },
        "contact": {"name": who.contact.name, "email": who.contact.email},
        "switch_url": format!("/r/{token}?lang={other}"),
        "other_lang": other,
        "action": format!("/r/{token}?lang={lang}"),
        "status": current.map(|r| r.status.as_str()).unwrap_or("new"),
        "submitted": current.is_some_and(|r| r.status == response::SUBMITTED),
        "returned_note": current.filter(|r| r.status == response::RETURNED).and_then(|r| r.note.clone()),
        "submitted_at": current.and_then(|r| r.submitted_at).map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()),
        "updated_at": current.map(|r| r.updated_at.format("%Y-%m-%d %H:%M UTC").to_string()),
        "updated_by": current.and_then(|r| r.updated_by.clone()),
        // The version this page's values are based on: a save from a page based on an older
        // one is refused, so a page shown after an error keeps the version it came with.
        "version": version,
        "open": open,
        "notice": notice.map(|(kind, text)| json!({"kind": kind, "text": text})),
        "errors": view.summary(),
        "sections": view.sections(),
    });
    Ok(Reply::Page((status, page(app, "respond", &data)?)))
}
