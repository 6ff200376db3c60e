//! SeaORM entities of responses and their history.

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, serde::Serialize,
    )]
    #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
    #[serde(rename_all = "lowercase")]
    pub enum Status {
        #[sea_orm(string_value = "draft")]
        Draft,
        #[sea_orm(string_value = "submitted")]
        Submitted,
        /// Sent back by the secretariat with a note; edited and submitted again like a draft.
        #[sea_orm(string_value = "returned")]
        Returned,
    }

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "responses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub campaign_id: i32,
        pub unit_key: crate::campaigns::UnitKey,
        pub institute_id: Option<i32>,
        pub country_code: Option<String>,
        pub contact_id: Option<i32>,
        /// The CEEMS status of the unit's country when the response was made.
        pub ceems: bool,
        pub status: Status,
        /// Raised by every save; a save based on an older version is refused.
        pub version: i32,
        #[sea_orm(column_type = "Text")]
        pub answers_json: String,
        pub updated_by: Option<String>,
        pub updated_at: DateTimeWithTimeZone,
        pub submitted_at: Option<DateTimeWithTimeZone>,
        /// The secretariat's note when it returned the response for correction.
        #[sea_orm(column_type = "Text", nullable)]
        pub note: Option<String>,
        /// The secretariat accepted the submitted answers: the unit's link shows them read-only.
        pub accepted_at: Option<DateTimeWithTimeZone>,
        pub accepted_by: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "crate::campaigns::campaign::Entity",
            from = "Column::CampaignId",
            to = "crate::campaigns::campaign::Column::Id"
        )]
        Campaign,
        #[sea_orm(has_many = "super::history::Entity")]
        History,
    }

    impl Related<crate::campaigns::campaign::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Campaign.def()
        }
    }

    impl Related<super::history::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::History.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The stored answers; a row that does not parse is reported, never read as empty.
        pub fn answers(&self) -> crate::Result<crate::forms::Answers> {
            serde_json::from_str(&self.answers_json).map_err(|source| {
                crate::Error::CorruptAnswers {
                    response_id: self.id,
                    source,
                }
            })
        }

        pub fn is_submitted(&self) -> bool {
            self.status == Status::Submitted
        }
    }
}

pub mod history {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "response_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub response_id: i32,
        pub version: i32,
        pub actor: String,
        pub action: Event,
        #[sea_orm(column_type = "Text", nullable)]
        pub before_json: Option<String>,
        #[sea_orm(column_type = "Text")]
        pub after_json: String,
        pub at: DateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::response::Entity",
            from = "Column::ResponseId",
            to = "super::response::Column::Id"
        )]
        Response,
    }

    impl Related<super::response::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Response.def()
        }
    }

    /// What a line of the history records: a save with the status it left, a return for
    /// correction with its note, the secretariat's acceptance, or a save the secretariat
    /// entered from the institute's letter. Stored as `draft`, `submitted`,
    /// `returned: <note>`, `accepted`, `entered draft: <letter>`, `entered submitted: <letter>`.
    #[derive(Debug, Clone, PartialEq, Eq, DeriveValueType)]
    #[sea_orm(value_type = "String")]
    pub enum Event {
        Saved(super::response::Status),
        Returned(String),
        Accepted,
        Entered(super::response::Status, String),
    }

    impl Event {
        /// The key of its words in the locale files, and the note it carries.
        pub fn text(&self) -> (&'static str, Option<&str>) {
            use super::response::Status;
            match self {
                Event::Saved(Status::Draft) => ("history-draft", None),
                Event::Saved(Status::Submitted) => ("history-submitted", None),
                Event::Saved(Status::Returned) | Event::Returned(_) => {
                    ("history-returned", self.note())
                }
                Event::Accepted => ("history-accepted", None),
                Event::Entered(Status::Submitted, note) => {
                    ("history-entered-submitted", Some(note.as_str()))
                }
                Event::Entered(_, note) => ("history-entered-draft", Some(note.as_str())),
            }
        }

        fn note(&self) -> Option<&str> {
            match self {
                Event::Returned(note) if !note.is_empty() => Some(note),
                _ => None,
            }
        }
    }

    impl std::fmt::Display for Event {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                Event::Saved(status) => f.write_str(&status.to_value()),
                Event::Returned(note) => write!(f, "returned: {note}"),
                Event::Accepted => f.write_str("accepted"),
                Event::Entered(status, note) => write!(f, "entered {}: {note}", status.to_value()),
            }
        }
    }

    /// As stored, for exports and the API.
    impl serde::Serialize for Event {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(self)
        }
    }

    /// A history line this service did not write.
    #[derive(Debug, thiserror::Error)]
    #[error("unknown history event \"{0}\"")]
    pub struct UnknownEvent(String);

    impl std::str::FromStr for Event {
        type Err = UnknownEvent;

        fn from_str(s: &str) -> Result<Event, UnknownEvent> {
            use super::response::Status;
            if let Some(note) = s.strip_prefix("returned: ") {
                return Ok(Event::Returned(note.to_string()));
            }
            if let Some((status, note)) = s
                .strip_prefix("entered ")
                .and_then(|rest| rest.split_once(": "))
            {
                return Status::try_from_value(&status.to_string())
                    .map(|st| Event::Entered(st, note.to_string()))
                    .map_err(|_| UnknownEvent(s.to_string()));
            }
            match s {
                "accepted" => Ok(Event::Accepted),
                "returned" => Ok(Event::Returned(String::new())),
                _ => Status::try_from_value(&s.to_string())
                    .map(Event::Saved)
                    .map_err(|_| UnknownEvent(s.to_string())),
            }
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

#[cfg(test)]
mod tests {
    use super::history::Event;
    use super::response::Status;

    #[test]
    fn history_events_read_back_as_written_and_older_lines_still_read() {
        for (event, stored) in [
            (Event::Saved(Status::Draft), "draft"),
            (Event::Saved(Status::Submitted), "submitted"),
            (
                Event::Returned("Please add row 3".into()),
                "returned: Please add row 3",
            ),
            (Event::Accepted, "accepted"),
            (
                Event::Entered(Status::Submitted, "letter of 3 March: 12/45".into()),
                "entered submitted: letter of 3 March: 12/45",
            ),
        ] {
            assert_eq!(event.to_string(), stored);
            assert_eq!(stored.parse::<Event>().unwrap(), event);
        }
        assert_eq!(
            Event::Returned("x".into()).text(),
            ("history-returned", Some("x"))
        );
        assert!("deleted".parse::<Event>().is_err());
    }
}
