//! Changes made to a schema's TOML source itself, so that what is published keeps the author's
//! comments, order and layout: `forms export` gives back the file as it was written.
use toml_edit::{value, DocumentMut};

/// The source with its top-level `version` set to `n` (added after `id` when missing); a source
/// that does not parse is returned as it is (it was checked before, so this does not happen).
pub fn with_version(source: &str, n: i32) -> String {
    let Ok(mut doc) = source.parse::<DocumentMut>() else {
        return source.to_string();
    };
    match doc.get_mut("version").and_then(|i| i.as_value_mut()) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = toml_edit::Value::from(i64::from(n));
            *v.decor_mut() = decor;
        }
        None => doc["version"] = value(i64::from(n)),
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_version_changes_and_nothing_else() {
        let src =
            "# a comment\nid = \"x\"\nversion = 1 # kept\ntitle = { en = \"A\", ru = \"Б\" }\n";
        let out = super::with_version(src, 4);
        assert_eq!(
            out,
            "# a comment\nid = \"x\"\nversion = 4 # kept\ntitle = { en = \"A\", ru = \"Б\" }\n"
        );
    }
}
