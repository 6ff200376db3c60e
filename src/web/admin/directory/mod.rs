//! The directory's pages: countries and their status by year, institutes, contacts, the CSV
//! import and export.
pub mod contacts;
pub mod forms;
pub mod import;
pub mod institute;
pub mod pages;

use rocket::Route;

/// Every route of this part, to mount under `/admin`.
pub fn routes() -> Vec<Route> {
    [
        contacts::routes(),
        import::routes(),
        institute::routes(),
        pages::routes(),
    ]
    .concat()
}
