//! The language of a page: `?lang=`, else the `lang` cookie, else the browser's preference.
use crate::i18n::Lang;
use rocket::request::{FromRequest, Outcome, Request};

pub fn of(req: &Request<'_>) -> Lang {
    if let Some(Ok(code)) = req.query_value::<&str>("lang") {
        return Lang::from_code(code);
    }
    if let Some(cookie) = req.cookies().get("lang") {
        return Lang::from_code(cookie.value());
    }
    let accept = req.headers().get_one("Accept-Language").unwrap_or("");
    Lang::from_code(accept.split(',').next().unwrap_or(""))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(of(req))
    }
}

/// Remembers the chosen language in a cookie and goes back to the page it was chosen on.
#[rocket::get("/lang/<code>")]
pub fn choose(
    code: &str,
    jar: &rocket::http::CookieJar<'_>,
    referer: Referer,
) -> rocket::response::Redirect {
    let cookie = rocket::http::Cookie::build(("lang", Lang::from_code(code).code()))
        .path("/")
        .same_site(rocket::http::SameSite::Lax);
    jar.add(cookie);
    rocket::response::Redirect::to(referer.0.unwrap_or_else(|| "/admin".into()))
}

/// The path of the page a request came from, when it is a local path: only a path, never
/// another site, so this cannot be used to redirect elsewhere.
pub struct Referer(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Referer {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let path = req.headers().get_one("Referer").and_then(|r| {
            let rest = r.split_once("://").map(|x| x.1)?;
            let path = &rest[rest.find('/')?..];
            // Browsers read `/\host` as `//host`: a backslash or a control character anywhere
            // makes it no local path.
            let safe = path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/lang/")
                && !path.chars().any(|c| c == '\\' || c.is_control())
                && rocket::http::uri::Origin::parse(path).is_ok();
            safe.then(|| path.to_string())
        });
        Outcome::Success(Referer(path))
    }
}
