//! The device cookie of a browser that signed in (OWASP's "device cookies" against account
//! lockout): encrypted and authenticated by the cookie key, it names the account it signed in
//! to and a random nonce; `throttle` counts that browser's attempts on an allowance of its own.
//! It grants nothing by itself: the password is still asked and checked.
use crate::app::App;
use rocket::http::{Cookie, CookieJar, SameSite};

/// A year: the person's browser stays known across the yearly campaign.
const KEEP_DAYS: i64 = 365;

fn name(app: &App) -> &'static str {
    if app.config.security.cookie_secure {
        "__Host-device"
    } else {
        "device"
    }
}

/// The nonce of this browser's device cookie, if it has one for `account`.
pub fn nonce_for(app: &App, jar: &CookieJar<'_>, account: &str) -> Option<String> {
    let cookie = jar.get_private(name(app))?;
    let (email, nonce) = cookie.value().rsplit_once('|')?;
    (email == account.trim().to_lowercase() && crate::secrets::plausible(nonce))
        .then(|| nonce.to_string())
}

/// Gives the browser a device cookie for `account`, a fresh nonce each sign-in.
pub fn issue(app: &App, jar: &CookieJar<'_>, account: &str) {
    let value = format!(
        "{}|{}",
        account.trim().to_lowercase(),
        crate::secrets::random()
    );
    let cookie = Cookie::build((name(app), value))
        .http_only(true)
        .secure(app.config.security.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(rocket::time::Duration::days(KEEP_DAYS))
        .path("/");
    jar.add_private(cookie);
}
