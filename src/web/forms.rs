//! Form types every area's pages share: a posted form that carries nothing but the session's
//! token (a button: close, invite, sign out...).
use crate::forms::RawForm;
use crate::{Error, Result};
use rocket::data::{Data, ToByteUnit};
use rocket::form::FromForm;

/// A button's form: the CSRF token alone.
#[derive(FromForm)]
pub struct CsrfForm<'r> {
    pub csrf: &'r str,
}

/// The largest form body accepted; far above any honest answer set.
pub const BODY_LIMIT_KIB: u64 = 512;

/// A posted form read as it came, names verbatim (a survey's field names hold dots, which
/// Rocket's forms would read as nesting): bounded, and in UTF-8 (`accept-charset`: other bytes
/// come from no browser).
pub async fn read_form(data: Data<'_>) -> Result<RawForm> {
    let body = data.open(BODY_LIMIT_KIB.kibibytes()).into_bytes().await?;
    if !body.is_complete() {
        return Err(Error::Invalid("form body too large".into()));
    }
    let body = String::from_utf8(body.into_inner())
        .map_err(|_| Error::Invalid("form body is not UTF-8".into()))?;
    Ok(RawForm::parse(&body))
}
