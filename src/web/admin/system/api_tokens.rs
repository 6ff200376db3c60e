//! The read API's tokens for the secretariat: make one (shown once, on the page that answers
//! the form, never in a cookie or a redirect), see who made which and when each was last used,
//! revoke. Every change is on the audit trail.
use crate::app::App;
use crate::directory::api_tokens::{self, Scope};
use crate::i18n::{fmt_time, Lang};
use crate::web::forms::CsrfForm;
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![list, create, revoke]
}

#[derive(Serialize)]
struct TokenRow {
    id: i32,
    name: String,
    scope: Scope,
    created_by: String,
    created_at: String,
    last_used_at: Option<String>,
    revoked_at: Option<String>,
}

#[derive(Serialize)]
struct TokensPage {
    tokens: Vec<TokenRow>,
    /// The token just made, shown this once.
    made: Option<Made>,
    /// Why the form was refused, with what was typed.
    error: Option<String>,
    name: String,
    api_url: String,
}

#[derive(Serialize)]
struct Made {
    name: String,
    secret: String,
}

async fn page(
    app: &App,
    made: Option<Made>,
    error: Option<String>,
    name: &str,
) -> Result<TokensPage> {
    let tokens = api_tokens::list(&app.db)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created_by: t.created_by,
            created_at: fmt_time(&t.created_at),
            last_used_at: t.last_used_at.as_ref().map(fmt_time),
            revoked_at: t.revoked_at.as_ref().map(fmt_time),
        })
        .collect();
    Ok(TokensPage {
        tokens,
        made,
        error,
        name: name.to_string(),
        api_url: format!("{}{}", app.config.public_url, crate::web::api::BASE),
    })
}

#[get("/api-tokens")]
async fn list(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let view = page(app, None, None, "").await?;
    let base = Base::new(lang, Some(&staff.0), flash);
    render(app, "admin/api-tokens", &base, &view)
}

#[derive(FromForm)]
struct NewToken<'r> {
    csrf: &'r str,
    name: &'r str,
    scope: &'r str,
}

#[post("/api-tokens", data = "<f>")]
async fn create(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    f: Form<NewToken<'_>>,
) -> Result<RawHtml<String>> {
    let actor = staff.act(f.csrf)?;
    let scope: Scope = f.scope.parse()?;
    let view = match api_tokens::create(&app.db, &actor, f.name, scope).await {
        Ok((token, secret)) => {
            let made = Made {
                name: token.name,
                secret,
            };
            page(app, Some(made), None, "").await?
        }
        Err(e) => {
            let why = crate::web::view::refusal(app, lang, e, "token-name-bad")?;
            page(app, None, Some(why), f.name).await?
        }
    };
    render(
        app,
        "admin/api-tokens",
        &Base::new(lang, Some(&staff), None),
        &view,
    )
}

#[post("/api-tokens/<id>/revoke", data = "<f>")]
async fn revoke(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    id: i32,
    f: Form<CsrfForm<'_>>,
) -> Result<Flash<Redirect>> {
    let actor = staff.act(f.csrf)?;
    api_tokens::revoke(&app.db, &actor, id).await?;
    let text = app.renderer.text(lang, "flash-token-revoked", &[]);
    Ok(Flash::success(Redirect::to("/admin/api-tokens"), text))
}
