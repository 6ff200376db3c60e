//! The query of an API request, read strictly: a parameter given twice, or with a value out
//! of its range, is a 400 that names it, never quietly a default.
use super::ApiError;
use crate::i18n::Lang;
use rocket::request::{FromRequest, Outcome, Request};
use std::collections::HashMap;

pub const PER_PAGE: u64 = 100;
pub const PER_PAGE_MAX: u64 = 500;
/// Far beyond any list here; bounded so that an offset cannot overflow.
pub const PAGE_MAX: u64 = 1_000_000;

/// The decoded query, or what is wrong with it.
pub struct Params(Result<HashMap<String, String>, String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Params {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(Params(read(req.uri().query().map(|q| q.as_str()))))
    }
}

fn read(query: Option<&str>) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if out.insert(k.to_string(), v.to_string()).is_some() {
            return Err(format!("{k} is given more than once"));
        }
    }
    Ok(out)
}

impl Params {
    fn get(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match &self.0 {
            Ok(map) => Ok(map.get(name).map(String::as_str)),
            Err(why) => Err(ApiError::BadRequest(why.clone())),
        }
    }

    fn number(&self, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
        let Some(text) = self.get(name)? else {
            return Ok(default);
        };
        text.parse::<u64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::BadRequest(format!("{name} must be a whole number from 1 to {max}"))
            })
    }

    /// `page` (from 1) and `per_page` (1 to 500), or the defaults.
    pub fn paging(&self) -> Result<(u64, u64), ApiError> {
        Ok((
            self.number("page", 1, PAGE_MAX)?,
            self.number("per_page", PER_PAGE, PER_PAGE_MAX)?,
        ))
    }

    /// `lang=ru|en`, English when absent.
    pub fn lang(&self) -> Result<Lang, ApiError> {
        match self.get("lang")? {
            None | Some("en") => Ok(Lang::En),
            Some("ru") => Ok(Lang::Ru),
            Some(other) => Err(ApiError::BadRequest(format!(
                "lang must be ru or en, not \"{other}\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twice_and_out_of_range_are_refused() {
        let p = |q: &str| Params(read(Some(q)));
        assert_eq!(p("").paging().unwrap(), (1, PER_PAGE));
        assert_eq!(p("page=3&per_page=20").paging().unwrap(), (3, 20));
        assert!(p("per_page=null&per_page=null").paging().is_err());
        assert!(p("page=0").paging().is_err());
        assert!(p("per_page=501").paging().is_err());
        assert!(p("page=-1").paging().is_err());
        assert_eq!(p("lang=ru").lang().unwrap(), Lang::Ru);
        assert!(p("lang=de").lang().is_err());
        assert!(p("lang=%20en").lang().is_err());
    }
}
