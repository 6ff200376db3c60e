//! Random secrets handed out once (personal links, staff sessions, CSRF tokens) and the
//! digest under which they are stored, so that a copy of the database opens nothing.
use base64::Engine;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe base64 without padding: 43 characters.
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `text` could be one of ours; anything else is refused before a query.
pub fn plausible(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// SHA-256, hex: what the database keeps of a secret.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Equality that takes the same time wherever the first difference is.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_plausible_and_distinct() {
        let (a, b) = (random(), random());
        assert!(plausible(&a) && plausible(&b));
        assert_ne!(a, b);
        assert!(!plausible("short") && !plausible(&format!("{}!", &a[..42])));
        assert_eq!(digest(&a).len(), 64);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, &a[..42]));
    }
}
