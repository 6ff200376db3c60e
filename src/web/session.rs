//! Staff sessions on the web: an encrypted, HTTP-only, SameSite=Strict cookie (`Secure` and
//! `__Host-` by default) holding the id of a server-side session (`directory::sessions`). The
//! account's role and active flag are read with the session on every request, and every
//! state-changing form must echo the session's CSRF token.
use crate::app::App;
use crate::directory::sessions::{self, Limits};
use crate::directory::staff_user::{self, Role};
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
    /// Opens a session for `user` and hands its id to the browser.
    pub async fn start(
        app: &App,
        jar: &CookieJar<'_>,
        user: &staff_user::Model,
        client: sessions::Client,
    ) -> Result<()> {
        let (id, _) = sessions::open(&app.db, user, limits(app), client).await?;
        let cookie = Cookie::build((app.config.staff_cookie(), id))
            .http_only(true)
            .secure(app.config.security.cookie_secure)
            .same_site(SameSite::Strict)
            // Gone when the browser closes; the server's limits end it in any case.
            .expires(None::<rocket::time::OffsetDateTime>)
            .path("/");
        jar.add_private(cookie);
        Ok(())
    }

    /// Ends this session on the server, and the browser's copy.
    pub async fn end(&self, app: &App, jar: &CookieJar<'_>) -> Result<()> {
        sessions::end(&app.db, self.session_id).await?;
        jar.remove_private(Cookie::build(app.config.staff_cookie()).path("/"));
        Ok(())
    }

    /// Refuses a form that does not carry this session's token.
    pub fn check(&self, csrf: &str) -> Result<()> {
        if crate::secrets::same(&self.csrf, csrf) {
            Ok(())
        } else {
            tracing::warn!(account = %self.email, "form refused: CSRF token missing or wrong");
            Err(Error::Forbidden)
        }
    }

    /// Both checks a state-changing action of the secretariat needs.
    pub fn may_act(&self, csrf: &str) -> Result<()> {
        self.check(csrf)?;
        self.require_secretariat()
    }

    pub fn is_secretariat(&self) -> bool {
        self.role == Role::Secretariat
    }

    pub fn require_secretariat(&self) -> Result<()> {
        if self.is_secretariat() {
            Ok(())
        } else {
            tracing::warn!(account = %self.email, "action refused: secretariat only");
            Err(Error::Forbidden)
        }
    }

    /// Writes what this person just did to the audit trail.
    pub async fn audit(
        &self,
        app: &App,
        action: crate::audit::Action,
        target: impl std::fmt::Display,
        detail: Option<String>,
    ) -> Result<()> {
        self.audit_on(&app.db, action, target, detail).await
    }

    /// As `audit`, in the action's own transaction.
    pub async fn audit_on(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        action: crate::audit::Action,
        target: impl std::fmt::Display,
        detail: Option<String>,
    ) -> Result<()> {
        let actor = crate::audit::Actor::staff(&self.email, self.ip);
        crate::audit::record(db, &actor, action, &target.to_string(), detail).await
    }
}

/// The session's row id: the account page marks it and never offers to end it from elsewhere.
impl Staff {
    pub fn session_id(&self) -> i32 {
        self.session_id
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
