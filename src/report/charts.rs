//! Charts as inline SVG, drawn on the server: no script, no font or file from elsewhere, and
//! legible printed in black and white (dark bars on white, every figure written beside its
//! bar, series told apart by shade and by a written legend). Each chart is `role="img"`,
//! named by its caption; the table beside it is its text alternative.
//!
//! Ours rather than a library's: the chart crates we tried measure text with embedded fonts
//! and bring image stacks for PNG; these two shapes need neither.
use crate::i18n::Lang;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 230.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 8.0;
/// Shades of the stacked segments: told apart in black and white.
const SHADES: [&str; 6] = [
    "#1a1a1a", "#595959", "#8c8c8c", "#b3b3b3", "#d9d9d9", "#f2f2f2",
];

/// A bar: its label, and its segments (one for a plain bar chart).
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let cut: String = label.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

fn figure(n: f64, percent: bool, lang: Lang) -> String {
    crate::indicators::figure(n, percent, lang)
}

/// Horizontal bars, stacked when a bar has several values; `legend` names the segments.
pub fn bars(
    labelled_by: &str,
    bars: &[Bar],
    legend: &[String],
    percent: bool,
    lang: Lang,
) -> String {
    let max = bars
        .iter()
        .map(|b| b.values.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let scale = if max > 0.0 {
        (WIDTH - LABEL_W - 60.0) / max
    } else {
        0.0
    };
    let legend_h = if legend.len() > 1 { 22.0 } else { 0.0 };
    let height = legend_h + bars.len() as f64 * (BAR_H + GAP) + GAP;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" class=\"chart\" font-size=\"12\" \
         font-family=\"sans-serif\">",
        escape(labelled_by)
    );
    if legend.len() > 1 {
        let mut x = LABEL_W;
        for (i, name) in legend.iter().enumerate() {
            let shade = SHADES[i % SHADES.len()];
            let _ = write!(svg, "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{shade}\" stroke=\"#000\" stroke-width=\"0.5\"/>");
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"14\">{}</text>",
                x + 16.0,
                escape(&short(name, 14))
            );
            x += 30.0 + 7.0 * short(name, 14).chars().count() as f64;
        }
    }
    for (row, bar) in bars.iter().enumerate() {
        let y = legend_h + GAP + row as f64 * (BAR_H + GAP);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            LABEL_W - 8.0,
            y + 13.0,
            escape(&bar.label),
            escape(&short(&bar.label, 34))
        );
        let mut x = LABEL_W;
        for (i, v) in bar.values.iter().enumerate() {
            let w = v * scale;
            let shade = SHADES[i % SHADES.len()];
            let _ = write!(svg, "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{shade}\" stroke=\"#000\" stroke-width=\"0.5\"/>");
            x += w;
        }
        let total: f64 = bar.values.iter().sum();
        let shown = if bar.values.len() == 1 {
            figure(total, percent, lang)
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 4.0,
            y + 13.0,
            escape(&shown)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A line over years, each point with its figure written above it.
pub fn years(labelled_by: &str, points: &[(i32, f64)], percent: bool, lang: Lang) -> String {
    let (h, left, right, top, bottom) = (180.0, 40.0, 20.0, 24.0, 28.0);
    let max = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1e-9);
    let step = if points.len() > 1 {
        (WIDTH - left - right) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| {
        left + step * i as f64
            + if points.len() == 1 {
                (WIDTH - left - right) / 2.0
            } else {
                0.0
            }
    };
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v / max);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{}\" \
         viewBox=\"0 0 {WIDTH} {h}\" width=\"100%\" class=\"chart\" font-size=\"12\" \
         font-family=\"sans-serif\">",
        escape(labelled_by)
    );
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\"/>",
        h - bottom,
        WIDTH - right,
        h - bottom
    );
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1)))
        .collect();
    let _ = write!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>",
        line.join(" ")
    );
    for (i, (year, v)) in points.iter().enumerate() {
        let (px, py) = (x(i), y(*v));
        let _ = write!(svg, "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>");
        let _ = write!(
            svg,
            "<text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            py - 9.0,
            escape(&figure(*v, percent, lang))
        );
        let _ = write!(
            svg,
            "<text x=\"{px:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
            h - 8.0
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_shortened_with_their_full_text_as_title() {
        let long = "<b>Calibration & testing of AC power meters and energy</b>";
        let svg = bars(
            "c1",
            &[Bar {
                label: long.into(),
                values: vec![3.0],
            }],
            &[],
            false,
            Lang::En,
        );
        assert!(svg.contains("&lt;b&gt;Calibration &amp; testing"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains('…'));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn a_line_has_a_point_and_a_figure_per_year() {
        let svg = years("c2", &[(2025, 40.0), (2026, 62.5)], true, Lang::Ru);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains(">2025<") && svg.contains(">2026<"));
        // The Russian decimal comma; English keeps the point.
        assert!(svg.contains("62,5 %"), "{svg}");
        assert!(years("c2", &[(2025, 62.5)], true, Lang::En).contains("62.5 %"));
    }
}
