//! Form types every area's pages share: a posted form that carries nothing but the session's
//! token (a button: close, invite, sign out...).
use rocket::form::FromForm;

/// A button's form: the CSRF token alone.
#[derive(FromForm)]
pub struct CsrfForm<'r> {
    pub csrf: &'r str,
}
