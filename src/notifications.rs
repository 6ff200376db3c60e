//! Every e-mail the service sends, one constructor per kind, each with its typed template
//! context and its de-duplication key (the reason a message exists: a second message for the
//! same reason is never queued). Callers decide when a mail is due; this module says what it is.
//!
//! Below campaigns and responses: it is told about a campaign (`Survey`), never asks.
use crate::directory::{contact, country, institute};
use crate::forms::schema::Unit;
use crate::forms::summary::{self, Line};
use crate::forms::{Answers, Form};
use crate::i18n::{fmt_day, fmt_time, I18n, Lang};
use crate::mail::{Kind, Outgoing};
use chrono::NaiveDate;
use serde::Serialize;

/// What a mail about a campaign may say of it.
#[derive(Debug, Clone, Copy)]
pub struct Survey<'a> {
    pub campaign_id: i32,
    pub form: &'a Form,
    pub year: i32,
    pub closes_on: Option<NaiveDate>,
    /// Countries by code, so that a survey answered per country names the country.
    pub countries: Option<&'a std::collections::HashMap<String, country::Model>>,
}

impl<'a> Survey<'a> {
    pub fn naming(self, countries: &'a std::collections::HashMap<String, country::Model>) -> Self {
        Survey {
            countries: Some(countries),
            ..self
        }
    }
}

/// Where the reader's unit stands, so that a mail says what is true for it: a unit still to
/// answer is asked to, one with a draft is told it waits, one that submitted that it may still
/// change its answers. An accepted response is mailed nothing of the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    #[default]
    Unanswered,
    Draft,
    Submitted,
    Accepted,
}

impl Standing {
    /// Whether the unit may still answer or change its answers.
    pub fn expected(self) -> bool {
        self != Standing::Accepted
    }
}

/// The context every campaign mail's templates read.
#[derive(Debug, Serialize)]
struct About<'a> {
    survey: &'a str,
    year: String,
    /// Who answers, so that the words fit: an institute, a country, or the contact alone.
    unit: Unit,
    /// What the response is of: the institute's acronym, or the country's name.
    institute: &'a str,
    deadline: Option<String>,
    standing: Standing,
}

fn about<'a>(s: &Survey<'a>, lang: Lang, inst: &'a institute::Model) -> About<'a> {
    let country = s.countries.and_then(|c| c.get(&inst.country_code));
    let place = match (s.form.unit, country) {
        (Unit::Country, Some(c)) => c.name(lang),
        _ => &inst.acronym,
    };
    About {
        survey: s.form.title.get(lang),
        year: s.year.to_string(),
        unit: s.form.unit,
        institute: place,
        deadline: s.closes_on.map(fmt_day),
        standing: Standing::Unanswered,
    }
}

fn standing(about: About<'_>, standing: Standing) -> About<'_> {
    About { standing, ..about }
}

fn message(
    kind: Kind,
    dedupe_key: String,
    to: &contact::Model,
    s: &Survey<'_>,
    invitation_id: Option<i32>,
    data: impl Serialize,
) -> Outgoing {
    Outgoing {
        dedupe_key,
        kind,
        to_addr: to.email.clone(),
        to_name: to.name.clone(),
        language: to.language,
        campaign_id: Some(s.campaign_id),
        contact_id: Some(to.id),
        invitation_id,
        links: crate::mail::LinkSlots::own(invitation_id),
        // Serialising a struct of strings and lists cannot fail.
        data: serde_json::to_value(data).unwrap_or_default(),
    }
}

/// The first mail of a campaign, with the contact's personal link.
pub fn invitation(
    s: &Survey<'_>,
    to: &contact::Model,
    inst: &institute::Model,
    invitation_id: i32,
) -> Outgoing {
    let key = format!("invitation:{}:{}", s.campaign_id, to.id);
    let data = about(s, to.language, inst);
    message(Kind::Invitation, key, to, s, Some(invitation_id), data)
}

/// Who a reminder or a deadline mail is for: the contact, their unit, where it stands, and
/// their invitation.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub contact: &'a contact::Model,
    pub institute: &'a institute::Model,
    pub standing: Standing,
    pub invitation_id: i32,
}

#[derive(Serialize)]
struct Reminder<'a> {
    #[serde(flatten)]
    about: About<'a>,
    /// The secretariat's own sentence, quoted as it was typed.
    note: Option<&'a str>,
}

/// A reminder; `occasion` (a day, or a step of the schedule) makes it once per occasion.
/// `note` is the secretariat's own sentence, if it added one.
pub fn reminder(s: &Survey<'_>, to: Reader<'_>, occasion: &str, note: Option<&str>) -> Outgoing {
    let key = format!("reminder:{}:{}:{occasion}", s.campaign_id, to.contact.id);
    let data = Reminder {
        about: standing(about(s, to.contact.language, to.institute), to.standing),
        note,
    };
    message(
        Kind::Reminder,
        key,
        to.contact,
        s,
        Some(to.invitation_id),
        data,
    )
}

/// The facts of one submission, for its confirmations.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    pub response_id: i32,
    pub version: i32,
    pub by: &'a str,
    pub at: chrono::DateTime<chrono::FixedOffset>,
    pub answers: &'a Answers,
}

#[derive(Serialize)]
struct Confirmation<'a> {
    #[serde(flatten)]
    about: About<'a>,
    by: &'a str,
    when: String,
    /// The answers in the contact's language first, then in the other.
    versions: Vec<Answered<'a>>,
}

#[derive(Serialize)]
struct Answered<'a> {
    lang: Lang,
    survey: &'a str,
    summary: Vec<Line>,
}

/// Both languages, the contact's first: bilingual mails are read from the top.
fn both<T>(first: Lang, make: impl Fn(Lang) -> T) -> Vec<T> {
    vec![make(first), make(first.other())]
}

/// To every contact of a unit that submitted: what was submitted, in both languages.
pub fn confirmation(
    s: &Survey<'_>,
    to: &contact::Model,
    inst: &institute::Model,
    invitation_id: i32,
    sub: &Submission<'_>,
    i18n: &I18n,
) -> Outgoing {
    // Once per contact, response and hour: submitting again and again mails no one again.
    let hour = sub.at.format("%Y-%m-%dT%H");
    let key = format!("confirmation:{}:{}:{hour}", sub.response_id, to.id);
    let data = Confirmation {
        about: about(s, to.language, inst),
        by: sub.by,
        when: fmt_time(&sub.at),
        versions: both(to.language, |lang| Answered {
            lang,
            survey: s.form.title.get(lang),
            summary: summary::lines(s.form, sub.answers, lang, i18n),
        }),
    };
    message(Kind::Confirmation, key, to, s, Some(invitation_id), data)
}

#[derive(Serialize)]
struct Returned<'a> {
    #[serde(flatten)]
    about: About<'a>,
    note: &'a str,
}

/// A submitted response sent back by the secretariat with a note.
pub fn returned(
    s: &Survey<'_>,
    to: &contact::Model,
    inst: &institute::Model,
    invitation_id: i32,
    (response_id, version): (i32, i32),
    note: &str,
) -> Outgoing {
    let key = format!("returned:{response_id}:{version}:{}", to.id);
    let data = Returned {
        about: about(s, to.language, inst),
        note,
    };
    message(Kind::Returned, key, to, s, Some(invitation_id), data)
}

/// A survey open to the contact, for the message that gives every link again.
pub struct OpenSurvey<'a> {
    pub survey: Survey<'a>,
    pub institute: &'a institute::Model,
    pub invitation_id: i32,
    pub standing: Standing,
}

#[derive(Serialize)]
struct LinkLine<'a> {
    #[serde(flatten)]
    about: About<'a>,
    link: String,
    /// The secretariat's own sentence (a reminder's preview).
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct LostLinks<'a> {
    surveys: Vec<LinkLine<'a>>,
    count: String,
}

/// Every open survey's link again, in one message, for a contact who lost them; `hour`
/// bounds it to one per address and hour, however often asked.
pub fn lost_links(to: &contact::Model, open: &[OpenSurvey<'_>], hour: &str) -> Outgoing {
    let mut links = crate::mail::LinkSlots::superseding();
    let surveys = open
        .iter()
        .map(|o| LinkLine {
            about: standing(about(&o.survey, to.language, o.institute), o.standing),
            link: links.add(o.invitation_id),
            note: None,
        })
        .collect();
    let data = LostLinks {
        surveys,
        count: open.len().to_string(),
    };
    Outgoing {
        dedupe_key: format!("lost-link:{}:{hour}", to.email.to_lowercase()),
        kind: Kind::LostLink,
        to_addr: to.email.clone(),
        to_name: to.name.clone(),
        language: to.language,
        campaign_id: None,
        contact_id: Some(to.id),
        invitation_id: None,
        links,
        data: serde_json::to_value(data).unwrap_or_default(),
    }
}

/// The campaign's closing day was moved; once per contact and new day.
pub fn deadline_changed(s: &Survey<'_>, to: Reader<'_>) -> Outgoing {
    let day = s.closes_on.map(|d| d.to_string()).unwrap_or_default();
    let key = format!("deadline-changed:{}:{}:{day}", s.campaign_id, to.contact.id);
    let data = standing(about(s, to.contact.language, to.institute), to.standing);
    let invitation = Some(to.invitation_id);
    message(Kind::DeadlineChanged, key, to.contact, s, invitation, data)
}

/// One unit's answers in a digest.
#[derive(Debug, Clone, Serialize)]
pub struct DigestEntry {
    pub unit: String,
    pub lines: Vec<Line>,
}

#[derive(Serialize)]
struct Digest<'a> {
    survey: &'a str,
    /// The subject names the survey in both languages, the reader's first.
    survey_en: &'a str,
    survey_ru: &'a str,
    year: String,
    /// The answers in the contact's language first, then in the other.
    versions: Vec<Circulated<'a>>,
}

#[derive(Serialize)]
struct Circulated<'a> {
    lang: Lang,
    survey: &'a str,
    entries: &'a [DigestEntry],
    /// The recipient institute's needs with the circulated rows that fit them.
    fits: &'a [Fit],
}

/// One row of the recipient's institute (a need) and the circulated rows that fit it.
#[derive(Debug, Clone, Serialize)]
pub struct Fit {
    pub need: DigestEntry,
    pub fits: Vec<DigestEntry>,
}

/// What a digest carries for one recipient besides the answers, in each language.
pub struct Fits<'a> {
    pub en: &'a [Fit],
    pub ru: &'a [Fit],
}

/// A campaign's circulated answers, bilingual, once per contact and campaign.
/// The digest of `edition` (a fingerprint of the answers it lists): once per contact and edition.
pub fn digest(
    s: &Survey<'_>,
    to: &contact::Model,
    edition: &str,
    entries_en: &[DigestEntry],
    entries_ru: &[DigestEntry],
    fits: Fits<'_>,
) -> Outgoing {
    let key = format!("digest:{}:{edition}:{}", s.campaign_id, to.id);
    let data = Digest {
        survey: s.form.title.get(to.language),
        survey_en: s.form.title.get(Lang::En),
        survey_ru: s.form.title.get(Lang::Ru),
        year: s.year.to_string(),
        versions: both(to.language, |lang| Circulated {
            lang,
            survey: s.form.title.get(lang),
            entries: lang.pick(entries_en, entries_ru),
            fits: lang.pick(fits.en, fits.ru),
        }),
    };
    message(Kind::Digest, key, to, s, None, data)
}

/// An invitation or a reminder as a contact in `lang` would get it, for the secretariat to read
/// before sending; never queued. `link` stands where the personal link will be.
pub fn preview(
    kind: Kind,
    s: &Survey<'_>,
    lang: Lang,
    name: String,
    inst: &institute::Model,
    link: String,
) -> Outgoing {
    let data = LinkLine {
        about: about(s, lang, inst),
        link,
        note: None,
    };
    Outgoing {
        dedupe_key: String::new(),
        kind,
        to_addr: "contact@example.org".into(),
        to_name: name,
        language: lang,
        campaign_id: Some(s.campaign_id),
        contact_id: None,
        invitation_id: None,
        links: crate::mail::LinkSlots::own(None),
        data: serde_json::to_value(data).unwrap_or_default(),
    }
}
