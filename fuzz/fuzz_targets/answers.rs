//! Answer validation on any posted body: `RawForm::parse` and `validate`, in both modes, against
//! every form of `forms/`, must return, never panic.
#![no_main]

use coomet_surveys::forms::{validate, Mode, RawForm, Registry};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Registry::load(&root.join("forms"), &root.join("seeds")).expect("forms/ load")
});

fuzz_target!(|data: &[u8]| {
    let raw = RawForm::parse(&String::from_utf8_lossy(data));
    for form in REGISTRY.forms.values() {
        for mode in [Mode::Draft, Mode::Submit] {
            let outcome = validate(form, &raw, mode);
            if mode == Mode::Submit && outcome.is_valid() {
                // What a valid submission stores is what it shows again.
                let again = RawForm::from_answers(form, &outcome.answers);
                assert_eq!(validate(form, &again, mode).answers, outcome.answers);
            }
        }
    }
});
