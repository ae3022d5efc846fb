//! Compiling a template: any Markdown document becomes an outline of sections (with parents,
//! optional flags, aliases and slots) plus a placeholder vocabulary ([`Vocab`]) learned from its
//! own text. No schema is written by hand.
//!
//! Directives, written as HTML comments anywhere in a section's own text:
//! - `<!-- speclint: optional -->` / `<!-- speclint: required -->`
//! - `<!-- speclint: aliases "Streaming Contract", "Events" -->`

mod vocab;

pub use vocab::{LineKind, Vocab};

use crate::align::AlignIndex;
use crate::doc::Doc;
use crate::text::HeadingKey;
use crate::tokens;
use crate::Error;
use std::sync::Arc;

/// One heading of the template and what it asks for.
#[derive(Debug, Clone)]
pub struct TemplateSection {
    /// Heading text as written in the template, shared with every report's
    /// [`SectionResult`](crate::SectionResult) and findings (a reference count, not a copy).
    pub title: Arc<str>,
    /// Titles from the top-level ancestor down to this section (shared with reports the same way).
    pub path: Arc<[Arc<str>]>,
    pub key: HeadingKey,
    pub level: u8,
    pub parent: Option<usize>,
    /// Depth in the outline (0 for top-level sections).
    pub depth: usize,
    pub optional: bool,
    pub aliases: Vec<HeadingKey>,
    /// `Some(literal tokens)` when the heading itself is a placeholder (`### [Entity Name]`,
    /// `##### GET /api/[resource]`, `#### Table/Collection 1`): a *slot* that the author's own
    /// heading fills. The literal tokens are the words that stay (`get api`), possibly none.
    pub slot: Option<Vec<String>>,
    /// The heading holds placeholder tokens (`# Specification: [Component/System Name]`).
    pub heading_placeholder: bool,
    /// Placeholder tokens and guidance comments in the heading and own text (the work to do).
    pub placeholder_count: usize,
    /// Whether the section asks for anything itself (own text, a placeholder heading, or no
    /// sub-sections). Containers whose sub-sections carry the work score through them, and
    /// sections holding only fixed statements the template mandates ask for nothing.
    pub fillable: bool,
    /// The first heading, alone at its level: the document title.
    pub is_title: bool,
    /// Heading line and own text, ready to insert into a document that lacks the section.
    pub skeleton: String,
    /// Byte range of the heading in the template source.
    pub heading_range: std::ops::Range<usize>,
}

/// A compiled template: compile once, check many documents.
#[derive(Debug, Clone)]
pub struct Template {
    /// `spec-md`, `tech-spec`, or `custom`.
    pub id: String,
    /// The template's first heading (or its first line).
    pub title: String,
    pub description: String,
    pub source: String,
    pub sections: Vec<TemplateSection>,
    pub vocab: Vocab,
    /// What aligning needs of the sections, computed once here (rebuilt by the aligner if
    /// `sections` no longer has the length it describes).
    pub(crate) align_index: AlignIndex,
}

const OPTIONAL_MARKERS: &[&str] = &[
    "optional",
    "if applicable",
    "include if",
    "if needed",
    "if relevant",
    "when relevant",
    "should have",
    "nice to have",
    "later phase",
    "if any",
    "可选",
    "任意",
    "選択",
    "該当する場合",
];

/// Which bytes begin one of [`OPTIONAL_MARKERS`].
const MARKER_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < OPTIONAL_MARKERS.len() {
        table[OPTIONAL_MARKERS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// Whether the lowercased heading `lower` contains one of [`OPTIONAL_MARKERS`] (as
/// `str::contains` would find it): markers are looked for only where one could begin.
fn has_optional_marker(lower: &str) -> bool {
    let hay = lower.as_bytes();
    hay.iter().enumerate().any(|(i, &b)| {
        MARKER_FIRST_BYTES[b as usize] && {
            let rest = hay.get(i..).unwrap_or(&[]);
            OPTIONAL_MARKERS.iter().any(|m| m.as_bytes().first() == Some(&b) && rest.starts_with(m.as_bytes()))
        }
    })
}

impl Template {
    /// Compiles a Markdown template. Fails only when it has no headings (nothing to check
    /// against).
    pub fn compile(markdown: &str) -> Result<Template, Error> {
        Template::compile_with_id(markdown, "custom", "")
    }

    pub(crate) fn compile_with_id(markdown: &str, id: &str, description: &str) -> Result<Template, Error> {
        let doc = Doc::parse(markdown);
        if doc.headings.is_empty() {
            return Err(Error::TemplateWithoutHeadings);
        }
        let min_level = doc.headings.iter().map(|h| h.level).min().unwrap_or(1);
        let title_alone = doc.headings.iter().filter(|h| h.level == min_level).count() == 1 && doc.headings[0].level == min_level;
        let mut sections: Vec<TemplateSection> = Vec::with_capacity(doc.headings.len());
        let mut stack: Vec<usize> = Vec::new();
        for (i, h) in doc.headings.iter().enumerate() {
            while let Some(&top) = stack.last() {
                if sections[top].level >= h.level {
                    stack.pop();
                } else {
                    break;
                }
            }
            let parent = stack.last().copied();
            let own_end = doc.headings.get(i + 1).map_or(markdown.len(), |n| n.range.start);
            let own = h.range.end..own_end;
            let mut toks = Vec::new();
            tokens::find_on_line(markdown, h.text_range.start, h.text_range.end, &mut toks);
            let heading_placeholder = !toks.is_empty();
            let slot = slot_literal(&h.text, heading_placeholder);
            let directives = directives_in(&doc, &own);
            // ASCII lower case is enough (a test checks it): the markers are ASCII words or
            // caseless CJK, and no non-ASCII character lower-cases to a marker's letter where it
            // could complete one. `str::to_lowercase` would bring its final-sigma tables into the
            // .wasm (2 KB gzipped).
            let lower = h.text.to_ascii_lowercase();
            let marked_optional = has_optional_marker(&lower);
            let optional = match directives.required {
                Some(req) => !req,
                None => marked_optional || parent.is_some_and(|p| sections[p].optional),
            };
            let (skeleton, body_blank) = skeleton_text(markdown, &h.range, own_end);
            let is_title = i == 0 && title_alone;
            sections.push(TemplateSection {
                title: Arc::from(h.text.as_str()),
                path: Arc::from([]),
                key: HeadingKey::new(&h.text),
                level: h.level,
                parent,
                depth: stack.len(),
                optional,
                aliases: directives.aliases.iter().map(|a| HeadingKey::new(a)).collect(),
                slot,
                heading_placeholder,
                placeholder_count: 0,
                fillable: !body_blank || heading_placeholder,
                is_title,
                skeleton,
                heading_range: h.range.clone(),
            });
            stack.push(i);
        }
        // Ancestors come first, so each path extends its parent's.
        for i in 0..sections.len() {
            let parent = sections[i].parent.map(|p| sections[p].path.clone());
            let path: Vec<Arc<str>> = parent.iter().flat_map(|p| p.iter().cloned()).chain([sections[i].title.clone()]).collect();
            sections[i].path = path.into();
        }
        // Leaves always ask for content, even when the template leaves them blank.
        for i in 0..sections.len() {
            let has_children = sections.get(i + 1).is_some_and(|n| n.parent == Some(i));
            if !has_children {
                sections[i].fillable = true;
            }
        }
        let vocab = Vocab::learn(&doc, &mut sections);
        // A section whose own text is only fixed statements the template mandates (and that
        // has no placeholder heading) asks nothing of the author: nothing to score.
        for (i, s) in sections.iter_mut().enumerate() {
            if vocab.fixed_only.get(i).copied().unwrap_or(false) && !s.heading_placeholder {
                s.fillable = false;
            }
        }
        let title = doc.headings[0].text.clone();
        let align_index = AlignIndex::new(&sections);
        Ok(Template {
            id: id.to_string(),
            title,
            description: description.to_string(),
            source: markdown.to_string(),
            sections,
            vocab,
            align_index,
        })
    }

    /// Indices of the sub-sections of `i` (all depths), which follow it contiguously.
    pub fn descendants(&self, i: usize) -> std::ops::Range<usize> {
        let level = self.sections[i].level;
        let end = (i + 1..self.sections.len()).find(|&j| self.sections[j].level <= level).unwrap_or(self.sections.len());
        i + 1..end
    }

    /// Titles from the top-level ancestor down to `section` (its [`TemplateSection::path`]).
    pub fn path<'s>(&self, section: &'s TemplateSection) -> &'s [Arc<str>] {
        &section.path
    }

    pub fn is_ancestor(&self, a: usize, mut d: usize) -> bool {
        while let Some(p) = self.sections[d].parent {
            if p == a {
                return true;
            }
            d = p;
        }
        false
    }
}

/// Literal words of a placeholder heading, or `None` if the heading is not a slot.
fn slot_literal(heading: &str, has_placeholder: bool) -> Option<Vec<String>> {
    let mut toks = Vec::new();
    tokens::find_on_line(heading, 0, heading.len(), &mut toks);
    let mut literal = String::new();
    let mut last = 0;
    for t in &toks {
        literal.push_str(&heading[last..t.range.start]);
        literal.push(' ');
        last = t.range.end;
    }
    literal.push_str(&heading[last..]);
    // "Table/Collection 1", "Component 2": an instance number makes the heading a slot too.
    let trimmed = literal.trim_end();
    let numbered = !has_placeholder
        && trimmed.rsplit(' ').next().is_some_and(|w| !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        && trimmed.split_whitespace().count() >= 2;
    if !has_placeholder && !numbered {
        return None;
    }
    let key = HeadingKey::new(&literal);
    let mut lit: Vec<String> = key.full_tokens().map(str::to_string).collect();
    if numbered {
        lit.pop();
    }
    Some(lit)
}

#[derive(Default)]
struct Directives {
    required: Option<bool>,
    aliases: Vec<String>,
}

fn directives_in(doc: &Doc, own: &std::ops::Range<usize>) -> Directives {
    let mut d = Directives::default();
    for c in &doc.comments {
        if c.start < own.start || c.start >= own.end {
            continue;
        }
        if let Some(body) = directive_body(doc.slice(c)) {
            let body = body.trim();
            if body.eq_ignore_ascii_case("optional") {
                d.required = Some(false);
            } else if body.eq_ignore_ascii_case("required") {
                d.required = Some(true);
            } else if let Some(rest) = body.strip_prefix("aliases") {
                d.aliases.extend(rest.split('"').skip(1).step_by(2).map(str::to_string).filter(|s| !s.trim().is_empty()));
            }
        }
    }
    d
}

/// The text after `speclint:` in a directive comment.
pub fn directive_body(comment: &str) -> Option<&str> {
    let inner = comment.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    inner.strip_prefix("speclint:")
}

pub fn is_thematic_break(t: &str) -> bool {
    let mut mark = None;
    let mut n = 0;
    for b in t.bytes() {
        match b {
            b' ' | b'\t' => {}
            b'-' | b'*' | b'_' if mark.is_none_or(|m| m == b) => {
                mark = Some(b);
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 3
}

/// Heading line plus own text, without trailing thematic breaks and blank lines; and whether
/// the own text is blank (only blank lines and thematic breaks).
fn skeleton_text(text: &str, heading: &std::ops::Range<usize>, end: usize) -> (String, bool) {
    // The heading as written (a setext underline is part of it, not a trailing break).
    let head = text.get(heading.clone()).unwrap_or("").trim_end();
    let rest = text.get(heading.end..end).unwrap_or("");
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
    // End of the last line that is neither blank nor a thematic break (0: none is).
    let (mut kept, mut pos) = (0, 0);
    for line in rest.split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || is_thematic_break(t)) {
            kept = pos + line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l)).len();
        }
        pos += line.len();
    }
    let body = rest.get(..kept).unwrap_or("");
    let mut s = String::with_capacity(head.len() + body.len() + 2);
    s.push_str(head);
    if body.contains('\r') {
        // Lines end in `\n` in the skeleton, whatever they ended in here.
        for l in body.lines() {
            s.push('\n');
            s.push_str(l);
        }
    } else if kept > 0 {
        s.push('\n');
        s.push_str(body);
    }
    s.push('\n');
    (s, kept == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_markers_need_only_ascii_lower_case() {
        // Whatever non-ASCII character stands for one of a marker's letters, full lower-casing
        // finds the marker exactly when ASCII lower-casing does (the compiler uses the latter).
        let lowers_to_ascii: Vec<char> =
            (0x80u32..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.to_lowercase().any(|l| l.is_ascii())).collect();
        assert!(!lowers_to_ascii.is_empty());
        for m in OPTIONAL_MARKERS {
            for (i, ch) in m.char_indices() {
                for &c in &lowers_to_ascii {
                    let s = format!("(Section {}{c}{})", &m[..i], &m[i + ch.len_utf8()..]).to_uppercase();
                    assert_eq!(has_optional_marker(&s.to_lowercase()), has_optional_marker(&s.to_ascii_lowercase()), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn outline_parents_optional_aliases_slots() {
        let t = Template::compile(
            "# Spec: [Name]\n\nIntro.\n\n## Goals\n\n### Detail *(optional)*\n\n## Events\n<!-- speclint: aliases \"Streaming Contract\", \"Hooks\" -->\n<!-- speclint: optional -->\n\n### [Entity Name]\n\n#### Table/Collection 1\n",
        )
        .unwrap();
        let s = &t.sections;
        assert_eq!(s.len(), 6);
        assert!(s[0].is_title && s[0].heading_placeholder && s[0].slot.is_some());
        assert_eq!(s[1].parent, Some(0));
        assert_eq!(s[2].parent, Some(1));
        assert!(s[2].optional && !s[1].optional);
        assert!(s[3].optional);
        assert_eq!(s[3].aliases.len(), 2);
        assert_eq!(s[4].slot.as_deref(), Some(&[][..]));
        assert_eq!(s[5].slot.as_deref(), Some(&["table".to_string(), "collection".to_string()][..]));
        assert!(!s[1].fillable, "Goals has only a sub-section: a container");
        assert!(s[2].fillable);
    }

    #[test]
    fn skeletons_keep_the_heading_as_written() {
        let t = Template::compile("# Spec\n\nGoals\n-----\n\nRisks\n-----\n[Risk]\n\n---\n\n## Next\nText.\n").unwrap();
        assert_eq!(t.sections[1].skeleton, "Goals\n-----\n");
        assert_eq!(t.sections[2].skeleton, "Risks\n-----\n[Risk]\n");
        assert_eq!(t.sections[3].skeleton, "## Next\nText.\n");
    }

    #[test]
    fn template_without_headings_is_an_error() {
        assert!(matches!(Template::compile("just text"), Err(Error::TemplateWithoutHeadings)));
    }
}
