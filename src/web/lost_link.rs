//! `/r`: a contact who lost the e-mail types their address and gets their links again. The page
//! answers the same whether or not the address is known, and every request counts against the
//! client's quota of attempts.
use super::lang::Lang;
use super::{page, Limiter};
use crate::app::App;
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde_json::json;
use std::net::IpAddr;
use std::sync::Arc;

pub fn routes() -> Vec<Route> {
    routes![ask, send]
}

#[get("/r")]
fn ask(app: &State<App>, lang: Lang) -> Result<RawHtml<String>> {
    page(
        app,
        "lost-link",
        &json!({"lang": lang.0, "staff": null, "sent": false, "email": ""}),
    )
}

#[derive(FromForm)]
struct Request<'r> {
    email: &'r str,
}

#[post("/r", data = "<form>")]
async fn send(
    app: &State<App>,
    limiter: &State<Arc<Limiter>>,
    ip: Option<IpAddr>,
    lang: Lang,
    form: Form<Request<'_>>,
) -> Result<RawHtml<String>> {
    limiter.failure(ip)?;
    if form.email.len() <= 254 {
        let queued = crate::campaigns::resend_links(app, form.email).await?;
        tracing::info!(queued, "links sent again on request");
    }
    page(
        app,
        "lost-link",
        &json!({"lang": lang.0, "staff": null, "sent": true, "email": form.email}),
    )
}
