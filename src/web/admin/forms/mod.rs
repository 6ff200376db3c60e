//! `/admin/forms`: the surveys and their versions. Reviewers may read every page; the
//! secretariat also uploads a new version or edits a copy of the latest, reads its difference and what it does, and publishes
//! it. A version's preview is the respondent's form, and lives with it (`respondent::preview`).
mod edit;
mod lists;
mod pages;
mod upload;

use rocket::Route;

/// Every route of this part, to mount under `/admin`.
pub fn routes() -> Vec<Route> {
    [
        edit::routes(),
        lists::routes(),
        pages::routes(),
        upload::routes(),
    ]
    .concat()
}
