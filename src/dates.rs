//! How days and moments are written, on pages, in mail and in the words of a refusal: one
//! format everywhere, in either language.

/// Dates as pages and e-mails show them.
pub fn fmt_day(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A moment as pages and e-mails show it, in UTC.
pub fn fmt_time<Tz: chrono::TimeZone>(t: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(&chrono::Utc)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}
