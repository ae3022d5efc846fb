//! Heading keys: a heading's key (numbering, markup, case, punctuation, emoji and stopwords
//! removed, words lightly stemmed) and the shared buffers a document's keys live in. The
//! measures that compare keys are in `similarity.rs`.

use super::*;

/// Light stemming so that "Webhooks" and "webhook" compare equal: appends the stem of `t` and
/// a space to `out`.
pub(super) fn push_stem(out: &mut String, t: &str) {
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
pub(super) fn outside_parens(s: &str) -> impl Iterator<Item = char> + '_ {
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
pub(super) struct KeyPos {
    pub(super) key: std::ops::Range<usize>,
    pub(super) core: std::ops::Range<usize>,
    pub(super) full: std::ops::Range<usize>,
    /// Number of tokens of the core key and of the whole heading.
    pub(super) core_count: usize,
    pub(super) full_count: usize,
}

/// The keys of many headings in shared buffers: a few allocations however many headings.
#[derive(Debug, Clone, Default)]
pub struct HeadingKeys {
    pub(super) keys: String,
    pub(super) words: String,
    /// The whole heading's tokens while a heading with parentheticals is keyed.
    pub(super) scratch: String,
    pub(super) pos: Vec<KeyPos>,
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
    pub(super) core: &'a str,
    pub(super) full: &'a str,
    pub(super) core_count: usize,
    pub(super) full_count: usize,
    /// The core tokens are the whole heading's tokens (no parentheticals to leave out).
    pub(super) core_is_full: bool,
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
pub(super) fn build_key(heading: &str, keys: &mut String, words: &mut String, scratch: &mut String) -> KeyPos {
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
pub(super) fn stem_key_token(out: &mut String, start: usize, t: usize, words: &mut String, stems: &mut usize) {
    let word = out.get(t..).unwrap_or("");
    if !is_stopword(word) {
        push_stem(words, word);
        *stems += 1;
    } else if word == "and" {
        drop_token(out, start, t);
    }
}

/// Removes the token `out[t..]` and the space before it (if it is not the first since `start`).
pub(super) fn drop_token(out: &mut String, start: usize, t: usize) {
    out.truncate(if t > start { t - 1 } else { t });
}

/// Appends the lowercased word tokens of `s` (as [`tokens`] splits them; with `skip_parens`,
/// of the characters outside parenthesized groups, as `outside_parens` yields them) to `out`,
/// separated by single spaces after `out`'s current end (`start`). After each token, calls
/// `end(out, start, t, depth)`: the token is `out[t..]`, `depth` how many parenthesized groups
/// it is in (0 with `skip_parens`); `end` may drop it ([`drop_token`]). Returns how many
/// tokens there were.
pub(super) fn scan_tokens(s: &str, skip_parens: bool, out: &mut String, mut end: impl FnMut(&mut String, usize, usize, usize)) -> usize {
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

pub(super) fn is_stopword(t: &str) -> bool {
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
