//! Charts as inline SVG, drawn on the server: no script, no font or file from elsewhere, and
//! legible printed in black and white (dark bars on white, every figure written beside its
//! bar or inside its segment, series told apart by fill pattern and by a written legend). Each
//! chart is `role="img"`, named by its caption; the table beside it is its text alternative.
//!
//! Ours rather than a library's: the chart crates we tried measure text with embedded fonts
//! and bring image stacks for PNG; these two shapes need neither. Text is never cut: a label
//! longer than its room is wrapped onto more lines, and the chart grows to hold them.
use crate::i18n::Lang;
use std::fmt::Write;

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 230.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 8.0;
const LINE_H: f64 = 14.0;
/// Characters of a 12px sans-serif line that fit the row labels' room (an estimate on the
/// wide side: Cyrillic and capitals run wider than the average).
const LABEL_CHARS: usize = 30;
/// Characters of a legend line: the whole width less the swatch.
const LEGEND_CHARS: usize = 80;
/// A segment at least this wide has its figure written inside it.
const SEGMENT_TEXT_MIN: f64 = 30.0;

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

/// `text` broken at spaces into lines of at most `max` characters; a word longer than a line
/// is broken inside it rather than cut.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A `<text>` of several lines, each a `<tspan>`, the first at `y`.
fn lines(svg: &mut String, x: f64, y: f64, anchor: &str, class: &str, text: &[String]) {
    let _ = write!(
        svg,
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" class=\"{class}\">"
    );
    for (i, line) in text.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { LINE_H };
        let _ = write!(svg, "<tspan x=\"{x}\" dy=\"{dy}\">{}</tspan>", escape(line));
    }
    svg.push_str("</text>");
}

fn figure(n: f64, percent: bool, lang: Lang) -> String {
    crate::indicators::figure(n, percent, lang)
}

/// The fills of the stacked segments, told apart in black and white: solid dark, white,
/// diagonal hatching, mid grey, dots, cross-hatching. The patterns are defined per chart (ids
/// prefixed by the chart's), as several charts share one page.
const FILLS: usize = 6;

/// The prefix of a chart's pattern ids: its labels' ids, which may be several.
fn prefix(labelled_by: &str) -> String {
    escape(&labelled_by.replace(' ', "-"))
}

fn defs(svg: &mut String, id: &str) {
    let id = prefix(id);
    let _ = write!(
        svg,
        "<defs>\
         <pattern id=\"{id}-p2\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"#fff\"/>\
         <path d=\"M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2\" stroke=\"#000\" stroke-width=\"1.2\"/></pattern>\
         <pattern id=\"{id}-p4\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#000\"/></pattern>\
         <pattern id=\"{id}-p5\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/>\
         <path d=\"M0,3 h6 M3,0 v6\" stroke=\"#000\" stroke-width=\"0.8\"/></pattern>\
         </defs>"
    );
}

fn fill(id: &str, i: usize) -> String {
    match i % FILLS {
        0 => "#1a1a1a".into(),
        1 => "#ffffff".into(),
        3 => "#8c8c8c".into(),
        n => format!("url(#{}-p{n})", prefix(id)),
    }
}

/// How a figure is written on a segment of fill `i`: white on the dark fill, black on the
/// grey, black with a white halo on the white and the patterns.
fn on_fill(i: usize) -> &'static str {
    match i % FILLS {
        0 => " fill=\"#fff\"",
        3 => "",
        _ => " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"",
    }
}

/// The legend, one entry a line (wrapped when long) with its swatch; returns its height.
fn legend(svg: &mut String, id: &str, names: &[String]) -> f64 {
    let mut y = 4.0;
    for (i, name) in names.iter().enumerate() {
        let text = wrap(name, LEGEND_CHARS);
        let _ = write!(
            svg,
            "<rect x=\"8\" y=\"{y}\" width=\"14\" height=\"12\" fill=\"{}\" stroke=\"#000\" stroke-width=\"0.8\"/>",
            fill(id, i)
        );
        lines(svg, 28.0, y + 10.0, "start", "legend", &text);
        y += text.len() as f64 * LINE_H + 6.0;
    }
    y + 4.0
}

/// Horizontal bars, stacked when a bar has several values; `legend` names the segments.
pub fn bars(id: &str, bars: &[Bar], names: &[String], percent: bool, lang: Lang) -> String {
    let max = bars
        .iter()
        .map(|b| b.values.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let scale = if max > 0.0 {
        (WIDTH - LABEL_W - 70.0) / max
    } else {
        0.0
    };
    let labels: Vec<Vec<String>> = bars.iter().map(|b| wrap(&b.label, LABEL_CHARS)).collect();
    let row_h = |n: usize| (n as f64 * LINE_H).max(BAR_H) + GAP;
    let mut body = String::new();
    let top = match names.len() > 1 {
        true => legend(&mut body, id, names),
        false => 0.0,
    };
    let mut y = top + GAP;
    for (bar, label) in bars.iter().zip(&labels) {
        let h = row_h(label.len());
        let bar_y = y + (h - GAP - BAR_H) / 2.0;
        let text_y = y + (h - GAP - (label.len() as f64 - 1.0) * LINE_H) / 2.0 + 4.0;
        lines(&mut body, LABEL_W - 8.0, text_y, "end", "label", label);
        let mut x = LABEL_W;
        for (i, v) in bar.values.iter().enumerate() {
            let w = v * scale;
            let _ = write!(body, "<rect x=\"{x:.1}\" y=\"{bar_y}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{}\" stroke=\"#000\" stroke-width=\"0.5\"/>", fill(id, i));
            if bar.values.len() > 1 && w >= SEGMENT_TEXT_MIN {
                let _ = write!(
                    body,
                    "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"segment\"{}>{}</text>",
                    x + w / 2.0,
                    bar_y + 13.0,
                    on_fill(i),
                    escape(&figure(*v, percent, lang))
                );
            }
            x += w;
        }
        if bar.values.len() == 1 {
            let total: f64 = bar.values.iter().sum();
            let _ = write!(
                body,
                "<text x=\"{:.1}\" y=\"{}\">{}</text>",
                x + 4.0,
                bar_y + 13.0,
                escape(&figure(total, percent, lang))
            );
        }
        y += h;
    }
    let height = y + GAP;
    let mut svg = open(id, height);
    if names.len() > 1 {
        defs(&mut svg, id);
    }
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

fn open(labelled_by: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" class=\"chart\" font-size=\"12\" \
         font-family=\"sans-serif\">",
        escape(labelled_by)
    )
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
    let mut svg = open(labelled_by, h);
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
    fn long_labels_are_escaped_and_wrapped_whole() {
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
        assert!(!svg.contains("<b>") && !svg.contains('…'));
        assert!(svg.contains("energy&lt;/b&gt;</tspan>"), "{svg}");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn wrapping_keeps_every_character() {
        let text = "Adopted into national regulation, identical (an extraordinarilylongwordthatdoesnotfit)";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(wrap("", 10), vec![String::new()]);
    }

    #[test]
    fn five_segments_have_five_different_fills_and_a_whole_legend() {
        let names: Vec<String> = (1..=5).map(|i| format!("Status number {i}")).collect();
        let svg = bars(
            "oiml",
            &[Bar {
                label: "R 76".into(),
                values: vec![20.0, 20.0, 20.0, 20.0, 20.0],
            }],
            &names,
            true,
            Lang::En,
        );
        let fills: std::collections::BTreeSet<String> = (0..5).map(|i| fill("oiml", i)).collect();
        assert_eq!(fills.len(), 5);
        for f in &fills {
            assert!(svg.contains(&format!("fill=\"{f}\"")), "{f}");
        }
        for n in &names {
            assert!(svg.contains(&format!(">{n}</tspan>")), "{n}");
        }
        assert_eq!(svg.matches("class=\"segment\"").count(), 5);
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
