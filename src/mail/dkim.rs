//! Optional DKIM signing, for secretariats that send straight from their own domain rather
//! than through a provider that signs for them. The key is read and checked at start: a
//! missing or malformed key stops `serve`, never a message later.
use crate::config::DkimSettings;
use crate::{Error, Result};
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;

/// The headers signed: who, to whom, what, when, which message. Not `Content-Type`: lettre
/// writes a multipart's type with the body, after signing, so a signature naming it would
/// fail every receiver's check (the body hash covers the parts, their types included).
const SIGNED: [&str; 6] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
];

/// Reads the key: an RSA key in PKCS#1 PEM (`openssl genrsa -traditional`), or an Ed25519
/// key as the base64 of its 32 bytes.
pub fn config(settings: &DkimSettings) -> Result<DkimConfig> {
    let problem = |what: String| Error::Config(vec![format!("MAIL_DKIM_KEY_FILE: {what}")]);
    let text = std::fs::read_to_string(&settings.key_file)
        .map_err(|e| problem(format!("{}: {e}", settings.key_file.display())))?;
    let algorithm = if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
        DkimSigningAlgorithm::Rsa
    } else if text.contains("-----BEGIN") {
        return Err(problem(
            "an RSA key must be PKCS#1 (\"BEGIN RSA PRIVATE KEY\"); convert it with \
             `openssl rsa -traditional`"
                .into(),
        ));
    } else {
        DkimSigningAlgorithm::Ed25519
    };
    let key = DkimSigningKey::new(text.trim(), algorithm)
        .map_err(|e| problem(format!("not a usable key: {e}")))?;
    let headers = SIGNED
        .iter()
        .map(|h| HeaderName::new_from_ascii_str(h))
        .collect();
    // Relaxed both ways: relays that re-fold headers or trim trailing spaces keep it valid.
    let canonicalization = DkimCanonicalization {
        header: DkimCanonicalizationType::Relaxed,
        body: DkimCanonicalizationType::Relaxed,
    };
    Ok(DkimConfig::new(
        settings.selector.clone(),
        settings.domain.clone(),
        key,
        headers,
        canonicalization,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(key: &str) -> (tempfile::NamedTempFile, DkimSettings) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), key).unwrap();
        let s = DkimSettings {
            selector: "s1".into(),
            domain: "example.org".into(),
            key_file: file.path().to_path_buf(),
        };
        (file, s)
    }

    #[test]
    fn an_ed25519_key_is_read_and_anything_else_is_named_as_the_problem() {
        let (_f, ok) = settings("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n");
        assert!(config(&ok).is_ok());
        let (_f, pkcs8) =
            settings("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        let e = config(&pkcs8).unwrap_err().to_string();
        assert!(e.contains("PKCS#1"), "{e}");
        let (_f, junk) = settings("not a key");
        let e = config(&junk).unwrap_err().to_string();
        assert!(e.contains("MAIL_DKIM_KEY_FILE"), "{e}");
        let missing = DkimSettings {
            key_file: "/nonexistent/key.pem".into(),
            ..ok
        };
        assert!(config(&missing)
            .unwrap_err()
            .to_string()
            .contains("nonexistent"));
    }
}
