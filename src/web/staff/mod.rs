//! Staff as people with an account: the session and its guards (`Staff`, `Secretariat`),
//! signing in with a password and a second factor, throttled, and one's own account page.
pub mod device;
pub mod own_account;
pub mod second_factor;
pub mod second_step;
pub mod session;
pub mod sign_in;
pub mod signed_in;
pub mod throttle;

use rocket::{Build, Rocket};

pub fn stage(rocket: Rocket<Build>) -> Rocket<Build> {
    rocket
        .mount("/admin", sign_in::routes())
        .mount("/admin", second_step::routes())
        .mount("/admin", second_factor::routes())
        .mount("/admin", own_account::routes())
}
