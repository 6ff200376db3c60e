//! Interface texts in English and Russian from Fluent files (`templates/locales/{en,ru}`), and
//! the handlebars registry that every page and e-mail is rendered with. One template serves both
//! languages: it asks `{{t "key"}}` for each text, in the language of `@root.lang`.
use crate::{Error, Result};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{ArcLoader, LanguageIdentifier, Loader};
use handlebars::{
    Context, DirectorySourceOptions, Handlebars, Helper, HelperDef, RenderContext, RenderError,
    RenderErrorReason, ScopedJson,
};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The languages of every page and e-mail; the first is used when nothing says otherwise.
pub const LANGUAGES: [&str; 2] = ["en", "ru"];

/// "ru" for anything Russian, else "en".
pub fn lang(code: &str) -> &'static str {
    if code.trim().to_ascii_lowercase().starts_with("ru") {
        "ru"
    } else {
        "en"
    }
}

pub fn other_lang(code: &str) -> &'static str {
    if lang(code) == "ru" {
        "en"
    } else {
        "ru"
    }
}

pub struct I18n {
    loader: ArcLoader,
    en: LanguageIdentifier,
    ru: LanguageIdentifier,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    pub fn load(dir: &Path) -> Result<Self> {
        let en: LanguageIdentifier = "en".parse().map_err(|_| Error::TemplateLoad("en".into()))?;
        let ru: LanguageIdentifier = "ru".parse().map_err(|_| Error::TemplateLoad("ru".into()))?;
        let loader = ArcLoader::builder(dir, en.clone())
            // Unicode isolation marks around arguments would end up inside e-mail subjects.
            .customize(|bundle| bundle.set_use_isolating(false))
            .build()
            .map_err(|e| Error::TemplateLoad(format!("{}: {e}", dir.display())))?;
        Ok(I18n { loader, en, ru })
    }

    fn id(&self, code: &str) -> &LanguageIdentifier {
        if lang(code) == "ru" {
            &self.ru
        } else {
            &self.en
        }
    }

    /// The text for `key`, or `None` when neither language has it.
    pub fn try_text(&self, code: &str, key: &str, args: &[(&str, String)]) -> Option<String> {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        self.loader
            .try_lookup_complete(self.id(code), key, (!args.is_empty()).then_some(&args))
    }

    /// The text for `key`; a missing key shows itself, loudly, rather than a blank.
    pub fn text(&self, code: &str, key: &str, args: &[(&str, String)]) -> String {
        self.try_text(code, key, args).unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            format!("[{key}]")
        })
    }
}

/// The `t` helper: `{{t "key" name=value}}`.
struct TextHelper(Arc<I18n>);

impl HelperDef for TextHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> std::result::Result<ScopedJson<'rc>, RenderError> {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        // `lang="ru"` picks a language for one text, as bilingual e-mails need.
        let code = h
            .hash_get("lang")
            .and_then(|v| v.value().as_str())
            .or_else(|| ctx.data().get("lang").and_then(|l| l.as_str()))
            .unwrap_or("en");
        let args: Vec<(&str, String)> = h
            .hash()
            .iter()
            .filter(|(k, _)| **k != "lang")
            .map(|(k, v)| {
                let value = match v.value() {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (*k, value)
            })
            .collect();
        let text = self
            .0
            .try_text(code, key, &args)
            .ok_or_else(|| RenderErrorReason::Other(format!("no translation for \"{key}\"")))?;
        Ok(ScopedJson::Derived(serde_json::Value::String(text)))
    }
}

/// Handlebars in strict mode, so a missing variable is an error, not a blank in a page or an
/// e-mail, with every template of `templates/`.
pub struct Renderer {
    hbs: Handlebars<'static>,
    pub i18n: Arc<I18n>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Renderer")
    }
}

impl Renderer {
    pub fn load(templates_dir: &Path) -> Result<Self> {
        let i18n = Arc::new(I18n::load(&templates_dir.join("locales"))?);
        let mut hbs = Handlebars::new();
        hbs.set_strict_mode(true);
        hbs.register_helper("t", Box::new(TextHelper(i18n.clone())));
        hbs.register_templates_directory(templates_dir, DirectorySourceOptions::default())
            .map_err(|e| Error::TemplateLoad(e.to_string()))?;
        Ok(Renderer { hbs, i18n })
    }

    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String> {
        Ok(self.hbs.render(name, data)?)
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.hbs.has_template(name)
    }

    pub fn text(&self, lang: &str, key: &str, args: &[(&str, String)]) -> String {
        self.i18n.text(lang, key, args)
    }
}
