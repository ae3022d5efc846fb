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
use crate::text::{heading_similarity, HeadingKey};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

pub fn align(t: &Template, doc: &Doc) -> Alignment {
    let n = t.sections.len();
    let keys: Vec<HeadingKey> = doc.headings.iter().map(|h| HeadingKey::new(&h.text)).collect();
    let mut by_key: WordMap<Vec<usize>> = WordMap::default();
    let mut by_token: WordMap<Vec<usize>> = WordMap::default();
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
                let mut cands: Vec<usize> = lit.iter().flat_map(|tok| common_postings(&by_token, tok)).copied().collect();
                cands.sort_unstable();
                cands.dedup();
                for d in cands {
                    if ldiff(d) > 1.0 {
                        continue;
                    }
                    let covered = covered_count(lit, &keys[d]) as f64 / lit.len() as f64;
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
                    .flat_map(|tok| common_postings(&by_token, tok))
                    .copied()
                    .collect();
                cands.sort_unstable();
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
    // Out of order: an exact heading that the ordered chain could not take.
    for ti in 0..n {
        if matches[ti].is_none() && t.sections[ti].slot.is_none() {
            if let Some(&d) = exact_of[ti].iter().find(|&&d| !used[d]) {
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
            let covered = lit.is_empty() || covered_count(lit, &keys[d]) * 2 >= lit.len();
            if !covered {
                break;
            }
            used[d] = true;
            owner[d] = Some(ti);
        }
    }
    let mut duplicates = Vec::new();
    let mut duplicate = vec![false; doc.headings.len()];
    for (ti, ds) in exact_of.iter().enumerate() {
        // Wordless headings ("# ???") all share the empty key: they are not repeats of one another.
        if t.sections[ti].slot.is_some() || matches[ti].is_none() || t.sections[ti].key.key.is_empty() {
            continue;
        }
        for &d in ds {
            if !used[d] {
                duplicates.push((d, ti));
                used[d] = true;
                duplicate[d] = true;
            }
        }
    }
    duplicates.sort_unstable();
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

/// Document headings by key or token.
type WordMap<'k, V> = HashMap<&'k str, V, BuildHasherDefault<WordHasher>>;

/// FNV-1a: keys and tokens are short, and nothing hashed here comes out in any order, so a
/// simple fast hash serves better than the default SipHash.
struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The headings listed under `word`, in document order.
fn postings<'m>(map: &'m WordMap<Vec<usize>>, word: &str) -> &'m [usize] {
    map.get(word).map_or(&[], Vec::as_slice)
}

/// [`postings`] of a token, or none when too many headings share it to propose matches.
fn common_postings<'m>(map: &'m WordMap<Vec<usize>>, word: &str) -> &'m [usize] {
    let list = postings(map, word);
    if list.len() <= MAX_POSTING {
        list
    } else {
        &[]
    }
}

/// How many of a slot's literal words (with repeats) the heading has among its tokens.
fn covered_count(lit: &[String], key: &HeadingKey) -> usize {
    lit.iter().filter(|w| key.full_tokens().any(|t| t == w.as_str())).count()
}

/// Max-weight chain of pairs increasing in both template index and document index.
fn heaviest_chain(n: usize, pairs: &mut [(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    if pairs.is_empty() || n == 0 {
        return Vec::new();
    }
    pairs.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)).then(b.2.total_cmp(&a.2)));
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

    fn matched(t: &str, d: &str) -> Vec<Option<(String, MatchKind)>> {
        let t = Template::compile(t).unwrap();
        let doc = Doc::parse(d);
        align(&t, &doc).matches.iter().map(|m| m.map(|m| (doc.headings[m.heading].text.clone(), m.kind))).collect()
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
