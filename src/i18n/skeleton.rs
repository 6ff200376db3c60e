//! A template rendered once into a skeleton with slots, then filled per request with plain
//! writes. Handlebars stays the source of the markup: the skeleton is what the templates print
//! for a probe, a view model whose per-request values are markers, rendered with `if`, `unless`
//! and `include` helpers that keep both branches of a marker's condition and the bounds of a
//! repeated part. The engine knows nothing of what a slot means; its user says (`Slots`).
use super::{Lang, Renderer};
use crate::{Error, Result};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonTruthy, Output, RenderContext,
    RenderErrorReason, Renderable,
};
use serde_json::{json, Value};
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

/// A slot's value in a probe: one character of the Supplementary Private Use Area-A, which no
/// form text contains (a skeleton whose text does is refused by `parse`).
const SLOT: u32 = 0xF0000;
const MAX_SLOTS: u32 = 0xFFFD;
const IF: char = '\u{E000}';
const ELSE: char = '\u{E001}';
const END: char = '\u{E002}';
const REPEAT: char = '\u{E003}';
const REPEAT_END: char = '\u{E004}';

/// The key of a probe object that stands for a condition (`{{#if before}}` of an object).
pub const FLAG_KEY: &str = "_flag";
/// The key of a probe object rendered once per item of a list the request decides
/// (`{{include "form/row"}}` inside `{{#each rows}}`).
pub const REPEAT_KEY: &str = "_repeat";

/// Slot `id`'s marker, to put in a probe wherever a string is printed or tested.
pub fn marker(id: usize) -> String {
    char_of(id).map(String::from).unwrap_or_default()
}

fn char_of(id: usize) -> Option<char> {
    u32::try_from(id)
        .ok()
        .filter(|id| *id < MAX_SLOTS)
        .and_then(|id| char::from_u32(SLOT + id))
}

/// A probe object tested as slot `id`'s condition, with its other fields beside.
pub fn flagged(id: usize, mut fields: serde_json::Map<String, Value>) -> Value {
    fields.insert(FLAG_KEY.into(), json!(marker(id)));
    Value::Object(fields)
}

fn slot_in(v: &Value) -> Option<u32> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get(FLAG_KEY)?.as_str()?,
        _ => return None,
    };
    let mut chars = s.chars();
    let c = chars.next()? as u32;
    let id = c.checked_sub(SLOT).filter(|id| *id < MAX_SLOTS)?;
    chars.next().is_none().then_some(id)
}

#[derive(Debug, PartialEq)]
enum Node {
    Text(Box<str>),
    Slot(u32),
    If(u32, Vec<Node>, Vec<Node>),
    Repeat(u32, Vec<Node>),
}

/// What a request puts in the slots. `row` is the item of the repeated part being written
/// (0 outside one).
pub trait Slots {
    fn write(&self, id: u32, row: usize, out: &mut String);
    fn truthy(&self, id: u32, row: usize) -> bool;
    fn count(&self, id: u32) -> usize;
}

#[derive(Debug)]
pub struct Skeleton {
    nodes: Vec<Node>,
    /// The probe's length, a first guess at a filled page's.
    size: usize,
}

impl Skeleton {
    pub fn fill(&self, slots: &impl Slots) -> String {
        let mut out = String::with_capacity(self.size + self.size / 4);
        write(&self.nodes, slots, 0, &mut out);
        out
    }
}

fn write(nodes: &[Node], slots: &impl Slots, row: usize, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Slot(id) => slots.write(*id, row, out),
            Node::If(id, then, other) => {
                let branch = if slots.truthy(*id, row) { then } else { other };
                write(branch, slots, row, out);
            }
            Node::Repeat(id, body) => {
                for i in 0..slots.count(*id) {
                    write(body, slots, i, out);
                }
            }
        }
    }
}

/// The text of a probe's rendering as nodes; `None` where it is not one (a text held a
/// marker's character, a slot the probe has not, an unclosed branch).
fn parse(text: &str, slots: usize) -> Option<Vec<Node>> {
    let mut chars = text.chars().peekable();
    let nodes = parse_until(&mut chars, slots, None)?;
    chars.peek().is_none().then_some(nodes)
}

fn parse_until(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    slots: usize,
    stop: Option<char>,
) -> Option<Vec<Node>> {
    let mut nodes = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, nodes: &mut Vec<Node>| {
        if !text.is_empty() {
            nodes.push(Node::Text(std::mem::take(text).into_boxed_str()));
        }
    };
    let slot = |c: Option<char>| {
        let id = (c? as u32).checked_sub(SLOT)?;
        (id < MAX_SLOTS && (id as usize) < slots).then_some(id)
    };
    while let Some(c) = chars.next() {
        match c {
            IF | REPEAT => {
                flush(&mut text, &mut nodes);
                let id = slot(chars.next())?;
                if c == IF {
                    let then = parse_until(chars, slots, Some(ELSE))?;
                    let other = parse_until(chars, slots, Some(END))?;
                    nodes.push(Node::If(id, then, other));
                } else {
                    let body = parse_until(chars, slots, Some(REPEAT_END))?;
                    nodes.push(Node::Repeat(id, body));
                }
            }
            ELSE | END | REPEAT_END if Some(c) == stop => {
                flush(&mut text, &mut nodes);
                return Some(nodes);
            }
            ELSE | END | REPEAT_END => return None,
            c if (SLOT..SLOT + 0x10000).contains(&(c as u32)) => {
                flush(&mut text, &mut nodes);
                nodes.push(Node::Slot(slot(Some(c))?));
            }
            c => text.push(c),
        }
    }
    flush(&mut text, &mut nodes);
    stop.is_none().then_some(nodes)
}

/// `if` and `unless` of a probe: a marker's condition keeps both branches, the taken one first;
/// any other condition is decided now, as handlebars' own helper does.
struct ProbeIf {
    positive: bool,
}

impl HelperDef for ProbeIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let param = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("if", 0))?;
        let (yes, no) = if self.positive {
            (h.template(), h.inverse())
        } else {
            (h.inverse(), h.template())
        };
        if let Some(id) = slot_in(param.value()) {
            out.write(&format!("{IF}{}", marker(id as usize)))?;
            if let Some(t) = yes {
                t.render(r, ctx, rc, out)?;
            }
            out.write(&ELSE.to_string())?;
            if let Some(t) = no {
                t.render(r, ctx, rc, out)?;
            }
            return Ok(out.write(&END.to_string())?);
        }
        let include_zero = h
            .hash_get("includeZero")
            .and_then(|v| v.value().as_bool())
            .unwrap_or(false);
        let taken = if param.value().is_truthy(include_zero) {
            yes
        } else {
            no
        };
        match taken {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

/// `include` of a probe: an included template whose context is a repeated item is bounded by
/// markers, so that the request writes it once per item.
struct ProbeInclude;

impl HelperDef for ProbeInclude {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let template = super::included(h, r)?;
        let repeat = rc.evaluate(ctx, REPEAT_KEY)?;
        let Some(id) = slot_in(repeat.as_json()) else {
            return template.render(r, ctx, rc, out);
        };
        out.write(&format!("{REPEAT}{}", marker(id as usize)))?;
        template.render(r, ctx, rc, out)?;
        Ok(out.write(&REPEAT_END.to_string())?)
    }
}

/// The registry that renders probes: the renderer's own, with the three helpers above.
pub(crate) fn probe_registry(hbs: &Handlebars<'static>) -> Handlebars<'static> {
    let mut probe = hbs.clone();
    probe.register_helper("if", Box::new(ProbeIf { positive: true }));
    probe.register_helper("unless", Box::new(ProbeIf { positive: false }));
    probe.register_helper("include", Box::new(ProbeInclude));
    probe
}

impl Renderer {
    /// Template `name` rendered for `probe`, a view model with `slots` markers in it.
    pub fn skeleton(&self, name: &str, probe: &Value, slots: usize) -> Result<Skeleton> {
        let text = self.probe().render(name, probe)?;
        let nodes = parse(&text, slots)
            .ok_or_else(|| Error::TemplateLoad(format!("{name}: no skeleton for this probe")))?;
        Ok(Skeleton {
            nodes,
            size: text.len(),
        })
    }
}

/// What was prepared from a skeleton (the skeleton and what its slots mean), by what it was
/// made of: an owner kept alive beside it (so that its address names it as long as the entry
/// lives), a language and a variant. A preparation that failed is kept as `None`, and its page
/// is rendered by handlebars as before.
#[derive(Default)]
pub struct Cache {
    map: std::sync::RwLock<HashMap<CacheKey, Entry>>,
}

type CacheKey = (usize, Lang, Option<Box<str>>);
type Shared = Arc<dyn Any + Send + Sync>;
type Entry = (Shared, Option<Shared>);

/// Past this many entries the cache starts again: a campaign of many institutes whose form
/// leaves out each one's own institute has one entry per institute and language.
const MAX_ENTRIES: usize = 512;

impl Cache {
    pub fn get_or_build<T, V>(
        &self,
        owner: &Arc<T>,
        lang: Lang,
        variant: Option<&str>,
        build: impl FnOnce() -> Result<V>,
    ) -> Option<Arc<V>>
    where
        T: Any + Send + Sync,
        V: Any + Send + Sync,
    {
        let key = (Arc::as_ptr(owner) as usize, lang, variant.map(Box::from));
        if let Some((_, found)) = self.map.read().ok()?.get(&key) {
            return found.clone()?.downcast().ok();
        }
        let built: Option<Shared> = match build() {
            Ok(v) => Some(Arc::new(v)),
            Err(e) => {
                tracing::warn!(error = %e, "a page is rendered without its skeleton");
                None
            }
        };
        let mut map = self.map.write().ok()?;
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        let owner: Shared = owner.clone();
        map.insert(key, (owner, built.clone()));
        built?.downcast().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Slots for Fixed {
        fn write(&self, id: u32, row: usize, out: &mut String) {
            out.push_str(&format!("<{id}.{row}>"));
        }
        fn truthy(&self, id: u32, _: usize) -> bool {
            id.is_multiple_of(2)
        }
        fn count(&self, _: u32) -> usize {
            2
        }
    }

    #[test]
    fn markers_parse_into_branches_and_repeats() {
        let text = format!(
            "a{}b{IF}{}yes{ELSE}no{END}{REPEAT}{}r{}{REPEAT_END}z",
            marker(0),
            marker(1),
            marker(2),
            marker(0)
        );
        let nodes = parse(&text, 3).expect("a skeleton");
        let page = Skeleton { nodes, size: 0 }.fill(&Fixed);
        assert_eq!(page, "a<0.0>bnor<0.0>r<0.1>z");
    }

    #[test]
    fn texts_holding_marker_characters_are_no_skeleton() {
        assert!(parse(&format!("a{ELSE}b"), 1).is_none());
        assert!(parse(&format!("{IF}{}x{ELSE}", marker(0)), 1).is_none());
        assert!(parse(&marker(5), 1).is_none());
        assert_eq!(slot_in(&json!(marker(3))), Some(3));
        assert_eq!(slot_in(&json!("x")), None);
    }
}
