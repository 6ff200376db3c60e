//! The mail outbox. Every e-mail is first a row, written in the same transaction as what caused
//! it (an invitation, a reminder), so that nothing is sent that did not happen and nothing that
//! happened goes unsent. Delivery reads due rows and hands them to SMTP or to the file outbox.
pub mod deliver;
pub mod entity;
mod relay;
pub mod templates;

pub use deliver::{deliver_due, DeliveryReport, Transport};
pub use entity as outbox;
pub use templates::Outgoing;

/// Where a personal link goes in a stored message; replaced by a fresh link when delivered.
pub const LINK_PLACEHOLDER: &str = "{{LINK}}";
