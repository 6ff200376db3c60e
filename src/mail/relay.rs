//! Our own connections to a plain SMTP relay (`smtp://host:port`, no TLS, no credentials), with
//! TCP_NODELAY: lettre 0.11.23 never sets it, so Nagle's algorithm and the receiver's delayed ACK
//! stall every message about 40 ms on a connection (fixed upstream after that release).
use super::failure::SendError;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use tokio::net::TcpStream;
use tokio::sync::Mutex;

/// How long the server may take to greet, or to answer a message, before the attempt counts
/// as a temporary failure (lettre's own transport waits as long).
const ANSWER_BOUND: std::time::Duration = std::time::Duration::from_secs(60);

/// Connections to a plain relay, kept open between messages.
pub struct Relay {
    pub(super) addr: String,
    pub(super) idle: Mutex<Vec<AsyncSmtpConnection>>,
}

impl Relay {
    /// `host:port` of an `smtp://host[:port]` URL without credentials or options.
    pub(super) fn plain(url: &str) -> Option<String> {
        let rest = url.strip_prefix("smtp://")?.trim_end_matches('/');
        if rest.is_empty() || rest.contains(['@', '?', '/']) {
            return None;
        }
        Some(
            if rest
                .rsplit_once(':')
                .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
            {
                rest.to_string()
            } else {
                format!("{rest}:25")
            },
        )
    }

    async fn connect(&self) -> std::result::Result<AsyncSmtpConnection, SendError> {
        let temporary =
            |e: &dyn std::fmt::Display| SendError::temporary(format!("{}: {e}", self.addr));
        let stream = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            TcpStream::connect(&self.addr),
        )
        .await
        .map_err(|e| temporary(&e))?
        .map_err(|e| temporary(&e))?;
        stream.set_nodelay(true).map_err(|e| temporary(&e))?;
        // A server that accepts and never greets would hold the send for ever.
        let id = ClientId::default();
        let greeted = AsyncSmtpConnection::connect_with_transport(Box::new(stream), &id);
        tokio::time::timeout(ANSWER_BOUND, greeted)
            .await
            .map_err(|_| temporary(&"no greeting from the server"))?
            .map_err(|e| temporary(&e))
    }

    pub(super) async fn send(&self, message: &Message) -> std::result::Result<(), SendError> {
        let bytes = message.formatted();
        let idle = self.idle.lock().await.pop();
        // A kept connection the server has since closed fails before the message is handed
        // over; one fresh connection is then tried.
        let attempts = if idle.is_some() { 2 } else { 1 };
        let mut conn = match idle {
            Some(c) => c,
            None => self.connect().await?,
        };
        for attempt in 1..=attempts {
            let sent = tokio::time::timeout(ANSWER_BOUND, conn.send(message.envelope(), &bytes));
            let Ok(sent) = sent.await else {
                // The connection is dropped: the server may yet take the message, which SMTP
                // allows to be sent twice.
                return Err(SendError::temporary(format!(
                    "{}: the server did not answer within {ANSWER_BOUND:?}",
                    self.addr
                )));
            };
            match sent {
                Ok(_) => {
                    self.idle.lock().await.push(conn);
                    return Ok(());
                }
                Err(e) if attempt < attempts && !e.is_permanent() && !e.is_transient() => {
                    conn = self.connect().await?;
                }
                Err(e) => {
                    // The connection is kept after a refusal of this message, not after an error.
                    if e.is_permanent() || e.is_transient() {
                        self.idle.lock().await.push(conn);
                    }
                    return Err(SendError {
                        permanent: e.is_permanent(),
                        local: false,
                        text: e.to_string(),
                    });
                }
            }
        }
        Err(SendError::temporary(format!(
            "{}: no connection",
            self.addr
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::Relay;

    #[test]
    fn only_plain_relay_urls_get_our_own_connections() {
        assert_eq!(
            Relay::plain("smtp://127.0.0.1:2525").as_deref(),
            Some("127.0.0.1:2525")
        );
        assert_eq!(
            Relay::plain("smtp://mail.example.org").as_deref(),
            Some("mail.example.org:25")
        );
        assert_eq!(Relay::plain("smtp://user:pw@mail.example.org:587"), None);
        assert_eq!(
            Relay::plain("smtp://mail.example.org:587?tls=required"),
            None
        );
        assert_eq!(Relay::plain("smtps://mail.example.org"), None);
    }
}
