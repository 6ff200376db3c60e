//! The schema checker on any text: `load_source` must return, never panic, and report each
//! problem at a line of the text. Seed the corpus with `forms/*.toml`.
#![no_main]

use coomet_surveys::forms::{load::load_source, RefLists};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static LISTS: LazyLock<RefLists> = LazyLock::new(|| {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    RefLists::load(&seeds).expect("seeds/ load")
});

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let (_, problems) = load_source(Path::new("fuzz.toml"), &source, &LISTS);
    let lines = source.lines().count();
    for p in &problems {
        assert!(
            p.line >= 1 && p.line <= lines + 1,
            "problem at line {} of {lines}: {p}",
            p.line
        );
    }
});
