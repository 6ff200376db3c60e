//! A version of a survey tried as a respondent would: the same form, conditions, messages,
//! rows and grid, in either language; answers are checked exactly as a submission would be,
//! and nothing is stored. No CSRF token: a preview changes nothing, so a forged one can do
//! nothing either.
use super::conflict::ConflictView;
use super::form_view::{FormView, SectionView, SummaryItem};
use super::page::{action, read_form, Action};
use crate::app::App;
use crate::forms::{validate_for, FieldError, Kind, Mode, RawForm};
use crate::i18n::Lang;
use crate::web::staff::session::Staff;
use crate::web::view::{render, Base, Notice, NoticeKind};
use crate::{Error, Result};
use rocket::data::Data;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![show, post]
}

/// `templates/admin/form-preview.hbs`: the respondent's form (`form/body`) under a banner.
#[derive(Serialize)]
struct PreviewPage<'a> {
    id: &'a str,
    number: i32,
    title: &'a str,
    intro: Option<&'a str>,
    year: i32,
    other_url: String,
    other_lang: Lang,
    notice: Option<Notice>,
    errors: Vec<SummaryItem>,
    // What `form/body` reads, as a respondent's first visit has it.
    action: String,
    version: i32,
    conflicts: &'a [ConflictView],
    conflict_ids: &'a str,
    conflict_who: &'a str,
    open: bool,
    submitted: bool,
    sections: Vec<SectionView<'a>>,
}

struct Preview<'a> {
    app: &'a App,
    staff: &'a Staff,
    lang: Lang,
    id: &'a str,
    number: i32,
}

impl Preview<'_> {
    async fn render(
        &self,
        raw: &RawForm,
        errors: &[FieldError],
        notice: Option<Notice>,
    ) -> Result<RawHtml<String>> {
        let (_, form) = self
            .app
            .forms
            .get(&self.app.db, self.id, Some(self.number))
            .await?
            .ok_or(Error::NotFound)?;
        let lang = self.lang;
        let view = FormView {
            before: None,
            form: &form,
            raw,
            errors,
            lang,
            i18n: &self.app.renderer.i18n,
            own: None,
        };
        let path = format!("/admin/forms/{}/{}/preview", form.id, self.number);
        let page = PreviewPage {
            id: &form.id,
            number: self.number,
            title: form.title.get(lang),
            intro: form.intro.as_ref().map(|t| t.get(lang)),
            year: chrono::Datelike::year(&chrono::Utc::now().date_naive()),
            other_url: format!("{path}?lang={}", lang.other()),
            other_lang: lang.other(),
            notice,
            errors: view.summary(),
            action: format!("{path}?lang={lang}"),
            version: 0,
            conflicts: &[],
            conflict_ids: "",
            conflict_who: "",
            open: true,
            submitted: false,
            sections: view.sections(),
        };
        let base = Base::new(lang, Some(self.staff), None);
        render(self.app, "admin/form-preview", &base, &page)
    }

    fn notice(&self, kind: NoticeKind, key: &str) -> Option<Notice> {
        Some(Notice::new(
            kind,
            self.app.renderer.text(self.lang, key, &[]),
        ))
    }
}

#[get("/forms/<id>/<number>/preview?<lang>")]
async fn show(
    app: &State<App>,
    staff: Staff,
    page_lang: Lang,
    id: &str,
    number: i32,
    lang: Option<&str>,
) -> Result<RawHtml<String>> {
    let lang = lang.map_or(page_lang, Lang::from_code);
    let p = Preview {
        app,
        staff: &staff,
        lang,
        id,
        number,
    };
    p.render(&RawForm::default(), &[], None).await
}

#[post("/forms/<id>/<number>/preview?<lang>", data = "<data>")]
async fn post(
    app: &State<App>,
    staff: Staff,
    page_lang: Lang,
    id: &str,
    number: i32,
    lang: Option<&str>,
    data: Data<'_>,
) -> Result<RawHtml<String>> {
    let lang = lang.map_or(page_lang, Lang::from_code);
    let mut raw = read_form(data).await?;
    let (_, form) = app
        .forms
        .get(&app.db, id, Some(number))
        .await?
        .ok_or(Error::NotFound)?;
    let p = Preview {
        app,
        staff: &staff,
        lang,
        id,
        number,
    };
    let bad = || Error::Invalid("unknown group, grid or column".into());
    let asked = raw.get("_action").to_string();
    match action(&asked)? {
        Action::Save(mode) => {
            let outcome = validate_for(&form, &raw, mode, None);
            let notice = match (mode, outcome.errors.is_empty()) {
                (Mode::Submit, true) => p.notice(NoticeKind::Success, "preview-valid"),
                (Mode::Submit, false) => p.notice(NoticeKind::Error, "notice-fix-errors"),
                (Mode::Draft, _) => p.notice(NoticeKind::Warning, "preview-draft"),
            };
            return p.render(&raw, &outcome.errors, notice).await;
        }
        Action::AddRow(g) | Action::RemoveRow(g, _)
            if form.question(g).is_none_or(|q| q.kind != Kind::Group) =>
        {
            return Err(bad())
        }
        Action::AddRow(g) => {
            let q = form.question(g).ok_or_else(bad)?;
            raw.add_row(&q.id, q.max_rows());
        }
        Action::RemoveRow(g, i) => raw.remove_row(g, i),
        Action::Fill(grid, column) => {
            let (grid, column) = (grid.to_string(), column.to_string());
            raw.fill_unanswered(&form, &grid, &column).ok_or_else(bad)?;
        }
    }
    p.render(&raw, &[], None).await
}
