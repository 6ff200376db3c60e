//! The secretariat typing in the answers an institute sent by letter, e-mail or Word file: the
//! respondent's own form and rules, with the secretariat named as the author and the letter it
//! entered from on the history line and on the audit trail.
use super::{history, Respondent, Status};
use crate::app::App;
use crate::audit::Actor;
use crate::campaigns::UnitKey;
use crate::directory::country;
use crate::{Error, Refusal, Result};
use sea_orm::EntityTrait;

/// Who saves a unit's answers.
#[derive(Debug, Clone)]
pub enum Author {
    /// The contact whose personal link it is.
    Contact,
    /// The secretariat, from what the institute sent otherwise.
    Secretariat {
        actor: Actor,
        letter: Option<Letter>,
    },
}

impl Author {
    /// The history line a save of `status` by this author leaves.
    pub fn event(&self, status: Status) -> history::Event {
        match self {
            Author::Contact => history::Event::Saved(status),
            Author::Secretariat { letter, .. } => history::Event::Entered(
                status,
                letter.as_ref().map(Letter::to_string).unwrap_or_default(),
            ),
        }
    }
}

/// What the secretariat entered from ("the letter of 3 March, ref. 12/45"): one line, typed by
/// it, kept on the history line and the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter(String);

impl Letter {
    pub const MAX: usize = 300;

    /// Refuses an empty line, one over `MAX` characters, or one with control characters (it
    /// is shown on one line everywhere).
    pub fn parse(text: &str) -> std::result::Result<Letter, Refusal> {
        let text = text.trim();
        let bad = text.is_empty()
            || text.chars().count() > Self::MAX
            || text.chars().any(char::is_control);
        if bad {
            Err(Refusal::EntryLetter(Self::MAX))
        } else {
            Ok(Letter(text.to_string()))
        }
    }
}

impl std::fmt::Display for Letter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Respondent {
    /// Who the history and the response name as having saved.
    pub fn author_name(&self) -> &str {
        match &self.author {
            Author::Contact => &self.contact.email,
            Author::Secretariat { actor, .. } => &actor.who,
        }
    }
}

/// The unit as the secretariat enters its answers: its campaign, schema and institute, read
/// through one of its invited contacts (an active one where there is one). `letter` is what
/// the page has so far: a save without one is refused.
pub async fn on_behalf(
    app: &App,
    campaign_id: i32,
    unit: &UnitKey,
    actor: Actor,
    letter: Option<Letter>,
) -> Result<Respondent> {
    let db = &app.db;
    let mut invited = super::unit_contacts(db, campaign_id, unit).await?;
    invited.sort_by_key(|(_, c, _)| !c.active);
    let (invitation, contact, institute) = invited.into_iter().next().ok_or(Error::NotFound)?;
    let country = country::Entity::find_by_id(institute.country_code.clone())
        .one(db)
        .await?;
    let campaign = crate::campaigns::get(db, campaign_id).await?;
    let form = campaign.cached_form(&app.snapshots)?;
    Ok(Respondent {
        invitation,
        contact,
        institute,
        country,
        campaign,
        form,
        author: Author::Secretariat { actor, letter },
    })
}
