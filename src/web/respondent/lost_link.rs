//! `/r`: a contact who lost the e-mail types their address and gets their links again. The page
//! answers the same, in the same time, whether or not the address is known (the work is done
//! after the answer), and every request counts against the client's quota of attempts.
use crate::app::App;
use crate::i18n::Lang;
use crate::web::view::{render, Base};
use crate::Result;
use rocket::form::{Form, FromForm};
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;
use std::net::IpAddr;

pub fn routes() -> Vec<Route> {
    routes![ask, send]
}

#[derive(Serialize)]
struct LostLinkPage<'a> {
    sent: bool,
    email: &'a str,
}

#[get("/r")]
fn ask(app: &State<App>, lang: Lang) -> Result<RawHtml<String>> {
    let page = LostLinkPage {
        sent: false,
        email: "",
    };
    render(app, "lost-link", &Base::public(lang), &page)
}

#[derive(FromForm)]
struct Request<'r> {
    email: &'r str,
}

#[post("/r", data = "<form>")]
async fn send(
    app: &State<App>,
    ip: Option<IpAddr>,
    lang: Lang,
    form: Form<Request<'_>>,
) -> Result<RawHtml<String>> {
    super::link_failure(app, ip).await?;
    // Only what could be an address is looked up; the page says the same either way, and
    // the lookup runs after the answer, so its time does not tell a known address either.
    if form.email.len() <= 254 && validator::ValidateEmail::validate_email(&form.email.trim()) {
        let (app, email) = (app.inner().clone(), form.email.to_string());
        tokio::spawn(async move {
            match crate::responses::resend_links(&app, &email).await {
                Ok(queued) => {
                    app.mail_wake.notify_one();
                    tracing::info!(queued, "links sent again on request");
                }
                Err(e) => tracing::error!(error = %e, "links could not be sent again"),
            }
        });
    }
    let page = LostLinkPage {
        sent: true,
        email: form.email,
    };
    render(app, "lost-link", &Base::public(lang), &page)
}
