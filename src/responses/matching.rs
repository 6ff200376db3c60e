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
    /// For an offer the rows fitting it ask more of than it has: what it has against what
    /// they ask ("Capacity: 2, the 3 needs that fit it ask for 5").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond: Option<String>,
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
    /// The campaign whose rows look for a match.
    pub campaign: i32,
    pub label: String,
    /// The other survey's campaign of the same year, if there is one.
    pub with_campaign: Option<i32>,
    pub with_title: String,
    pub pairs: Vec<Pair>,
    /// Rows nothing fits.
    pub unmatched: Vec<Side>,
    /// Rows of the other survey that fit no row.
    pub unused: Vec<Side>,
    /// Offers the rows fitting them ask more of than they have (the schema's `capacity`).
    pub beyond: Vec<Side>,
    /// The rules rows are matched by, in words.
    pub rules: String,
    /// The schema declares a capacity to compare.
    pub capacity: bool,
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
            // "Either" on the need accepts any offer; on the offer, it gives every choice.
            .all(|v| {
                m.any.contains(v)
                    || offered.contains(v)
                    || offered.iter().any(|o| m.any.contains(o))
            })
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
        beyond: None,
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
            out.push(empty(m, c.id, None, lang));
            continue;
        };
        let other_form = o.form()?;
        let Some(with_group) = other_form.question(&m.with_rows) else {
            out.push(empty(m, c.id, Some(o.id), lang));
            continue;
        };
        let needs = rows(db, c.id, &m.rows).await?;
        let offers = rows(db, o.id, &m.with_rows).await?;
        let mut result = empty(m, c.id, Some(o.id), lang);
        result.with_title = other_form.title.get(lang).to_string();
        result.rules = rules(m, group, lang, i18n);
        let sides = Sides {
            form: &form,
            group,
            other_form: &other_form,
            with_group,
            lang,
            i18n,
        };
        work_out(m, &sides, &needs, &offers, &mut result);
        out.push(result);
    }
    Ok(out)
}

/// What a row is shown with: both forms and groups, in the page's language.
struct Sides<'a> {
    form: &'a Form,
    group: &'a Question,
    other_form: &'a Form,
    with_group: &'a Question,
    lang: Lang,
    i18n: &'a I18n,
}

impl Sides<'_> {
    fn need(&self, m: &Match, row: &Row) -> Side {
        side(self.form, self.group, &m.show, row, self.lang, self.i18n)
    }

    fn offer(&self, m: &Match, row: &Row) -> Side {
        let (form, group) = (self.other_form, self.with_group);
        side(form, group, &m.with_show, row, self.lang, self.i18n)
    }
}

/// Each need with the offers that fit it, the needs nothing fits, the offers nobody asked
/// for, and the offers asked for beyond their capacity.
fn work_out(m: &Match, sides: &Sides, needs: &[Row], offers: &[Row], result: &mut MatchResult) {
    let number = |r: &Row, id: &str| crate::forms::number(&r.answers, id).unwrap_or(0.0);
    // Which offers fit each need, and per offer the needs that fit it and what they ask for.
    let fitting: Vec<Vec<usize>> = needs
        .iter()
        .map(|need| {
            (0..offers.len())
                .filter(|i| fits(m, need, &offers[*i]))
                .collect()
        })
        .collect();
    let mut asked = vec![(0usize, 0.0); offers.len()];
    for (need, fit) in needs.iter().zip(&fitting) {
        for i in fit {
            asked[*i].0 += 1;
            asked[*i].1 += m
                .capacity
                .as_ref()
                .map_or(0.0, |[mine, _]| number(need, mine));
        }
    }
    let notes: Vec<Option<String>> = (0..offers.len())
        .map(|i| {
            let [_, theirs] = m.capacity.as_ref()?;
            let places = number(&offers[i], theirs);
            let (n, wanted) = asked[i];
            (wanted > places).then(|| beyond(sides, theirs, places, n, wanted))
        })
        .collect();
    let offer = |i: usize| Side {
        beyond: notes[i].clone(),
        ..sides.offer(m, &offers[i])
    };
    for (need, fit) in needs.iter().zip(fitting) {
        let shown = sides.need(m, need);
        match fit.is_empty() {
            true => result.unmatched.push(shown),
            false => result.pairs.push(Pair {
                need: shown,
                fits: fit.into_iter().map(offer).collect(),
            }),
        }
    }
    for (i, (n, _)) in asked.iter().enumerate() {
        match (*n, &notes[i]) {
            (0, _) => result.unused.push(offer(i)),
            (_, Some(_)) => result.beyond.push(offer(i)),
            _ => {}
        }
    }
}

/// "Capacity: 2; the 3 needs that fit it ask for 5".
fn beyond(sides: &Sides, theirs: &str, places: f64, needs: usize, wanted: f64) -> String {
    let label = sides
        .with_group
        .questions
        .iter()
        .find(|q| q.id == theirs)
        .map(|q| q.label.get(sides.lang).to_string())
        .unwrap_or_default();
    let fig = |x: f64| sides.lang.decimal(crate::forms::validate::fmt_num(x));
    let args = [
        ("label", label),
        ("places", fig(places)),
        ("needs", needs.to_string()),
        ("asked", fig(wanted)),
    ];
    sides.i18n.text(sides.lang, "match-beyond", &args)
}

/// The rules of a match in words: the same field and format, a language among the offer's,
/// a host the need names.
fn rules(m: &Match, group: &Question, lang: Lang, i18n: &I18n) -> String {
    let label = |id: &str| {
        group
            .questions
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let mut out: Vec<String> = m
        .same
        .iter()
        .map(|id| i18n.text(lang, "match-rule-same", &[("what", label(id))]))
        .collect();
    out.extend(
        m.among
            .iter()
            .map(|[mine, _]| i18n.text(lang, "match-rule-among", &[("what", label(mine))])),
    );
    if m.host.is_some() {
        out.push(i18n.text(lang, "match-rule-host", &[]));
    }
    out.join("; ")
}

fn empty(m: &Match, campaign: i32, with_campaign: Option<i32>, lang: Lang) -> MatchResult {
    MatchResult {
        id: m.id.clone(),
        campaign,
        label: m.label.get(lang).to_string(),
        with_campaign,
        with_title: m.with.clone(),
        pairs: Vec::new(),
        unmatched: Vec::new(),
        unused: Vec::new(),
        beyond: Vec::new(),
        rules: String::new(),
        capacity: m.capacity.is_some(),
    }
}
