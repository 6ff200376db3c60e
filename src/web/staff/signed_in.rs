//! What both steps of a sign-in share: the check that the form came from our own pages, and
//! opening the session once the account has proved who it is.
use crate::app::App;
use crate::directory::accounts;
use crate::web::staff::session::Staff;
use crate::Result;
use rocket::http::CookieJar;

/// Whether a posted form came from this service's own pages. A browser names the posting
/// page's origin in `Origin` (older ones in `Referer`); a sign-in posted from another site
/// (login CSRF: signing the victim in to the attacker's account) is refused. A client that
/// sends neither is not a browser that another site could drive.
pub struct SameOrigin(pub bool);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for SameOrigin {
    type Error = ();

    async fn from_request(req: &'r rocket::Request<'_>) -> rocket::request::Outcome<Self, ()> {
        let Some(app) = req.rocket().state::<App>() else {
            return rocket::request::Outcome::Success(SameOrigin(false));
        };
        let own = origin_of(&app.config.public_url);
        let headers = req.headers();
        let same = match (headers.get_one("Origin"), headers.get_one("Referer")) {
            (Some(origin), _) => origin.trim_end_matches('/') == own,
            (None, Some(referer)) => origin_of(referer) == own,
            (None, None) => true,
        };
        rocket::request::Outcome::Success(SameOrigin(same))
    }
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// The session of an account that proved who it is (`detail` says how, for the trail). A
/// session this browser had is ended, not left beside the new one.
pub async fn finish(
    app: &App,
    jar: &CookieJar<'_>,
    before: Option<Staff>,
    user: &crate::directory::staff_user::Model,
    client: crate::directory::sessions::Client,
    detail: Option<String>,
) -> Result<()> {
    let ip = client.ip;
    let before = before.map(|old| old.session_id());
    let limits = crate::web::staff::session::limits(app);
    let id = accounts::sign_in(&app.db, user, limits, client, before, detail).await?;
    tracing::info!(ip = ?ip, account = %user.email, "signed in");
    Staff::hand_out(app, jar, id);
    crate::web::staff::device::issue(app, jar, &user.email);
    Ok(())
}
