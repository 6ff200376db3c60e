//! Contacts kept by the secretariat: checked the same way whether typed into a page or read
//! from a CSV file, changed one at a time, and marked when their address bounces.
use super::check::{text_problem, Field, Problem};
use super::{contact, institute, Roles};
use crate::i18n::Lang;
use crate::Result;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use validator::ValidateEmail;

/// A contact's fields as typed, before they are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Draft {
    pub name: String,
    pub email: String,
    pub language: String,
    /// Comma-separated, as in the CSV file.
    pub roles: String,
    pub active: bool,
}

/// A draft that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clean {
    pub name: String,
    pub email: String,
    pub language: Lang,
    pub roles: Roles,
    pub active: bool,
}

impl Draft {
    /// Every problem of the draft, or the clean contact; the address is kept in lower case.
    pub fn check(&self) -> std::result::Result<Clean, Vec<Problem>> {
        let name = self.name.trim();
        let email = self.email.trim().to_lowercase();
        let mut problems: Vec<Problem> = [
            text_problem(Field::Name, name),
            text_problem(Field::Email, &email),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !problems.iter().any(|p| p.field() == Field::Email) && !email.validate_email() {
            problems.push(Problem::NotAnEmail);
        }
        let language = Lang::parse(self.language.trim());
        if language.is_none() {
            problems.push(Problem::UnknownLanguage(self.language.trim().to_string()));
        }
        let roles = Roles::read(&self.roles).unwrap_or_else(|unknown| {
            problems.extend(unknown.into_iter().map(|r| Problem::UnknownRole(r.0)));
            Roles::default()
        });
        if roles.is_empty() && problems.iter().all(|p| p.field() != Field::Roles) {
            problems.push(Problem::Missing(Field::Roles));
        }
        match language {
            Some(language) if problems.is_empty() => Ok(Clean {
                name: name.to_string(),
                email,
                language,
                roles,
                active: self.active,
            }),
            _ => Err(problems),
        }
    }
}

impl From<&contact::Model> for Draft {
    fn from(c: &contact::Model) -> Self {
        Draft {
            name: c.name.clone(),
            email: c.email.clone(),
            language: c.language.code().to_string(),
            roles: c.roles.to_string(),
            active: c.active,
        }
    }
}

/// The institute's contact with this address, if any.
pub async fn find_in(
    db: &impl ConnectionTrait,
    institute_id: i32,
    email: &str,
) -> Result<Option<contact::Model>> {
    Ok(contact::Entity::find()
        .filter(contact::Column::InstituteId.eq(institute_id))
        .filter(contact::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?)
}

/// Adds a contact, or refuses an address the institute already has.
pub async fn create(
    db: &impl ConnectionTrait,
    institute_id: i32,
    c: Clean,
) -> Result<std::result::Result<contact::Model, Problem>> {
    if find_in(db, institute_id, &c.email).await?.is_some() {
        return Ok(Err(Problem::Taken));
    }
    let model = contact::ActiveModel {
        institute_id: Set(institute_id),
        name: Set(c.name),
        email: Set(c.email),
        language: Set(c.language),
        roles: Set(c.roles),
        active: Set(c.active),
        created_at: Set(crate::db::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok(model))
}

/// Changes a contact; a new address clears the bounce mark of the old one.
pub async fn update(
    db: &impl ConnectionTrait,
    old: contact::Model,
    c: Clean,
) -> Result<std::result::Result<contact::Model, Problem>> {
    let moved = old.email != c.email;
    if moved && find_in(db, old.institute_id, &c.email).await?.is_some() {
        return Ok(Err(Problem::Taken));
    }
    let mut am: contact::ActiveModel = old.into();
    if moved {
        am.bounced_at = Set(None);
        am.bounce = Set(None);
    }
    am.name = Set(c.name);
    am.email = Set(c.email);
    am.language = Set(c.language);
    am.roles = Set(c.roles);
    am.active = Set(c.active);
    Ok(Ok(am.update(db).await?))
}

/// Marks the contact whose address a server refused for good, and every other contact with
/// that address: mail to it will not arrive either.
pub async fn mark_bounced(db: &impl ConnectionTrait, email: &str, error: &str) -> Result<u64> {
    let error: String = error.chars().take(500).collect();
    let done = contact::Entity::update_many()
        .col_expr(contact::Column::BouncedAt, Expr::value(crate::db::now()))
        .col_expr(contact::Column::Bounce, Expr::value(error))
        .filter(contact::Column::Email.eq(email.trim().to_lowercase()))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// What the contacts page lists.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub institute: Option<i32>,
    pub country: Option<String>,
    pub bounced: bool,
    pub inactive: bool,
    /// Part of a name or an address.
    pub text: Option<String>,
}

/// The contacts that pass the filter with their institutes, by institute then name.
pub async fn list(
    db: &impl ConnectionTrait,
    f: &Filter,
) -> Result<Vec<(contact::Model, institute::Model)>> {
    let mut q = contact::Entity::find().find_also_related(institute::Entity);
    if let Some(id) = f.institute {
        q = q.filter(contact::Column::InstituteId.eq(id));
    }
    if let Some(code) = &f.country {
        if !super::countries::is_code(code) {
            return Ok(Vec::new());
        }
        q = q.filter(institute::Column::CountryCode.eq(code.as_str()));
    }
    if f.bounced {
        q = q.filter(contact::Column::BouncedAt.is_not_null());
    }
    if f.inactive {
        q = q.filter(contact::Column::Active.eq(false));
    }
    let rows = q
        .order_by_asc(institute::Column::Acronym)
        .order_by_asc(contact::Column::Name)
        .all(db)
        .await?;
    // Matched here rather than in SQL: SQLite lowers only ASCII, and Cyrillic names matter.
    let text = f
        .text
        .as_deref()
        .map(|t| crate::db::search_text(t).to_lowercase())
        .filter(|t| !t.is_empty());
    let hit = |c: &contact::Model| {
        text.as_deref()
            .is_none_or(|t| c.name.to_lowercase().contains(t) || c.email.contains(t))
    };
    Ok(rows
        .into_iter()
        .filter_map(|(c, i)| Some((c, i?)))
        .filter(|(c, _)| hit(c))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::check::TEXT_MAX;
    use super::*;

    fn draft(name: &str, email: &str, language: &str, roles: &str) -> Draft {
        Draft {
            name: name.into(),
            email: email.into(),
            language: language.into(),
            roles: roles.into(),
            active: true,
        }
    }

    #[test]
    fn a_good_draft_is_cleaned() {
        let c = draft(
            " Anna Petrova ",
            "Anna@Example.org",
            "ru",
            "training, research",
        )
        .check()
        .unwrap();
        assert_eq!(c.name, "Anna Petrova");
        assert_eq!(c.email, "anna@example.org");
        assert_eq!(c.language, Lang::Ru);
        assert_eq!(c.roles.to_string(), "training,research");
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let problems = draft(
            "=cmd|' /C calc'!A0",
            "not-an-address",
            "de",
            "training,boss",
        )
        .check()
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                Problem::Formula(Field::Name),
                Problem::NotAnEmail,
                Problem::UnknownLanguage("de".into()),
                Problem::UnknownRole("boss".into()),
            ]
        );
        let markup = draft("<script>x</script>", "", "en", "")
            .check()
            .unwrap_err();
        assert_eq!(
            markup,
            vec![
                Problem::Forbidden(Field::Name),
                Problem::Missing(Field::Email),
                Problem::Missing(Field::Roles),
            ]
        );
        let long = "я".repeat(TEXT_MAX + 1);
        let problems = draft(&long, "a@example.org", "en", "general").check();
        assert_eq!(problems, Err(vec![Problem::TooLong(Field::Name)]));
    }
}
