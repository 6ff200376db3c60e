//! The API's endpoints. Each handler carries its `utoipa::path`, the document's only source.
use super::model::{
    Campaign, CampaignList, CampaignState, Indicator, IndicatorList, Paging, Refusals, Response,
    ResponseList,
};
use super::params::Params;
use super::{ApiError, Client, Problem};
use crate::app::App;
use crate::campaigns::{self, campaign};
use crate::export::{self, Audience};
use crate::responses::progress;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{delete, get, options, patch, post, put, routes, Route, State};

pub fn routes() -> Vec<Route> {
    routes![
        campaign_list,
        campaign_one,
        response_list,
        indicator_list,
        refuse_post,
        refuse_put,
        refuse_patch,
        refuse_delete,
        refuse_options
    ]
}

type Answer<T> = Result<Json<T>, ApiError>;

fn campaign_view(s: progress::Summary, lang: crate::i18n::Lang) -> crate::Result<Campaign> {
    let form = s.campaign.form()?;
    Ok(Campaign {
        title: s.title(lang).to_string(),
        id: s.campaign.id,
        survey: s.campaign.form_id.clone(),
        year: s.campaign.year,
        state: match s.campaign.status {
            campaign::Status::Open => CampaignState::Open,
            campaign::Status::Closed => CampaignState::Closed,
        },
        unit: form.unit.into(),
        closes_on: s.campaign.closes_on.map(|d| d.to_string()),
        invited: s.invited_units as u64,
        drafts: s.drafts as u64,
        submitted: s.submitted as u64,
    })
}

/// Every campaign, newest year first.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns",
    params(
        ("page" = Option<u64>, Query, minimum = 1, maximum = 1000000, description = "Page, from 1"),
        ("per_page" = Option<u64>, Query, minimum = 1, maximum = 500, description = "Items per page (100)"),
        ("lang" = Option<String>, Query, pattern = "^(en|ru)$", description = "Language of titles: en (default) or ru"),
    ),
    responses((status = 200, description = "A page of campaigns", body = CampaignList), Refusals),
    security(("bearer" = [])))]
#[get("/campaigns")]
async fn campaign_list(app: &State<App>, _client: Client, params: Params) -> Answer<CampaignList> {
    let (page, per_page) = params.paging()?;
    let lang = params.lang()?;
    // The campaigns are few (seven surveys a year): counted whole, then cut.
    let all = progress::list(&app.db).await?;
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .map(|s| campaign_view(s, lang))
        .collect::<crate::Result<_>>()?;
    Ok(Json(CampaignList {
        items,
        paging: Paging {
            page,
            per_page,
            total,
        },
    }))
}

/// One campaign.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}", tag = "campaigns",
    params(
        ("id" = i32, Path, description = "The campaign's number"),
        ("lang" = Option<String>, Query, pattern = "^(en|ru)$", description = "Language of the title"),
    ),
    responses((status = 200, description = "The campaign", body = Campaign), Refusals),
    security(("bearer" = [])))]
#[get("/campaigns/<id>")]
async fn campaign_one(
    app: &State<App>,
    _client: Client,
    id: i32,
    params: Params,
) -> Answer<Campaign> {
    let lang = params.lang()?;
    let c = campaigns::get(&app.db, id).await?;
    let summary = progress::summary(&app.db, c).await?;
    Ok(Json(campaign_view(summary, lang)?))
}

/// A campaign's responses by unit; with a review token, submitted ones only, and none of a
/// survey answered per contact (`withheld`: read it through its indicators).
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/responses", tag = "responses",
    params(
        ("id" = i32, Path, description = "The campaign's number"),
        ("page" = Option<u64>, Query, minimum = 1, maximum = 1000000, description = "Page, from 1"),
        ("per_page" = Option<u64>, Query, minimum = 1, maximum = 500, description = "Items per page (100)"),
        ("lang" = Option<String>, Query, pattern = "^(en|ru)$", description = "Language of the respondents' label"),
    ),
    responses((status = 200, description = "A page of responses", body = ResponseList), Refusals),
    security(("bearer" = [])))]
#[get("/campaigns/<id>/responses")]
async fn response_list(
    app: &State<App>,
    client: Client,
    id: i32,
    params: Params,
) -> Answer<ResponseList> {
    let (page, per_page) = params.paging()?;
    let audience = Audience {
        headings: crate::export::Headings::Labels,
        lang: params.lang()?,
        reviewer: client.reviewer(),
        indicators: false,
    };
    let c = campaigns::get(&app.db, id).await?;
    let offset = (page - 1) * per_page;
    let found = export::responses_page(&app.db, &c, audience, offset, per_page).await?;
    Ok(Json(ResponseList {
        campaign: c.id,
        items: found.items.into_iter().map(Response::from).collect(),
        paging: Paging {
            page,
            per_page,
            total: found.total,
        },
        withheld: found.withheld,
    }))
}

/// Every indicator the campaign's survey declares, over its submitted responses.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/indicators", tag = "indicators",
    params(
        ("id" = i32, Path, description = "The campaign's number"),
        ("lang" = Option<String>, Query, pattern = "^(en|ru)$", description = "Language of labels"),
    ),
    responses((status = 200, description = "The indicators", body = IndicatorList), Refusals),
    security(("bearer" = [])))]
#[get("/campaigns/<id>/indicators")]
async fn indicator_list(
    app: &State<App>,
    client: Client,
    id: i32,
    params: Params,
) -> Answer<IndicatorList> {
    let lang = params.lang()?;
    let c = campaigns::get(&app.db, id).await?;
    let i18n = &app.renderer.i18n;
    let mut values = crate::indicators::compute(&app.db, &c, lang, i18n).await?;
    if client.reviewer() {
        crate::indicators::for_reviewers(&c.form()?, &mut values);
    }
    Ok(Json(IndicatorList {
        campaign: c.id,
        survey: c.form_id.clone(),
        year: c.year,
        items: values
            .into_iter()
            .map(|v| Indicator::new(v, |col| col.title(i18n, lang)))
            .collect(),
    }))
}

/// Nothing under the API writes: every other method is refused, whatever the token.
fn not_allowed() -> Problem {
    Problem::new(
        Status::MethodNotAllowed,
        Some("the API only reads: use GET".into()),
    )
}

#[post("/<_..>")]
fn refuse_post() -> Problem {
    not_allowed()
}

#[put("/<_..>")]
fn refuse_put() -> Problem {
    not_allowed()
}

#[patch("/<_..>")]
fn refuse_patch() -> Problem {
    not_allowed()
}

#[delete("/<_..>")]
fn refuse_delete() -> Problem {
    not_allowed()
}

#[options("/<_..>")]
fn refuse_options() -> Problem {
    not_allowed()
}
