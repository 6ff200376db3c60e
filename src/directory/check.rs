//! The checks every directory entry passes, whether typed into a page or read from a CSV
//! file: each problem names its field, so a page shows it beside what the user typed.

/// Longest name or address kept; longer ones are refused, not cut.
pub const TEXT_MAX: usize = 200;

/// A field of the directory, named in problems so each is shown beside its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Institute,
    Name,
    Email,
    Language,
    Roles,
    Acronym,
    Country,
    NameEn,
    NameRu,
    Kind,
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing(Field),
    TooLong(Field),
    /// Starts like a spreadsheet formula (`=`, `+`, `-`, `@`): refused, never stored.
    Formula(Field),
    /// Holds `<`, `>` or a control character, which no name or address needs.
    Forbidden(Field),
    NotAnEmail,
    UnknownLanguage(String),
    UnknownRole(String),
    UnknownInstitute(String),
    /// The institute already has a contact with this address.
    Taken,
    /// The same institute and address appear twice in the file.
    Repeated,
    /// Another institute has this acronym.
    AcronymTaken,
    UnknownCountry(String),
    /// Neither NMI nor DI.
    UnknownKind(String),
}

impl Field {
    /// The field's name in forms and templates.
    pub fn name(self) -> &'static str {
        match self {
            Field::Institute => "institute",
            Field::Name => "name",
            Field::Email => "email",
            Field::Language => "language",
            Field::Roles => "roles",
            Field::Acronym => "acronym",
            Field::Country => "country",
            Field::NameEn => "name_en",
            Field::NameRu => "name_ru",
            Field::Kind => "kind",
        }
    }
}

impl Problem {
    pub fn field(&self) -> Field {
        match self {
            Problem::Missing(f) | Problem::TooLong(f) | Problem::Formula(f) => *f,
            Problem::Forbidden(f) => *f,
            Problem::NotAnEmail | Problem::Taken | Problem::Repeated => Field::Email,
            Problem::UnknownLanguage(_) => Field::Language,
            Problem::UnknownRole(_) => Field::Roles,
            Problem::UnknownInstitute(_) => Field::Institute,
            Problem::AcronymTaken => Field::Acronym,
            Problem::UnknownCountry(_) => Field::Country,
            Problem::UnknownKind(_) => Field::Kind,
        }
    }

    /// The key of its text in the locale files, and the text's arguments.
    pub fn text(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Problem::Missing(_) => ("contact-missing", vec![]),
            Problem::TooLong(_) => ("contact-too-long", vec![("max", TEXT_MAX.to_string())]),
            Problem::Formula(_) => ("contact-formula", vec![]),
            Problem::Forbidden(_) => ("contact-forbidden", vec![]),
            Problem::NotAnEmail => ("contact-not-email", vec![]),
            Problem::UnknownLanguage(l) => ("contact-language", vec![("value", l.clone())]),
            Problem::UnknownRole(r) => ("contact-role", vec![("value", r.clone())]),
            Problem::UnknownInstitute(i) => ("contact-institute", vec![("value", i.clone())]),
            Problem::Taken => ("contact-taken", vec![]),
            Problem::Repeated => ("contact-repeated", vec![]),
            Problem::AcronymTaken => ("institute-taken", vec![]),
            Problem::UnknownCountry(c) => ("institute-country", vec![("value", c.clone())]),
            Problem::UnknownKind(k) => ("institute-kind", vec![("value", k.clone())]),
        }
    }
}

/// A required text: present, not too long, not a formula, no markup or control characters.
pub fn text_problem(field: Field, text: &str) -> Option<Problem> {
    if text.is_empty() {
        Some(Problem::Missing(field))
    } else if text.chars().count() > TEXT_MAX {
        Some(Problem::TooLong(field))
    } else if text.starts_with(['=', '+', '-', '@']) {
        Some(Problem::Formula(field))
    } else if text.chars().any(|c| c.is_control() || c == '<' || c == '>') {
        Some(Problem::Forbidden(field))
    } else {
        None
    }
}
