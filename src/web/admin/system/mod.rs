//! Running the service: staff accounts, API tokens, the audit trail and the outbox.
pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod outbox;

use rocket::Route;

/// Every route of this part, to mount under `/admin`.
pub fn routes() -> Vec<Route> {
    [
        accounts::routes(),
        api_tokens::routes(),
        audit::routes(),
        outbox::routes(),
    ]
    .concat()
}
