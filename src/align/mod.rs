//! Matching template sections to document headings.
//!
//! 1. Candidates: exact key or alias matches, slot headings by their literal words, and fuzzy
//!    (renamed) matches, each with a weight.
//! 2. The heaviest chain that keeps both template and document order wins (a weighted
//!    longest-increasing-subsequence over candidate pairs, with a Fenwick tree: O(P log n)).
//! 3. Leftover exact matches become out-of-order matches; pure slots (`### [Entity Name]`)
//!    take the author's heading in their position; later same-level headings are further
//!    instances of a slot; other repeats of a matched heading are duplicates.
//! 4. Every document heading gets an owner: the template section its content counts toward.

use crate::doc::Doc;
use crate::template::Template;
use crate::text::{bigram_similarity, push_sorted_bigrams, push_sorted_tokens, token_similarity, HeadingKeys, KeyRef};

mod index;
pub use index::AlignIndex;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MatchKind {
    Exact,
    Renamed,
    Slot,
    OutOfOrder,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matched {
    /// Index into `doc.headings`.
    pub heading: usize,
    pub kind: MatchKind,
    /// 0–1 quality of the match (1 for exact).
    pub quality: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Per template section.
    pub matches: Vec<Option<Matched>>,
    /// Document headings repeating a matched section: (doc heading, template section).
    pub duplicates: Vec<(usize, usize)>,
    /// Template section whose content each document heading's body counts toward.
    pub owner: Vec<Option<usize>>,
    /// Document level minus template level, as most exact matches show.
    pub level_offset: i32,
}

/// Posting lists longer than this are too common a word to propose fuzzy matches from.
const MAX_POSTING: usize = 2000;

/// The document's heading keys, computed once however many templates it is aligned with.
pub fn heading_keys(doc: &Doc) -> HeadingKeys {
    HeadingKeys::new(doc.headings.iter().map(|h| h.text.as_str()))
}

pub fn align(t: &Template, doc: &Doc) -> Alignment {
    align_keyed(t, doc, &heading_keys(doc))
}

/// [`align`] with the document's [`heading_keys`].
pub fn align_keyed(t: &Template, doc: &Doc, keys: &HeadingKeys) -> Alignment {
    align_posting(t, doc, keys, MAX_POSTING)
}

/// [`align_keyed`] where words shared by more than `max_posting` headings propose no matches.
fn align_posting(t: &Template, doc: &Doc, keys: &HeadingKeys, max_posting: usize) -> Alignment {
    let n = t.sections.len();
    let rebuilt;
    // The index describes the sections as compiled. `Template::sections` is a public field, so
    // a caller may have added or removed sections since: those get a fresh index.
    let ix = if t.align_index.sections == n {
        &t.align_index
    } else {
        rebuilt = AlignIndex::new(&t.sections);
        &rebuilt
    };
    let nd = doc.headings.len().min(keys.len());
    let level = |d: usize| doc.headings[d].level as i32;

    // Exact matches: (section, which key, heading), grouped by section in key then document order.
    let mut exact: Vec<(usize, usize, usize)> = Vec::new();
    // Headings by template word: (word, heading), each heading once per word.
    let mut by_word: Vec<(usize, usize)> = Vec::new();
    for d in 0..nd {
        let k = keys.get(d);
        if let Some(hits) = ix.by_key.get(k.key) {
            exact.extend(hits.iter().map(|&(ti, ki)| (ti, ki, d)));
        }
        for tok in k.all_tokens() {
            if let Some(&w) = ix.words.get(tok) {
                by_word.push((w, d));
            }
        }
    }
    crate::sort::sort(&mut exact);
    crate::sort::sort(&mut by_word);
    by_word.dedup();
    // exact_of(ti) = exact[exact_at[ti]..exact_at[ti + 1]]; the same for words.
    let exact_at = offsets(exact.iter().map(|e| e.0), n);
    // No heading shares a word with the template (a tiny or unrelated document): no word
    // proposes a candidate, and no per-word offsets are needed.
    let any_words = !by_word.is_empty();
    let word_at = if any_words { offsets(by_word.iter().map(|e| e.0), ix.words.len()) } else { Vec::new() };
    let exact_of = |ti: usize| exact.get(exact_at[ti]..exact_at[ti + 1]).unwrap_or(&[]);
    let is_exact = |ti: usize, d: usize| exact_of(ti).iter().any(|e| e.2 == d);
    let headings_with = |w: usize| {
        let list = match (word_at.get(w), word_at.get(w + 1)) {
            (Some(&from), Some(&to)) => by_word.get(from..to).unwrap_or(&[]),
            _ => &[],
        };
        if list.len() <= max_posting {
            list
        } else {
            &[]
        }
    };

    // Level offset from exact matches of non-slot sections.
    let mut diffs: Vec<(i32, usize)> = Vec::new();
    for &(ti, ki, d) in &exact {
        let s = &t.sections[ti];
        if ki != 0 || s.slot.is_some() {
            continue;
        }
        let diff = level(d) - s.level as i32;
        match diffs.iter_mut().find(|(k, _)| *k == diff) {
            Some((_, count)) => *count += 1,
            None => diffs.push((diff, 1)),
        }
    }
    let level_offset = diffs.iter().max_by_key(|(k, v)| (*v, -(k.abs()), -*k)).map_or(0, |(k, _)| *k);

    // Candidate pairs (template section, doc heading, weight).
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    let mut cands: Vec<usize> = Vec::new();
    let mut facts = DocFacts::new();
    for (ti, s) in t.sections.iter().enumerate() {
        let expected = s.level as i32 + level_offset;
        let ldiff = |d: usize| (level(d) - expected).abs() as f64;
        for &(_, _, d) in exact_of(ti) {
            pairs.push((ti, d, (3.0 - 0.3 * ldiff(d)).max(2.0)));
        }
        if !any_words || matches!(&s.slot, Some(lit) if lit.is_empty()) {
            continue;
        }
        cands.clear();
        for &w in ix.section_words.get(ti).map_or(&[][..], Vec::as_slice) {
            cands.extend(headings_with(w).iter().map(|e| e.1));
        }
        crate::sort::sort(&mut cands);
        cands.dedup();
        match &s.slot {
            Some(lit) => {
                for &d in &cands {
                    if ldiff(d) > 1.0 {
                        continue;
                    }
                    let covered = covered_count(lit, keys.get(d)) as f64 / lit.len() as f64;
                    let need = if lit.len() == 1 { 1.0 } else { 0.5 };
                    if covered >= need {
                        pairs.push((ti, d, 1.5 + covered - 0.3 * ldiff(d)));
                    }
                }
            }
            None => {
                for &d in &cands {
                    if ldiff(d) > 1.0 || is_exact(ti, d) {
                        continue;
                    }
                    let sim = facts.similarity(t, ix, ti, keys, d);
                    if sim >= 0.6 {
                        pairs.push((ti, d, 1.0 + sim - 0.3 * ldiff(d)));
                    }
                }
            }
        }
    }

    let chain = heaviest_chain(n, &mut pairs);
    let mut matches: Vec<Option<Matched>> = vec![None; n];
    let mut used = vec![false; doc.headings.len()];
    for &(ti, d, _) in &chain {
        let s = &t.sections[ti];
        let (kind, quality) = if is_exact(ti, d) {
            (MatchKind::Exact, 1.0)
        } else if s.slot.is_some() {
            (MatchKind::Slot, 0.9)
        } else {
            (MatchKind::Renamed, facts.similarity(t, ix, ti, keys, d))
        };
        matches[ti] = Some(Matched { heading: d, kind, quality });
        used[d] = true;
    }
    settle(t, doc, level_offset, matches, used, |ti| exact_of(ti).iter().map(|e| e.2), |d| keys.get(d))
}

/// What follows the ordered chain, the same whichever way the candidates were found: exact
/// headings the chain could not take (out of order), pure slots, the document's title, slot
/// instances, duplicates, and the owner of every heading. `exact_of(ti)` lists the document
/// headings whose key is exactly section `ti`'s (at a plausible level), in document order.
fn settle<'k, E: Iterator<Item = usize>>(
    t: &Template,
    doc: &Doc,
    level_offset: i32,
    mut matches: Vec<Option<Matched>>,
    mut used: Vec<bool>,
    exact_of: impl Fn(usize) -> E,
    key_of: impl Fn(usize) -> KeyRef<'k>,
) -> Alignment {
    let n = t.sections.len();
    // Out of order: an exact heading that the ordered chain could not take.
    for ti in 0..n {
        if matches[ti].is_none() && t.sections[ti].slot.is_none() {
            if let Some(d) = exact_of(ti).find(|&d| !used[d]) {
                matches[ti] = Some(Matched { heading: d, kind: MatchKind::OutOfOrder, quality: 1.0 });
                used[d] = true;
            }
        }
    }
    fill_pure_slots(t, doc, level_offset, &mut matches, &mut used);
    // The document's own title fills the template's title, whatever it says ("# Billing
    // Service" for "# Specification: [Component/System Name]"). It proves nothing about the
    // template fitting, so it adds nothing to the confidence (quality 0).
    if let (Some(s0), Some(h0)) = (t.sections.first(), doc.headings.first()) {
        let top = doc.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let alone = doc.headings.iter().filter(|h| h.level == top).count() == 1;
        if s0.is_title && matches[0].is_none() && !used[0] && h0.level == top && alone {
            matches[0] = Some(Matched { heading: 0, kind: MatchKind::Slot, quality: 0.0 });
            used[0] = true;
        }
    }

    // Instances of slots and duplicates of matched sections.
    let mut owner: Vec<Option<usize>> = vec![None; doc.headings.len()];
    for (ti, m) in matches.iter().enumerate() {
        if let Some(m) = m {
            owner[m.heading] = Some(ti);
        }
    }
    for (ti, m) in matches.iter().enumerate() {
        let (Some(m), Some(lit)) = (m, &t.sections[ti].slot) else { continue };
        let lvl = doc.headings[m.heading].level;
        for d in m.heading + 1..doc.headings.len() {
            let h = &doc.headings[d];
            if h.level < lvl || used[d] && h.level == lvl {
                break;
            }
            if h.level > lvl {
                continue;
            }
            let covered = lit.is_empty() || covered_count(lit, key_of(d)) * 2 >= lit.len();
            if !covered {
                break;
            }
            used[d] = true;
            owner[d] = Some(ti);
        }
    }
    let mut duplicates = Vec::new();
    let mut duplicate = vec![false; doc.headings.len()];
    for ti in 0..n {
        // Wordless headings ("# ???") all share the empty key: they are not repeats of one another.
        if t.sections[ti].slot.is_some() || matches[ti].is_none() || t.sections[ti].key.key.is_empty() {
            continue;
        }
        for d in exact_of(ti) {
            if !used[d] {
                duplicates.push((d, ti));
                used[d] = true;
                duplicate[d] = true;
            }
        }
    }
    crate::sort::sort(&mut duplicates);
    // Unmatched headings belong to the nearest enclosing owned heading (not the title: extra
    // top-level sections are the author's own). A stack of open headings keeps this linear.
    let mut open: Vec<usize> = Vec::new();
    for d in 0..doc.headings.len() {
        let lvl = doc.headings[d].level;
        while open.last().is_some_and(|&p| doc.headings[p].level >= lvl) {
            open.pop();
        }
        if owner[d].is_none() && !duplicate[d] {
            owner[d] = open.last().and_then(|&p| owner[p]).filter(|&o| !t.sections[o].is_title);
        }
        open.push(d);
    }
    Alignment { matches, duplicates, owner, level_offset }
}

/// Start offsets of each group of a list sorted by group (`groups` ascending, each `< n`):
/// group `g` is `list[at[g]..at[g + 1]]`.
fn offsets(groups: impl Iterator<Item = usize>, n: usize) -> Vec<usize> {
    let mut at = vec![0usize; n + 1];
    for g in groups {
        if let Some(c) = at.get_mut(g + 1) {
            *c += 1;
        }
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    at
}

/// How many of a slot's literal words (with repeats) the heading has among its tokens.
fn covered_count(lit: &[String], key: KeyRef) -> usize {
    lit.iter().filter(|w| key.full_tokens().any(|t| t == w.as_str())).count()
}

/// Document headings' sorted distinct tokens and sorted bigrams, computed the first time a
/// heading is compared with a template key and kept for every later comparison.
struct DocFacts<'k> {
    tokens: Vec<&'k str>,
    token_at: Vec<Option<std::ops::Range<usize>>>,
    bigrams: Vec<u64>,
    bigram_at: Vec<Option<std::ops::Range<usize>>>,
}

impl<'k> DocFacts<'k> {
    fn new() -> Self {
        DocFacts { tokens: Vec::new(), token_at: Vec::new(), bigrams: Vec::new(), bigram_at: Vec::new() }
    }

    /// [`crate::text::key_similarity`] of section `ti`'s best-matching key (its own or an
    /// alias) and heading `d`.
    fn similarity(&mut self, t: &Template, ix: &AlignIndex, ti: usize, keys: &'k HeadingKeys, d: usize) -> f64 {
        let (Some(s), Some(facts)) = (t.sections.get(ti), ix.facts.get(ti)) else { return 0.0 };
        let b = keys.get(d);
        if self.token_at.len() <= d {
            self.token_at.resize(keys.len().max(d + 1), None);
        }
        let tr = match &self.token_at[d] {
            Some(r) => r.clone(),
            None => {
                let start = self.tokens.len();
                // At first, room for the tokens of many headings: few regrowths per check.
                self.tokens.reserve(if self.tokens.capacity() == 0 { 128 } else { b.token_count() });
                push_sorted_tokens(b, &mut self.tokens);
                let r = start..self.tokens.len();
                self.token_at[d] = Some(r.clone());
                r
            }
        };
        let mut best = 0.0f64;
        for (a, f) in std::iter::once(&s.key).chain(&s.aliases).zip(facts) {
            let (score, typo) = token_similarity(a.view(), &f.tokens, b, self.tokens.get(tr.clone()).unwrap_or(&[]));
            let sim = if typo {
                let br = self.bigrams_of(b, d);
                score.max(bigram_similarity(&f.bigrams, self.bigrams.get(br).unwrap_or(&[])) - 0.1)
            } else {
                score
            };
            best = best.max(sim);
        }
        best
    }

    fn bigrams_of(&mut self, b: KeyRef, d: usize) -> std::ops::Range<usize> {
        if self.bigram_at.len() <= d {
            self.bigram_at.resize(self.token_at.len().max(d + 1), None);
        }
        if let Some(r) = &self.bigram_at[d] {
            return r.clone();
        }
        let start = self.bigrams.len();
        self.bigrams.reserve(if self.bigrams.capacity() == 0 { b.key.len().max(512) } else { b.key.len() });
        push_sorted_bigrams(b.key, &mut self.bigrams);
        let r = start..self.bigrams.len();
        self.bigram_at[d] = Some(r.clone());
        r
    }
}

/// Max-weight chain of pairs increasing in both template index and document index.
fn heaviest_chain(n: usize, pairs: &mut [(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    if pairs.is_empty() || n == 0 {
        return Vec::new();
    }
    crate::sort::sort_by(pairs, |a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)).then(b.2.total_cmp(&a.2)).is_lt());
    // Fenwick tree over template index: prefix max of (chain weight, pair index).
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); n + 1];
    let mut pred: Vec<usize> = vec![usize::MAX; pairs.len()];
    let mut best = (0.0, usize::MAX);
    for (pi, &(ti, _, w)) in pairs.iter().enumerate() {
        let mut q = (0.0, usize::MAX);
        let mut i = ti; // prefix over template indices < ti
        while i > 0 {
            if tree[i].0 > q.0 {
                q = tree[i];
            }
            i &= i - 1;
        }
        let val = q.0 + w;
        pred[pi] = q.1;
        let mut i = ti + 1;
        while i <= n {
            if val > tree[i].0 {
                tree[i] = (val, pi);
            }
            i += i & i.wrapping_neg();
        }
        if val > best.0 {
            best = (val, pi);
        }
    }
    let mut out = Vec::new();
    let mut p = best.1;
    while p != usize::MAX {
        out.push(pairs[p]);
        p = pred[p];
    }
    out.reverse();
    out
}

/// Pure slots (`### [Entity Name]`) take the author's heading at their position and level.
fn fill_pure_slots(t: &Template, doc: &Doc, level_offset: i32, matches: &mut [Option<Matched>], used: &mut [bool]) {
    let n = t.sections.len();
    for ti in 0..n {
        let s = &t.sections[ti];
        if matches[ti].is_some() || !s.slot.as_ref().is_some_and(|l| l.is_empty()) {
            continue;
        }
        let in_order = |m: &Option<Matched>| m.filter(|m| m.kind != MatchKind::OutOfOrder).map(|m| m.heading);
        let lower = (0..ti).rev().find_map(|j| in_order(&matches[j]));
        let upper = (ti + 1..n).find_map(|j| in_order(&matches[j])).unwrap_or(doc.headings.len());
        let expected = match s.parent.and_then(|p| matches[p].map(|m| (p, m.heading))) {
            Some((p, ph)) => doc.headings[ph].level as i32 + (s.level as i32 - t.sections[p].level as i32),
            None => s.level as i32 + level_offset,
        };
        let from = lower.map_or(0, |l| l + 1);
        let cands: Vec<usize> = (from..upper.max(from)).filter(|&d| !used[d] && doc.headings[d].level as i32 == expected).collect();
        if cands.is_empty() {
            continue;
        }
        // If the slot's own first child is matched, the slot is the heading just above it.
        let child = (ti + 1 < n && t.sections[ti + 1].parent == Some(ti)).then(|| matches[ti + 1].map(|m| m.heading)).flatten();
        let pick = match child {
            Some(c) => cands.iter().rev().find(|&&d| d < c).or(cands.first()).copied(),
            None => cands.first().copied(),
        };
        if let Some(d) = pick {
            matches[ti] = Some(Matched { heading: d, kind: MatchKind::Slot, quality: 0.9 });
            used[d] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;
    use crate::hash::Map;
    use crate::text::{heading_similarity, HeadingKey};

    fn matched(t: &str, d: &str) -> Vec<Option<(String, MatchKind)>> {
        let t = Template::compile(t).unwrap();
        let doc = Doc::parse(d);
        align(&t, &doc).matches.iter().map(|m| m.map(|m| (doc.headings[m.heading].text.clone(), m.kind))).collect()
    }

    /// The headings listed under `word`, in document order.
    fn postings<'m>(map: &'m Map<&str, Vec<usize>>, word: &str) -> &'m [usize] {
        map.get(word).map_or(&[], Vec::as_slice)
    }

    fn common_postings<'m>(map: &'m Map<&str, Vec<usize>>, word: &str, max: usize) -> &'m [usize] {
        let list = postings(map, word);
        if list.len() <= max {
            list
        } else {
            &[]
        }
    }

    /// Aligning as first written: hash maps of the document's keys and tokens built per check,
    /// every candidate compared with `heading_similarity`.
    fn reference_align(t: &Template, doc: &Doc, max_posting: usize) -> Alignment {
        let n = t.sections.len();
        let keys: Vec<HeadingKey> = doc.headings.iter().map(|h| HeadingKey::new(&h.text)).collect();
        let mut by_key: Map<&str, Vec<usize>> = Map::default();
        let mut by_token: Map<&str, Vec<usize>> = Map::default();
        for (d, k) in keys.iter().enumerate() {
            by_key.entry(k.key.as_str()).or_default().push(d);
            for tok in k.tokens().chain(k.full_tokens()) {
                let list = by_token.entry(tok).or_default();
                // A heading's tokens are listed once, however often it repeats them.
                if list.last() != Some(&d) {
                    list.push(d);
                }
            }
        }
        let level = |d: usize| doc.headings[d].level as i32;

        // Level offset from exact matches of non-slot sections.
        let mut diffs: Vec<(i32, usize)> = Vec::new();
        for s in t.sections.iter().filter(|s| s.slot.is_none()) {
            for &d in postings(&by_key, &s.key.key) {
                let diff = level(d) - s.level as i32;
                match diffs.iter_mut().find(|(k, _)| *k == diff) {
                    Some((_, count)) => *count += 1,
                    None => diffs.push((diff, 1)),
                }
            }
        }
        let level_offset = diffs.iter().max_by_key(|(k, v)| (*v, -(k.abs()), -*k)).map_or(0, |(k, _)| *k);

        // Candidate pairs (template section, doc heading, weight).
        let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
        let mut exact_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (ti, s) in t.sections.iter().enumerate() {
            let expected = s.level as i32 + level_offset;
            let ldiff = |d: usize| (level(d) - expected).abs() as f64;
            let add = |d: usize, w: f64, pairs: &mut Vec<(usize, usize, f64)>| pairs.push((ti, d, w));
            for k in std::iter::once(&s.key).chain(&s.aliases) {
                for &d in postings(&by_key, &k.key) {
                    exact_of[ti].push(d);
                    add(d, (3.0 - 0.3 * ldiff(d)).max(2.0), &mut pairs);
                }
            }
            match &s.slot {
                Some(lit) if !lit.is_empty() => {
                    let mut cands: Vec<usize> = lit.iter().flat_map(|tok| common_postings(&by_token, tok, max_posting)).copied().collect();
                    crate::sort::sort(&mut cands);
                    cands.dedup();
                    for d in cands {
                        if ldiff(d) > 1.0 {
                            continue;
                        }
                        let covered = covered_count(lit, keys[d].view()) as f64 / lit.len() as f64;
                        let need = if lit.len() == 1 { 1.0 } else { 0.5 };
                        if covered >= need {
                            add(d, 1.5 + covered - 0.3 * ldiff(d), &mut pairs);
                        }
                    }
                }
                Some(_) => {}
                None => {
                    let mut cands: Vec<usize> = s
                        .key
                        .tokens()
                        .chain(s.aliases.iter().flat_map(|a| a.tokens()))
                        .flat_map(|tok| common_postings(&by_token, tok, max_posting))
                        .copied()
                        .collect();
                    crate::sort::sort(&mut cands);
                    cands.dedup();
                    for d in cands {
                        if ldiff(d) > 1.0 || exact_of[ti].contains(&d) {
                            continue;
                        }
                        let sim = std::iter::once(&s.key).chain(&s.aliases).map(|k| heading_similarity(k, &keys[d])).fold(0.0, f64::max);
                        if sim >= 0.6 {
                            add(d, 1.0 + sim - 0.3 * ldiff(d), &mut pairs);
                        }
                    }
                }
            }
        }

        let chain = heaviest_chain(n, &mut pairs);
        let mut matches: Vec<Option<Matched>> = vec![None; n];
        let mut used = vec![false; doc.headings.len()];
        for &(ti, d, _) in &chain {
            let s = &t.sections[ti];
            let exact = exact_of[ti].contains(&d);
            let (kind, quality) = if exact {
                (MatchKind::Exact, 1.0)
            } else if s.slot.is_some() {
                (MatchKind::Slot, 0.9)
            } else {
                (MatchKind::Renamed, std::iter::once(&s.key).chain(&s.aliases).map(|k| heading_similarity(k, &keys[d])).fold(0.0, f64::max))
            };
            matches[ti] = Some(Matched { heading: d, kind, quality });
            used[d] = true;
        }
        settle(t, doc, level_offset, matches, used, |ti| exact_of[ti].iter().copied(), |d| keys[d].view())
    }

    #[test]
    fn indexed_alignment_agrees_with_the_reference() {
        let templates = [
            "# Spec: [Name]\n## Overview\n### Purpose\n## Data Models\n### [Entity Name]\n#### Fields\n## API\n##### GET /api/[resource]\n#### Table/Collection 1\n## Events\n<!-- speclint: aliases \"Streaming Contract\", \"Hooks\", \"Events\" -->\n## Testing Strategy (optional)\n## Architecture Overview\n",
            "# T\n## Security Specification\n## Deployment\n## Data Model\n<!-- speclint: aliases \"Schema\" -->\n### Webhook/Event Contracts\n## ???\n",
        ];
        let pieces = [
            "# ",
            "## ",
            "### ",
            "#### ",
            "##### ",
            "Overview",
            "Purpose",
            "Data Models",
            "data model",
            "Architecture",
            "(optional)",
            "API",
            "GET /api/v1/x",
            "Events",
            "Hooks",
            "Streaming Contract",
            "Invoice",
            "1. ",
            "Table 1",
            "Fields",
            "Schema",
            "Events & Webhooks",
            "Testing",
            "Strategy",
            "Deployment",
            "Security",
            "Archtecture Overveiw",
            "???",
            " ",
            "\ntext\n",
            "\n",
            "\n",
            "\n",
        ];
        let mut ts: Vec<Template> = templates.iter().map(|t| Template::compile(t).unwrap()).collect();
        ts.extend(crate::builtins::builtins().cloned());
        // How often each kind of match and a duplicate came up: the inputs must exercise them all.
        let mut seen = [0usize; 5];
        for (i, d) in crate::test_input::piece_strings(&pieces, 40, 9, 3000, 0x5eed_1234_abcd_0001).enumerate() {
            let doc = Doc::parse(&d);
            for t in &ts {
                let max = if i % 3 == 0 { 1 } else { MAX_POSTING };
                let fast = if max == MAX_POSTING { align(t, &doc) } else { align_posting(t, &doc, &heading_keys(&doc), max) };
                let plain = reference_align(t, &doc, max);
                assert_eq!(fast.matches, plain.matches, "{d:?}");
                assert_eq!(fast.duplicates, plain.duplicates, "{d:?}");
                assert_eq!(fast.owner, plain.owner, "{d:?}");
                assert_eq!(fast.level_offset, plain.level_offset, "{d:?}");
                for m in fast.matches.iter().flatten() {
                    seen[m.kind as usize] += 1;
                }
                seen[4] += fast.duplicates.len();
            }
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn numbering_case_and_renames_match_in_order() {
        let got = matched(
            "# T\n## Architecture Overview\n## Data Model\n## Testing\n",
            "# T\n## 1. ARCHITECTURE\n## 2) Data model\n## Extra\n## testing:\n",
        );
        assert_eq!(got[1], Some(("1. ARCHITECTURE".into(), MatchKind::Renamed)));
        assert_eq!(got[2], Some(("2) Data model".into(), MatchKind::Exact)));
        assert_eq!(got[3], Some(("testing:".into(), MatchKind::Exact)));
    }

    #[test]
    fn slots_take_the_authors_headings() {
        let got = matched(
            "# Spec: [Name]\n## Models\n### [Entity Name]\n#### Fields\n## API\n##### GET /api/[resource]\n",
            "# Billing service\n## Models\n### Invoice\n#### Fields\n### Payment\n## API\n##### GET /api/v1/invoices\n",
        );
        assert_eq!(got[0], Some(("Billing service".into(), MatchKind::Slot)), "the document's title fills the title");
        assert_eq!(got[2], Some(("Invoice".into(), MatchKind::Slot)));
        assert_eq!(got[5], Some(("GET /api/v1/invoices".into(), MatchKind::Slot)));
    }

    #[test]
    fn unrelated_headings_do_not_match() {
        let got = matched("# T\n## Security Specification\n## Deployment\n", "# T\n## Budget\n## Team\n");
        assert_eq!(got[1], None);
        assert_eq!(got[2], None);
    }
}
