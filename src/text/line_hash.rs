//! Line hashes: a 64-bit key of a line's normalized words, computed without allocating, and
//! the pre-filter that rules a line out after its first words when no template line starts
//! with them.

use super::*;

/// The key of a line that has words but cannot be any of the template's lines: its first
/// [`KEY_WORDS`] words begin none of them (see [`norm_hash_keyed`]). [`norm_hash`] and
/// [`hash_norm`] never return it, so it is in no set of line hashes.
pub const UNLISTED: u64 = u64::MAX;

/// How many leading words of a normalized line its pre-filter key ([`hash_norm_prefix`]) covers.
pub const KEY_WORDS: usize = 2;

/// A 64-bit hash of `norm_line(parts.concat())`, where each part boundary also separates
/// words, computed without allocating: the per-line key for comparing document lines with the
/// template's lines (guidance, structure). `norm_hash(&[s]) == hash_norm(&norm_line(s))`; 0 when
/// there are no words.
pub fn norm_hash(parts: &[&str]) -> u64 {
    norm_hash_keyed(parts, None)
}

/// [`norm_hash`] with a pre-filter: `keys` (sorted) holds the [`hash_norm_prefix`] of every line
/// the caller looks for. A line whose first words give none of them is [`UNLISTED`] as soon as
/// that is known, without hashing the rest; any other line gets its exact [`norm_hash`]. `None`
/// filters nothing.
pub fn norm_hash_keyed(parts: &[&str], keys: Option<&LineKeys>) -> u64 {
    norm_hash_iter(&mut parts.iter().copied(), keys)
}

/// [`norm_hash_keyed`] of parts given one by one (a line's text between its tokens, see
/// `line_core::line_parts`), so a caller need not gather them first. One instance for every
/// caller: the call per part costs nothing beside hashing its bytes.
pub(crate) fn norm_hash_iter(parts: &mut dyn Iterator<Item = &str>, keys: Option<&LineKeys>) -> u64 {
    let mut h = LineHasher { h: Fnv::new(), words: 0, keys };
    for part in parts {
        let mut in_token = false;
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: no char decoding, one table read a byte.
            let lower = ASCII_WORD[b as usize];
            if lower != 0 {
                if !in_token {
                    if !h.word() {
                        return UNLISTED;
                    }
                    in_token = true;
                }
                h.h.byte(lower);
                i += 1;
                // The rest of the word's ASCII letters and digits.
                while let Some(&next) = bytes.get(i) {
                    let lower = ASCII_WORD[next as usize];
                    if lower == 0 {
                        break;
                    }
                    h.h.byte(lower);
                    i += 1;
                }
                continue;
            }
            if b < 0x80 {
                in_token = false;
                i += 1;
                continue;
            }
            if is_diagram_char(bytes, i) {
                in_token = false;
                i += 3;
                continue;
            }
            let c = part[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if is_cjk(c) {
                if !h.word() {
                    return UNLISTED;
                }
                h.h.char(c);
                in_token = false;
            } else if is_word_char(c) {
                if !in_token {
                    if !h.word() {
                        return UNLISTED;
                    }
                    in_token = true;
                }
                for l in c.to_lowercase() {
                    h.h.char(l);
                }
            } else {
                in_token = false;
            }
        }
    }
    if h.words == 0 {
        0
    } else if h.words <= KEY_WORDS && !h.listed() {
        UNLISTED
    } else {
        finish(h.h.0)
    }
}

/// Whether `bytes[i..]` starts with a character of general punctuation (U+2000–U+203F), the
/// arrows, operators and technical symbols of U+21C0–U+243F, or box drawing, blocks, shapes and
/// dingbats (U+2500–U+273F): three bytes, `E2` then `80`, `87`–`90` or `94`–`9C`. None is a
/// word character, and diagrams drawn with them fill whole lines of design documents, so they
/// are skipped without decoding.
fn is_diagram_char(bytes: &[u8], i: usize) -> bool {
    bytes[i] == 0xE2 && matches!(bytes.get(i + 1), Some(0x80 | 0x87..=0x90 | 0x94..=0x9C))
}

/// Hash of an already normalized line (see [`norm_hash`]); 0 for an empty line.
pub fn hash_norm(norm: &str) -> u64 {
    if norm.is_empty() {
        return 0;
    }
    finish(fnv(norm))
}

/// [`hash_norm`] with the pre-filter of [`norm_hash_keyed`]: what that function returns for the
/// line `norm` was normalized from. The tests' reference (no check normalizes a line first).
#[cfg(test)]
pub(crate) fn hash_norm_keyed(norm: &str, keys: Option<&LineKeys>) -> u64 {
    if norm.is_empty() {
        0
    } else if keys.is_some_and(|k| !k.prefixes.contains(hash_norm_prefix(norm))) {
        UNLISTED
    } else {
        hash_norm(norm)
    }
}

/// The pre-filter key of a normalized line: the hash state after its first [`KEY_WORDS`] words
/// (all of them if it has fewer), which is where [`norm_hash_keyed`] looks it up.
pub fn hash_norm_prefix(norm: &str) -> u64 {
    let end = norm.match_indices(' ').nth(KEY_WORDS - 1).map_or(norm.len(), |(i, _)| i);
    fnv(&norm[..end])
}

/// Per byte: its lowercase form if it is an ASCII letter or digit, else 0.
pub(super) const ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The pre-filter keys of [`norm_hash_keyed`]: the [`hash_norm_prefix`] of every line looked
/// for, and the [`hash_norm_first`] of each, so that a line whose first word begins none of
/// them is ruled out before its second word is read.
#[derive(Debug, Clone, Default)]
pub struct LineKeys {
    prefixes: KeySet,
    first_words: KeySet,
}

impl LineKeys {
    /// Keys from `(prefix, first word)` pairs of normalized lines (any order, with repeats).
    pub fn new(keys: &[(u64, u64)]) -> Self {
        LineKeys { prefixes: KeySet::new(keys.iter().map(|k| k.0).collect()), first_words: KeySet::new(keys.iter().map(|k| k.1).collect()) }
    }

    /// Keys of these normalized lines.
    pub fn of_lines<'s>(norms: impl IntoIterator<Item = &'s str>) -> Self {
        let keys: Vec<(u64, u64)> = norms.into_iter().map(|n| (hash_norm_prefix(n), hash_norm_first(n))).collect();
        LineKeys::new(&keys)
    }

    pub fn len(&self) -> usize {
        self.prefixes.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prefixes.sorted.is_empty()
    }
}

/// Sorted hash states with a 4096-bit summary (one bit per key, chosen by its top 12 bits)
/// that rules most non-keys out before the binary search.
#[derive(Debug, Clone, Default)]
pub(super) struct KeySet {
    sorted: Vec<u64>,
    bits: Vec<u64>,
}

impl KeySet {
    fn new(mut keys: Vec<u64>) -> Self {
        crate::sort::sort(&mut keys);
        keys.dedup();
        let mut bits = vec![0u64; 64];
        for &k in &keys {
            bits[(k >> 58) as usize] |= 1 << ((k >> 52) & 63);
        }
        KeySet { sorted: keys, bits }
    }

    fn contains(&self, key: u64) -> bool {
        let summary = self.bits.get((key >> 58) as usize).is_some_and(|w| w >> ((key >> 52) & 63) & 1 != 0);
        summary && self.sorted.binary_search(&key).is_ok()
    }
}

/// The hash state after the first word of a normalized line (all of it if it has one word):
/// the first look-up of [`norm_hash_keyed`]'s pre-filter.
pub fn hash_norm_first(norm: &str) -> u64 {
    fnv(norm.split(' ').next().unwrap_or(norm))
}

/// Streaming state of [`norm_hash_keyed`]: the hash so far and how many words went in.
pub(super) struct LineHasher<'k> {
    h: Fnv,
    words: usize,
    keys: Option<&'k LineKeys>,
}

impl LineHasher<'_> {
    /// Starts a word (a separating space first, after the first); false when the words hashed
    /// so far already rule the line out.
    fn word(&mut self) -> bool {
        // After one word: no line looked for starts with it (then no prefix of two words can
        // be one of theirs either).
        if self.words == 1 && self.keys.is_some_and(|k| !k.first_words.contains(self.h.0)) {
            return false;
        }
        if self.words == KEY_WORDS && !self.listed() {
            return false;
        }
        if self.words > 0 {
            self.h.byte(b' ');
        }
        self.words += 1;
        true
    }

    /// Whether the hash so far (the first words) is one of the keys looked for.
    fn listed(&self) -> bool {
        self.keys.is_none_or(|k| k.prefixes.contains(self.h.0))
    }
}

/// Final hash value: never [`UNLISTED`].
pub(super) fn finish(h: u64) -> u64 {
    if h == UNLISTED {
        UNLISTED - 1
    } else {
        h
    }
}

pub(super) fn fnv(s: &str) -> u64 {
    let mut h = Fnv::new();
    for b in s.bytes() {
        h.byte(b);
    }
    h.0
}

pub(super) struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.byte(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_sets_contain_exactly_their_keys() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let keys: Vec<u64> = (0..300).map(|_| next()).collect();
        let set = KeySet::new(keys.iter().chain(&keys).copied().collect());
        assert_eq!(set.sorted.len(), 300);
        assert!(keys.iter().all(|&k| set.contains(k)));
        assert!((0..100_000).map(|_| next()).all(|k| set.contains(k) == keys.contains(&k)));
        assert!(!KeySet::default().contains(0) && LineKeys::default().is_empty());
    }

    #[test]
    fn diagram_characters_are_no_word_characters() {
        let mut skipped = 0;
        for c in (0x2000..=0x27FFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if is_diagram_char(bytes, 0) {
                assert!(!is_word_char(c) && !is_cjk(c), "U+{:04X}", c as u32);
                assert!(!c.is_alphanumeric(), "U+{:04X}", c as u32);
                skipped += 1;
            }
        }
        assert_eq!(skipped, 64 + 10 * 64 + 9 * 64);
        // A line of them has no words; with words around them it hashes as its words do.
        assert_eq!(norm_hash(&["┌──────▼──────┐ │ └── ... → ←"]), 0);
        assert_eq!(norm_hash(&["│ Gateway ├──▶ Auth │"]), hash_norm(&norm_line("│ Gateway ├──▶ Auth │")));
    }
}
