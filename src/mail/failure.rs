//! Why one attempt to send a message failed, told by every transport the same way.

/// Why one attempt failed, and whether trying again can help.
#[derive(Debug, Clone)]
pub(super) struct SendError {
    pub permanent: bool,
    /// Our own storage failed (the file outbox's disk full): not an attempt at the message,
    /// which goes back to the queue as it was while the worker backs off.
    pub local: bool,
    pub text: String,
}

impl SendError {
    pub(super) fn temporary(text: String) -> SendError {
        SendError {
            permanent: false,
            local: false,
            text,
        }
    }
}
