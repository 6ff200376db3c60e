//! The secretariat writes a year's report: its preface and a commentary per survey, each in
//! English and Russian, in Markdown. A refused save shows the page again with what was typed.
use crate::app::App;
use crate::campaigns;
use crate::i18n::Lang;
use crate::report::texts::{self, Section, Written};
use crate::web::staff::session::Secretariat;
use crate::web::view::{render, Base};
use crate::{Error, Result};
use rocket::form::Form;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, FromForm, State};
use serde::Serialize;

/// One section of the page, with its texts.
#[derive(Serialize)]
struct SectionView {
    key: String,
    /// "Preface", or the survey's title.
    title: String,
    en: String,
    ru: String,
}

#[derive(Serialize)]
struct TextsPage {
    year: i32,
    sections: Vec<SectionView>,
    max_chars: usize,
    error: Option<String>,
}

/// The sections `year`'s report has: the preface, and each survey with a campaign that year.
async fn sections(app: &App, year: i32, lang: Lang) -> Result<Vec<(Section, String)>> {
    let forms = app.forms.current(&app.db).await?;
    let mut out = vec![(
        Section::Preface,
        app.renderer.text(lang, "report-preface", &[]),
    )];
    for form in forms.forms.values() {
        let runs = campaigns::of_form(&app.db, &form.id).await?;
        if runs.iter().any(|c| c.year == year) {
            let title = form.title.get(lang).to_string();
            out.push((Section::Survey(form.id.clone()), title));
        }
    }
    Ok(out)
}

async fn page(
    app: &App,
    year: i32,
    lang: Lang,
    typed: Option<&[SectionText]>,
) -> Result<TextsPage> {
    let kept = texts::of_year(&app.db, year).await?;
    let known = sections(app, year, lang).await?;
    if known.len() == 1 {
        return Err(Error::NotFound);
    }
    let sections = known
        .into_iter()
        .map(|(section, title)| {
            let typed = typed.and_then(|t| t.iter().find(|s| s.section == section.key()));
            let w = match typed {
                Some(t) => Written {
                    en: t.en.clone(),
                    ru: t.ru.clone(),
                },
                None => kept.get(&section).cloned().unwrap_or_default(),
            };
            SectionView {
                key: section.key().to_string(),
                title,
                en: w.en,
                ru: w.ru,
            }
        })
        .collect();
    Ok(TextsPage {
        year,
        sections,
        max_chars: crate::report::markdown::MAX_CHARS,
        error: None,
    })
}

#[get("/report/<year>/texts")]
pub(super) async fn edit(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    year: i32,
) -> Result<RawHtml<String>> {
    let view = page(app, year, lang, None).await?;
    render(
        app,
        "review/texts",
        &Base::new(lang, Some(&staff.0), None),
        &view,
    )
}

#[derive(FromForm)]
pub(super) struct SectionText {
    section: String,
    en: String,
    ru: String,
}

#[derive(FromForm)]
pub(super) struct TextsForm<'r> {
    csrf: &'r str,
    s: Vec<SectionText>,
}

#[post("/report/<year>/texts", data = "<f>")]
pub(super) async fn save(
    app: &State<App>,
    staff: Secretariat,
    lang: Lang,
    year: i32,
    f: Form<TextsForm<'_>>,
) -> Result<rocket::Either<Flash<Redirect>, RawHtml<String>>> {
    let actor = staff.act(f.csrf)?;
    let known = sections(app, year, lang).await?;
    let mut given = Vec::with_capacity(f.s.len());
    for s in &f.s {
        // A section this year's report has not is no mistake a person makes on this page.
        let Some((section, _)) = known.iter().find(|(k, _)| k.key() == s.section) else {
            return Err(Error::Invalid(format!("report section {:?}", s.section)));
        };
        let w = Written {
            en: s.en.replace("\r\n", "\n"),
            ru: s.ru.replace("\r\n", "\n"),
        };
        given.push((section.clone(), w));
    }
    match texts::save(&app.db, &actor, year, given).await {
        Ok(_) => {
            let text = app.renderer.text(lang, "flash-report-texts-saved", &[]);
            let to = Redirect::to(format!("/review/report/{year}"));
            Ok(rocket::Either::Left(Flash::success(to, text)))
        }
        Err(e) => {
            let why = crate::web::view::refusal(app, lang, e, "report-texts-invalid")?;
            let mut view = page(app, year, lang, Some(&f.s)).await?;
            view.error = Some(why);
            let base = Base::new(lang, Some(&staff.0), None);
            render(app, "review/texts", &base, &view).map(rocket::Either::Right)
        }
    }
}
