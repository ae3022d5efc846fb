//! One pass over the document's lines that finds every placeholder-shaped token the template's
//! vocabulary knows, plus generic markers. Rules read the result; none of them rescans.
//!
//! Context decides what counts: nothing inside links, reference definitions, footnotes or
//! HTML comments; template tokens inside code only when the template taught them (they are
//! checked against the vocabulary anyway); generic markers never inside code.

use crate::doc::{in_ranges, Doc, RangeCursor};
use crate::template::Vocab;
use crate::text::{field_split, norm_line, strip_markers, UNLISTED};
use crate::tokens::{
    choice_options, find_markers, line_triggers, norm_inner, tokens_on_line, Marker, Shape, MAY_HOLD_MARKERS, MAY_HOLD_TOKENS,
};
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Tokens from the template's vocabulary left in the document (`[Name]`, `<slot>`, …).
    pub placeholders: Vec<Range<usize>>,
    /// Choice lists left unresolved (`[Draft | Review]`, `Client → Server / Server → Client`).
    pub choices: Vec<Range<usize>>,
    /// `[NEEDS CLARIFICATION: …]` and learned marker prefixes.
    pub clarifications: Vec<Range<usize>>,
    /// `TODO`, `TBD`, `FIXME`, `XXX`, `???`, "Lorem ipsum".
    pub markers: Vec<(Marker, Range<usize>)>,
    /// Fill-in fields left with a label and no value (`- **Method**:`).
    pub empty_fields: Vec<Range<usize>>,
    /// Per line: hash of its normalized text with placeholder-shaped tokens removed
    /// ([`crate::text::line_hash`]), 0 for a line with no words, and
    /// [`crate::text::UNLISTED`] for a line that can be no guidance or structure line of the
    /// template ([`Vocab::line_key`]), as is every line a heading starts on (no reader looks
    /// at those). Computed once here, read by the rules and by status instead of
    /// re-normalizing every line; only "0" and membership in `vocab.guidance` /
    /// `vocab.structure` are meaningful.
    pub line_hash: Vec<u64>,
    /// Per line: whether it holds any placeholder-shaped token (then `line_hash` differs from
    /// the hash of the plain line).
    pub line_has_tokens: Vec<bool>,
    /// Per line: whether a heading starts on it.
    pub heading_line: Vec<bool>,
}

pub fn scan(doc: &Doc, vocab: &Vocab) -> Scan {
    let text = doc.text;
    let mut out =
        Scan { line_hash: vec![0; doc.lines.line_count()], line_has_tokens: vec![false; doc.lines.line_count()], ..Default::default() };
    out.heading_line = vec![false; doc.lines.line_count()];
    for h in &doc.headings {
        out.heading_line[doc.lines.line_of(h.range.start)] = true;
    }
    let code: Vec<Range<usize>> = doc.code_blocks.iter().map(|c| c.content.clone()).collect();
    // Lines, tokens and markers are each visited in document order: one cursor per range list
    // and per kind of position, so each sees increasing positions.
    let mut code_at_line = RangeCursor::new(&code);
    let (mut tok_comments, mut tok_links, mut tok_inline) =
        (RangeCursor::new(&doc.comments), RangeCursor::new(&doc.links), RangeCursor::new(&doc.inline_code));
    let (mut mark_comments, mut mark_links, mut mark_inline, mut mark_html) =
        (RangeCursor::new(&doc.comments), RangeCursor::new(&doc.links), RangeCursor::new(&doc.inline_code), RangeCursor::new(&doc.html));
    let mut toks = Vec::new();
    let mut marks = Vec::new();
    let mut last_bracket: Option<(&str, Bracket)> = None;
    for line in 0..doc.lines.line_count() {
        let (s, e) = doc.lines.line_range(text, line);
        if s == e || doc.front_matter.as_ref().is_some_and(|f| f.contains(&s)) {
            continue;
        }
        toks.clear();
        let triggers = line_triggers(&text.as_bytes()[s..e]);
        if triggers & MAY_HOLD_TOKENS != 0 {
            tokens_on_line(text, s, e, &mut toks);
        }
        // A heading's line is never read as a guidance or structure line (the rules and status
        // skip heading lines), so it is not keyed.
        out.line_hash[line] = if out.heading_line[line] { UNLISTED } else { vocab.line_key(text, s, e, &toks) };
        out.line_has_tokens[line] = !toks.is_empty();
        let in_code = code_at_line.contains(s);
        for t in &toks {
            let p = t.range.start;
            if tok_comments.contains(p) || (tok_links.contains(p) && t.shape == Shape::Bracket) {
                continue;
            }
            let inner = &text[t.inner.clone()];
            let inline_code = tok_inline.contains(p);
            match t.shape {
                Shape::Bracket => {
                    // The same bracket again (a placeholder repeated down a table or along a
                    // line) is looked up in the vocabulary once.
                    let kind = match last_bracket {
                        Some((seen, kind)) if seen == inner => kind,
                        _ => {
                            let kind = bracket_kind(vocab, inner);
                            last_bracket = Some((inner, kind));
                            kind
                        }
                    };
                    let code = in_code || inline_code;
                    match kind {
                        Bracket::Choice => out.choices.push(t.range.clone()),
                        Bracket::Placeholder { in_code_too } if !code || in_code_too => out.placeholders.push(t.range.clone()),
                        Bracket::Clarification if !code => out.clarifications.push(t.range.clone()),
                        Bracket::ChoiceLike if !code => out.choices.push(t.range.clone()),
                        _ => {}
                    }
                }
                Shape::Angle if !in_code && vocab.angles.contains(&norm_inner(inner)) => out.placeholders.push(t.range.clone()),
                Shape::Mustache if vocab.mustaches.contains(&norm_inner(inner)) => out.placeholders.push(t.range.clone()),
                Shape::Variable if !in_code && vocab.variables.contains(inner) => out.placeholders.push(t.range.clone()),
                Shape::DatePattern if !in_code && vocab.dates.contains(inner) => out.placeholders.push(t.range.clone()),
                _ => {}
            }
        }
        if !in_code && !vocab.fill_labels.is_empty() {
            if let Some(r) = empty_field(doc, vocab, line, s, e) {
                out.empty_fields.push(r);
            }
        }
        if !in_code && triggers & MAY_HOLD_MARKERS != 0 {
            marks.clear();
            find_markers(text, s, e, &mut marks);
            for (m, r) in marks.drain(..) {
                let p = r.start;
                if mark_inline.contains(p) || mark_comments.contains(p) || mark_links.contains(p) || mark_html.contains(p) {
                    continue;
                }
                out.markers.push((m, r));
            }
        }
    }
    for choice in &vocab.bare_choices {
        // Leftmost non-overlapping matches, as repeated `str::find` gives them; a match of a
        // whole string starts on a character boundary.
        match_starts(text, choice, |s| {
            if !in_ranges(&code, s) && !in_ranges(&doc.comments, s) && !in_ranges(&doc.inline_code, s) {
                out.choices.push(s..s + choice.len());
            }
        });
    }
    crate::doc::sort_ranges(&mut out.choices);
    out
}

/// What the template's vocabulary makes of a bracket (`[Name]`, `[Draft | Review]`), before
/// the context (code or not) decides whether it is reported.
#[derive(Debug, Clone, Copy)]
enum Bracket {
    /// A choice list the template ships: reported anywhere.
    Choice,
    /// A placeholder the template teaches: reported outside code, and inside it when the
    /// template used it in code too.
    Placeholder { in_code_too: bool },
    /// A marker prefix the template teaches (`[NEEDS CLARIFICATION: …]`): outside code.
    Clarification,
    /// A choice list with the options of one the template ships: outside code.
    ChoiceLike,
    /// Anything else: an ordinary bracket.
    Other,
}

fn bracket_kind(vocab: &Vocab, inner: &str) -> Bracket {
    let norm = norm_inner(inner);
    if vocab.choices.contains(&norm) {
        Bracket::Choice
    } else if vocab.marker_prefix(&norm) {
        Bracket::Clarification
    } else if vocab.knows_bracket(&norm) {
        Bracket::Placeholder { in_code_too: vocab.code_brackets.contains(&norm) }
    } else if choice_options(inner, false).is_some() && vocab_has_choice_like(vocab, &norm) {
        Bracket::ChoiceLike
    } else {
        Bracket::Other
    }
}

/// The starts of the leftmost non-overlapping matches of `needle` in `text`, as
/// `str::match_indices` gives them, found from the occurrences of one of its bytes (its first
/// byte that is no ASCII letter, digit or space: a template's bare choice always holds " / ",
/// and `/` is rare in prose): memchr finds those several times faster than a substring search
/// reads the text.
fn match_starts(text: &str, needle: &str, mut found: impl FnMut(usize)) {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    let anchor = n.iter().position(|b| !b.is_ascii_alphanumeric() && *b != b' ').unwrap_or(0);
    let Some(&byte) = n.get(anchor) else { return };
    // `from`: where the next match may start; the anchor byte of a match there is at `from + anchor`.
    let mut from = 0;
    while let Some(i) = t.get(from + anchor..).and_then(|rest| memchr::memchr(byte, rest)) {
        let s = from + i;
        if t[s..].starts_with(n) {
            found(s);
            from = s + n.len();
        } else {
            from = s + 1;
        }
    }
}

/// `- **Method**:` with nothing after it and nothing nested under it, for a label the template
/// asks to fill.
fn empty_field(doc: &Doc, vocab: &Vocab, line: usize, s: usize, e: usize) -> Option<Range<usize>> {
    let text = doc.text;
    // A field with no value ends with its colon, its label's closing `**`/`__` or the
    // parenthetical after the label (see `field_split`): any other line is none.
    if !text[s..e].trim_end().ends_with([':', '：', '*', '_', ')', '）']) {
        return None;
    }
    let body = strip_markers(&text[s..e]).trim_end();
    let (label, value) = field_split(body)?;
    if !value.trim().is_empty() || !vocab.fill_labels.contains(&norm_line(label)) {
        return None;
    }
    // A value may follow as a block: indented lines, a list, a table or a code block.
    let next = (line + 1..doc.lines.line_count().min(line + 3))
        .map(|l| doc.lines.line_range(text, l))
        .map(|(ns, ne)| &text[ns..ne])
        .find(|t| !t.trim().is_empty());
    if let Some(next) = next {
        let t = next.trim_start();
        let own_indent = text[s..e].len() - text[s..e].trim_start().len();
        let indent = next.len() - t.len();
        let is_item = text[s..e].trim_start().starts_with(['-', '*', '+']);
        let block =
            t.starts_with(['|', '>']) || t.starts_with("```") || t.starts_with("~~~") || (!is_item && t.starts_with(['-', '*', '+']));
        if indent > own_indent || block {
            return None;
        }
    }
    let start = s + (text[s..e].len() - text[s..e].trim_start().len());
    Some(start..e)
}

/// A bracketed choice list the template did not ship verbatim still counts when its options
/// are those of one the template ships (e.g. reordered or one option dropped).
fn vocab_has_choice_like(vocab: &Vocab, norm: &str) -> bool {
    let opts: Vec<&str> = norm.split('|').map(str::trim).collect();
    vocab.choices.iter().any(|c| {
        let theirs: Vec<&str> = c.split('|').map(str::trim).collect();
        opts.iter().all(|o| theirs.contains(o))
    })
}

#[cfg(test)]
mod tests {
    use crate::text::{field_split, strip_markers};

    #[test]
    fn match_starts_agrees_with_match_indices() {
        let pieces = ["a", "b", "/", " / ", " ", "é", "→", "ab", "a / b", "a / a"];
        let needles = ["a / b", "a / a / a", "b / a", "é / a", "a → b / b → a", "ab", "/", " / "];
        let mut found = 0;
        for s in crate::test_input::piece_strings(&pieces, 12, 13, 50_000, 0x2f6b_1d3c_8a45_e907) {
            for n in needles {
                let mut fast = Vec::new();
                super::match_starts(&s, n, |i| fast.push(i));
                let reference: Vec<usize> = s.match_indices(n).map(|(i, _)| i).collect();
                assert_eq!(fast, reference, "{s:?} {n:?}");
                found += usize::from(reference.len() > 1);
            }
        }
        // The generator does produce strings with several (and overlapping) matches.
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn a_field_without_value_ends_as_empty_field_expects() {
        let pieces = ["**", "__", "*", "_", ":", "：", "(", ")", "（", "）", " ", "\t", "- ", "1. ", "> ", "a", "é", "x y"];
        for s in crate::test_input::piece_strings(&pieces, 8, 9, 200_000, 0x5851_f42d_4c95_7f2d) {
            let empty = field_split(strip_markers(&s).trim_end()).is_some_and(|(_, v)| v.trim().is_empty());
            assert!(!empty || s.trim_end().ends_with([':', '：', '*', '_', ')', '）']), "{s:?}");
        }
    }
}
