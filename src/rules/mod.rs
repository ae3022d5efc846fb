//! The rules: one per file, listed in [`RULES`] in the order they run.
//!
//! Each rule file holds, in order: its documentation (what it finds, why it matters, an
//! example), its [`RuleMeta`], its `check` function, and its tests.
//!
//! Rules run in two phases. *Gap* rules read the text (the scan, the document model, the
//! template's vocabulary) and find what is left unfilled; their findings decide each section's
//! status. *Outline* rules then read the section results (missing, empty, placeholder-only,
//! duplicated, renamed, out of order).

mod duplicate_section;
mod empty_section;
mod empty_table_cell;
mod guidance_comment;
mod missing_section;
mod needs_clarification;
mod out_of_order_section;
mod placeholder_section;
mod renamed_section;
mod template_text;
mod todo_marker;
mod unchecked_item;
mod unfilled_placeholder;
mod unresolved_choice;

use crate::align::Alignment;
use crate::doc::Doc;
use crate::report::Severity;
use crate::scan::Scan;
use crate::status::SectionState;
use crate::template::Template;
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Finds leftovers in the text; these findings are the section's remaining work.
    Gap,
    /// Reads the section results.
    Outline,
}

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id used in reports, configuration and SARIF.
    pub id: &'static str,
    pub default_severity: Severity,
    pub phase: Phase,
    /// One sentence for listings and SARIF rule descriptions.
    pub summary: &'static str,
}

/// A rule: its metadata and its check.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Vec<RawFinding>),
}

/// Everything a rule may read. Built once per check.
pub struct Context<'a> {
    pub doc: &'a Doc<'a>,
    pub template: &'a Template,
    pub align: &'a Alignment,
    pub scan: &'a Scan,
    /// Template section owning each document line (0-based line index).
    pub line_owner: &'a [Option<usize>],
    /// Section results; empty during the gap phase.
    pub states: &'a [SectionState],
}

impl Context<'_> {
    /// Template section that owns the text at byte `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        self.line_owner.get(self.doc.lines.line_of(offset)).copied().flatten()
    }
}

/// A finding before severity and positions are attached.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: &'static RuleMeta,
    pub range: Range<usize>,
    pub message: String,
    pub help: Cow<'static, str>,
    /// Template section, when the rule knows it better than the line owner does.
    pub section: Option<usize>,
    pub fix: Option<(Range<usize>, String)>,
}

impl RawFinding {
    pub fn new(rule: &'static RuleMeta, range: Range<usize>, message: String, help: impl Into<Cow<'static, str>>) -> Self {
        RawFinding { rule, range, message, help: help.into(), section: None, fix: None }
    }
}

/// Every rule, in the order it runs.
pub static RULES: &[Rule] = &[
    Rule { meta: &unfilled_placeholder::META, check: unfilled_placeholder::check },
    Rule { meta: &unresolved_choice::META, check: unresolved_choice::check },
    Rule { meta: &guidance_comment::META, check: guidance_comment::check },
    Rule { meta: &template_text::META, check: template_text::check },
    Rule { meta: &empty_table_cell::META, check: empty_table_cell::check },
    Rule { meta: &todo_marker::META, check: todo_marker::check },
    Rule { meta: &needs_clarification::META, check: needs_clarification::check },
    Rule { meta: &unchecked_item::META, check: unchecked_item::check },
    Rule { meta: &missing_section::META, check: missing_section::check },
    Rule { meta: &empty_section::META, check: empty_section::check },
    Rule { meta: &placeholder_section::META, check: placeholder_section::check },
    Rule { meta: &duplicate_section::META, check: duplicate_section::check },
    Rule { meta: &renamed_section::META, check: renamed_section::check },
    Rule { meta: &out_of_order_section::META, check: out_of_order_section::check },
];

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta).find(|m| m.id == id)
}

/// Shortens text for quoting in a message.
pub fn quote(s: &str) -> String {
    quoted("", s, "")
}

/// `before`, [`quote`]`(s)` and `after` in one string, built in one buffer.
pub fn quoted(before: &str, s: &str, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + s.len() + after.len() + 3);
    out.push_str(before);
    let base = out.len();
    let mut push = |w: &str| {
        if out.len() > base {
            out.push(' ');
        }
        out.push_str(w);
    };
    if s.is_ascii() {
        // `split_whitespace` on ASCII, without decoding characters (every byte offset is a
        // character boundary).
        let b = s.as_bytes();
        let mut start = None;
        for (i, &c) in b.iter().enumerate() {
            match (matches!(c, b'\t'..=b'\r' | b' '), start) {
                (true, Some(st)) => {
                    push(&s[st..i]);
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(st) = start {
            push(&s[st..]);
        }
    } else {
        s.split_whitespace().for_each(&mut push);
    }
    // No more bytes than 60 means no more characters than 60.
    let one_line = &out[base..];
    if one_line.len() > 60 && one_line.chars().count() > 60 {
        let cut = one_line.char_indices().nth(57).map_or(one_line.len(), |(i, _)| i);
        out.truncate(base + cut);
        out.push('…');
    }
    out.push_str(after);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quote_ascii_path_splits_like_split_whitespace() {
        let reference = |s: &str| {
            let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() > 60 {
                format!("{}…", one_line.chars().take(57).collect::<String>())
            } else {
                one_line
            }
        };
        let pieces = [" ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "word", "x", "é", "\u{a0}", "0123456789"];
        for s in crate::test_input::piece_strings(&pieces, 20, 7, 50_000, 0x510e_527f_ade6_82d1) {
            assert_eq!(super::quote(&s), reference(&s), "{s:?}");
            assert_eq!(super::quoted("a: ", &s, "!"), format!("a: {}!", reference(&s)), "{s:?}");
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: check a document against a small template and list the findings
    //! of one rule as (rule, quoted text) pairs.
    use crate::{check, CheckOptions, Template, TemplateChoice};

    pub fn findings(template: &str, doc: &str, rule: &str) -> Vec<String> {
        let t = Template::compile(template).expect("template compiles");
        let report = check(doc, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).expect("check runs");
        report.findings.iter().filter(|f| f.rule == rule).map(|f| doc[f.range.start_byte..f.range.end_byte].to_string()).collect()
    }
}
