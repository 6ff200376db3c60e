//! Interface texts in English and Russian from Fluent files (`templates/locales/{en,ru}`), and
//! the handlebars registry that every page and e-mail is rendered with. One template serves both
//! languages: it asks `{{t "key"}}` for each text, in the language of `@root.lang`.
pub mod skeleton;

use crate::{Error, Result};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{ArcLoader, LanguageIdentifier, Loader};
use handlebars::{
    Context, DirectorySourceOptions, Handlebars, Helper, HelperDef, HelperResult, Output,
    RenderContext, RenderError, RenderErrorReason, Renderable, ScopedJson,
};
use sea_orm::entity::prelude::{DeriveActiveEnum, EnumIter, StringLen};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A language of pages and e-mails. Stored as `en` or `ru` (the contacts' column), sent to
/// templates the same way.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    #[sea_orm(string_value = "en")]
    En,
    #[sea_orm(string_value = "ru")]
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// Russian for anything that says so (`ru`, `ru-RU`, `RU`), else English: a browser's or a
    /// user's wish is never an error.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// Exactly `en` or `ru`, for input that must be one of them (seed files, the CLI).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ru,
            Lang::Ru => Lang::En,
        }
    }

    /// Picks the text of this language from a pair.
    pub fn pick<'a, T: ?Sized>(self, en: &'a T, ru: &'a T) -> &'a T {
        match self {
            Lang::En => en,
            Lang::Ru => ru,
        }
    }

    /// A number as the language writes it (`1.5` written by `fmt_num`): a decimal comma in
    /// Russian ("62,5"), a point in English. No grouping of thousands: the figures a survey
    /// yields are small, and a grouped "1 234" would read as two numbers in a table cell.
    pub fn decimal(self, number: String) -> String {
        match self {
            Lang::En => number,
            Lang::Ru => number.replace('.', ","),
        }
    }

    /// Two names in the order a reader of the language expects them (Unicode collation with
    /// the language's tailoring: "Беларусь" before "Босния", "Germany" before "Georgia"
    /// whatever their codes).
    pub fn collate(self, a: &str, b: &str) -> std::cmp::Ordering {
        use icu_collator::{options::CollatorOptions, Collator, CollatorBorrowed};
        use std::sync::OnceLock;
        static COLLATORS: [OnceLock<Option<CollatorBorrowed<'static>>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        let slot = &COLLATORS[usize::from(self == Lang::Ru)];
        let collator = slot.get_or_init(|| {
            let locale = match self {
                Lang::En => icu_locale_core::locale!("en"),
                Lang::Ru => icu_locale_core::locale!("ru"),
            };
            Collator::try_new((&locale).into(), CollatorOptions::default()).ok()
        });
        match collator {
            Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
            // The compiled data covers both languages; should it not, code point order.
            None => a.cmp(b),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

pub use crate::dates::{fmt_day, fmt_time};

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

    fn id(&self, lang: Lang) -> &LanguageIdentifier {
        lang.pick(&self.en, &self.ru)
    }

    /// The text for `key`, or `None` when neither language has it.
    pub fn try_text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> Option<String> {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        self.loader
            .try_lookup_complete(self.id(lang), key, (!args.is_empty()).then_some(&args))
    }

    /// Who acted, as a page shows it (the `who` helper): an account by its address, the
    /// command line's operator and the installation in words of `lang`.
    pub fn actor(&self, lang: Lang, who: &str) -> String {
        let seeded = who.starts_with("forms/") || who.starts_with("seeds/");
        match who.strip_prefix("cli:") {
            Some(user) => self.text(lang, "actor-cli", &[("user", user.to_string())]),
            None if seeded => self.text(lang, "actor-seed", &[]),
            None => who.to_string(),
        }
    }

    /// The text for `key`; a missing key shows itself, loudly, rather than a blank.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        self.try_text(lang, key, args).unwrap_or_else(|| {
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
        let lang = h
            .hash_get("lang")
            .and_then(|v| v.value().as_str())
            .or_else(|| ctx.data().get("lang").and_then(|l| l.as_str()))
            .map(Lang::from_code)
            .unwrap_or_default();
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
            .try_text(lang, key, &args)
            .ok_or_else(|| RenderErrorReason::Other(format!("no translation for \"{key}\"")))?;
        Ok(ScopedJson::Derived(serde_json::Value::String(text)))
    }
}

/// The `who` helper: `{{who actor}}` names who acted as a page shows it. An account is its
/// address; the operator at the command line, stored as `cli:<user>`, is named in the page's
/// language ("оператор (командная строка, root)") rather than by the code; what the service
/// installed from its own files (`forms/<survey>.toml`, `seeds/lists/<list>.csv`) is named as
/// the installation, not by a path.
struct WhoHelper(Arc<I18n>);

impl HelperDef for WhoHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> std::result::Result<ScopedJson<'rc>, RenderError> {
        let who = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .unwrap_or_default();
        let lang = ctx
            .data()
            .get("lang")
            .and_then(|l| l.as_str())
            .map(Lang::from_code)
            .unwrap_or_default();
        let shown = self.0.actor(lang, who);
        Ok(ScopedJson::Derived(serde_json::Value::String(shown)))
    }
}

/// The `include` helper: `{{include "form/field"}}` renders another template right here, in
/// the current context. A handlebars partial (`{{> form/field}}`) would first copy the whole
/// current context, which on a form of a hundred questions costs more than the rest of the
/// page; this reads the same values where they are.
struct IncludeHelper;

impl HelperDef for IncludeHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        included(h, r)?.render(r, ctx, rc, out)
    }
}

/// The template an `include` names.
pub(crate) fn included<'reg>(
    h: &Helper<'_>,
    r: &'reg Handlebars<'reg>,
) -> std::result::Result<&'reg handlebars::Template, RenderError> {
    let name = h
        .param(0)
        .and_then(|p| p.value().as_str())
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("include", 0))?;
    Ok(r.get_template(name)
        .ok_or_else(|| RenderErrorReason::PartialNotFound(name.to_string()))?)
}

/// Handlebars in strict mode, so a missing variable is an error, not a blank in a page or an
/// e-mail, with every template of `templates/`.
pub struct Renderer {
    hbs: Handlebars<'static>,
    pub i18n: Arc<I18n>,
    /// The registry that renders skeletons' probes (`skeleton`), made on first use.
    probe: std::sync::OnceLock<Handlebars<'static>>,
    /// Pages rendered once per form and language (`skeleton::Cache`).
    pub skeletons: crate::i18n::skeleton::Cache,
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
        hbs.register_helper("include", Box::new(IncludeHelper));
        hbs.register_helper("who", Box::new(WhoHelper(i18n.clone())));
        hbs.register_templates_directory(templates_dir, DirectorySourceOptions::default())
            .map_err(|e| Error::TemplateLoad(e.to_string()))?;
        Ok(Renderer {
            hbs,
            i18n,
            probe: Default::default(),
            skeletons: Default::default(),
        })
    }

    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String> {
        Ok(self.hbs.render(name, data)?)
    }

    pub(crate) fn probe(&self) -> &Handlebars<'static> {
        self.probe
            .get_or_init(|| crate::i18n::skeleton::probe_registry(&self.hbs))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.hbs.has_template(name)
    }

    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        self.i18n.text(lang, key, args)
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;
    use std::cmp::Ordering::Less;

    #[test]
    fn names_are_ordered_as_the_language_reads_them() {
        assert_eq!(Lang::Ru.collate("Беларусь", "Босния и Герцеговина"), Less);
        assert_eq!(Lang::Ru.collate("Германия", "Грузия"), Less);
        // Ё between Е and Ж, where code point order would put it after Я.
        assert_eq!(Lang::Ru.collate("Ёлки", "Жуков"), Less);
        assert_eq!(Lang::En.collate("Georgia", "Germany"), Less);
        assert_eq!(Lang::En.collate("armenia", "Azerbaijan"), Less);
    }
}
