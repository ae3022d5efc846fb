//! Text normalization shared by template compilation and checking: heading keys (numbering,
//! markup, case, punctuation and emoji removed), word tokens, and similarity measures.
//!
//! Tokens are runs of letters/digits, except that each CJK character is a token of its own, so
//! Chinese and Japanese headings compare by character.

/// True for characters of scripts written without spaces (CJK ideographs, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x20000..=0x2FA1F)
}

/// Letters and digits (`char::is_alphanumeric`). The characters specs are full of (ASCII,
/// Latin and Cyrillic letters, punctuation, arrows, box drawing, shapes, emoji) are answered
/// from their block without the Unicode tables, which cost ~200 instructions a character; a
/// test checks the shortcut against `is_alphanumeric` for every character.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2C1 | 0x3A3..=0x3F5 | 0x3F7..=0x481 | 0x48A..=0x52F => true,
        0x2000..=0x206F
        | 0x218A..=0x245F
        | 0x2500..=0x2775
        | 0x2794..=0x27FF
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0xFF00..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0x1F18A..=0x1FAFF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Lowercased word tokens of `s`, CJK characters one per token.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(s.chars(), |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each lowercased word token of `chars` (as [`tokens`] splits them), built in
/// one reused buffer: no allocation per token.
fn each_token(chars: impl Iterator<Item = char>, mut f: impl FnMut(&str)) {
    let mut cur = String::with_capacity(32);
    let mut flush = |cur: &mut String| {
        if !cur.is_empty() {
            f(cur);
            cur.clear();
        }
    };
    for c in chars {
        if c.is_ascii() {
            // ASCII fast path: no CJK or Unicode tables.
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
            } else {
                flush(&mut cur);
            }
        } else if is_cjk(c) {
            flush(&mut cur);
            cur.push(c);
            flush(&mut cur);
        } else if is_word_char(c) {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
}

/// Tokens joined by single spaces: the key used to compare lines of text for equality while
/// ignoring markup, punctuation, case and spacing.
pub fn norm_line(s: &str) -> String {
    tokens(s).join(" ")
}

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

/// Hash of an already normalized line (see [`norm_hash`]); 0 for an empty line.
pub fn hash_norm(norm: &str) -> u64 {
    if norm.is_empty() {
        return 0;
    }
    finish(fnv(norm))
}

/// [`hash_norm`] with the pre-filter of [`norm_hash_keyed`]: what that function returns for the
/// line `norm` was normalized from.
pub fn hash_norm_keyed(norm: &str, keys: Option<&LineKeys>) -> u64 {
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
const ASCII_WORD: [u8; 256] = {
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
struct KeySet {
    sorted: Vec<u64>,
    bits: Vec<u64>,
}

impl KeySet {
    fn new(mut keys: Vec<u64>) -> Self {
        keys.sort_unstable();
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
struct LineHasher<'k> {
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
fn finish(h: u64) -> u64 {
    if h == UNLISTED {
        UNLISTED - 1
    } else {
        h
    }
}

fn fnv(s: &str) -> u64 {
    let mut h = Fnv::new();
    for b in s.bytes() {
        h.byte(b);
    }
    h.0
}

struct Fnv(u64);

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

/// True if `s` has at least one letter or digit.
pub fn has_word(s: &str) -> bool {
    s.chars().any(is_word_char)
}

/// Light stemming so that "Webhooks" and "webhook" compare equal: appends the stem of `t` and
/// a space to `out`.
fn push_stem(out: &mut String, t: &str) {
    // ASCII tokens of more than 3 bytes (every byte position a char boundary) lose a plural
    // ending. One copy of the stem; the rest is pushed as chars.
    match t.as_bytes() {
        [.., b'i', b'e', b's'] if t.len() > 3 && t.is_ascii() => {
            out.push_str(t.get(..t.len() - 3).unwrap_or(""));
            out.push('y');
        }
        [.., x, b's'] if t.len() > 3 && !matches!(x, b's' | b'u' | b'i') && t.is_ascii() => {
            out.push_str(t.get(..t.len() - 1).unwrap_or(""));
        }
        _ => out.push_str(t),
    }
    out.push(' ');
}

/// Removes leading section numbering: `1.`, `1.2.3`, `2)`, `IV.`, `A)`, `Section 3:`, `§ 4`.
pub fn strip_numbering(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        // Most headings start with a letter that begins no numbering: neither a word below, a
        // roman numeral, nor a single letter followed by `.` or `)`.
        if let [b0, rest @ ..] = s.as_bytes() {
            if b0.is_ascii_alphabetic()
                && !matches!(b0.to_ascii_lowercase(), b's' | b'c' | b'p' | b'a')
                && !matches!(b0, b'I' | b'V' | b'X' | b'L')
                && !matches!(rest.first(), Some(b'.' | b')'))
            {
                return s;
            }
        }
        let before = s.len();
        // "Section 3:", "Chapter 2 -", "Part IV."
        let word_start = matches!(s.as_bytes().first().map(u8::to_ascii_lowercase), Some(b's' | b'c' | b'p' | b'a'));
        for word in ["section", "chapter", "part", "appendix", "step"].into_iter().filter(|_| word_start) {
            if s.len() > word.len() && s.is_char_boundary(word.len()) && s[..word.len()].eq_ignore_ascii_case(word) {
                let rest = s[word.len()..].trim_start();
                let num_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(rest.len());
                if num_end > 0 && num_end <= 6 && rest[..num_end].chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
                    let after = &rest[num_end..];
                    let t = after.trim_start_matches([':', '-', '.', ')', ' ', '—', '–']);
                    if t.len() < after.len() || after.is_empty() {
                        s = t;
                    }
                }
            }
        }
        s = s.trim_start_matches('§').trim_start();
        // Numeric: 1. 1.2 1.2.3 1) 01 -
        // Byte positions: only ASCII bytes are digits or dots, so these are char boundaries.
        let digits_end = s.bytes().position(|b| !(b.is_ascii_digit() || b == b'.')).unwrap_or(s.len());
        if digits_end > 0 && s[..digits_end].starts_with(|c: char| c.is_ascii_digit()) {
            let rest = &s[digits_end..];
            let short = digits_end <= 2 || s[..digits_end].contains('.');
            let sep =
                rest.starts_with([')', ':']) || (short && rest.starts_with([' ', '\t', '-', '—', '–'])) || s[..digits_end].ends_with('.');
            if sep && !rest.trim_start().is_empty() {
                s = rest.trim_start_matches([')', ':', '-', '—', '–']).trim_start();
            }
        } else {
            // Roman numerals or a single letter followed by '.' or ')': "IV. Scope", "A) Goals".
            // Only a `.` or `)` within the first 6 bytes can end such a prefix.
            let end = s.bytes().take(6).position(|b| b == b'.' || b == b')').unwrap_or(0);
            if end > 0 && end <= 5 {
                let head = &s[..end];
                let roman = head.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
                let letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase());
                let rest = &s[end + 1..];
                if (roman || letter) && rest.starts_with(' ') && !rest.trim().is_empty() {
                    s = rest.trim_start();
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Removes parenthesized groups (`(optional)`, `*(mandatory)*`, `（可选）`) from a heading.
pub fn strip_parentheticals(s: &str) -> String {
    outside_parens(s).collect()
}

/// The characters of `s` outside parenthesized groups (an unmatched `)` is kept).
fn outside_parens(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut depth = 0usize;
    s.chars().filter(move |&c| match c {
        '(' | '（' => {
            depth += 1;
            false
        }
        ')' | '）' if depth > 0 => {
            depth -= 1;
            false
        }
        _ => depth == 0,
    })
}

/// The normalized form of a heading used to compare template and document headings.
#[derive(Debug, Clone, Default)]
pub struct HeadingKey {
    /// Core key: numbering, parentheticals, markup, case and punctuation removed.
    pub key: String,
    /// Stemmed tokens without stopwords, each followed by a space (see [`HeadingKeys`]).
    words: String,
    pos: KeyPos,
}

/// Where one heading's key lies in the buffers of its [`HeadingKeys`] (or [`HeadingKey`]):
/// `keys[key]` is the core key; `words[core]` the stemmed tokens of the core key without
/// stopwords, each followed by a space; `words[full]` those of the whole heading (the same
/// range as `core` unless parentheticals make the two differ).
#[derive(Debug, Clone, Default)]
struct KeyPos {
    key: std::ops::Range<usize>,
    core: std::ops::Range<usize>,
    full: std::ops::Range<usize>,
    /// Number of tokens of the core key and of the whole heading.
    core_count: usize,
    full_count: usize,
}

/// The keys of many headings in shared buffers: a few allocations however many headings.
#[derive(Debug, Clone, Default)]
pub struct HeadingKeys {
    keys: String,
    words: String,
    /// The whole heading's tokens while a heading with parentheticals is keyed.
    scratch: String,
    pos: Vec<KeyPos>,
}

impl HeadingKeys {
    /// The keys of `headings`, in order.
    pub fn new<'h>(headings: impl ExactSizeIterator<Item = &'h str> + Clone) -> Self {
        let bytes: usize = headings.clone().map(str::len).sum();
        let mut k = HeadingKeys {
            keys: String::with_capacity(bytes + headings.len()),
            words: String::with_capacity(bytes + headings.len()),
            scratch: String::new(),
            pos: Vec::with_capacity(headings.len()),
        };
        for h in headings {
            let pos = build_key(h, &mut k.keys, &mut k.words, &mut k.scratch);
            k.pos.push(pos);
        }
        k
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// The key of heading `i` (an empty key past the end).
    pub fn get(&self, i: usize) -> KeyRef<'_> {
        match self.pos.get(i) {
            Some(p) => KeyRef::of(&self.keys, &self.words, p),
            None => KeyRef::of("", "", &KeyPos::default()),
        }
    }
}

/// A borrowed heading key: what [`HeadingKey`] and [`HeadingKeys::get`] hand out.
#[derive(Debug, Clone, Copy)]
pub struct KeyRef<'a> {
    /// Core key: numbering, parentheticals, markup, case and punctuation removed.
    pub key: &'a str,
    core: &'a str,
    full: &'a str,
    core_count: usize,
    full_count: usize,
    /// The core tokens are the whole heading's tokens (no parentheticals to leave out).
    core_is_full: bool,
}

impl<'a> KeyRef<'a> {
    #[inline]
    fn of(keys: &'a str, words: &'a str, p: &KeyPos) -> Self {
        let core = words.get(p.core.clone()).unwrap_or("");
        let core_is_full = p.core == p.full;
        KeyRef {
            key: keys.get(p.key.clone()).unwrap_or(""),
            core,
            // Most headings have no parentheticals: the same words, no second range check.
            full: if core_is_full { core } else { words.get(p.full.clone()).unwrap_or("") },
            core_count: p.core_count,
            full_count: p.full_count,
            core_is_full,
        }
    }

    /// Stemmed tokens of the core key without stopwords (for fuzzy comparison).
    pub fn tokens(&self) -> KeyTokens<'a> {
        KeyTokens(self.core)
    }

    /// Number of [`KeyRef::tokens`].
    pub fn token_count(&self) -> usize {
        self.core_count
    }

    /// Stemmed tokens of the whole heading without stopwords (parentheticals kept).
    pub fn full_tokens(&self) -> KeyTokens<'a> {
        KeyTokens(self.full)
    }

    /// Number of [`KeyRef::full_tokens`].
    pub fn full_token_count(&self) -> usize {
        self.full_count
    }

    /// [`KeyRef::tokens`] then those [`KeyRef::full_tokens`] that the core tokens do not
    /// already list in the same place: every token of the heading, at most twice.
    pub fn all_tokens(&self) -> impl Iterator<Item = &'a str> {
        let full = if self.core_is_full { "" } else { self.full };
        KeyTokens(self.core).chain(KeyTokens(full))
    }
}

/// Iterator over the tokens of a [`HeadingKey`] (space-terminated words of its buffer).
#[derive(Debug, Clone)]
pub struct KeyTokens<'a>(&'a str);

impl<'a> Iterator for KeyTokens<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        // Tokens are short: a plain byte loop beats a memchr call.
        let end = self.0.bytes().position(|b| b == b' ')?;
        let tok = &self.0[..end];
        self.0 = &self.0[end + 1..];
        Some(tok)
    }
}

impl HeadingKey {
    pub fn new(heading: &str) -> Self {
        let (mut key, mut words) = (String::new(), String::new());
        let pos = build_key(heading, &mut key, &mut words, &mut String::new());
        HeadingKey { key, words, pos }
    }

    /// This key borrowed.
    pub fn view(&self) -> KeyRef<'_> {
        KeyRef::of(&self.key, &self.words, &self.pos)
    }

    /// Stemmed tokens of the core key without stopwords (for fuzzy comparison).
    pub fn tokens(&self) -> KeyTokens<'_> {
        self.view().tokens()
    }

    /// Number of [`HeadingKey::tokens`].
    pub fn token_count(&self) -> usize {
        self.pos.core_count
    }

    /// Stemmed tokens of the whole heading without stopwords (parentheticals kept).
    pub fn full_tokens(&self) -> KeyTokens<'_> {
        self.view().full_tokens()
    }

    /// Number of [`HeadingKey::full_tokens`].
    pub fn full_token_count(&self) -> usize {
        self.pos.full_count
    }
}

/// Appends the key of `heading` to `keys` and its words to `words` (`scratch` is working
/// room); returns where they lie.
fn build_key(heading: &str, keys: &mut String, words: &mut String, scratch: &mut String) -> KeyPos {
    let numbered = strip_numbering(heading.trim());
    let unmarked = numbered.trim_start_matches(['*', '_', '`']);
    // `strip_numbering` returns a text it leaves unchanged: only removed markup can uncover
    // more numbering.
    let unnumbered = if unmarked.len() == numbered.len() { unmarked } else { strip_numbering(unmarked) };
    let key_start = keys.len();
    let words_start = words.len();
    // Room for the usual case (ASCII, no parentheticals): no regrowing while pushing.
    keys.reserve(unnumbered.len() + 1);
    words.reserve(unnumbered.len() + 2);
    // The core key leaves parentheticals out, unless nothing else is left; then the whole
    // heading's tokens serve as both.
    // Whether there are parenthesized groups, and whether leaving them out can join words: when
    // every `(` follows an ASCII separator (or starts the text) it cannot, so the tokens outside
    // the groups are the whole heading's tokens at depth 0 and one pass gives both. Otherwise
    // the outside text is tokenized on its own.
    let bytes = unnumbered.as_bytes();
    let (mut parens, mut joins) = (false, false);
    // Most headings have neither `(` nor a byte that begins `（`: a fast search rules both out.
    let maybe_parens = bytes.contains(&b'(') || bytes.contains(&0xEF);
    for (i, &b) in bytes.iter().enumerate().filter(|_| maybe_parens) {
        // `(` or `（` (EF BC 88).
        if b == b'(' || (b == 0xEF && bytes.get(i + 1..i + 3) == Some(&[0xBC, 0x88][..])) {
            parens = true;
            joins |= i > 0 && bytes.get(i - 1).is_some_and(|&p| p >= 0x80 || p.is_ascii_alphanumeric());
        }
    }
    if parens {
        let (mut core_count, mut full_count, mut outside) = (0, 0, 0);
        let mut core_end = words_start;
        scratch.clear();
        if !joins {
            scan_tokens(unnumbered, false, keys, |out, start, t, depth| {
                let word = out.get(t..).unwrap_or("");
                let stop = is_stopword(word);
                if !stop {
                    push_stem(scratch, word);
                    full_count += 1;
                }
                if depth == 0 {
                    outside += 1;
                    if !stop {
                        push_stem(words, word);
                        core_count += 1;
                    }
                }
                if depth > 0 || word == "and" {
                    drop_token(out, start, t);
                }
            });
        } else {
            outside = scan_tokens(unnumbered, true, keys, |out, start, t, _| stem_key_token(out, start, t, words, &mut core_count));
            core_end = words.len();
            if outside > 0 {
                scan_tokens(unnumbered, false, scratch, |out, _, t, _| {
                    let word = out.get(t..).unwrap_or("");
                    if !is_stopword(word) {
                        push_stem(words, word);
                        full_count += 1;
                    }
                });
            }
        }
        if outside > 0 {
            if !joins {
                core_end = words.len();
                words.push_str(scratch);
            }
            return KeyPos { key: key_start..keys.len(), core: words_start..core_end, full: core_end..words.len(), core_count, full_count };
        }
        // Nothing outside the groups: no token was kept.
        keys.truncate(key_start);
        words.truncate(words_start);
    }
    let mut count = 0;
    scan_tokens(unnumbered, false, keys, |out, start, t, _| stem_key_token(out, start, t, words, &mut count));
    let all = words_start..words.len();
    KeyPos { key: key_start..keys.len(), core: all.clone(), full: all, core_count: count, full_count: count }
}

/// The end of a key token (`out[t..]`): its stem goes to `words` unless it is a stopword
/// (counted in `stems`), and "and" leaves the key.
fn stem_key_token(out: &mut String, start: usize, t: usize, words: &mut String, stems: &mut usize) {
    let word = out.get(t..).unwrap_or("");
    if !is_stopword(word) {
        push_stem(words, word);
        *stems += 1;
    } else if word == "and" {
        drop_token(out, start, t);
    }
}

/// Removes the token `out[t..]` and the space before it (if it is not the first since `start`).
fn drop_token(out: &mut String, start: usize, t: usize) {
    out.truncate(if t > start { t - 1 } else { t });
}

/// Appends the lowercased word tokens of `s` (as [`tokens`] splits them; with `skip_parens`,
/// of the characters outside parenthesized groups, as `outside_parens` yields them) to `out`,
/// separated by single spaces after `out`'s current end (`start`). After each token, calls
/// `end(out, start, t, depth)`: the token is `out[t..]`, `depth` how many parenthesized groups
/// it is in (0 with `skip_parens`); `end` may drop it ([`drop_token`]). Returns how many
/// tokens there were.
fn scan_tokens(s: &str, skip_parens: bool, out: &mut String, mut end: impl FnMut(&mut String, usize, usize, usize)) -> usize {
    let start = out.len();
    let mut count = 0;
    // Where the token being read starts in `out`, and its depth (no parenthesis is part of a
    // token, so a token has one depth).
    let mut tok: Option<(usize, usize)> = None;
    let begin = |out: &mut String, tok: &mut Option<(usize, usize)>, depth: usize| {
        if tok.is_none() {
            if out.len() > start {
                out.push(' ');
            }
            *tok = Some((out.len(), depth));
        }
    };
    let bytes = s.as_bytes();
    // Parenthesized groups open, as `outside_parens` counts them.
    let mut depth = 0usize;
    let mut i = 0;
    let mut finish = |out: &mut String, tok: &mut Option<(usize, usize)>| {
        if let Some((t, d)) = tok.take() {
            count += 1;
            end(out, start, t, d);
        }
    };
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() && (depth == 0 || !skip_parens) {
            // A run of ASCII letters and digits, copied and lowercased at once.
            let len = bytes.get(i..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_alphanumeric()).count().max(1);
            begin(out, &mut tok, depth);
            let at = out.len();
            out.push_str(s.get(i..i + len).unwrap_or(""));
            if let Some(t) = out.get_mut(at..) {
                t.make_ascii_lowercase();
            }
            i += len;
            continue;
        }
        let c = if b < 0x80 { b as char } else { s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ') };
        i += c.len_utf8();
        let paren = match c {
            '(' | '（' => {
                depth += 1;
                true
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                true
            }
            _ => false,
        };
        if skip_parens && (paren || depth > 0) {
            // Left out, without separating the characters on either side.
            continue;
        }
        if b < 0x80 {
            // Not a letter or digit (those took the run above): a separator.
            finish(out, &mut tok);
        } else if is_cjk(c) {
            finish(out, &mut tok);
            begin(out, &mut tok, depth);
            out.push(c);
            finish(out, &mut tok);
        } else if is_word_char(c) {
            begin(out, &mut tok, depth);
            out.extend(c.to_lowercase());
        } else {
            finish(out, &mut tok);
        }
    }
    finish(out, &mut tok);
    count
}

fn is_stopword(t: &str) -> bool {
    // Byte patterns: no string comparison calls.
    matches!(
        t.as_bytes(),
        [b'a']
            | [b'a', b'n']
            | [b'o', b'f' | b'n' | b'r']
            | [b't', b'o']
            | [b'i', b'n']
            | [b'a', b'n', b'd']
            | [b't', b'h', b'e']
            | [b'f', b'o', b'r']
            | [b'w', b'i', b't', b'h']
    )
}

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
fn set_dice(x: &mut [&str], y: &mut [&str]) -> f64 {
    let (x, y) = (sorted_set(x), sorted_set(y));
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// Sorts `v` and moves its distinct elements to the front; returns them.
fn sorted_set<'s, 'a>(v: &'s mut [&'a str]) -> &'s [&'a str] {
    v.sort_unstable();
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
fn key_dice(a: KeyRef, b: KeyRef) -> f64 {
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
fn push_bigrams(s: &str, out: &mut Vec<u64>) {
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
    x.sort_unstable();
    y.sort_unstable();
    sorted_dice(x, y)
}

/// Dice coefficient of two sorted lists treated as multisets.
fn sorted_dice(x: &[u64], y: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
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
    out[start..].sort_unstable();
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
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (at.get(i), bt.get(j)) {
        match x.as_ref().cmp(y.as_ref()) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        HeadingKey::new(s).key
    }

    #[test]
    fn numbering_markup_and_case_are_ignored() {
        for h in [
            "1. Overview",
            "1.2.3 Overview",
            "IV. Overview",
            "A) Overview",
            "Section 3: Overview",
            "**Overview**:",
            "`Overview`",
            "overview",
            "2) OVERVIEW",
        ] {
            assert_eq!(key(h), "overview", "{h}");
        }
        assert_eq!(key("User Scenarios & Testing *(mandatory)*"), key("User Scenarios and Testing"));
        assert_eq!(key("⚡ Quick Guidelines"), "quick guidelines");
        assert_eq!(key("2026 Roadmap"), "2026 roadmap");
    }

    #[test]
    fn stripping_numbering_twice_changes_nothing() {
        // Keys rely on it: only removed markup can uncover more numbering.
        for h in [
            "1. Overview",
            "1.2.3 2) Overview",
            "Section 3:\tChapter 2 - IV. A) Goals",
            "§ 4 § 5. x",
            "Part IV.\t1) Scope",
            "12",
            "1.",
            "  A) ",
            "Step 1 —  2. 中文",
            "X) Y) Z",
        ] {
            let once = strip_numbering(h);
            assert_eq!(strip_numbering(once), once, "{h:?}");
        }
        let pieces = ["1", "2.", "IV", "A", ")", ":", "-", "—", " ", "\t", "§", "Section ", "part", "x", "中", ".", "*"];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut h = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                h.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let once = strip_numbering(&h);
            assert_eq!(strip_numbering(once), once, "{h:?}");
        }
    }

    #[test]
    fn renamed_headings_are_similar_unrelated_are_not() {
        let sim = |a: &str, b: &str| heading_similarity(&HeadingKey::new(a), &HeadingKey::new(b));
        assert!(sim("Webhook/Event Contracts", "Events & Webhooks") >= 0.6);
        assert!(sim("Architecture Overview", "Architecture") >= 0.6);
        assert!(sim("Data Models", "Data Model") >= 0.99);
        assert!(sim("Security Specification", "Testing Strategy") < 0.3);
        assert!(sim("Overview", "Deployment") < 0.3);
    }

    #[test]
    fn streaming_hash_equals_hash_of_normalized_line() {
        for s in ["", "  - **Method**: [Auth] JWT", "Ünïcode ÀB 中文テキスト x1", "a\tb--c__d", "👩‍👩‍👧 emoji ok", "İstanbul ß"]
        {
            assert_eq!(norm_hash(&[s]), hash_norm(&norm_line(s)), "{s:?}");
        }
        assert_eq!(norm_hash(&["ab", "cd"]), hash_norm("ab cd"));
    }

    #[test]
    fn keyed_hash_is_exact_for_listed_lines_and_unlisted_otherwise() {
        let lines = ["", "  - **Method**: [Auth] JWT", "one", "one two", "one two three", "中文テキスト x1", "İstanbul ß x", "a\tb--c__d"];
        let listed = ["one two three", "中文テキスト x1"];
        let norms: Vec<String> = listed.iter().map(|s| norm_line(s)).collect();
        let keys = LineKeys::of_lines(norms.iter().map(String::as_str));
        let prefixes: Vec<u64> = norms.iter().map(|n| hash_norm_prefix(n)).collect();
        for s in lines {
            let norm = norm_line(s);
            let expect = if norm.is_empty() {
                0
            } else if prefixes.contains(&hash_norm_prefix(&norm)) {
                hash_norm(&norm)
            } else {
                UNLISTED
            };
            assert_eq!(norm_hash_keyed(&[s], Some(&keys)), expect, "{s:?}");
            assert_eq!(hash_norm_keyed(&norm, Some(&keys)), expect, "{s:?}");
            assert_eq!(norm_hash_keyed(&[s], None), hash_norm(&norm), "{s:?}");
        }
        // "one two" shares its key with "one two three": a candidate, hashed in full.
        assert_eq!(norm_hash_keyed(&["One, two!"], Some(&keys)), hash_norm("one two"));
        assert_eq!(norm_hash_keyed(&["one"], Some(&keys)), UNLISTED);
    }

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
    fn keyed_hash_rules_out_lines_by_their_first_word_as_by_their_first_two() {
        let listed = ["the system must", "users can log in", "fr 001", "中文 テキスト", "one"];
        let keys = LineKeys::of_lines(listed);
        assert_eq!(keys.len(), 5);
        let prefixes: Vec<u64> = listed.iter().map(|n| hash_norm_prefix(n)).collect();
        let pieces = ["the", "system", "users", "can", "fr", "001", "中", "文", "テ", "one", "x", " ", "- ", "**", "é", "Ü"];
        for s in crate::test_input::piece_strings(&pieces, 8, 9, 50_000, 0x1f83_d9ab_fb41_bd6b) {
            let norm = norm_line(&s);
            let expect = if norm.is_empty() {
                0
            } else if prefixes.contains(&hash_norm_prefix(&norm)) {
                hash_norm(&norm)
            } else {
                UNLISTED
            };
            assert_eq!(norm_hash_keyed(&[&s], Some(&keys)), expect, "{s:?}");
        }
    }

    #[test]
    fn word_char_shortcuts_agree_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{:#X}", c as u32);
        }
    }

    #[test]
    fn cjk_tokens_are_per_character() {
        assert_eq!(tokens("主要エンティティ abc"), vec!["主", "要", "エ", "ン", "テ", "ィ", "テ", "ィ", "abc"]);
    }

    /// The heading key as first written: tokens collected, then joined and stemmed.
    fn reference_key(heading: &str) -> (String, Vec<String>, Vec<String>) {
        fn stems(toks: &[String]) -> Vec<String> {
            toks.iter()
                .filter(|t| !["and", "the", "of", "a", "an", "for", "to", "in", "on", "with", "or"].contains(&t.as_str()))
                .map(|t| {
                    let mut s = String::new();
                    push_stem(&mut s, t);
                    s.trim_end_matches(' ').to_string()
                })
                .collect()
        }
        let unnumbered = strip_numbering(heading.trim());
        let unnumbered = strip_numbering(unnumbered.trim_start_matches(['*', '_', '`']));
        let full = tokens(unnumbered);
        let outside = if unnumbered.contains(['(', '（']) { tokens(&strip_parentheticals(unnumbered)) } else { Vec::new() };
        let core = if outside.is_empty() { &full } else { &outside };
        let key = core.iter().filter(|t| *t != "and").cloned().collect::<Vec<_>>().join(" ");
        (key, stems(core), stems(&full))
    }

    #[test]
    fn heading_keys_agree_with_the_reference() {
        let pieces = [
            "1.",
            " ",
            "2)",
            "IV.",
            "A)",
            "Section 3:",
            "§",
            "**",
            "`",
            "_",
            "(",
            ")",
            "（",
            "）",
            "and",
            "And",
            "the",
            "of",
            "Data",
            "models",
            "Webhooks",
            "policies",
            "ss",
            "us",
            "is",
            "Ünïcode",
            "İ",
            "ß",
            "中文",
            "テ",
            "x1",
            "-",
            ":",
            "\t",
            "⚡",
            "a",
            "with",
            "or",
            "*(mandatory)*",
            "S",
            "c",
            "P",
            "I",
            "V",
            "X",
            "L",
            ".",
        ];
        let mut shared = HeadingKeys::default();
        let mut all = Vec::new();
        for h in crate::test_input::piece_strings(&pieces, 10, 7, 60_000, 0x1234_5678_9abc_def1) {
            let (key, core, full) = reference_key(&h);
            let k = HeadingKey::new(&h);
            let v = k.view();
            assert_eq!(k.key, key, "{h:?}");
            assert_eq!(v.tokens().collect::<Vec<_>>(), core, "{h:?}");
            assert_eq!(v.full_tokens().collect::<Vec<_>>(), full, "{h:?}");
            assert_eq!((k.token_count(), k.full_token_count()), (core.len(), full.len()), "{h:?}");
            let pos = build_key(&h, &mut shared.keys, &mut shared.words, &mut shared.scratch);
            shared.pos.push(pos);
            all.push(k);
        }
        for (i, k) in all.iter().enumerate() {
            let (a, b) = (shared.get(i), k.view());
            assert_eq!((a.key, a.core, a.full, a.core_count, a.full_count), (b.key, b.core, b.full, b.core_count, b.full_count));
        }
    }

    #[test]
    fn precomputed_similarity_agrees_with_the_plain_one() {
        let pieces = [
            " ",
            "data",
            "model",
            "models",
            "api",
            "Architecture",
            "Overview",
            "(",
            ")",
            "and",
            "the",
            "events",
            "webhook",
            "archtecture",
            "ovreview",
            "x",
            "1",
            "中",
            "é",
            "-",
            "Testing",
            "strategy",
        ];
        let keys: Vec<HeadingKey> =
            crate::test_input::piece_strings(&pieces, 6, 5, 600, 0x0bad_cafe_f00d_1234).map(|h| HeadingKey::new(&h)).collect();
        let facts = |k: &HeadingKey| {
            let (mut t, mut b) = (Vec::new(), Vec::new());
            push_sorted_tokens(k.view(), &mut t);
            push_sorted_bigrams(&k.key, &mut b);
            (t.into_iter().map(str::to_string).collect::<Vec<_>>(), b)
        };
        let all: Vec<_> = keys.iter().map(facts).collect();
        for (a, (at, ab)) in keys.iter().zip(&all) {
            for (b, (bt, bb)) in keys.iter().zip(&all) {
                let (score, typo) = token_similarity(a.view(), at, b.view(), bt);
                let fast = if typo { score.max(bigram_similarity(ab, bb) - 0.1) } else { score };
                let plain = heading_similarity(a, b);
                assert_eq!(fast.to_bits(), plain.to_bits(), "{:?} / {:?}", a.key, b.key);
            }
        }
    }

    #[test]
    fn bigram_fast_path_agrees_with_chars() {
        for s in ["", "a", "ab c", "a\tb\x0bc\x0cd\re\nf", "data model", "x  y", "\u{85}ab", "é a"] {
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            push_bigrams(s, &mut fast);
            let mut prev: Option<char> = None;
            for c in s.chars().filter(|c| !c.is_whitespace()) {
                if let Some(p) = prev {
                    plain.push((p as u64) << 32 | c as u64);
                }
                prev = Some(c);
            }
            assert_eq!(fast, plain, "{s:?}");
        }
    }
}
