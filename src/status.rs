//! Section status and score.
//!
//! Each document line is *content* (the author's words), *furniture* (template material:
//! placeholders, guidance, labels, skeleton rows, code skeletons) or nothing (blank lines,
//! headings, fences). A section's status follows from the lines it owns and its gap findings:
//!
//! | status | when |
//! |---|---|
//! | `complete` | content in the section (sub-sections included), no gap finding in its own text |
//! | `incomplete` | content, but gap findings remain in its own text or heading |
//! | `placeholder` | no content, only template material |
//! | `empty` | nothing at all |
//! | `missing` | no heading matched |
//!
//! The title section is judged on its own text and heading only: it exists when the title does.
//! A section whose own text opens with "N/A — reason" (or "Not applicable", "None.") is an
//! answer, and its missing sub-sections are not required. Ticked items of the template's
//! checklist are the author's sign-off: content.
//!
//! **Score.** A section that asks for something (own text or a placeholder heading in the
//! template, or no sub-sections) is worth 20 points; containers are worth 0 and score through
//! their sub-sections, as do sections holding only fixed statements the template mandates;
//! absent optional sections are worth 0. Complete earns all 20, incomplete 10–18 depending on
//! how much of the section's template work is left, placeholder or empty 1 (the section is
//! there), missing 0. Score = round(100 × earned / possible), so an untouched template scores
//! 5. Filling a placeholder only ever removes a gap or adds content, and inserting a missing
//! section adds one, so neither lowers the score.

use crate::align::{Alignment, MatchKind};
use crate::doc::{Doc, RangeCursor};
use crate::report::Status;
use crate::scan::Scan;
use crate::template::{is_thematic_break, Template, Vocab};
use crate::text::UNLISTED;
use std::ops::Range;

/// Points a section that asks for something is worth.
pub const SECTION_POINTS: u32 = 20;
/// Points for a section that is there but not written (placeholder or empty): having the
/// section at all is a start, and inserting a missing section's skeleton shows in the score.
pub const PRESENT_POINTS: u32 = 1;

#[derive(Debug, Clone)]
pub struct SectionState {
    pub status: Status,
    /// Index of the matched document heading.
    pub heading: Option<usize>,
    /// Byte range of the section in the document.
    pub range: Option<Range<usize>>,
    /// For a missing section: where it belongs.
    pub insert_at: Option<usize>,
    pub points: u32,
    pub max_points: u32,
    /// Gap findings in the section's own text and heading.
    pub own_gaps: usize,
    /// A missing section that need not be there because an ancestor answers "N/A — reason".
    pub answered_by_parent: bool,
}

/// Template section owning each line: the owner of the heading above it.
pub fn line_owners(doc: &Doc, align: &Alignment) -> Vec<Option<usize>> {
    let mut out = vec![None; doc.lines.line_count()];
    for (i, h) in doc.headings.iter().enumerate() {
        let start = doc.lines.line_of(h.range.start);
        let end = doc.headings.get(i + 1).map_or(out.len(), |n| doc.lines.line_of(n.range.start));
        for o in &mut out[start..end.max(start)] {
            *o = align.owner[i];
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Tally {
    content: bool,
    furniture: bool,
    gaps: usize,
    /// The section's own text opens with "N/A — …" / "Not applicable" / "None".
    not_applicable: bool,
}

/// Does this content line say the section does not apply?
fn says_not_applicable(line: &str) -> bool {
    let t = crate::text::strip_markers(line).trim_start_matches(['*', '_', '~']).trim_start();
    // The same as lowercasing `t` first, without the copy: the phrases are ASCII letters and
    // punctuation plus "—", and no other character lowercases to one of their characters
    // followed by the rest of a phrase (the Kelvin sign becomes "k", in no phrase; "İ" becomes
    // "i" and a combining dot, which no phrase has).
    let starts_with = |p: &str| t.as_bytes().get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()));
    NOT_APPLICABLE.iter().any(|p| starts_with(p)) || t.eq_ignore_ascii_case("none")
}

/// Openings of a section's own text that answer "this does not apply" (lowercase).
const NOT_APPLICABLE: [&str; 11] =
    ["n/a", "na —", "na -", "not applicable", "does not apply", "none.", "none —", "none -", "none:", "none,", "not needed"];

pub fn compute(
    doc: &Doc,
    t: &Template,
    align: &Alignment,
    scan: &Scan,
    line_owner: &[Option<usize>],
    gaps: &[Range<usize>],
) -> Vec<SectionState> {
    let text = doc.text;
    let n = t.sections.len();
    let mut own = vec![Tally::default(); n];
    let mut span = vec![Tally::default(); n];

    // Gap ranges clipped to lines: (line, start, end).
    let mut clipped: Vec<(usize, usize, usize)> = Vec::with_capacity(gaps.len());
    for g in gaps {
        let first = doc.lines.line_of(g.start);
        let last = doc.lines.line_of(g.end.saturating_sub(1).max(g.start));
        for line in first..=last {
            let (s, e) = doc.lines.line_range(text, line);
            clipped.push((line, g.start.max(s), g.end.min(e).max(g.start.max(s))));
        }
        if let Some(o) = line_owner.get(first).copied().flatten() {
            own[o].gaps += 1;
        }
    }
    crate::sort::sort(&mut clipped);
    let code_content: Vec<Range<usize>> = doc.code_blocks.iter().map(|c| c.content.clone()).collect();
    let code_whole: Vec<Range<usize>> = doc.code_blocks.iter().map(|c| c.range.clone()).collect();
    let (mut in_code, mut in_block, mut in_content) =
        (RangeCursor::new(&code_content), RangeCursor::new(&code_whole), RangeCursor::new(&code_content));
    // Lines of ticked task items: a ticked box of the template's checklist is the author's
    // sign-off, which is content even though its words are the template's.
    let mut ticked: Vec<usize> = doc.tasks.iter().filter(|t| t.checked).map(|t| doc.lines.line_of(t.line.start)).collect();
    crate::sort::sort(&mut ticked);
    let mut ci = 0;
    // Comments are disjoint and sorted: the first one ending after the line's start, found
    // by walking forward as the lines go.
    let mut first_comment = 0;
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for line in 0..doc.lines.line_count() {
        cut.clear();
        while ci < clipped.len() && clipped[ci].0 < line {
            ci += 1;
        }
        while ci < clipped.len() && clipped[ci].0 == line {
            cut.push((clipped[ci].1, clipped[ci].2));
            ci += 1;
        }
        let Some(owner) = line_owner[line] else { continue };
        let (s, e) = doc.lines.line_range(text, line);
        while doc.comments.get(first_comment).is_some_and(|c| c.end <= s) {
            first_comment += 1;
        }
        let comments = doc.comments[first_comment..].iter().take_while(|c| c.start < e);
        // A line with no words, no token, no gap and no comment changes no tally.
        if cut.is_empty() && scan.line_hash[line] == 0 && !scan.line_has_tokens[line] && comments.clone().next().is_none() {
            continue;
        }
        let raw = &text[s..e];
        let trimmed = raw.trim();
        if trimmed.is_empty() || scan.heading_line[line] || is_thematic_break(trimmed) {
            continue;
        }
        if doc.front_matter.as_ref().is_some_and(|f| f.contains(&s)) {
            continue;
        }
        if in_block.contains(s) && !in_content.contains(s) {
            continue; // a fence line
        }
        // Author comments are neither content nor template material.
        for c in comments {
            if !cut.iter().any(|&(a, b)| a <= c.start.max(s) && b >= c.end.min(e)) {
                cut.push((c.start.max(s), c.end.min(e)));
            }
        }
        let had_cut = !cut.is_empty();
        let core = if had_cut || scan.line_has_tokens[line] { residual_hash(&t.vocab, text, s, e, &mut cut) } else { scan.line_hash[line] };
        let tally = &mut own[owner];
        if core == 0 {
            tally.furniture |= had_cut;
        } else if core != UNLISTED && t.vocab.structure.contains(&core) && ticked.binary_search(&line).is_err() {
            tally.furniture = true;
        } else {
            if !tally.content && !in_code.contains(s) {
                tally.not_applicable = says_not_applicable(raw);
            }
            tally.content = true;
        }
    }
    // Spans: a section's own tally plus its sub-sections'.
    for i in (0..n).rev() {
        span[i].content |= own[i].content;
        span[i].furniture |= own[i].furniture;
        span[i].gaps += own[i].gaps;
        if let Some(p) = t.sections[i].parent {
            let c = span[i];
            span[p].content |= c.content;
            span[p].furniture |= c.furniture;
            span[p].gaps += c.gaps;
        }
    }

    let mut states: Vec<SectionState> = (0..n)
        .map(|i| {
            let s = &t.sections[i];
            let Some(m) = align.matches[i] else {
                return SectionState {
                    status: Status::Missing,
                    heading: None,
                    range: None,
                    insert_at: None,
                    points: 0,
                    max_points: 0,
                    own_gaps: 0,
                    answered_by_parent: false,
                };
            };
            let (o, sp) = (own[i], span[i]);
            let status = if s.is_title {
                if o.content {
                    if o.gaps > 0 {
                        Status::Incomplete
                    } else {
                        Status::Complete
                    }
                } else if o.gaps > 0 || o.furniture {
                    Status::Placeholder
                } else {
                    Status::Complete
                }
            } else if sp.content {
                if o.gaps > 0 {
                    Status::Incomplete
                } else {
                    Status::Complete
                }
            } else if sp.gaps > 0 || sp.furniture {
                Status::Placeholder
            } else {
                Status::Empty
            };
            let range = section_range(doc, t, align, i, m.heading);
            SectionState {
                status,
                heading: Some(m.heading),
                range: Some(range),
                insert_at: None,
                points: 0,
                max_points: 0,
                own_gaps: o.gaps,
                answered_by_parent: false,
            }
        })
        .collect();
    for i in 0..n {
        if states[i].status == Status::Missing {
            let mut p = t.sections[i].parent;
            while let Some(pi) = p {
                if states[pi].status == Status::Complete && own[pi].not_applicable {
                    states[i].answered_by_parent = true;
                    break;
                }
                p = t.sections[pi].parent;
            }
        }
    }

    for i in 0..n {
        let s = &t.sections[i];
        let st = &mut states[i];
        let excused = st.status == Status::Missing && (s.optional || st.answered_by_parent);
        st.max_points = if !s.fillable || excused { 0 } else { SECTION_POINTS };
        st.points = match st.status {
            Status::Complete => st.max_points,
            Status::Incomplete => {
                let left = (st.own_gaps as f64 / s.placeholder_count.max(1) as f64).min(1.0);
                ((st.max_points as f64 * (0.9 - 0.4 * left)).floor() as u32).max(PRESENT_POINTS + 1).min(st.max_points)
            }
            Status::Placeholder | Status::Empty => PRESENT_POINTS.min(st.max_points),
            Status::Missing => 0,
        };
    }
    if states.iter().any(|s| s.status == Status::Missing) {
        insert_points(doc, t, align, &mut states);
    }
    states
}

/// Key ([`Vocab::line_key`]) of the line's normalized text with the cut ranges removed (0 when
/// nothing is left).
fn residual_hash(vocab: &Vocab, text: &str, s: usize, e: usize, cut: &mut [(usize, usize)]) -> u64 {
    if cut.is_empty() {
        return vocab.line_key(text, s, e, &[]);
    }
    crate::sort::sort(cut);
    let mut kept = String::with_capacity(e - s);
    let mut pos = s;
    for &(a, b) in cut.iter() {
        if a > pos {
            kept.push_str(&text[pos..a]);
            kept.push(' ');
        }
        pos = pos.max(b);
    }
    if pos < e {
        kept.push_str(&text[pos..e]);
    }
    vocab.parts_key(&[crate::text::strip_markers(&kept)])
}

/// From the section's heading to the first later heading that belongs elsewhere.
fn section_range(doc: &Doc, t: &Template, align: &Alignment, i: usize, h: usize) -> Range<usize> {
    let start = doc.headings[h].range.start;
    let mut end = doc.text.len();
    for d in h + 1..doc.headings.len() {
        let inside = align.owner[d].is_some_and(|o| o == i || t.is_ancestor(i, o));
        if !inside {
            end = doc.headings[d].range.start;
            break;
        }
    }
    start..end
}

/// Where each missing section belongs: before the next present section in its parent's subtree
/// (its own sub-sections included), else at the end of its nearest present ancestor, else after
/// the last present section before it, else at the end of the document. One backward pass finds,
/// for every section, where its subtree ends and the first section from it on that is present
/// in order; one forward pass then places the missing ones: linear in the number of sections.
fn insert_points(doc: &Doc, t: &Template, align: &Alignment, states: &mut [SectionState]) {
    let n = t.sections.len();
    let in_order = |j: usize| align.matches[j].filter(|m| m.kind != MatchKind::OutOfOrder);
    // (end of the subtree: the first later section at the same or a higher level, as
    // `Template::descendants` has it; first section at or after this one present in order, or
    // `n`).
    let mut after: Vec<(usize, usize)> = vec![(n, n); n];
    let mut next_present = n;
    for i in (0..n).rev() {
        let level = t.sections[i].level;
        let mut j = i + 1;
        while j < n && t.sections[j].level > level {
            j = after[j].0;
        }
        if in_order(i).is_some() {
            next_present = i;
        }
        after[i] = (j, next_present);
    }
    // The end of the last present section before `i`.
    let mut last_end = None;
    for i in 0..n {
        if states[i].status == Status::Missing {
            let scope_end = t.sections[i].parent.map_or(n, |p| after[p].0);
            // The next present section after this one in its parent's subtree — one of its own
            // sub-sections included: a missing parent goes above its present child.
            let next = after.get(i + 1).map_or(n, |a| a.1);
            let at = (next < scope_end)
                .then(|| in_order(next).map(|m| doc.headings[m.heading].range.start))
                .flatten()
                .or_else(|| {
                    std::iter::successors(t.sections[i].parent, |&p| t.sections[p].parent)
                        .find_map(|p| states[p].range.as_ref().map(|r| r.end))
                })
                .or(last_end)
                .unwrap_or(doc.text.len());
            states[i].insert_at = Some(at);
        }
        if let Some(r) = &states[i].range {
            last_end = Some(r.end);
        }
    }
}

/// Completeness 0–100 from section points.
pub fn score(states: &[SectionState]) -> u32 {
    let possible: u32 = states.iter().map(|s| s.max_points).sum();
    let earned: u32 = states.iter().map(|s| s.points).sum();
    if possible == 0 {
        return 100;
    }
    ((earned as f64 * 100.0 / possible as f64).round() as u32).min(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain statement of where a missing section goes, section by section.
    fn reference_insert_at(doc: &Doc, t: &Template, align: &Alignment, states: &[SectionState], i: usize) -> usize {
        let in_order = |j: usize| align.matches[j].filter(|m| m.kind != MatchKind::OutOfOrder);
        let scope_end = match t.sections[i].parent {
            Some(p) => t.descendants(p).end,
            None => t.sections.len(),
        };
        if let Some(m) = (i + 1..scope_end).find_map(in_order) {
            return doc.headings[m.heading].range.start;
        }
        let mut p = t.sections[i].parent;
        while let Some(pi) = p {
            if let Some(r) = &states[pi].range {
                return r.end;
            }
            p = t.sections[pi].parent;
        }
        (0..i).rev().find_map(|j| states[j].range.as_ref().map(|r| r.end)).unwrap_or(doc.text.len())
    }

    #[test]
    fn not_applicable_matches_lowercasing_first() {
        let reference = |line: &str| {
            let t = crate::text::strip_markers(line).trim_start_matches(['*', '_', '~']).trim_start().to_lowercase();
            NOT_APPLICABLE.iter().any(|p| t.starts_with(p)) || t == "none"
        };
        let pieces = [
            "N",
            "n",
            "A",
            "/",
            "a",
            " ",
            "—",
            "-",
            "Not ",
            "APPLICABLE",
            "one",
            "ONE",
            ".",
            ":",
            ",",
            "**",
            "_",
            "İ",
            "Σ",
            "ẞ",
            "\u{212a}",
            "needed",
            "CABLE",
            "pl",
            "e",
            "—",
        ];
        let mut hits = 0;
        for s in crate::test_input::piece_strings(&pieces, 8, 9, 200_000, 0x2545_f491_4f6c_dd1d) {
            let want = reference(&s);
            hits += usize::from(want);
            assert_eq!(says_not_applicable(&s), want, "{s:?}");
        }
        assert!(hits > 100, "{hits} answers among the inputs");
        assert!(
            says_not_applicable("N/A — no users yet")
                && says_not_applicable("**None.**")
                && says_not_applicable("none")
                && !says_not_applicable("Nonetheless")
        );
    }

    #[test]
    fn insert_points_match_the_reference() {
        let template = "# Spec\n\n## Goals\n[Goal]\n\n### Non-goals\n\n#### Later\n\n## Design\n### API\n[Endpoints]\n### Data\n\n## Risks *(optional)*\n[Risk]\n\n# Appendix\n## Glossary\n";
        let t = Template::compile(template).unwrap();
        let pieces = [
            "# Spec\n",
            "## Goals\n",
            "### Non-goals\n",
            "#### Later\n",
            "## Design\n",
            "### API\n",
            "### Data\n",
            "## Risks\n",
            "# Appendix\n",
            "## Glossary\n",
            "text\n",
            "N/A — not needed\n",
            "## Other\n",
            "\n",
        ];
        let mut missing = 0;
        for text in crate::test_input::piece_strings(&pieces, 12, 11, 20_000, 0x9e37_79b9_7f4a_7c15) {
            let doc = Doc::parse(&text);
            let align = crate::align::align(&t, &doc);
            let scan = crate::scan::scan(&doc, &t.vocab);
            let owners = line_owners(&doc, &align);
            let states = compute(&doc, &t, &align, &scan, &owners, &[]);
            for i in 0..t.sections.len() {
                if states[i].status == Status::Missing {
                    missing += 1;
                    assert_eq!(states[i].insert_at, Some(reference_insert_at(&doc, &t, &align, &states, i)), "section {i} in {text:?}");
                } else {
                    assert_eq!(states[i].insert_at, None);
                }
            }
        }
        assert!(missing > 10_000);
    }
}
