//! Lexical finders for placeholder-shaped tokens: `[Name]`, `[A | B]`, `<slot>`, `{{slot}}`,
//! `$VARIABLE`, `YYYY-MM-DD`, and generic unfinished-work markers (`TODO`, `TBD`, `???`, …).
//!
//! These only find *shapes*. Whether a shape is a placeholder is decided elsewhere: a template
//! teaches its vocabulary ([`crate::template::Vocab`]), and the document scan
//! ([`crate::scan`]) reports only what that vocabulary knows, so ordinary brackets in prose and
//! code (`string[]`, `[1]`, `[0-9]`) are never flagged.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `[text]` (outermost on its line).
    Bracket,
    /// `<text>`.
    Angle,
    /// `{{text}}`.
    Mustache,
    /// `$NAME`.
    Variable,
    /// `YYYY-MM-DD`, `MM/DD/YYYY`, …
    DatePattern,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub shape: Shape,
    pub range: Range<usize>,
    /// The text inside the delimiters (the whole token for variables and date patterns).
    pub inner: Range<usize>,
}

/// Normalized inner text of a token: lowercase, whitespace collapsed.
pub fn norm_inner(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // What `split_whitespace` and `to_lowercase` do to ASCII (where every byte offset is a
        // character boundary).
        let b = s.as_bytes();
        let space = |i: usize| matches!(b[i], b'\t'..=b'\r' | b' ');
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && space(i) {
                i += 1;
            }
            let start = i;
            while i < b.len() && !space(i) {
                i += 1;
            }
            if start < i {
                if !out.is_empty() {
                    out.push(' ');
                }
                let at = out.len();
                out.push_str(&s[start..i]);
                out[at..].make_ascii_lowercase();
            }
        }
        return out;
    }
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// What a line may hold, from [`line_triggers`]: placeholder-shaped tokens ([`find_on_line`]).
pub const MAY_HOLD_TOKENS: u8 = 1;
/// What a line may hold, from [`line_triggers`]: unfinished-work markers ([`find_markers`]).
pub const MAY_HOLD_MARKERS: u8 = 2;

// Byte pairs the finders need, one bit per kind: `PAIRS.0[a] & PAIRS.1[b]` has the bit of
// every kind the pair `ab` may belong to.
/// `[`, `<` or `$` followed by anything.
const P_OPEN: u8 = 1;
/// `{{`, `YY`, `MM`, `DD` (and the harmless `YM`, `{D`, …).
const P_TWICE: u8 = 2;
/// `TO` (TODO), `TB` (TBD, TBC), `FI` (FIXME), `XX` (XXX), `??` (and a few other pairs).
const P_MARK: u8 = 4;
/// `lo`, `ip` and `ps` in any case: "lorem ipsum" holds all three.
const P_LO: u8 = 8;
const P_IP: u8 = 16;
const P_PS: u8 = 32;

/// (first byte, second byte) tables of the pair bits.
const PAIRS: ([u8; 256], [u8; 256]) = pair_tables();

/// Builds [`PAIRS`].
const fn pair_tables() -> ([u8; 256], [u8; 256]) {
    let mut first = [0u8; 256];
    let mut second = [P_OPEN; 256];
    first[b'[' as usize] |= P_OPEN;
    first[b'<' as usize] |= P_OPEN;
    first[b'$' as usize] |= P_OPEN;
    let twice = *b"{YMD";
    let mut i = 0;
    while i < twice.len() {
        first[twice[i] as usize] |= P_TWICE;
        second[twice[i] as usize] |= P_TWICE;
        i += 1;
    }
    let (mark_first, mark_second) = (*b"TFX?", *b"OBIX?");
    i = 0;
    while i < mark_first.len() {
        first[mark_first[i] as usize] |= P_MARK;
        i += 1;
    }
    i = 0;
    while i < mark_second.len() {
        second[mark_second[i] as usize] |= P_MARK;
        i += 1;
    }
    let lorem = [(b'l', b'o', P_LO), (b'i', b'p', P_IP), (b'p', b's', P_PS)];
    i = 0;
    while i < lorem.len() {
        let (a, b, bit) = lorem[i];
        first[a as usize] |= bit;
        first[a.to_ascii_uppercase() as usize] |= bit;
        second[b as usize] |= bit;
        second[b.to_ascii_uppercase() as usize] |= bit;
        i += 1;
    }
    (first, second)
}

/// One cheap pass over a line's bytes: which finders can find anything on it
/// ([`MAY_HOLD_TOKENS`], [`MAY_HOLD_MARKERS`]). A finder skipped because its bit is clear would
/// have found nothing; a set bit may still lead to nothing (the test looks at byte pairs only).
///
/// It runs over every byte of every line, so it is written for few instructions per byte: the
/// loop is unrolled by hand over 8-byte chunks (so it does not depend on the compiler's
/// unrolling at our opt-level), each byte is loaded once, and each pair costs two table reads (no bounds
/// checks: a u8 indexes 256 entries), one of which the AND takes as its memory operand.
pub fn line_triggers(line: &[u8]) -> u8 {
    let (first, second) = (&PAIRS.0, &PAIRS.1);
    let pair = |a: u8, b: u8| first[a as usize] & second[b as usize];
    let Some((&head, rest)) = line.split_first() else {
        return 0;
    };
    // `prev` is the byte before the next one read; `bits` ORs the pairs' bits.
    let mut prev = head;
    let mut bits = 0u8;
    let mut chunks = rest.chunks_exact(8);
    for c in &mut chunks {
        bits |= pair(prev, c[0])
            | pair(c[0], c[1])
            | pair(c[1], c[2])
            | pair(c[2], c[3])
            | pair(c[3], c[4])
            | pair(c[4], c[5])
            | pair(c[5], c[6])
            | pair(c[6], c[7]);
        prev = c[7];
    }
    for &b in chunks.remainder() {
        bits |= pair(prev, b);
        prev = b;
    }
    let mut out = 0;
    if bits & (P_OPEN | P_TWICE) != 0 {
        out |= MAY_HOLD_TOKENS;
    }
    if bits & P_MARK != 0 || bits & (P_LO | P_IP | P_PS) == P_LO | P_IP | P_PS {
        out |= MAY_HOLD_MARKERS;
    }
    out
}

/// Finds placeholder-shaped tokens on one line (`line` is `text[start..end]`, no newline).
pub fn find_on_line(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if line_triggers(&text.as_bytes()[start..end]) & MAY_HOLD_TOKENS != 0 {
        tokens_on_line(text, start, end, out);
    }
}

/// [`find_on_line`] without the [`line_triggers`] test, for a caller that made it already.
pub fn tokens_on_line(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let close_of = bracket_pairs(bytes);
    // The pairs in order of their `[`: positions only grow, so a cursor finds each `[`'s pair
    // (a line of 50,000 brackets is not searched 50,000 times).
    let mut pair = 0;
    // Next '>' and "}}" at or after each position, found once (a line of 100,000 '<' stays linear).
    let mut next_gt: Option<usize> = None;
    let mut next_mustache: Option<Option<usize>> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !TOKEN_START[b as usize] {
            // No token starts with this byte.
            i += 1;
            continue;
        }
        let abs = start + i;
        match b {
            b'[' => {
                while close_of.get(pair).is_some_and(|p| p.0 < i) {
                    pair += 1;
                }
                if let Some(&(_, close)) = close_of.get(pair).filter(|p| p.0 == i) {
                    let inner = &line[i + 1..close];
                    let prev = prev_char(text, abs);
                    let indexed = prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == ']' || c == ')');
                    if !indexed && !inner.trim().is_empty() && !inner.starts_with('[') && !inner.starts_with('^') && !inner.starts_with('!')
                    {
                        out.push(Token { shape: Shape::Bracket, range: abs..start + close + 1, inner: abs + 1..start + close });
                        i = close + 1;
                        continue;
                    }
                }
            }
            b'<' => {
                if next_gt.is_none_or(|g| g != usize::MAX && g <= i) {
                    next_gt = Some(line[i + 1..].find('>').map_or(usize::MAX, |j| i + 1 + j));
                }
                let close = next_gt.filter(|&g| g != usize::MAX);
                if let Some(close) = close {
                    let inner = &line[i + 1..close];
                    if angle_like(inner) {
                        out.push(Token { shape: Shape::Angle, range: abs..start + close + 1, inner: abs + 1..start + close });
                        i = close + 1;
                        continue;
                    }
                }
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                if next_mustache.is_none_or(|m| m.is_some_and(|c| c < i + 2)) {
                    next_mustache = Some(line[i + 2..].find("}}").map(|j| i + 2 + j));
                }
                if let Some(close) = next_mustache.flatten() {
                    if !line[i + 2..close].trim().is_empty() {
                        out.push(Token { shape: Shape::Mustache, range: abs..start + close + 2, inner: abs + 2..start + close });
                        i = close + 2;
                        continue;
                    }
                }
            }
            b'$' => {
                let rest = &bytes[i + 1..];
                let n = rest.iter().take_while(|c| c.is_ascii_uppercase() || **c == b'_' || c.is_ascii_digit()).count();
                let prev_ok = !prev_char(text, abs).is_some_and(|c| c.is_ascii_alphanumeric());
                if n >= 3 && rest[0].is_ascii_uppercase() && prev_ok {
                    out.push(Token { shape: Shape::Variable, range: abs..abs + 1 + n, inner: abs..abs + 1 + n });
                    i += 1 + n;
                    continue;
                }
            }
            b'Y' | b'M' | b'D' => {
                let prev_ok = !prev_char(text, abs).is_some_and(|c| c.is_alphanumeric());
                if prev_ok {
                    if let Some(n) = date_pattern(&bytes[i..]) {
                        out.push(Token { shape: Shape::DatePattern, range: abs..abs + n, inner: abs..abs + n });
                        i += n;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The bytes [`tokens_on_line`] looks at: where a token can start.
const TOKEN_START: [bool; 256] = {
    let mut t = [false; 256];
    let starts = *b"[<{$YMD";
    let mut i = 0;
    while i < starts.len() {
        t[starts[i] as usize] = true;
        i += 1;
    }
    t
};

/// Matching `[`…`]` pairs on a line as (open, close), sorted by open, with nesting and
/// backslash escapes, in one pass.
fn bracket_pairs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    if !bytes.contains(&b'[') {
        return pairs;
    }
    let mut stack: Vec<usize> = Vec::new();
    // The byte a backslash escapes (whatever it is) does nothing, not even escape.
    let mut escaped = usize::MAX;
    for j in memchr::memchr3_iter(b'[', b']', b'\\', bytes) {
        if j == escaped {
            continue;
        }
        match bytes[j] {
            b'\\' => escaped = j + 1,
            b'[' => stack.push(j),
            _ => {
                if let Some(o) = stack.pop() {
                    pairs.push((o, j));
                }
            }
        }
    }
    crate::sort::sort(&mut pairs);
    pairs
}

const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "details",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "picture",
    "source",
    "video",
    "iframe",
    "script",
    "style",
    "svg",
    "input",
    "center",
    "figure",
    "figcaption",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "mark",
    "small",
    "del",
    "ins",
    "section",
    "nav",
];

/// `<text>` that reads like a slot rather than HTML, an autolink or an arrow.
fn angle_like(inner: &str) -> bool {
    if inner.is_empty() || inner.len() > 80 || inner.starts_with(['/', '!', '?', '-', '=', ' ']) || inner.ends_with(' ') {
        return false;
    }
    if inner.contains("://") || inner.contains('@') || inner.contains('<') || inner.contains('"') || inner.contains('=') {
        return false;
    }
    if inner == "..." || inner == "…" {
        return true;
    }
    let first = inner.split([' ', '/']).next().unwrap_or("");
    if HTML_TAGS.contains(&first.to_ascii_lowercase().as_str()) && !inner.contains(' ') {
        return false;
    }
    inner.chars().any(char::is_alphabetic)
}

/// Length of a date pattern such as `YYYY-MM-DD` at the start of `b`.
fn date_pattern(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut groups = 0;
    loop {
        let start = i;
        let c = *b.get(i)?;
        if !matches!(c, b'Y' | b'M' | b'D') {
            return None;
        }
        while b.get(i) == Some(&c) {
            i += 1;
        }
        if !(2..=4).contains(&(i - start)) {
            return None;
        }
        groups += 1;
        match b.get(i) {
            Some(b'-' | b'/' | b'.') if groups < 3 && b.get(i + 1).is_some_and(|n| matches!(n, b'Y' | b'M' | b'D')) => i += 1,
            next => {
                let boundary = !next.is_some_and(|n| n.is_ascii_alphanumeric());
                return (groups >= 2 && boundary).then_some(i);
            }
        }
    }
}

/// A generic unfinished-work marker found in any document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Todo,
    LoremIpsum,
    Questions,
}

/// Finds `TODO`, `TBD`, `FIXME`, `XXX` (whole uppercase words), `???` and "Lorem ipsum" on a line
/// (nothing where [`line_triggers`] says [`MAY_HOLD_MARKERS`] is clear).
pub fn find_markers(text: &str, start: usize, end: usize, out: &mut Vec<(Marker, Range<usize>)>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (b == b'L' || b == b'l')
            && line.len() >= i + 11
            && line.is_char_boundary(i + 11)
            && line[i..i + 11].eq_ignore_ascii_case("lorem ipsum")
        {
            out.push((Marker::LoremIpsum, start + i..start + i + 11));
            i += 11;
            continue;
        }
        if b.is_ascii_uppercase() && !prev_char(line, i).is_some_and(is_word_char_for_markers) {
            let n = bytes[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
            let word = &line[i..i + n];
            let boundary_after = !line[i + n..].chars().next().is_some_and(is_word_char_for_markers);
            if matches!(word, "TODO" | "TBD" | "FIXME" | "XXX" | "TBC") && boundary_after {
                out.push((Marker::Todo, start + i..start + i + n));
            }
            i += n.max(1);
            continue;
        }
        if b == b'?' && line[i..].starts_with("???") {
            let n = bytes[i..].iter().take_while(|c| **c == b'?').count();
            out.push((Marker::Questions, start + i..start + i + n));
            i += n;
            continue;
        }
        i += 1;
    }
}

/// Characters that make a marker part of a longer word (`TODOS`, `XXXL`, `ÉTBD`). CJK
/// characters do not: Chinese and Japanese text runs words together (`注意TBD`).
fn is_word_char_for_markers(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !crate::text::is_cjk(c))
}

/// Splits a choice list (`Draft | Review`, `draft / approved / implemented`) into its options,
/// or `None` if the text is not one.
pub fn choice_options(s: &str, bare: bool) -> Option<Vec<&str>> {
    let sep = if s.contains('|') {
        "|"
    } else if bare && s.contains(" / ") {
        " / "
    } else {
        return None;
    };
    let opts: Vec<&str> = s.split(sep).map(str::trim).collect();
    let max_words = if bare { 4 } else { 6 };
    let ok = opts.len() >= 2
        && opts.iter().all(|o| !o.is_empty() && o.split_whitespace().count() <= max_words && o.chars().any(char::is_alphanumeric));
    ok.then_some(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(t: &str) -> Vec<(Shape, &str)> {
        let mut v = Vec::new();
        find_on_line(t, 0, t.len(), &mut v);
        v.into_iter().map(|tk| (tk.shape, &t[tk.range])).collect()
    }

    #[test]
    fn norm_inner_ascii_path_matches_the_unicode_one() {
        let reference = |s: &str| {
            s.split_whitespace().map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>()).collect::<Vec<_>>().join(" ")
        };
        let pieces = [" ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{1f}", "A", "b", "Z", "_", "1", "-", "é", "\u{a0}"];
        for s in crate::test_input::piece_strings(&pieces, 7, 8, 100_000, 0x2f7b_0c1d_a93e_4b61) {
            assert_eq!(norm_inner(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn bracket_pairs_match_a_byte_by_byte_stack() {
        let reference = |bytes: &[u8]| {
            let (mut pairs, mut stack, mut escaped) = (Vec::new(), Vec::new(), false);
            for (j, &b) in bytes.iter().enumerate() {
                if escaped {
                    escaped = false;
                    continue;
                }
                match b {
                    b'\\' => escaped = true,
                    b'[' => stack.push(j),
                    b']' => {
                        if let Some(o) = stack.pop() {
                            pairs.push((o, j));
                        }
                    }
                    _ => {}
                }
            }
            crate::sort::sort(&mut pairs);
            pairs
        };
        let pieces = ["[", "]", "\\", "\\\\", "a", "[[", "]]", "é", "\\[", "\\]"];
        for s in crate::test_input::piece_strings(&pieces, 14, 11, 100_000, 0x9b05_688c_2b3e_6c1f) {
            assert_eq!(bracket_pairs(s.as_bytes()), reference(s.as_bytes()), "{s:?}");
        }
    }

    #[test]
    fn finds_outermost_brackets_not_indexes() {
        assert_eq!(shapes("[field]: [type][];"), vec![(Shape::Bracket, "[field]"), (Shape::Bracket, "[type]")]);
        assert_eq!(shapes("values[i] and [Describe [x] here]"), vec![(Shape::Bracket, "[Describe [x] here]")]);
        assert_eq!(shapes("idx_[table]_[field]"), vec![(Shape::Bracket, "[table]"), (Shape::Bracket, "[field]")]);
    }

    #[test]
    fn finds_slots_variables_dates() {
        assert_eq!(
            shapes("# <Feature name> on YYYY-MM-DD by {{owner}} for $ARGUMENTS <br>"),
            vec![
                (Shape::Angle, "<Feature name>"),
                (Shape::DatePattern, "YYYY-MM-DD"),
                (Shape::Mustache, "{{owner}}"),
                (Shape::Variable, "$ARGUMENTS")
            ]
        );
        assert!(shapes("a -> b <https://x.y> x < y > z").is_empty());
    }

    #[test]
    fn markers_are_whole_words() {
        let t = "TODO: fix; TBD. TODOS XXXX ??? lorem ipsum";
        let mut v = Vec::new();
        find_markers(t, 0, t.len(), &mut v);
        let words: Vec<&str> = v.iter().map(|(_, r)| &t[r.clone()]).collect();
        assert_eq!(words, vec!["TODO", "TBD", "???", "lorem ipsum"]);
    }

    #[test]
    fn line_triggers_never_skip_a_line_with_findings() {
        let pieces = [
            "[", "]", "<", ">", "{", "}", "{{", "}}", "$", "A", "Y", "M", "D", "YY", "MM", "DD", "-", "/", ".", "T", "O", "B", "C", "F",
            "I", "X", "E", "?", "l", "L", "o", "r", "e", "m", "i", "p", "s", "u", " ", "lorem", "LOREM", " ipsum", "TODO", "TBD", "FIXME",
            "XXX", "???", "_", "é", "中", "x", "1", "\\",
        ];
        let (mut with_tokens, mut with_markers, mut with_lorem) = (0, 0, 0);
        for s in crate::test_input::piece_strings(&pieces, 12, 13, 300_000, 0x9e37_79b9_7f4a_7c15) {
            let bits = line_triggers(s.as_bytes());
            let mut toks = Vec::new();
            tokens_on_line(&s, 0, s.len(), &mut toks);
            assert!(toks.is_empty() || bits & MAY_HOLD_TOKENS != 0, "{s:?}");
            let mut marks = Vec::new();
            find_markers(&s, 0, s.len(), &mut marks);
            assert!(marks.is_empty() || bits & MAY_HOLD_MARKERS != 0, "{s:?}");
            with_tokens += usize::from(!toks.is_empty());
            with_markers += usize::from(!marks.is_empty());
            with_lorem += usize::from(marks.iter().any(|m| m.0 == Marker::LoremIpsum));
        }
        // The generator does produce lines with findings.
        assert!(with_tokens > 1000 && with_markers > 10_000 && with_lorem > 300, "{with_tokens} {with_markers} {with_lorem}");
    }

    #[test]
    fn choice_lists() {
        assert_eq!(choice_options("Draft | Review | Approved", false), Some(vec!["Draft", "Review", "Approved"]));
        assert_eq!(choice_options("draft / approved / implemented", true), Some(vec!["draft", "approved", "implemented"]));
        assert_eq!(choice_options("a/b", true), None);
    }
}
