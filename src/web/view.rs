//! What every page's template reads besides its own view model: the language, the signed-in
//! staff member, a flash message; and the one way to render a page.
use crate::app::App;
use crate::directory::staff_user::Role;
use crate::i18n::Lang;
use crate::Result;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use serde::Serialize;

/// The page header's part about the signed-in member of staff.
#[derive(Serialize)]
pub struct StaffView<'a> {
    pub email: &'a str,
    pub role: Role,
    pub csrf: &'a str,
    pub secretariat: bool,
}

/// A signed-in member of staff as the header shows them; `web::staff` says who that is, so
/// rendering knows nothing of sessions.
pub trait SignedIn {
    fn header(&self) -> StaffView<'_>;
}

impl<T: SignedIn + ?Sized> SignedIn for &T {
    fn header(&self) -> StaffView<'_> {
        (**self).header()
    }
}

#[derive(Serialize)]
pub struct FlashView {
    kind: String,
    text: String,
}

/// The shared part of every page.
#[derive(Serialize)]
pub struct Base<'a> {
    pub lang: Lang,
    pub staff: Option<StaffView<'a>>,
    pub flash: Option<FlashView>,
    /// Where the language link goes, when not to `/lang/<other>` (the respondent's page keeps
    /// its token in the URL).
    pub switch_url: Option<String>,
    pub other_lang: Option<Lang>,
}

impl<'a> Base<'a> {
    pub fn new(
        lang: Lang,
        staff: Option<&'a dyn SignedIn>,
        flash: Option<FlashMessage<'_>>,
    ) -> Self {
        Base {
            lang,
            staff: staff.map(|s| s.header()),
            flash: flash.map(|f| FlashView {
                kind: f.kind().to_string(),
                text: f.message().to_string(),
            }),
            switch_url: None,
            other_lang: None,
        }
    }

    /// A page for anyone: no staff, no flash.
    pub fn public(lang: Lang) -> Self {
        Base::new(lang, None, None)
    }
}

/// A notice at the top of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeKind {
    Success,
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: String) -> Self {
        Notice { kind, text }
    }
}

/// A page's whole input: the shared part and its own view model, side by side.
#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    #[serde(flatten)]
    base: &'a Base<'a>,
    #[serde(flatten)]
    body: &'a T,
    /// The version in the style sheet's and script's URLs.
    asset_version: &'a str,
}

/// The assets' version, set once when the service is built (`web::rocket`).
pub static ASSET_VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// What `templates/layout.hbs` reads: the shared part and the page's rendered content.
#[derive(Serialize)]
struct Layout<'a> {
    #[serde(flatten)]
    base: &'a Base<'a>,
    asset_version: &'a str,
    content: String,
}

/// Renders `template` with the page's view model, then the layout around it. Two steps rather
/// than a handlebars partial block, which would copy the whole page's context.
pub fn render<T: Serialize>(
    app: &App,
    template: &str,
    base: &Base<'_>,
    body: &T,
) -> Result<RawHtml<String>> {
    let asset_version = ASSET_VERSION.get().map_or("", String::as_str);
    let page = Page {
        base,
        body,
        asset_version,
    };
    let content = app.renderer.render(template, &page)?;
    let layout = Layout {
        base,
        asset_version,
        content,
    };
    Ok(RawHtml(app.renderer.render("layout", &layout)?))
}

/// A refusal of the rules in the user's words; an `Invalid` input in the words of
/// `invalid_key` (what the page asked for); any other error is no refusal and is returned.
pub fn refusal(app: &App, lang: Lang, e: crate::Error, invalid_key: &str) -> Result<String> {
    match e {
        crate::Error::Refused(r) => {
            let (key, args) = r.text();
            Ok(app.renderer.text(lang, key, &args))
        }
        crate::Error::Invalid(_) => Ok(app.renderer.text(lang, invalid_key, &[])),
        other => Err(other),
    }
}
