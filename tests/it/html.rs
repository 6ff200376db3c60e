//! Pages read as HTML, with a parser: what a control shows, the message beside a field, a
//! hidden value. Never by searching the text for fragments of markup.
use scraper::{ElementRef, Html, Selector};

pub struct Page(Html);

fn select(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// `[attr="value"]` with the value quoted for CSS, since ids and names hold dots.
fn attr(name: &str, value: &str) -> String {
    format!(
        "[{name}=\"{}\"]",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(Html::parse_document(html))
    }

    fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.0.select(&select(css)).collect()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.all(css).len()
    }

    /// The value of the first `<input>` named `name` (a hidden field, a text box).
    pub fn input(&self, name: &str) -> Option<String> {
        self.all(&format!("input{}", attr("name", name)))
            .first()
            .and_then(|e| e.value().attr("value"))
            .map(str::to_string)
    }

    /// The rows of the first table matching `css`: each cell's text (th and td), trimmed.
    pub fn table(&self, css: &str) -> Vec<Vec<String>> {
        let Some(table) = self.all(css).into_iter().next() else {
            return Vec::new();
        };
        table
            .select(&select("tr"))
            .map(|tr| {
                tr.select(&select("th, td"))
                    .map(|c| c.text().collect::<String>().trim().to_string())
                    .collect()
            })
            .collect()
    }

    /// Attribute `name` of every element matching `css`.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css)
            .iter()
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    /// The text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css)
            .iter()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    /// Attribute `name` of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.all(css)
            .first()
            .and_then(|e| e.value().attr(name))
            .map(str::to_string)
    }

    /// What the controls named `name` show: the text of a box or text area, the chosen options,
    /// the checked radio buttons and checkboxes.
    pub fn shown(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.all(&attr("name", name)) {
            let v = e.value();
            match v.name() {
                "textarea" => out.push(e.text().collect()),
                "select" => out.extend(
                    e.select(&select("option[selected]"))
                        .filter_map(|o| o.value().attr("value").map(str::to_string)),
                ),
                "input" if matches!(v.attr("type"), Some("radio" | "checkbox")) => out.extend(
                    v.attr("value")
                        .filter(|_| v.attr("checked").is_some())
                        .map(str::to_string),
                ),
                "input" if v.attr("type") != Some("hidden") => {
                    out.push(v.attr("value").unwrap_or_default().to_string())
                }
                _ => {}
            }
        }
        out
    }

    /// The tag of the element whose id is `id`, and its attribute `name` (when given).
    pub fn by_id(&self, id: &str, name: &str) -> Option<(String, Option<String>)> {
        let e = self.all(&attr("id", id)).into_iter().next()?;
        let v = e.value();
        Some((v.name().to_string(), v.attr(name).map(str::to_string)))
    }

    /// The message shown beside field `field` (`needs.0.topic`), if any.
    pub fn error_at(&self, field: &str) -> Option<String> {
        if let Some(e) = self.all(&attr("id", &format!("e-{field}"))).first() {
            return Some(e.text().collect());
        }
        let holder = self
            .all(&attr("id", &format!("f-{field}")))
            .into_iter()
            .next()?;
        holder
            .child_elements()
            .find(|c| c.value().classes().any(|class| class == "error"))
            .map(|e| e.text().collect::<String>())
    }
}
