//! The placeholder vocabulary a template teaches: its bracket tokens, choice lists, slots,
//! guidance comments and prompt text, checklists, and the structural lines (labels, table
//! headers, code skeletons) that are template furniture rather than an author's content.

use super::{directive_body, is_thematic_break, TemplateSection};
use crate::doc::{in_ranges, Doc};
use crate::hash::{Map, Set};
use crate::text::{
    field_split, hash_norm, hash_norm_first, hash_norm_prefix, line_core, line_hash_keyed, norm_hash_keyed, norm_line, strip_markers,
    tokens, LineKeys,
};
use crate::tokens::{choice_options, find_on_line, norm_inner, Shape, Token};
use std::ops::Range;

/// How a template line behaves when an author leaves it in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Labels, table headers, code skeletons, fill-in lines minus their placeholders: furniture.
    Structure,
    /// Instructions for the author (prompts, italic notes, guideline prose): must go.
    Guidance,
}

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Normalized inner text of `[…]` tokens.
    pub brackets: Set<String>,
    /// Those of `brackets` that the template also uses inside code (blocks or inline): only
    /// these count inside the document's code, where brackets are usually program syntax.
    pub code_brackets: Set<String>,
    /// Normalized inner text of bracketed choice lists `[A | B]`.
    pub choices: Set<String>,
    /// Unbracketed choice lists as written (`Client → Server / Server → Client`).
    pub bare_choices: Vec<String>,
    pub angles: Set<String>,
    pub mustaches: Set<String>,
    pub variables: Set<String>,
    pub dates: Set<String>,
    /// Marker prefixes such as `needs clarification` (from `[NEEDS CLARIFICATION: …]`).
    pub marker_prefixes: Vec<String>,
    /// Token lists of the template's guidance comments.
    pub comments: Vec<Vec<String>>,
    /// Hashes ([`norm_hash`](crate::text::norm_hash)) of normalized guidance lines → the section they belong to.
    pub guidance: Map<u64, usize>,
    /// Guidance lines per section, for near-verbatim comparison.
    pub guidance_by_section: Vec<Vec<String>>,
    /// Normalized content of shipped code blocks that hold no placeholder (examples, pseudo-code).
    pub guidance_code: Vec<String>,
    /// Hashes of normalized structural lines.
    pub structure: Set<u64>,
    /// Pre-filter keys ([`hash_norm_prefix`], sorted) of every line in `guidance` and
    /// `structure`: a document line whose first words give none of them is neither, and
    /// [`Vocab::line_key`] skips hashing the rest of it.
    pub line_keys: LineKeys,
    /// `line_keys` while learning.
    pending_keys: Vec<(u64, u64)>,
    /// Normalized text of unticked checklist items the template ships to be ticked.
    pub checklist: Set<String>,
    /// Labels of fill-in fields (`**Method**` from `- **Method**: [Auth method]`): such a label
    /// left with no value is an unfilled placeholder too.
    pub fill_labels: Set<String>,
    /// Per section: its own text is nothing but fixed statements (no placeholder, guidance,
    /// structure, code, table, checklist or comment).
    pub fixed_only: Vec<bool>,
}

impl Vocab {
    /// Is this bracket inner text (normalized) a placeholder the template taught?
    pub fn knows_bracket(&self, inner: &str) -> bool {
        self.brackets.contains(inner)
    }

    /// The learned marker prefix a bracket's inner text starts with (`needs clarification: …`).
    pub fn marker_prefix(&self, inner: &str) -> bool {
        self.marker_prefixes.iter().any(|p| inner.len() > p.len() + 1 && inner.starts_with(p.as_str()) && inner[p.len()..].starts_with(':'))
    }

    /// [`crate::text::line_hash`] of a document line, except that a line which can be no guidance or
    /// structure line (its first words begin none of them) gets [`crate::text::UNLISTED`]
    /// without being hashed in full. 0 still means "no words"; membership in `guidance` and
    /// `structure` is exactly that of the full hash.
    pub fn line_key(&self, text: &str, s: usize, e: usize, remove: &[Token]) -> u64 {
        line_hash_keyed(text, s, e, remove, Some(&self.line_keys))
    }

    /// [`crate::text::norm_hash`] of `parts` with the same pre-filter as [`Vocab::line_key`].
    pub fn parts_key(&self, parts: &[&str]) -> u64 {
        norm_hash_keyed(parts, Some(&self.line_keys))
    }

    /// Records a structure line (normalized).
    fn add_structure(&mut self, norm: &str) {
        self.structure.insert(hash_norm(norm));
        if !norm.is_empty() {
            self.pending_keys.push((hash_norm_prefix(norm), hash_norm_first(norm)));
        }
    }

    /// Records a guidance line (normalized) of a section; the first section to teach a line
    /// keeps it.
    fn add_guidance(&mut self, norm: &str, section: usize) {
        self.guidance.entry(hash_norm(norm)).or_insert(section);
        if !norm.is_empty() {
            self.pending_keys.push((hash_norm_prefix(norm), hash_norm_first(norm)));
        }
    }

    pub(super) fn learn(doc: &Doc, sections: &mut [TemplateSection]) -> Vocab {
        let text = doc.text;
        let mut v = Vocab { guidance_by_section: vec![Vec::new(); sections.len()], ..Default::default() };
        // Lines per section that are fixed statements / anything else.
        let mut fixed = vec![0usize; sections.len()];
        let mut other = vec![0usize; sections.len()];
        v.marker_prefixes.push("needs clarification".into());

        for c in &doc.comments {
            let body = doc.slice(c);
            if directive_body(body).is_some() {
                continue;
            }
            let toks = tokens(body);
            if !toks.is_empty() {
                v.comments.push(toks);
            }
        }

        let heading_lines: Set<usize> = doc.headings.iter().map(|h| doc.lines.line_of(h.range.start)).collect();
        // Code blocks that carry no placeholder are shipped examples/pseudo-code: guidance.
        for cb in &doc.code_blocks {
            let mut toks = Vec::new();
            each_line(doc, cb.content.clone(), |s, e| find_on_line(text, s, e, &mut toks));
            let has = toks.iter().any(|t| t.shape == Shape::Bracket && !is_marker_inner(&text[t.inner.clone()]));
            if !has && !in_ranges(&doc.comments, cb.range.start) {
                let content = norm_line(doc.slice(&cb.content));
                if !content.is_empty() {
                    v.guidance_code.push(content);
                }
            }
        }

        let mut section_of_line = vec![usize::MAX; doc.lines.line_count()];
        for (i, h) in doc.headings.iter().enumerate() {
            let start = doc.lines.line_of(h.range.start);
            let end = doc.headings.get(i + 1).map_or(doc.lines.line_count(), |n| doc.lines.line_of(n.range.start));
            for slot in &mut section_of_line[start..end] {
                *slot = i;
            }
        }

        let last_nonblank = (0..doc.lines.line_count()).rev().find(|&l| {
            let (s, e) = doc.lines.line_range(text, l);
            !text[s..e].trim().is_empty()
        });
        let last_nonblank = last_nonblank.unwrap_or(0);
        // Labels the template also uses bare ("**Response**:" above a code block) introduce
        // blocks; they are not fill-in fields.
        let mut bare_labels: Set<String> = Set::default();
        let mut toks = Vec::new();
        for line in 0..doc.lines.line_count() {
            let (s, e) = doc.lines.line_range(text, line);
            let raw = &text[s..e];
            if raw.trim().is_empty() || is_thematic_break(raw.trim()) {
                continue;
            }
            let section = section_of_line[line];
            if in_ranges(&doc.comments, s) || in_ranges(&doc.comments, e.saturating_sub(1).max(s)) {
                continue;
            }
            if doc.front_matter.as_ref().is_some_and(|f| f.contains(&s)) {
                continue;
            }
            toks.clear();
            find_on_line(text, s, e, &mut toks);
            toks.retain(|t| !in_ranges(&doc.links, t.range.start) || t.shape != Shape::Bracket);
            let in_code = doc.code_blocks.iter().any(|cb| cb.content.contains(&s));
            let is_heading = heading_lines.contains(&line);
            let placeholders = v.learn_tokens(text, &toks, in_code, is_heading);
            for t in toks.iter().filter(|t| t.shape == Shape::Bracket) {
                if in_code || in_ranges(&doc.inline_code, t.range.start) {
                    v.code_brackets.insert(norm_inner(&text[t.inner.clone()]));
                }
            }
            if section != usize::MAX {
                sections[section].placeholder_count += placeholders;
            }
            if is_heading {
                continue;
            }
            if section != usize::MAX {
                other[section] += 1; // provisional; a fixed statement takes it back below
            }
            if in_code {
                let core = line_core(text, s, e, &toks);
                if !core.is_empty() {
                    v.add_structure(&core);
                }
                continue;
            }
            if let Some(task) = doc.tasks.iter().find(|t| t.line.start >= s && t.line.start < e.max(s + 1)) {
                let core = line_core(text, s, e, &[]);
                if !task.checked && !core.is_empty() {
                    v.checklist.insert(core.clone());
                    if section != usize::MAX {
                        sections[section].placeholder_count += 1;
                    }
                }
                v.add_structure(&core);
                continue;
            }
            let in_title = section != usize::MAX && sections[section].is_title;
            let footer = line > 0 && prev_nonblank_is_break(doc, line) && line == last_nonblank;
            let kind = classify(doc, s, e, placeholders, in_title || footer);
            let core = line_core(text, s, e, &toks);
            if core.is_empty() {
                continue;
            }
            // The label alone of a field line is furniture too ("**Direction**:" once its
            // choice is resolved or removed).
            if let Some((label, value)) = field_split(strip_markers(&text[s..e]).trim_end()) {
                let l = norm_line(label);
                if !l.is_empty() {
                    if placeholders > 0 && !value.trim().is_empty() {
                        v.fill_labels.insert(l.clone());
                    } else if value.trim().is_empty() {
                        bare_labels.insert(l.clone());
                    }
                    v.add_structure(&l);
                }
            }
            if kind.is_none() && section != usize::MAX {
                other[section] -= 1;
                fixed[section] += 1;
            }
            match kind {
                Some(LineKind::Guidance) if section != usize::MAX => {
                    v.add_guidance(&core, section);
                    v.guidance_by_section[section].push(core);
                    sections[section].placeholder_count += 1;
                }
                Some(LineKind::Guidance) => {
                    v.add_guidance(&core, 0);
                }
                Some(LineKind::Structure) => v.add_structure(&core),
                None => {}
            }
            // Unbracketed choice lists: a field value or table cell like "draft / approved".
            v.learn_bare_choices(doc, s, e);
        }
        v.fill_labels.retain(|l| !bare_labels.contains(l));
        v.line_keys = LineKeys::new(&v.pending_keys);
        v.pending_keys = Vec::new();
        // Guidance comments count as work to do in their section.
        for c in &doc.comments {
            if directive_body(doc.slice(c)).is_none() {
                let line = doc.lines.line_of(c.start);
                if let Some(&sec) = section_of_line.get(line) {
                    if sec != usize::MAX {
                        sections[sec].placeholder_count += 1;
                        other[sec] += 1;
                    }
                }
            }
        }
        v.fixed_only = (0..sections.len()).map(|i| fixed[i] > 0 && other[i] == 0).collect();
        v
    }

    /// Adds the tokens of one template line to the vocabulary; returns how many placeholders it
    /// holds.
    fn learn_tokens(&mut self, text: &str, toks: &[Token], in_code: bool, is_heading: bool) -> usize {
        let mut n = 0;
        for t in toks {
            let inner = &text[t.inner.clone()];
            match t.shape {
                Shape::Bracket => {
                    let norm = norm_inner(inner);
                    if norm.chars().all(|c| c.is_ascii_digit()) || norm == "x" || norm == "needs clarification" {
                        continue;
                    }
                    if let Some(p) = marker_prefix_of(inner) {
                        if !self.marker_prefixes.contains(&p) {
                            self.marker_prefixes.push(p);
                        }
                    }
                    if choice_options(inner, false).is_some() && !in_code {
                        self.choices.insert(norm);
                    } else {
                        self.brackets.insert(norm);
                    }
                    if !is_marker_inner(inner) {
                        n += 1;
                    }
                }
                Shape::Angle if !in_code => {
                    self.angles.insert(norm_inner(inner));
                    n += 1;
                }
                Shape::Angle => {}
                Shape::Mustache => {
                    self.mustaches.insert(norm_inner(inner));
                    n += 1;
                }
                Shape::Variable => {
                    self.variables.insert(inner.to_string());
                    n += 1;
                }
                Shape::DatePattern if !in_code || is_heading => {
                    self.dates.insert(inner.to_string());
                    n += 1;
                }
                Shape::DatePattern => {}
            }
        }
        n
    }

    fn learn_bare_choices(&mut self, doc: &Doc, s: usize, e: usize) {
        let text = doc.text;
        let mut candidates: Vec<&str> = Vec::new();
        for row in doc.rows.iter().filter(|r| r.range.start >= s && r.range.start < e.max(s + 1) && !r.header) {
            for c in row.cells.iter().skip(1) {
                candidates.push(text[c.clone()].trim());
            }
        }
        let line = &text[s..e];
        if let Some(i) = line.find("**:").map(|i| i + 3).or_else(|| line.find(":**").map(|i| i + 3)) {
            candidates.push(line[i..].trim());
        }
        for c in candidates {
            let has_token = c.contains('[') || c.contains('<');
            if !has_token && c.contains(" / ") && choice_options(c, true).is_some() && !self.bare_choices.iter().any(|b| b == c) {
                self.bare_choices.push(c.to_string());
            }
        }
    }
}

/// `NEEDS CLARIFICATION: …` or the bare `NEEDS CLARIFICATION`: a marker, not a placeholder.
///
/// Both tests compare a lower-cased part of `inner` with "needs clarification", which is all
/// ASCII; the one character besides ASCII whose lower case is all ASCII is the Kelvin sign
/// (`k`), so the word "clarification" can only come from those ASCII letters in a row, in any
/// case. An `inner` without them is ruled out before anything is allocated (this runs for
/// every bracket token of a template).
fn is_marker_inner(inner: &str) -> bool {
    const WORD: &[u8] = b"clarification";
    if !inner.as_bytes().windows(WORD.len()).any(|w| w.eq_ignore_ascii_case(WORD)) {
        return false;
    }
    marker_prefix_of(inner).is_some_and(|p| p == "needs clarification") || norm_inner(inner) == "needs clarification"
}

/// `NEEDS CLARIFICATION` from `NEEDS CLARIFICATION: question`; also CJK prefixes (`要明確化`).
fn marker_prefix_of(inner: &str) -> Option<String> {
    let (head, rest) = inner.split_once([':', '：'])?;
    let head = head.trim();
    if head.is_empty() || head.chars().count() > 30 || rest.trim().is_empty() {
        return None;
    }
    let upper = head.chars().any(|c| c.is_ascii_uppercase()) && !head.chars().any(|c| c.is_lowercase());
    let cjk = head.chars().all(crate::text::is_cjk);
    (upper || cjk).then(|| norm_inner(head))
}

/// Whether the nearest non-blank line above `line` is a thematic break.
fn prev_nonblank_is_break(doc: &Doc, line: usize) -> bool {
    (0..line)
        .rev()
        .map(|l| doc.lines.line_range(doc.text, l))
        .map(|(s, e)| doc.text[s..e].trim())
        .find(|t| !t.is_empty())
        .is_some_and(is_thematic_break)
}

/// Calls `f(start, end)` for every line inside `r`.
fn each_line(doc: &Doc, r: Range<usize>, mut f: impl FnMut(usize, usize)) {
    if r.is_empty() {
        return;
    }
    let first = doc.lines.line_of(r.start);
    let last = doc.lines.line_of(r.end.saturating_sub(1).max(r.start));
    for line in first..=last {
        let (s, e) = doc.lines.line_range(doc.text, line);
        f(s.max(r.start), e.min(r.end).max(s.max(r.start)));
    }
}

const NORMATIVE: &[&str] = &["MUST", "SHALL", "SHOULD", "REQUIRED", "必须", "必須", "しなければ", "해야"];

/// Classifies a template prose line (not code, comment, heading or task item).
fn classify(doc: &Doc, s: usize, e: usize, placeholders: usize, furniture_italic: bool) -> Option<LineKind> {
    let text = doc.text;
    let raw = &text[s..e];
    if placeholders > 0 {
        return Some(LineKind::Structure);
    }
    if doc.rows.iter().any(|r| r.range.start >= s && r.range.start < e.max(s + 1)) {
        return Some(LineKind::Structure);
    }
    if raw.trim_start().starts_with('>') || doc.blockquotes.iter().any(|b| b.start <= s && s < b.end) {
        return Some(LineKind::Guidance);
    }
    let body = strip_markers(raw).trim_end();
    let italic = (body.starts_with('*') && !body.starts_with("**") && body.ends_with('*'))
        || (body.starts_with('_') && !body.starts_with("__") && body.ends_with('_'));
    if italic && body.len() > 2 {
        // A subtitle under the title or a closing footer is furniture; other notes instruct.
        return Some(if furniture_italic { LineKind::Structure } else { LineKind::Guidance });
    }
    // "**Label**: value": a field. Short values and label-only lines are furniture; a sentence
    // after the label is judged like any prose.
    let mut prose = body;
    if let Some((_, value)) = field_split(body) {
        let v = value.trim();
        let cjk = v.chars().filter(|c| crate::text::is_cjk(*c)).count();
        let words = tokens(v).len() - cjk;
        if v.is_empty() || v.ends_with([':', '：']) || (words <= 3 && cjk <= 8) || choice_options(v, true).is_some() {
            return Some(LineKind::Structure);
        }
        prose = v;
    }
    if raw.split(|c: char| !c.is_alphanumeric() && !crate::text::is_cjk(c)).any(|w| NORMATIVE.contains(&w))
        || NORMATIVE.iter().any(|n| !n.is_ascii() && raw.contains(n))
    {
        // Normative statements the template mandates are content, not instructions.
        return None;
    }
    let words = tokens(prose);
    let cjk = prose.chars().filter(|c| crate::text::is_cjk(*c)).count();
    if words.len() >= 3 || cjk >= 4 {
        Some(LineKind::Guidance)
    } else {
        Some(LineKind::Structure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_marker_inner` without its pre-filter.
    fn is_marker_inner_reference(inner: &str) -> bool {
        marker_prefix_of(inner).is_some_and(|p| p == "needs clarification") || norm_inner(inner) == "needs clarification"
    }

    #[test]
    fn the_kelvin_sign_is_the_one_other_character_whose_lower_case_is_ascii() {
        let all_ascii: Vec<char> =
            (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii())).collect();
        assert_eq!(all_ascii, ['\u{212a}']);
    }

    #[test]
    fn is_marker_inner_agrees_with_its_reference() {
        let pieces = [
            "NEEDS",
            "needs",
            "Needs",
            " ",
            "\u{a0}",
            "\u{3000}",
            "\t",
            "CLARIFICATION",
            "clarification",
            "Clarification",
            "CLARIFICATIO",
            "N",
            ":",
            "：",
            " what?",
            "x",
            "\u{212a}",
            "İ",
            "要明確化",
        ];
        let mut markers = 0;
        for s in crate::test_input::piece_strings(&pieces, 7, 9, 200_000, 0x6c8e_9cf5_7093_2d11) {
            let want = is_marker_inner_reference(&s);
            assert_eq!(is_marker_inner(&s), want, "{s:?}");
            markers += usize::from(want);
        }
        // The generator does produce markers, with odd spaces and case among them.
        assert!(markers > 200, "{markers}");
    }
}
