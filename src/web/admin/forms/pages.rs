//! The surveys' list, and one survey's page: its versions (who published each, when, the
//! campaigns that opened it, the difference it was published with), its indicators, and the
//! texts that read the same in both languages.
use crate::app::App;
use crate::forms::diff::{self, Described};
use crate::forms::schema::Form;
use crate::forms::translations::{same_in_both, Same};
use crate::forms::versions;
use crate::i18n::{fmt_time, Lang};
use crate::web::admin::campaigns::export::Download;
use crate::web::staff::session::Staff;
use crate::web::view::{render, Base};
use crate::{campaigns, Error, Result};
use rocket::http::ContentType;
use rocket::request::FlashMessage;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use serde::Serialize;

pub fn routes() -> Vec<Route> {
    routes![list, survey, source, workbook]
}

#[derive(Serialize)]
struct SurveyRow<'a> {
    id: &'a str,
    title: &'a str,
    latest: u32,
    campaigns: usize,
    indicators: usize,
}

#[derive(Serialize)]
struct ListPage<'a> {
    surveys: Vec<SurveyRow<'a>>,
    lists: Vec<super::lists::ListRow>,
    may_publish: bool,
}

#[get("/forms")]
async fn list(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let current = app.forms.current(&app.db).await?;
    let mut surveys = Vec::new();
    for f in current.forms.values() {
        surveys.push(SurveyRow {
            id: &f.id,
            title: f.title.get(lang),
            latest: f.version,
            campaigns: campaigns::of_form(&app.db, &f.id).await?.len(),
            indicators: f.indicators.len(),
        });
    }
    let page = ListPage {
        surveys,
        lists: super::lists::summaries(app, lang).await?,
        may_publish: staff.is_secretariat(),
    };
    render(
        app,
        "admin/forms",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

#[derive(Serialize)]
struct CampaignLink {
    id: i32,
    year: i32,
}

#[derive(Serialize)]
struct VersionRow {
    number: i32,
    published_by: String,
    published_at: String,
    campaigns: Vec<CampaignLink>,
    /// The difference from the version before, in the reader's language (the trail keeps it
    /// in English, as it was published); empty for the first.
    changes: Vec<Described>,
    change_count: usize,
}

#[derive(Serialize)]
struct IndicatorRow<'a> {
    id: &'a str,
    label: &'a str,
    codes: String,
}

#[derive(Serialize)]
struct SurveyPage<'a> {
    id: &'a str,
    title: &'a str,
    latest: u32,
    versions: Vec<VersionRow>,
    /// Campaigns opened before versions were kept, of a schema no version has.
    unversioned: Vec<CampaignLink>,
    indicators: Vec<IndicatorRow<'a>>,
    same: Vec<Same>,
    /// The reference lists the latest version uses.
    lists: Vec<super::lists::UsedList>,
    /// Open campaigns the latest version's texts may correct (for the secretariat).
    corrections: Vec<Correctable>,
    /// Handlebars has no `length` of a list.
    same_count: usize,
    may_publish: bool,
}

fn links(cs: Option<&Vec<campaigns::campaign::Model>>) -> Vec<CampaignLink> {
    cs.into_iter()
        .flatten()
        .map(|c| CampaignLink {
            id: c.id,
            year: c.year,
        })
        .collect()
}

/// An open campaign of an earlier version whose difference from the latest is texts only.
#[derive(Serialize)]
struct Correctable {
    id: i32,
    year: i32,
    from: String,
    version: i32,
}

async fn correctable(app: &App, id: &str, latest: i32) -> Result<Vec<Correctable>> {
    let mut out = Vec::new();
    for c in campaigns::of_form(&app.db, id).await? {
        if c.is_open() && c.form_version.is_none_or(|v| v < latest) {
            // Refused (a change of structure): not offered.
            if campaigns::corrections::proposed(app, &app.db, &c, latest)
                .await
                .is_ok()
            {
                out.push(Correctable {
                    id: c.id,
                    year: c.year,
                    from: c.form_version.map_or("—".into(), |v| v.to_string()),
                    version: latest,
                });
            }
        }
    }
    Ok(out)
}

#[get("/forms/<id>")]
async fn survey(
    app: &State<App>,
    staff: Staff,
    lang: Lang,
    id: &str,
    flash: Option<FlashMessage<'_>>,
) -> Result<RawHtml<String>> {
    let (latest, form) = app
        .forms
        .get(&app.db, id, None)
        .await?
        .ok_or(Error::NotFound)?;
    let by_version = campaigns::editions::by_version(&app.db, id).await?;
    let mut rows = Vec::new();
    let mut before: Option<std::sync::Arc<Form>> = None;
    for p in versions::list(&app.db)
        .await?
        .into_iter()
        .filter(|p| p.form_id == id)
    {
        let (_, this) = app
            .forms
            .get(&app.db, id, Some(p.version))
            .await?
            .ok_or(Error::NotFound)?;
        let changes = before.as_deref().map_or_else(Vec::new, |old| {
            diff::describe_all(
                &diff::compare(old, &this),
                old,
                &this,
                &app.renderer.i18n,
                lang,
            )
        });
        rows.push(VersionRow {
            number: p.version,
            published_by: p.published_by,
            published_at: fmt_time(&p.published_at),
            campaigns: links(by_version.get(&Some(p.version))),
            change_count: changes.len(),
            changes,
        });
        before = Some(this);
    }
    rows.reverse();
    let corrections = match staff.is_secretariat() {
        true => correctable(app, id, latest).await?,
        false => Vec::new(),
    };
    let same = same_in_both(&form);
    let page = SurveyPage {
        id: &form.id,
        title: form.title.get(lang),
        latest: form.version,
        versions: rows,
        unversioned: links(by_version.get(&None)),
        indicators: form
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                id: &i.id,
                label: i.label.get(lang),
                codes: i.codes.join(", "),
            })
            .collect(),
        corrections,
        lists: super::lists::used(app, lang, &form).await?,
        same_count: same.len(),
        same,
        may_publish: staff.is_secretariat(),
    };
    render(
        app,
        "admin/form",
        &Base::new(lang, Some(&staff), flash),
        &page,
    )
}

/// A version's TOML as it was published, to download and edit.
#[get("/forms/<id>/<version>/source")]
async fn source(app: &State<App>, _staff: Staff, id: &str, version: i32) -> Result<Download> {
    let record = versions::record(&app.db, id, version)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Download {
        // A survey's id is letters, digits and hyphens (the checker's rule).
        name: format!("{}-v{version}.toml", record.form_id),
        content_type: ContentType::new("application", "toml"),
        bytes: record.source.into_bytes(),
    })
}

/// A version as an XLSForm workbook, to edit in a spreadsheet and upload as the next one.
#[get("/forms/<id>/<version>/xlsx")]
async fn workbook(app: &State<App>, _staff: Staff, id: &str, version: i32) -> Result<Download> {
    let bytes = versions::workbook(&app.forms, &app.db, id, version)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Download {
        // A survey's id is letters, digits and hyphens (the checker's rule).
        name: format!("{id}-v{version}.xlsx"),
        content_type: ContentType::new(
            "application",
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        bytes,
    })
}
