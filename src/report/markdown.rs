//! What the secretariat writes into a report (a preface, a commentary) is Markdown, shown as
//! HTML on the report page and in its file. It is text from outside, so it never becomes
//! markup of its own: raw HTML is shown as the text it is, an image as its description (a
//! page loads nothing from outside), a link only to the web, mail or this page, and headings
//! are set below the report's own so the outline stays the report's.
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The largest text kept for one section in one language.
pub const MAX_CHARS: usize = 20_000;

/// `md` as safe HTML.
pub fn to_html(md: &str) -> String {
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let kept = safe_link(&dest_url);
                links.push(kept);
                kept.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: below(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(below(level)))),
            // An image's description stays, as text; nothing else of it does.
            other => Some(other),
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn safe_link(dest: &CowStr<'_>) -> bool {
    let dest = dest.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|p| dest.starts_with(p))
}

/// A heading two levels down: the report's own are `h1` (the report) and `h2` (a survey).
fn below(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H3,
        H2 => H4,
        H3 => H5,
        _ => H6,
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn markdown_becomes_markup_and_html_stays_text() {
        let html = to_html("# Итоги\n\n**Рост** на 12 %.\n\n<script>alert(1)</script>\n");
        assert!(html.contains("<h3>Итоги</h3>"), "{html}");
        assert!(html.contains("<strong>Рост</strong>"));
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"));
    }

    #[test]
    fn images_and_unsafe_links_are_dropped_their_text_kept() {
        let html = to_html(
            "![chart](https://example.org/x.png) [x](javascript:alert(1)) [site](https://coomet.org)",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("chart"));
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(">x<") || html.contains(" x "), "{html}");
        assert!(html.contains(r#"<a href="https://coomet.org">site</a>"#));
    }
}
