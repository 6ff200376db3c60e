//! Which questions moved: within each section or group, the questions both versions have are
//! compared in order; the longest run kept in the same order stands still, the rest moved (a
//! question moved up is one move, not a shift of all it passed). A question that changed
//! section or group moved too.
use std::collections::BTreeMap;

/// A question both versions have, in the new version's order.
pub(super) struct Kept<'a> {
    /// Its place in the old version's order.
    pub old_index: usize,
    pub old_parent: &'a str,
    pub new_parent: &'a str,
    pub path: &'a str,
}

/// The paths of the questions that moved.
pub(super) fn moved(kept: &[Kept<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut by_parent: BTreeMap<&str, Vec<&Kept>> = BTreeMap::new();
    for k in kept {
        if k.old_parent != k.new_parent {
            out.push(k.path.to_string());
        } else {
            by_parent.entry(k.new_parent).or_default().push(k);
        }
    }
    for run in by_parent.values() {
        let positions: Vec<usize> = run.iter().map(|k| k.old_index).collect();
        let stay = longest_increasing(&positions);
        for (i, k) in run.iter().enumerate() {
            if !stay.contains(&i) {
                out.push(k.path.to_string());
            }
        }
    }
    out
}

/// Indices of a longest strictly increasing subsequence of `xs` (quadratic: a section has
/// tens of questions).
fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    let n = xs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if xs[j] < xs[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut end) = (0..n).max_by_key(|&i| len[i]) else {
        return Vec::new();
    };
    let mut out = vec![end];
    while prev[end] != usize::MAX {
        end = prev[end];
        out.push(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept<'a>(order: &[(usize, &'a str)]) -> Vec<Kept<'a>> {
        order
            .iter()
            .map(|(i, p)| Kept {
                old_index: *i,
                old_parent: "s",
                new_parent: "s",
                path: p,
            })
            .collect()
    }

    #[test]
    fn one_question_moved_up_is_one_move() {
        // Old order a b c d e; new order e a b c d.
        let k = kept(&[(4, "e"), (0, "a"), (1, "b"), (2, "c"), (3, "d")]);
        assert_eq!(moved(&k), vec!["e".to_string()]);
        let same = kept(&[(0, "a"), (1, "b")]);
        assert!(moved(&same).is_empty());
    }
}
