//! A line's core, as template and document lines are compared: list, quote, task and table
//! markers stripped, placeholder tokens removed, words normalized (and the hash of that,
//! computed without allocating); and the `**Label**: value` split of fill-in fields.

use super::{norm_hash_iter, norm_hash_keyed, norm_line, LineKeys};
use crate::tokens::Token;

/// A line's words with the given token ranges removed and list/quote/task markers stripped:
/// the key for comparing template and document lines.
pub fn line_core(text: &str, s: usize, e: usize, remove: &[Token]) -> String {
    let mut kept = String::with_capacity(e - s);
    for (i, part) in line_parts(text, s, e, remove).enumerate() {
        if i > 0 {
            kept.push(' ');
        }
        kept.push_str(part);
    }
    norm_line(&kept)
}

/// [`line_core`]'s hash, computed without allocating.
pub fn line_hash(text: &str, s: usize, e: usize, remove: &[Token]) -> u64 {
    line_hash_keyed(text, s, e, remove, None)
}

/// [`line_hash`] with the pre-filter of [`crate::text::norm_hash_keyed`].
///
/// Most lines have no token to remove: they take a shortcut that hashes the one part. Any
/// other line is hashed part by part as [`line_parts`] yields them, however many tokens it
/// holds, so the pre-filter can rule a long line out after its first words.
pub(crate) fn line_hash_keyed(text: &str, s: usize, e: usize, remove: &[Token], keys: Option<&LineKeys>) -> u64 {
    if remove.is_empty() {
        return norm_hash_keyed(&[strip_markers(&text[s..e])], keys);
    }
    norm_hash_iter(&mut line_parts(text, s, e, remove), keys)
}

/// The text of line `s..e` between the tokens of `remove` that lie on it (in order; a token
/// overlapping the one before it is passed over), list/quote/task markers stripped from the
/// first part: the parts whose words [`line_core`] joins and [`line_hash_keyed`] hashes.
fn line_parts<'t>(text: &'t str, s: usize, e: usize, remove: &'t [Token]) -> impl Iterator<Item = &'t str> {
    let (mut pos, mut tokens, mut first, mut done) = (s, remove.iter(), true, false);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let part = loop {
            match tokens.next() {
                Some(t) if t.range.start >= pos && t.range.end <= e => {
                    let part = &text[pos..t.range.start];
                    pos = t.range.end;
                    break part;
                }
                Some(_) => {}
                None => {
                    done = true;
                    break &text[pos..e];
                }
            }
        };
        Some(if std::mem::take(&mut first) { strip_markers(part) } else { part })
    })
}

/// Strips leading list, quote, task and table markers (and the whitespace around them) until
/// none is left: `>` and `|` runs, a `-`/`*`/`+` bullet followed by a space or nothing, a
/// `1.`/`1)` number of up to three digits followed by a space, `[ ]`/`[x]`/`[X]`. Each marker
/// starts with its own character, so at most one can apply at a time.
pub fn strip_markers(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = skip_whitespace(s, 0);
    loop {
        i = match b.get(i) {
            Some(b'>' | b'|') => {
                while matches!(b.get(i), Some(b'>' | b'|')) {
                    i += 1;
                }
                skip_whitespace(s, i)
            }
            Some(b'-' | b'*' | b'+') if b.get(i + 1).is_none_or(|&c| c == b' ') => skip_whitespace(s, i + 1),
            Some(b'0'..=b'9') => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits < 4 && matches!(b.get(i + digits), Some(b'.' | b')')) && b.get(i + digits + 1) == Some(&b' ') {
                    skip_whitespace(s, i + digits + 1)
                } else {
                    return &s[i..];
                }
            }
            Some(b'[') if matches!(b.get(i + 1..i + 3), Some(b" ]" | b"x]" | b"X]")) => skip_whitespace(s, i + 3),
            _ => return &s[i..],
        };
    }
}

/// Index of the first non-whitespace character of `s` at or after `i` (a char boundary), as
/// `str::trim_start` sees whitespace.
fn skip_whitespace(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] < 0x80 {
            if !b[i].is_ascii_whitespace() && b[i] != 0x0B {
                return i;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => return i,
            }
        }
    }
    i
}

/// Splits `**Label**: value` (also `**Label:**`, full-width colons, and a parenthetical after the
/// label) into label and value.
pub fn field_split(body: &str) -> Option<(&str, &str)> {
    let rest = body.strip_prefix("**").or_else(|| body.strip_prefix("__"))?;
    let close = find_double(rest, b'*').or_else(|| find_double(rest, b'_'))?;
    let label = &rest[..close];
    let mut after = &rest[close + 2..];
    if label.trim_end().ends_with([':', '：']) {
        return Some((label, after));
    }
    // "**Interpretation** (agent's reading…):" — a parenthetical between label and colon.
    if after.trim_start().starts_with(['(', '（']) {
        if let Some(i) = after.find([')', '）']) {
            let skip = after[i..].chars().next().map_or(1, char::len_utf8);
            after = &after[i + skip..];
        }
    }
    let t = after.trim_start();
    let colon = t.strip_prefix(':').or_else(|| t.strip_prefix('：'));
    match colon {
        Some(v) => Some((label, v)),
        None if t.is_empty() => Some((label, "")),
        None => None,
    }
}

/// Where `cc` (two ASCII bytes `c`) first occurs in `s`: `s.find("**")` without setting up a
/// substring searcher for each line.
fn find_double(s: &str, c: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(c, &b[from..]) {
        let i = from + i;
        if b.get(i + 1) == Some(&c) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{hash_norm, hash_norm_keyed};

    /// The hash of a line with tokens is the hash of its core, with or without the pre-filter,
    /// for lines with no token up to lines with dozens (hashed part by part either way).
    #[test]
    fn line_hash_is_the_hash_of_line_core() {
        let pieces =
            ["[Name]", "[x] ", "[ ] ", "<slot>", "{{v}}", "$VAR", "1. ", "- ", "> ", "| ", "word", "Two", " ", "é", "中", "**", ":", "2)"];
        let keys = LineKeys::of_lines(["word two", "name word", "中 word"]);
        let (mut many, mut toks) = (0, Vec::new());
        for line in crate::test_input::piece_strings(&pieces, 40, 11, 30_000, 0x6a09_e667_f3bc_c908) {
            toks.clear();
            crate::tokens::find_on_line(&line, 0, line.len(), &mut toks);
            many += usize::from(toks.len() > 8);
            let core = line_core(&line, 0, line.len(), &toks);
            assert_eq!(line_hash(&line, 0, line.len(), &toks), hash_norm(&core), "{line:?}");
            assert_eq!(line_hash_keyed(&line, 0, line.len(), &toks, Some(&keys)), hash_norm_keyed(&core, Some(&keys)), "{line:?}");
        }
        assert!(many > 1_000, "{many}");
    }

    #[test]
    fn find_double_is_find() {
        for s in ["", "*", "**", "a*b**c", "***", "*_*__", "é**", "_*_*", "x__y**"] {
            assert_eq!(find_double(s, b'*'), s.find("**"), "{s:?}");
            assert_eq!(find_double(s, b'_'), s.find("__"), "{s:?}");
        }
    }

    /// The char-pattern formulation `strip_markers` must agree with.
    fn strip_markers_reference(s: &str) -> &str {
        let mut t = s.trim_start();
        loop {
            let before = t.len();
            t = t.trim_start_matches(['>', '|']).trim_start();
            if let Some(r) = t.strip_prefix(['-', '*', '+']) {
                if r.starts_with(' ') || r.is_empty() {
                    t = r.trim_start();
                }
            }
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && digits < 4 && t[digits..].starts_with(['.', ')']) && t[digits + 1..].starts_with(' ') {
                t = t[digits + 1..].trim_start();
            }
            for m in ["[ ]", "[x]", "[X]"] {
                if let Some(r) = t.strip_prefix(m) {
                    t = r.trim_start();
                }
            }
            if t.len() == before {
                return t;
            }
        }
    }

    #[test]
    fn strip_markers_agrees_with_its_reference() {
        let pieces = [
            " ", "\t", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{3000}", "\u{1c}", ">", "|", "-", "*", "+", "1", "12", "1234", ".", ")", "[",
            "]", "x", "X", "[ ]", "[x]", "a", "é", "中", "**", "_",
        ];
        for s in crate::test_input::piece_strings(&pieces, 9, 11, 200_000, 0x2545_f491_4f6c_dd1d) {
            assert_eq!(strip_markers(&s), strip_markers_reference(&s), "{s:?}");
        }
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("{c}- [x] a");
            assert_eq!(strip_markers(&s), strip_markers_reference(&s), "{s:?}");
        }
    }
}
