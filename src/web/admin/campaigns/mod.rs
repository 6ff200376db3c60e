//! A campaign's pages: the dashboard and each campaign's progress, opening, closing and the
//! deadline, invitations, reminders and mail previews, each response, the digest, proposals
//! to hand a survey over, a later version's texts applied to an open campaign, and downloads.
pub mod actions;
pub mod correct;
pub mod digest;
pub mod export;
pub mod handovers;
pub mod life;
pub mod pages;
pub mod progress_view;
pub mod remind;
pub mod response;

use rocket::Route;

/// Every route of this part, to mount under `/admin`.
pub fn routes() -> Vec<Route> {
    [
        actions::routes(),
        correct::routes(),
        digest::routes(),
        export::routes(),
        handovers::routes(),
        life::routes(),
        pages::routes(),
        remind::routes(),
        response::routes(),
    ]
    .concat()
}
