//! A campaign's responses as one file, for the secretariat or as reviewers may have them, and
//! the download on the trail before it is handed out.
use super::{files, gather, gives_rows, Audience, Export, Headings};
use crate::audit::{Action, Actor, Target};
use crate::campaigns::campaign;
use crate::i18n::{I18n, Lang};
use crate::Result;
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// Campaign `c`'s responses as one file in `format` for the secretariat (the indicators are
/// computed only for the format that holds them), with the export it was written from.
pub async fn secretariat_file(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    format: files::Format,
    lang: Lang,
    i18n: &I18n,
) -> Result<(Export, files::File)> {
    file_for(db, c, (format, Headings::Labels), lang, false, i18n).await
}

/// The same for reviewers: submitted responses only, per-contact surveys without names, and
/// the indicators as reviewers see them.
pub async fn reviewer_file(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    format: files::Format,
    lang: Lang,
    i18n: &I18n,
) -> Result<(Export, files::File)> {
    file_for(db, c, (format, Headings::Labels), lang, true, i18n).await
}

/// Campaign `c`'s responses as a file for `by`: the secretariat's (`reviewer` false; refused
/// to a reviewer) or the reviewers'. The download is on the trail before it is handed out.
pub async fn download(
    db: &DatabaseConnection,
    by: &Actor,
    c: &campaign::Model,
    wanted: (files::Format, Headings),
    lang: Lang,
    reviewer: bool,
    i18n: &I18n,
) -> Result<(Export, files::File)> {
    let action = if reviewer {
        Action::ReviewExport
    } else {
        Action::Export
    };
    by.may(action)?;
    let (e, file) = file_for(db, c, wanted, lang, reviewer, i18n).await?;
    let detail = format!("{} responses, {}", e.responses.len(), file.extension);
    let target = Target::Campaign(c.id);
    crate::audit::read(db, by, action, &target, Some(detail)).await?;
    Ok((e, file))
}

async fn file_for(
    db: &impl ConnectionTrait,
    c: &campaign::Model,
    (format, headings): (files::Format, Headings),
    lang: Lang,
    reviewer: bool,
    i18n: &I18n,
) -> Result<(Export, files::File)> {
    let audience = Audience {
        lang,
        headings,
        reviewer,
        indicators: format == files::Format::Xlsx,
    };
    // CSV and JSON hold rows and nothing else: none to give (the XLSX has the indicators).
    if format != files::Format::Xlsx && !gives_rows(&c.form()?, audience) {
        return Err(crate::Error::NotFound);
    }
    let e = gather(db, c, audience, i18n).await?;
    let file = files::write(&e, format, lang, i18n)?;
    Ok((e, file))
}
