//! A chart as a file of its own: the SVG standing alone (its title inside, a white ground, a
//! size instead of the page's width), and the same drawn as PNG by resvg with the machine's
//! sans-serif font (DejaVu Sans or Liberation Sans: Debian's fonts-dejavu-core, which the
//! README's set-up installs). No font is shipped in the binary: the PNG's text is as legible
//! as the SVG's, in Cyrillic too, only where the machine has one of these.
use super::charts::escape;
use crate::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Pixels per SVG unit: a chart 640 wide is 1280 pixels, sharp on a slide or in print.
const SCALE: f32 = 2.0;
/// The families tried, in order, for `sans-serif`.
const SANS: [&str; 4] = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans"];

fn view_box(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let end = svg[start..].find('"')? + start;
    let n: Vec<f64> = svg[start..end]
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (n.len() == 4).then(|| (n[2], n[3]))
}

/// `svg`, a chart drawn for a page, as a file: on white, sized, and named by `title`, which
/// is also written above it (wrapped), as a slide or a document needs it.
pub fn standalone(svg: &str, title: &str) -> String {
    let (w, h) = view_box(svg).unwrap_or((640.0, 400.0));
    let heading = super::charts::wrap(title, 68);
    let top = heading.len() as f64 * 16.0 + 12.0;
    let head = svg.find('>').map_or(0, |i| i + 1);
    let mut open = svg[..head]
        .replace(
            "width=\"100%\"",
            &format!("width=\"{w}\" height=\"{}\"", h + top),
        )
        .replace(
            &format!("viewBox=\"0 0 {w} {h}\""),
            &format!("viewBox=\"0 0 {w} {}\"", h + top),
        );
    // The ids it was labelled by are the page's; alone, its title names it.
    if let Some(at) = open.find(" aria-labelledby=\"") {
        let end = open[at + 18..]
            .find('"')
            .map_or(open.len(), |e| at + 18 + e + 1);
        open.replace_range(at..end, "");
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}<title>{}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><text x=\"8\" y=\"18\" \
         font-size=\"13\" font-weight=\"bold\">",
        escape(title)
    );
    for (i, line) in heading.iter().enumerate() {
        let dy = if i == 0 { 0 } else { 16 };
        out.push_str(&format!(
            "<tspan x=\"8\" dy=\"{dy}\">{}</tspan>",
            escape(line)
        ));
    }
    out.push_str(&format!(
        "</text><g transform=\"translate(0 {top})\">{}",
        &svg[head..svg.len().saturating_sub("</svg>".len())]
    ));
    out.push_str("</g></svg>");
    out
}

fn fonts() -> Option<Arc<usvg::fontdb::Database>> {
    static FONTS: OnceLock<Option<Arc<usvg::fontdb::Database>>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            let family = SANS.into_iter().find(|f| {
                db.faces()
                    .any(|face| face.families.iter().any(|(name, _)| name == f))
            })?;
            db.set_sans_serif_family(family);
            Some(Arc::new(db))
        })
        .clone()
}

/// A standalone chart (`standalone`) drawn as PNG.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let fontdb = fonts().ok_or(Error::NoFont)?;
    let options = usvg::Options {
        fontdb,
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::Picture(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| Error::Picture(format!("{w}x{h}")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Picture(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_stands_alone_with_its_title_and_size() {
        let page =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"a b\" \
                    viewBox=\"0 0 640 52\" width=\"100%\"><text>x</text></svg>";
        let file = standalone(page, "Needs & offers");
        assert!(file.starts_with("<?xml"));
        assert!(file.contains("width=\"640\" height=\"80\""), "{file}");
        assert!(file.contains("viewBox=\"0 0 640 80\""), "{file}");
        assert!(file.ends_with("<text>x</text></g></svg>"), "{file}");
        assert!(!file.contains("aria-labelledby"), "{file}");
        assert!(file.contains("<title>Needs &amp; offers</title>"));
    }
}
