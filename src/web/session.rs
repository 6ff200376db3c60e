//! Staff sessions: an encrypted, HTTP-only, SameSite=Strict cookie holding the account and a
//! per-session token that every state-changing form must echo (CSRF).
use crate::directory::staff_user::{self, Role};
use crate::{Error, Result};
use base64::Engine;
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};
use serde::{Deserialize, Serialize};

const COOKIE: &str = "staff";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Staff {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub csrf: String,
}

impl Staff {
    pub fn start(jar: &CookieJar<'_>, user: &staff_user::Model) {
        let mut bytes = [0u8; 24];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        let staff = Staff {
            id: user.id,
            email: user.email.clone(),
            role: user.role,
            csrf: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
        };
        let value = serde_json::to_string(&staff).unwrap_or_default();
        let cookie = Cookie::build((COOKIE, value))
            .http_only(true)
            .same_site(SameSite::Strict)
            .path("/");
        jar.add_private(cookie);
    }

    pub fn end(jar: &CookieJar<'_>) {
        jar.remove_private(Cookie::build(COOKIE).path("/"));
    }

    /// Refuses a form that does not carry this session's token.
    pub fn check(&self, csrf: &str) -> Result<()> {
        let a = self.csrf.as_bytes();
        let b = csrf.as_bytes();
        let same =
            a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
        if same {
            Ok(())
        } else {
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
            Err(Error::Forbidden)
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Staff {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let staff = req
            .cookies()
            .get_private(COOKIE)
            .and_then(|c| serde_json::from_str::<Staff>(c.value()).ok());
        match staff {
            Some(s) => Outcome::Success(s),
            None => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}
