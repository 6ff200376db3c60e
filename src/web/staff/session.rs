//! Staff sessions on the web: an encrypted, HTTP-only, SameSite=Strict cookie (`Secure` and
//! `__Host-` by default) holding the id of a server-side session (`directory::sessions`). The
//! account's role and active flag are read with the session on every request, and every
//! state-changing form must echo the session's CSRF token.
use crate::app::App;
use crate::audit::Actor;
use crate::directory::accounts;
use crate::directory::sessions::{self, Limits};
use crate::directory::staff_user::Role;
use crate::web::view::{SignedIn, StaffView};
use crate::{Error, Result};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};

#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub csrf: String,
    session_id: i32,
    /// Where the request came from, for the audit trail.
    ip: Option<std::net::IpAddr>,
    /// The setting requires a second factor of this account, and it has none yet.
    pub must_set_up_factor: bool,
}

/// Set on a request refused because the account must first set up its second factor: the
/// 401 catcher then sends the browser to the account page, not to the sign-in.
pub struct SetUpFirst(pub bool);

/// What an account that must set up its second factor may still open: its own account page
/// (with the setting up, the password and the sessions) and signing out.
fn open_before_set_up(path: &str) -> bool {
    [
        "/admin/password",
        "/admin/second-factor",
        "/admin/sessions",
        "/admin/logout",
    ]
    .iter()
    .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// The session limits of the configuration.
pub fn limits(app: &App) -> Limits {
    Limits {
        idle: app.config.security.session_idle,
        max: app.config.security.session_max,
    }
}

impl Staff {
    /// Hands the id of a session opened on the server (`directory::accounts::sign_in`) to
    /// the browser.
    pub fn hand_out(app: &App, jar: &CookieJar<'_>, id: String) {
        let cookie = Cookie::build((app.config.staff_cookie(), id))
            .http_only(true)
            .secure(app.config.security.cookie_secure)
            .same_site(SameSite::Strict)
            // Gone when the browser closes; the server's limits end it in any case.
            .expires(None::<rocket::time::OffsetDateTime>)
            .path("/");
        jar.add_private(cookie);
    }

    /// Ends this session on the server (on the trail), and the browser's copy.
    pub async fn end(&self, app: &App, jar: &CookieJar<'_>) -> Result<()> {
        accounts::sign_out(&app.db, &self.actor(), self.session_id).await?;
        jar.remove_private(Cookie::build(app.config.staff_cookie()).path("/"));
        Ok(())
    }

    /// Who acts, for a command. Reached only through `act`, which checks the form's token.
    fn actor(&self) -> Actor {
        Actor::staff(&self.email, self.ip, accounts::authority(self.role))
    }

    /// The one way from a posted form to a command: the form must carry this session's token.
    /// What the role may do, the command itself decides (`audit::Action::needs`).
    pub fn act(&self, csrf: &str) -> Result<Actor> {
        if crate::secrets::same(&self.csrf, csrf) {
            Ok(self.actor())
        } else {
            tracing::warn!(account = %self.email, "form refused: CSRF token missing or wrong");
            Err(Error::Forbidden)
        }
    }

    /// Who reads personal data (an export, a message), for the trail: a read is no form.
    pub fn reader(&self) -> Actor {
        self.actor()
    }

    pub fn is_secretariat(&self) -> bool {
        self.role == Role::Secretariat
    }

    /// The session's row id: the account page marks it and never offers to end it from elsewhere.
    pub fn session_id(&self) -> i32 {
        self.session_id
    }
}

impl SignedIn for Staff {
    fn header(&self) -> StaffView<'_> {
        StaffView {
            email: &self.email,
            role: self.role,
            csrf: &self.csrf,
            secretariat: self.is_secretariat(),
        }
    }
}

impl SignedIn for Secretariat {
    fn header(&self) -> StaffView<'_> {
        self.0.header()
    }
}

/// A member of the secretariat: a page or action only the secretariat may open takes this
/// guard instead of `Staff`, so the role is in the handler's signature, not a line in its body.
#[derive(Debug, Clone)]
pub struct Secretariat(pub Staff);

impl std::ops::Deref for Secretariat {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.0
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Secretariat {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match Staff::from_request(req).await {
            Outcome::Success(s) if s.is_secretariat() => Outcome::Success(Secretariat(s)),
            Outcome::Success(s) => {
                tracing::warn!(account = %s.email, "page refused: secretariat only");
                Outcome::Error((Status::Forbidden, ()))
            }
            Outcome::Error(e) => Outcome::Error(e),
            Outcome::Forward(f) => Outcome::Forward(f),
        }
    }
}

/// Where a request comes from, for a session opened by it.
pub struct ClientOf(pub sessions::Client);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientOf {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(ClientOf(sessions::Client {
            ip: req.client_ip(),
            agent: req.headers().get_one("User-Agent").map(str::to_string),
        }))
    }
}

/// The session of the request's cookie, looked up once per request.
async fn lookup(req: &Request<'_>) -> Result<Option<Staff>> {
    let Some(app) = req.rocket().state::<App>() else {
        return Ok(None);
    };
    let Some(cookie) = req.cookies().get_private(app.config.staff_cookie()) else {
        return Ok(None);
    };
    let found = sessions::find(&app.db, cookie.value(), limits(app), crate::db::now()).await?;
    let rule = app.config.security.second_factor;
    Ok(found.map(|(session, user)| Staff {
        must_set_up_factor: rule.required_for(user.role == Role::Secretariat)
            && user.totp_secret.is_none(),
        id: user.id,
        email: user.email,
        role: user.role,
        csrf: session.csrf,
        session_id: session.id,
        ip: req.client_ip(),
    }))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Staff {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let found: &Result<Option<Staff>, String> = req
            .local_cache_async(async { lookup(req).await.map_err(|e| e.to_string()) })
            .await;
        match found {
            Ok(Some(s))
                if s.must_set_up_factor && !open_before_set_up(req.uri().path().as_str()) =>
            {
                req.local_cache(|| SetUpFirst(true));
                Outcome::Error((Status::Unauthorized, ()))
            }
            Ok(Some(s)) => Outcome::Success(s.clone()),
            Ok(None) => Outcome::Error((Status::Unauthorized, ())),
            // A database failure is a fault, never "not signed in".
            Err(e) => {
                tracing::error!(error = %e, "staff session lookup failed");
                Outcome::Error((Status::InternalServerError, ()))
            }
        }
    }
}
