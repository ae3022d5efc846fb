//! Similarity measures: Dice coefficients over tokens and character bigrams, for matching
//! renamed headings (from their keys, [`super::HeadingKeys`]) and near-verbatim lines.

use super::*;

/// Dice coefficient of two token lists (treated as sets). O(n log n): safe on huge lines.
pub fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut x: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut y: Vec<&str> = b.iter().map(String::as_str).collect();
    set_dice(&mut x, &mut y)
}

/// Dice coefficient of two non-empty token lists treated as sets; sorts them in place.
pub(super) fn set_dice(x: &mut [&str], y: &mut [&str]) -> f64 {
    sorted_dice(sorted_set(x), sorted_set(y))
}

/// Sorts `v` and moves its distinct elements to the front; returns them.
pub(super) fn sorted_set<'s, 'a>(v: &'s mut [&'a str]) -> &'s [&'a str] {
    crate::sort::sort(v);
    let mut n = 0;
    for i in 0..v.len() {
        if n == 0 || v[i] != v[n - 1] {
            v[n] = v[i];
            n += 1;
        }
    }
    &v[..n]
}

/// Token Dice of two keys' core tokens: [`dice`] without allocating for ordinary headings.
pub(super) fn key_dice(a: KeyRef, b: KeyRef) -> f64 {
    const SMALL: usize = 16;
    if a.core_count == 0 || b.core_count == 0 {
        return 0.0;
    }
    if a.core_count > SMALL || b.core_count > SMALL {
        return set_dice(&mut a.tokens().collect::<Vec<_>>(), &mut b.tokens().collect::<Vec<_>>());
    }
    let (mut x, mut y) = ([""; SMALL], [""; SMALL]);
    a.tokens().zip(x.iter_mut()).for_each(|(t, slot)| *slot = t);
    b.tokens().zip(y.iter_mut()).for_each(|(t, slot)| *slot = t);
    set_dice(&mut x[..a.core_count], &mut y[..b.core_count])
}

/// Character bigrams of `s` (whitespace left out), each packed as `first << 32 | second` so
/// that they sort like `(first, second)` pairs.
pub(super) fn push_bigrams(s: &str, out: &mut Vec<u64>) {
    if s.is_ascii() {
        // ASCII fast path: no char decoding; these bytes are the ASCII whitespace characters.
        let mut prev: Option<u8> = None;
        for &b in s.as_bytes().iter().filter(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
            if let Some(p) = prev {
                out.push((p as u64) << 32 | b as u64);
            }
            prev = Some(b);
        }
        return;
    }
    let mut prev: Option<char> = None;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if let Some(p) = prev {
            out.push((p as u64) << 32 | c as u64);
        }
        prev = Some(c);
    }
}

/// Dice coefficient over character bigrams: tolerant of typos and small edits.
pub fn bigram_dice(a: &str, b: &str) -> f64 {
    // Both bigram lists in one buffer: one allocation.
    let mut v: Vec<u64> = Vec::with_capacity(a.len() + b.len());
    push_bigrams(a, &mut v);
    let na = v.len();
    push_bigrams(b, &mut v);
    let (x, y) = v.split_at_mut(na);
    if x.is_empty() || y.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    crate::sort::sort(x);
    crate::sort::sort(y);
    sorted_dice(x, y)
}

/// Dice coefficient of two sorted lists treated as multisets (as sets when neither repeats).
pub(super) fn sorted_dice<T: Ord>(x: &[T], y: &[T]) -> f64 {
    2.0 * common_sorted(x, y, T::cmp) as f64 / (x.len() + y.len()) as f64
}

/// How many elements two sorted lists have in common, each element matched at most once (as
/// multisets; as sets when neither repeats), in one merge-like pass.
fn common_sorted<X, Y>(x: &[X], y: &[Y], cmp: impl Fn(&X, &Y) -> std::cmp::Ordering) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match cmp(p, q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// How similar two headings are (0–1), for matching lightly renamed sections.
pub fn heading_similarity(a: &HeadingKey, b: &HeadingKey) -> f64 {
    key_similarity(a.view(), b.view())
}

/// [`heading_similarity`] of borrowed keys.
pub fn key_similarity(a: KeyRef, b: KeyRef) -> f64 {
    if a.key == b.key {
        return 1.0;
    }
    let d = key_dice(a, b);
    // A short heading fully contained in a longer one ("Architecture" / "Architecture Overview").
    let (short, long) = if a.core_count <= b.core_count { (a, b) } else { (b, a) };
    let contained = short.core_count > 0 && short.tokens().all(|t| long.tokens().any(|u| u == t));
    let c = if contained { 0.5 + 0.25 * (short.core_count as f64 / long.core_count as f64).min(1.0) + 0.1 } else { 0.0 };
    let (la, lb) = (a.key.len(), b.key.len());
    let similar_length = la >= 6 && lb * 10 >= la * 7 && la * 10 >= lb * 7;
    let typo = if similar_length && d.max(c) < 0.6 { bigram_dice(a.key, b.key) - 0.1 } else { 0.0 };
    d.max(c).max(typo)
}

/// Appends the distinct core tokens of `k`, sorted, to `out` (what [`token_similarity`]
/// compares).
pub fn push_sorted_tokens<'a>(k: KeyRef<'a>, out: &mut Vec<&'a str>) {
    let start = out.len();
    out.extend(k.tokens());
    let n = sorted_set(&mut out[start..]).len();
    out.truncate(start + n);
}

/// Appends the character bigrams of `key`, sorted, to `out` (what [`bigram_similarity`]
/// compares).
pub fn push_sorted_bigrams(key: &str, out: &mut Vec<u64>) {
    let start = out.len();
    push_bigrams(key, out);
    crate::sort::sort(&mut out[start..]);
}

/// [`key_similarity`] from what each key has precomputed (`at`, `bt`: their
/// [`push_sorted_tokens`]): `(score, typo)`. When `typo` is true the headings are still to be
/// compared by [`bigram_similarity`] of their keys, and the similarity is the higher of `score`
/// and that minus 0.1; otherwise it is `score`.
pub fn token_similarity<A: AsRef<str>, B: AsRef<str>>(a: KeyRef, at: &[A], b: KeyRef, bt: &[B]) -> (f64, bool) {
    if a.key == b.key {
        return (1.0, false);
    }
    // Distinct tokens the two share.
    let common = common_sorted(at, bt, |x, y| x.as_ref().cmp(y.as_ref()));
    let d = if a.core_count == 0 || b.core_count == 0 { 0.0 } else { 2.0 * common as f64 / (at.len() + bt.len()) as f64 };
    // Contained: every distinct token of the shorter is one of the longer's.
    let (short, long, short_distinct) = if a.core_count <= b.core_count { (a, b, at.len()) } else { (b, a, bt.len()) };
    let contained = short.core_count > 0 && common == short_distinct;
    let c = if contained { 0.5 + 0.25 * (short.core_count as f64 / long.core_count as f64).min(1.0) + 0.1 } else { 0.0 };
    let (la, lb) = (a.key.len(), b.key.len());
    let similar_length = la >= 6 && lb * 10 >= la * 7 && la * 10 >= lb * 7;
    (d.max(c), similar_length && d.max(c) < 0.6)
}

/// [`bigram_dice`] of two different keys from their [`push_sorted_bigrams`].
pub fn bigram_similarity(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    sorted_dice(x, y)
}

/// Similarity of two normalized lines (0–1) by word overlap; for "nearly verbatim" checks.
pub fn line_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let mut ta: Vec<&str> = a.split(' ').collect();
    let mut tb: Vec<&str> = b.split(' ').collect();
    set_dice(&mut ta, &mut tb)
}
