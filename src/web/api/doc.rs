//! The OpenAPI 3.1 document, generated from the handlers' annotations.
use super::endpoints;
use super::model::*;
use rocket::http::ContentType;
use rocket::{get, routes, Route, State};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub fn routes() -> Vec<Route> {
    routes![openapi_json]
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "coomet-surveys read API",
        description = "Campaigns, responses and indicators of the COOMET surveys, read only. \
            A bearer token is made by the secretariat at /admin/api-tokens.",
    ),
    paths(
        endpoints::campaign_list,
        endpoints::campaign_one,
        endpoints::response_list,
        endpoints::indicator_list
    ),
    components(schemas(Problem, Paging, Campaign, CampaignList, Response, ResponseList,
        Indicator, IndicatorList, IndicatorColumn, IndicatorRow, Text, CampaignState, AnswerUnit,
        ResponseState)),
    modifiers(&Bearer),
    tags(
        (name = "campaigns", description = "A survey for a year"),
        (name = "responses", description = "The answers of a campaign"),
        (name = "indicators", description = "The roadmap's figures a campaign yields"),
    )
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("A token from /admin/api-tokens"))
            .build();
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document, serialised once.
pub struct Document(pub String);

impl Default for Document {
    fn default() -> Document {
        Document(ApiDoc::openapi().to_json().unwrap_or_default())
    }
}

/// Public: the document describes the API, not the data.
#[get("/openapi.json")]
fn openapi_json(doc: &State<Document>) -> (ContentType, String) {
    (ContentType::JSON, doc.0.clone())
}
