//! The skeleton's page against the template's, byte for byte, over every survey of `forms/`,
//! both languages and the states a page is shown in.
use super::sections;
use crate::forms::schema::Question;
use crate::forms::{validate_for, Form, Kind, Mode, RawForm, Registry};
use crate::i18n::{Lang, Renderer};
use crate::web::respondent::form_view::{Before, FormView};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

/// An address with what escaping changes in it.
const ACTION: &str = "/r/token?lang=ru&x=\"1\"";

/// A value for every field of `q` named `name`: the first choices (and "other" with its text),
/// a number (`number`), texts with what escaping changes.
fn answer(form: &Form, raw: &mut RawForm, q: &Question, name: &str, number: &str) {
    let choices = form.choices(q);
    let text = format!("Ответ <{name}> & \"кавычки\" 'x' `y` =");
    let values: Vec<String> = match q.kind {
        Kind::MultiChoice => choices.iter().take(2).map(|c| c.value.clone()).collect(),
        Kind::SingleChoice | Kind::YesNo => {
            choices.iter().take(1).map(|c| c.value.clone()).collect()
        }
        Kind::Integer | Kind::Decimal => vec![number.to_string()],
        Kind::Year => vec!["2026".into()],
        Kind::Date => vec!["2026-05-04".into()],
        _ => vec![text.clone()],
    };
    raw.0.insert(name.to_string(), values);
    if q.other {
        raw.0
            .entry(name.to_string())
            .or_default()
            .push("other".into());
        raw.set(format!("{name}.other"), text.clone());
    }
    if q.detail.is_some() {
        raw.set(format!("{name}.detail.0"), text);
    }
}

/// Every question answered, each group with `rows` rows.
fn filled(form: &Form, rows: usize, number: &str) -> RawForm {
    let mut raw = RawForm::default();
    for q in form.sections.iter().flat_map(|s| &s.questions) {
        match q.kind {
            Kind::Group => {
                raw.set(format!("{}._rows", q.id), rows.to_string());
                for i in 0..rows {
                    for inner in &q.questions {
                        let name = format!("{}.{i}.{}", q.id, inner.id);
                        answer(form, &mut raw, inner, &name, number);
                    }
                }
            }
            Kind::Grid => {
                for i in 0..form.choices(q).len() {
                    for inner in &q.questions {
                        let name = format!("{}.{i}.{}", q.id, inner.id);
                        answer(form, &mut raw, inner, &name, number);
                    }
                }
            }
            _ => answer(form, &mut raw, q, &q.id, number),
        }
    }
    raw
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(120);
    let show = |s: &str| {
        s.get(from..(at + 120).min(s.len()))
            .unwrap_or("")
            .to_string()
    };
    format!(
        "at byte {at}:\n template: {}\n skeleton: {}",
        show(a),
        show(b)
    )
}

#[test]
fn skeleton_pages_are_the_templates_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let renderer = Renderer::load(&root.join("templates")).expect("templates");
    let registry =
        Registry::load(&root.join("forms"), &root.join("seeds"), &renderer.i18n).expect("forms");
    assert_eq!(registry.forms.len(), 7, "every survey of forms/");
    let (mut compared, mut refusals) = (0, 0);
    for form in registry.forms.values() {
        let form: Arc<Form> = form.clone();
        let own = Some("VNIIM");
        let empty = RawForm::default();
        let full = filled(&form, 1, "3");
        let more = filled(&form, 3, "3");
        let wrong = filled(&form, 2, "много");
        let changed = filled(&form, 2, "300");
        let last = validate_for(&form, &full, Mode::Draft, own).answers;
        let refused = validate_for(&form, &empty, Mode::Submit, own).errors;
        let mistaken = validate_for(&form, &wrong, Mode::Submit, own).errors;
        refusals += refused.len() + mistaken.len();
        let states = [
            ("empty", &empty, &[][..], None),
            ("filled", &full, &[][..], None),
            ("rows added", &more, &[][..], None),
            ("refused", &empty, &refused[..], None),
            ("mistaken", &wrong, &mistaken[..], None),
            ("last year's beside", &changed, &[][..], Some(&last)),
            (
                "refused beside last year's",
                &empty,
                &refused[..],
                Some(&last),
            ),
        ];
        for lang in Lang::ALL {
            for (state, raw, errors, before) in states {
                let view = FormView {
                    form: &form,
                    raw,
                    errors,
                    lang,
                    i18n: &renderer.i18n,
                    own,
                    before: before.map(|answers| Before {
                        year: 2025,
                        answers,
                    }),
                };
                let page = json!({ "lang": lang, "action": ACTION, "sections": view.sections() });
                let template = renderer.render("form/sections", &page).expect("rendered");
                let skeleton = sections(&renderer, &form, &view, ACTION)
                    .unwrap_or_else(|| panic!("{}: no skeleton", form.id));
                assert!(
                    template == skeleton,
                    "{} in {lang:?}, {state}: {}",
                    form.id,
                    first_difference(&template, &skeleton)
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 7 * 2 * 7);
    assert!(
        refusals > 20,
        "the refused pages have messages to show: {refusals}"
    );
}
