//! What the API answers, as types: each derives its schema for the OpenAPI document, so the
//! document describes what is sent and nothing else. These are the API's own view models;
//! the layers below know nothing of them.
use crate::export::Exported;
use crate::indicators::IndicatorValue;
use crate::responses::Status as ResponseStatus;
use rocket::http::Status;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem detail (RFC 9457).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status says what went wrong.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Problem {
    pub fn new(status: Status, detail: Option<String>) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: status.reason_lossy().to_string(),
            status: status.code,
            detail,
        }
    }
}

/// Where a list is and how long it is in all.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paging {
    #[schema(minimum = 1)]
    pub page: u64,
    #[schema(minimum = 1, maximum = 500)]
    pub per_page: u64,
    pub total: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CampaignState {
    Open,
    Closed,
}

/// Who answers a survey: one response per institute, per country, or per contact.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AnswerUnit {
    Institute,
    Country,
    Contact,
}

impl From<crate::forms::schema::Unit> for AnswerUnit {
    fn from(u: crate::forms::schema::Unit) -> Self {
        use crate::forms::schema::Unit;
        match u {
            Unit::Institute => AnswerUnit::Institute,
            Unit::Country => AnswerUnit::Country,
            Unit::Contact => AnswerUnit::Contact,
        }
    }
}

/// A survey's campaign for a year, with how far it has come.
#[derive(Debug, Serialize, ToSchema)]
pub struct Campaign {
    pub id: i32,
    /// The survey's id, the name of its file in `forms/`.
    pub survey: String,
    /// The survey's title in the asked language.
    pub title: String,
    pub year: i32,
    pub state: CampaignState,
    pub unit: AnswerUnit,
    #[schema(format = Date)]
    pub closes_on: Option<String>,
    /// Units invited (institutes, countries or contacts).
    pub invited: u64,
    pub drafts: u64,
    pub submitted: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignList {
    pub items: Vec<Campaign>,
    pub paging: Paging,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResponseState {
    Draft,
    Submitted,
    Returned,
}

/// One unit's answers, as the JSON export gives them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Response {
    /// `institute:VNIIM`, `country:BY`, `contact:12` (never given to a review token, which
    /// reads no rows of a survey answered per contact).
    pub unit: String,
    /// The institute's acronym.
    pub institute: Option<String>,
    /// The country's ISO 3166 code.
    pub country: Option<String>,
    /// Whether the country was in CEEMS in the campaign's year.
    pub ceems: bool,
    pub status: ResponseState,
    #[schema(format = DateTime)]
    pub submitted_at: Option<String>,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// Answers by question id, as stored (groups and grids as lists of rows).
    #[schema(value_type = Object)]
    pub answers: serde_json::Map<String, serde_json::Value>,
}

impl From<Exported> for Response {
    fn from(e: Exported) -> Self {
        Response {
            unit: e.unit,
            institute: e.institute,
            country: e.country,
            ceems: e.ceems,
            status: match e.status {
                ResponseStatus::Draft => ResponseState::Draft,
                ResponseStatus::Submitted => ResponseState::Submitted,
                ResponseStatus::Returned => ResponseState::Returned,
            },
            submitted_at: e.submitted_at,
            updated_at: e.updated_at,
            answers: e.answers,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseList {
    pub campaign: i32,
    pub items: Vec<Response>,
    pub paging: Paging,
    /// True for a review token on a survey answered per contact: each row is one person's
    /// answers, so reviewers read such a survey only through its indicators (where no figure
    /// rests on fewer answers than its `reviewer_min_count`); `paging.total` still counts the
    /// submitted responses.
    pub withheld: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorColumn {
    pub key: String,
    pub title: String,
    /// The column's figures are percentages.
    pub percent: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRow {
    pub key: String,
    pub label: String,
    /// One figure per column; null where there is nothing to divide by.
    pub cells: Vec<Option<f64>>,
}

/// An indicator the survey's schema declares, over the submitted responses.
#[derive(Debug, Serialize, ToSchema)]
pub struct Indicator {
    pub id: String,
    /// The roadmap's codes it feeds (`Ind-e.2.1`...).
    pub codes: Vec<String>,
    pub label: String,
    pub columns: Vec<IndicatorColumn>,
    pub rows: Vec<IndicatorRow>,
    /// The headline figure, where the indicator has one.
    pub value: Option<f64>,
    pub value_percent: bool,
    pub target: Option<f64>,
    pub met: Option<bool>,
    /// Rows withheld from a review token: too few answers of a per-contact survey make them up.
    pub withheld: Vec<String>,
    /// For an indicator of texts: what was written, merged, by group.
    pub texts: Vec<Text>,
}

/// A text as written (the same text merged whatever its case and spacing).
#[derive(Debug, Serialize, ToSchema)]
pub struct Text {
    pub group: String,
    pub text: String,
    /// Institutes or countries that wrote it; empty for a per-contact survey.
    pub by: Vec<String>,
}

fn finite(n: f64) -> Option<f64> {
    n.is_finite().then_some(n)
}

impl Indicator {
    pub fn new(v: IndicatorValue, title: impl Fn(&crate::indicators::Column) -> String) -> Self {
        Indicator {
            columns: v
                .columns
                .iter()
                .map(|c| IndicatorColumn {
                    key: c.key.clone(),
                    title: title(c),
                    percent: c.percent,
                })
                .collect(),
            rows: v
                .rows
                .into_iter()
                .map(|r| IndicatorRow {
                    key: r.key,
                    label: r.label,
                    cells: r.cells.into_iter().map(finite).collect(),
                })
                .collect(),
            id: v.id,
            codes: v.codes,
            label: v.label,
            value: v.value.and_then(finite),
            value_percent: v.value_percent,
            target: v.target.and_then(finite),
            met: v.met,
            withheld: v.withheld,
            texts: v
                .quotes
                .into_iter()
                .map(|q| Text {
                    group: q.group,
                    text: q.text,
                    by: q.by,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorList {
    pub campaign: i32,
    pub survey: String,
    pub year: i32,
    pub items: Vec<Indicator>,
}

/// The refusals every endpoint may answer, as problem details.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only its schema is used: the catchers write these answers.
pub enum Refusals {
    /// A parameter out of its range.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No token, or one unknown or revoked.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// No such campaign, or a path that is none of the API's.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// A path parameter that is not a number.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
    /// The database is busy: try again.
    #[response(status = 503, content_type = "application/problem+json")]
    Busy(Problem),
}
