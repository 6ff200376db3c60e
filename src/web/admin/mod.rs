//! The secretariat's pages under `/admin`, by subject. Every page takes the `Secretariat` guard
//! (or `Staff` where reviewers may read it too); every change calls one domain command.
pub mod campaigns;
pub mod directory;
pub mod forms;
mod print;
pub mod system;

use rocket::{Build, Rocket};

pub fn stage(rocket: Rocket<Build>) -> Rocket<Build> {
    rocket
        .mount("/admin", campaigns::routes())
        .mount("/admin", directory::routes())
        .mount("/admin", forms::routes())
        .mount("/admin", print::routes())
        .mount("/admin", system::routes())
}
