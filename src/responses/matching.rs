//! The `[[matches]]` a survey declares, worked out for a campaign (for the reviewers' pages, and
//! for the digest that tells each institute which offers fit its needs): each row of its group with
//! the rows of the other survey's group (same year, submitted answers) that fit it, the rows
//! nothing fits, and the other rows nothing asked for. Generic: the rules are the schema's.
use super::{response, Status};
use crate::campaigns::{self, campaign, UnitKey};
use crate::forms::schema::{Form, Match, Question};
use crate::forms::summary;
use crate::i18n::{I18n, Lang};
use crate::Result;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{Map, Value};

/// A row as shown: its unit and the answers `show` names.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The unit the row is of (for the digest: whose needs these are).
    #[serde(skip)]
    pub key: UnitKey,
    pub unit: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub need: Side,
    pub fits: Vec<Side>,
}

#[derive(Debug, Serialize)]
pub struct MatchResult {
    pub id: String,
    pub label: String,
    /// The other survey's campaign of the same year, if there is one.
    pub with_campaign: Option<i32>,
    pub with_title: String,
    pub pairs: Vec<Pair>,
    /// Rows nothing fits.
    pub unmatched: Vec<Side>,
    /// Rows of the other survey that fit no row.
    pub unused: Vec<Side>,
}

/// A submitted row: its unit and its answers.
struct Row {
    unit: UnitKey,
    answers: Map<String, Value>,
}

async fn rows(db: &impl ConnectionTrait, campaign_id: i32, group: &str) -> Result<Vec<Row>> {
    let found = response::Entity::find()
        .filter(response::Column::CampaignId.eq(campaign_id))
        .filter(response::Column::Status.eq(Status::Submitted))
        .order_by_asc(response::Column::UnitKey)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for r in found {
        let answers = r.answers()?;
        let list = answers
            .get(group)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        out.extend(list.into_iter().filter_map(|v| match v {
            Value::Object(answers) => Some(Row {
                unit: r.unit_key.clone(),
                answers,
            }),
            _ => None,
        }));
    }
    Ok(out)
}

fn fits(m: &Match, need: &Row, offer: &Row) -> bool {
    let UnitKey::Institute(host) = &offer.unit else {
        return false;
    };
    let same = m
        .same
        .iter()
        .all(|id| need.answers.get(id).is_some() && need.answers.get(id) == offer.answers.get(id));
    let among = m.among.iter().all(|[mine, theirs]| {
        let offered = crate::forms::chosen(&offer.answers, theirs);
        crate::forms::chosen(&need.answers, mine)
            .iter()
            .all(|v| m.any.contains(v) || offered.contains(v))
    });
    let hosts = m
        .host
        .as_deref()
        .map(|h| crate::forms::chosen(&need.answers, h))
        .unwrap_or_default();
    need.unit != offer.unit && same && among && (hosts.is_empty() || hosts.contains(host))
}

fn side(
    form: &Form,
    group: &Question,
    show: &[String],
    row: &Row,
    lang: Lang,
    i18n: &I18n,
) -> Side {
    Side {
        key: row.unit.clone(),
        unit: match &row.unit {
            UnitKey::Institute(a) => a.clone(),
            other => other.to_string(),
        },
        cells: show
            .iter()
            .filter_map(|id| group.questions.iter().find(|q| &q.id == id))
            .map(|q| Cell {
                label: q.label.get(lang).to_string(),
                value: summary::text(form, q, &row.answers, lang, i18n).unwrap_or_default(),
            })
            .collect(),
    }
}

/// Every match campaign `c`'s survey declares.
pub async fn for_campaign(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    lang: Lang,
    i18n: &I18n,
) -> Result<Vec<MatchResult>> {
    let form = c.form()?;
    let mut out = Vec::new();
    for m in &form.matches {
        let other = campaigns::of_form(db, &m.with).await?;
        let other = other.into_iter().find(|o| o.year == c.year);
        let (Some(group), Some(o)) = (form.question(&m.rows), other.as_ref()) else {
            out.push(empty(m, None, lang));
            continue;
        };
        let other_form = o.form()?;
        let Some(with_group) = other_form.question(&m.with_rows) else {
            out.push(empty(m, Some(o.id), lang));
            continue;
        };
        let needs = rows(db, c.id, &m.rows).await?;
        let offers = rows(db, o.id, &m.with_rows).await?;
        let mut used = vec![false; offers.len()];
        let mut result = empty(m, Some(o.id), lang);
        result.with_title = other_form.title.get(lang).to_string();
        for need in &needs {
            let mut fit = Vec::new();
            for (i, offer) in offers.iter().enumerate().filter(|(_, o)| fits(m, need, o)) {
                used[i] = true;
                fit.push(side(
                    &other_form,
                    with_group,
                    &m.with_show,
                    offer,
                    lang,
                    i18n,
                ));
            }
            let shown = side(&form, group, &m.show, need, lang, i18n);
            match fit.is_empty() {
                true => result.unmatched.push(shown),
                false => result.pairs.push(Pair {
                    need: shown,
                    fits: fit,
                }),
            }
        }
        result.unused = offers
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(o, _)| side(&other_form, with_group, &m.with_show, o, lang, i18n))
            .collect();
        out.push(result);
    }
    Ok(out)
}

fn empty(m: &Match, with_campaign: Option<i32>, lang: Lang) -> MatchResult {
    MatchResult {
        id: m.id.clone(),
        label: m.label.get(lang).to_string(),
        with_campaign,
        with_title: m.with.clone(),
        pairs: Vec::new(),
        unmatched: Vec::new(),
        unused: Vec::new(),
    }
}
