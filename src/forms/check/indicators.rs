//! Checks of a schema's indicators: what each kind needs, and that the questions it reads are
//! there and of the right kind.
use super::Checker;
use crate::forms::problem::spelled;
use crate::forms::schema::{Breakdown, Form, Indicator, IndicatorKind, Kind};
use std::collections::BTreeSet;

impl Checker<'_> {
    pub(super) fn indicators(&mut self, form: &Form) {
        let start = self.loc.header("indicators").unwrap_or(1);
        let mut ids = BTreeSet::new();
        for ind in &form.indicators {
            let line = self.loc.named("id", &ind.id, start, 0).unwrap_or(start);
            if !ids.insert(ind.id.clone()) {
                let again = self.loc.named("id", &ind.id, start, 1).unwrap_or(line);
                self.report(again, "check-indicator-duplicate", &[("id", &ind.id)]);
            }
            let place = [("what", "indicator"), ("id", ind.id.as_str())];
            self.text(&ind.label, self.loc.key_in_table(line, "label"), &place);
            for words in ind.columns.values() {
                self.text(words, self.loc.key_in_table(line, "columns"), &place);
            }
            if ind.kind == IndicatorKind::Combined {
                let earlier: Vec<&str> = form
                    .indicators
                    .iter()
                    .take_while(|i| i.id != ind.id)
                    .map(|i| i.id.as_str())
                    .collect();
                if ind.parts.len() < 2 || ind.parts.iter().any(|p| !earlier.contains(&p.as_str())) {
                    let at = self.loc.key_in_table(line, "parts");
                    self.report(at, "check-indicator-parts", &[("id", &ind.id)]);
                }
                continue;
            }
            self.indicator_question(form, ind, line);
            self.indicator_companions(form, ind, line);
            if ind.by == Some(Breakdown::Ceems) && ind.kind == IndicatorKind::DistinctCount {
                self.report(line, "check-indicator-breakdown", &[("id", &ind.id)]);
            }
        }
    }

    /// The question an indicator aggregates exists and is of a kind it can aggregate.
    fn indicator_question(&mut self, form: &Form, ind: &Indicator, line: usize) {
        let needs_question = !matches!(ind.kind, IndicatorKind::ResponseRate);
        let resolved = ind.question.as_deref().map(|p| (p, form.path(p)));
        match (needs_question, resolved) {
            (true, None) => self.report(line, "check-indicator-needs-question", &[("id", &ind.id)]),
            (_, Some((p, None))) => self.report(
                self.loc.key_in_table(line, "question"),
                "check-indicator-no-question",
                &[("id", &ind.id), ("question", p)],
            ),
            (_, Some((p, Some((_, q))))) => {
                let choice = q.kind.has_choices() || q.kind == Kind::YesNo;
                let in_grid = form
                    .path(p)
                    .is_some_and(|(g, _)| g.is_some_and(|g| g.kind == Kind::Grid));
                let ok = match ind.kind {
                    // A group counted by where its units are: needs by country.
                    IndicatorKind::Distribution if ind.by.is_some() && q.kind == Kind::Group => {
                        true
                    }
                    IndicatorKind::Cross => choice && p.contains('.'),
                    IndicatorKind::Distribution
                    | IndicatorKind::DistinctCount
                    | IndicatorKind::Ranking
                    | IndicatorKind::Table => choice,
                    IndicatorKind::GridShare => choice && in_grid,
                    IndicatorKind::Sum => q.kind.is_number(),
                    IndicatorKind::Mean => q.kind.is_number() || choice,
                    IndicatorKind::CountUnits | IndicatorKind::ResponseRate => true,
                    IndicatorKind::Texts => {
                        q.kind.is_text() || (q.kind.has_choices() && q.detail.is_some())
                    }
                    IndicatorKind::Combined => true,
                    IndicatorKind::OriginSum => {
                        q.kind.is_number()
                            && ind.origin.as_ref().is_some_and(|o| {
                                let group = p.split_once('.').map(|x| x.0).unwrap_or("");
                                [&o.when, &o.institute]
                                    .into_iter()
                                    .chain(o.same.iter())
                                    .all(|id| form.path(&format!("{group}.{id}")).is_some())
                            })
                    }
                };
                if !ok {
                    let kind = spelled(&ind.kind);
                    let args = [("id", ind.id.as_str()), ("kind", &kind), ("question", p)];
                    let at = self.loc.key_in_table(line, "question");
                    self.report(at, "check-indicator-kind", &args);
                }
            }
            (false, None) => {}
        }
    }

    /// The questions beside it that an indicator names: a sum, a product, a group.
    fn indicator_companions(&mut self, form: &Form, ind: &Indicator, line: usize) {
        for (key, number) in [("sum", &ind.sum), ("product", &ind.product)] {
            let Some(sum) = number else { continue };
            let same_scope =
                |a: &str, b: &str| a.split_once('.').map(|x| x.0) == b.split_once('.').map(|x| x.0);
            let ok = form.path(sum).is_some_and(|(_, q)| q.kind.is_number())
                && ind.question.as_deref().is_some_and(|p| {
                    // Beside the question, at the top level, or in the group counted.
                    same_scope(p, sum)
                        || !sum.contains('.')
                        || sum.split_once('.').is_some_and(|(g, _)| g == p)
                });
            if !ok {
                let args = [("id", ind.id.as_str()), ("key", key), ("question", sum)];
                let at = self.loc.key_in_table(line, key);
                self.report(at, "check-indicator-companion", &args);
            }
        }
        if ind.kind == IndicatorKind::Cross {
            let ok = ind.across.as_deref().is_some_and(|a| {
                let beside = ind
                    .question
                    .as_deref()
                    .and_then(|p| p.split_once('.'))
                    .map(|x| x.0)
                    == a.split_once('.').map(|x| x.0);
                beside && form.path(a).is_some_and(|(_, q)| q.kind.has_choices())
            });
            if !ok {
                let across = ind.across.clone().unwrap_or_default();
                let args = [("id", ind.id.as_str()), ("question", across.as_str())];
                let at = self.loc.key_in_table(line, "across");
                self.report(at, "check-indicator-across", &args);
            }
        }
        const TITLED: [&str; 8] = [
            "units", "rows", "sum", "total", "count", "mean", "invited", "answered",
        ];
        if let Some(key) = ind.columns.keys().find(|k| !TITLED.contains(&k.as_str())) {
            let args = [("id", ind.id.as_str()), ("key", key.as_str())];
            let at = self.loc.key_in_table(line, "columns");
            self.report(at, "check-indicator-columns", &args);
        }
        if let Some(by) = &ind.group_by {
            let beside =
                |a: &str, b: &str| a.split_once('.').map(|x| x.0) == b.split_once('.').map(|x| x.0);
            let ok = ind.kind == IndicatorKind::Texts
                && form
                    .path(by)
                    .is_some_and(|(_, q)| q.kind.has_choices() || q.kind == Kind::YesNo)
                && ind.question.as_deref().is_some_and(|p| beside(p, by));
            if !ok {
                let args = [("id", ind.id.as_str()), ("question", by)];
                let at = self.loc.key_in_table(line, "group_by");
                self.report(at, "check-indicator-group-by", &args);
            }
        }
    }
}
