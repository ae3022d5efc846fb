//! # `template-text`
//!
//! **What it finds:** the template's own instructions left verbatim or nearly verbatim: prompt
//! block quotes (`> What is this specification for?`), italic notes (`*GATE: …*`), guideline
//! prose, and example or pseudo-code blocks the template ships without placeholders. Each
//! contiguous run is one finding.
//!
//! **Why it matters:** instructions are not content. Left in, they make a section look written
//! when it is not, and they tell a coding agent to do things meant for the author.
//!
//! **Example:** the template's `> What is this specification for?` kept above the real purpose
//! paragraph is flagged. Template text that is content — field labels (`**Request**:`), table
//! headers, and normative statements the template mandates (`Deployment MUST target …`) — is not.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::doc::{in_ranges, RangeCursor};
use crate::report::Severity;
use crate::template::is_thematic_break;
use crate::text::line_core;
use crate::text::{bigram_dice, line_similarity, norm_line, UNLISTED};
use crate::tokens::find_on_line;

pub static META: RuleMeta = RuleMeta {
    id: "template-text",
    default_severity: Severity::Warning,
    phase: Phase::Gap,
    summary: "Instructions or example text from the template were left in the document.",
};

const HELP: &str = "This is the template's instruction to the author: act on it, then delete it.";

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    let doc = cx.doc;
    let text = doc.text;
    let vocab = &cx.template.vocab;
    let code: Vec<_> = doc.code_blocks.iter().map(|c| c.range.clone()).collect();

    let mut toks = Vec::new();
    // Prose lines, merged into runs.
    let mut run: Option<(usize, usize, Option<usize>)> = None; // (start, end, owner)
    let flush = |run: &mut Option<(usize, usize, Option<usize>)>, out: &mut Vec<RawFinding>| {
        if let Some((s, e, _)) = run.take() {
            let mut f = RawFinding::new(&META, s..e, quoted("Template text left in: ", &text[s..e], ""), HELP);
            let del_end = if text[e..].starts_with("\r\n") {
                e + 2
            } else if text[e..].starts_with('\n') {
                e + 1
            } else {
                e
            };
            f.fix = Some((s..del_end, String::new()));
            out.push(f);
        }
    };
    if !vocab.guidance.is_empty() {
        let (mut in_code, mut in_comment) = (RangeCursor::new(&code), RangeCursor::new(&doc.comments));
        for line in 0..doc.lines.line_count() {
            let (s, e) = doc.lines.line_range(text, line);
            let raw = &text[s..e];
            let h = cx.scan.line_hash[line];
            if h == 0 && raw.trim().is_empty() {
                continue; // blank lines do not break a run
            }
            let owner = cx.line_owner.get(line).copied().flatten();
            let near = owner.map_or(&[][..], |o| &vocab.guidance_by_section[o][..]);
            let listed = h != 0 && h != UNLISTED && vocab.guidance.contains_key(&h);
            // A line that is no guidance line and has no guidance of its section to be near
            // cannot hit: no need to look further.
            let skip = !(listed || (h != 0 && !near.is_empty()))
                || cx.scan.heading_line[line]
                || in_code.contains(s)
                || in_comment.contains(s)
                || is_thematic_break(raw.trim());
            // Remove placeholder-shaped tokens as the template side did when it learned the line.
            let hit = !skip
                && (listed || {
                    toks.clear();
                    find_on_line(text, s, e, &mut toks);
                    let core = line_core(text, s, e, &toks);
                    core.chars().count() >= 24 && near.iter().any(|g| nearly_verbatim(g, &core))
                });
            if hit {
                let start = s + (raw.len() - raw.trim_start().len());
                match run.as_mut() {
                    Some(r) if r.2 == owner => r.1 = e,
                    _ => {
                        flush(&mut run, out);
                        run = Some((start, e, owner));
                    }
                }
            } else if run.is_some() {
                flush(&mut run, out);
            }
        }
        flush(&mut run, out);
    }

    // Example and pseudo-code blocks shipped by the template, left as they were.
    if !vocab.guidance_code.is_empty() {
        for cb in &doc.code_blocks {
            if in_ranges(&doc.comments, cb.range.start) {
                continue;
            }
            let content = norm_line(&text[cb.content.clone()]);
            if content.is_empty() {
                continue;
            }
            let same = vocab.guidance_code.iter().any(|g| *g == content || (content.len() > 40 && line_similarity(g, &content) >= 0.9));
            if same {
                let mut f = RawFinding::new(&META, cb.range.clone(), "Example block from the template left as is".to_string(), HELP);
                f.fix = Some((cb.range.clone(), String::new()));
                out.push(f);
            }
        }
    }
}

/// The same text with a word or two changed: word overlap and character order both agree.
fn nearly_verbatim(template: &str, doc: &str) -> bool {
    line_similarity(template, doc) >= 0.8 && bigram_dice(template, doc) >= 0.85
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str = "# Spec\n\n## Purpose\n> What is this specification for? What does it define?\n\n## Rules\n*GATE: checks run before planning*\n\n- Focus on what users need and why\n- Avoid how to implement it\n\n## Deploy\n- Deployment MUST target GitHub Pages.\n- **Request**:\n\n## Flow\n```\n1. Parse the input\n2. Return\n```\n";

    #[test]
    fn flags_prompts_notes_guidelines_and_example_code() {
        let doc = "# Spec\n\n## Purpose\n> What is this specification for? What does it define?\n\nIt defines billing.\n\n## Rules\n*GATE: checks run before planning*\n\n- Focus on what users need and why\n- Avoid how to implement it\n\n## Flow\n```\n1. Parse the input\n2. Return\n```\n";
        let got = findings(T, doc, "template-text");
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].starts_with("> What is"));
        // One run per contiguous block of the same section, blank lines included.
        assert!(got[1].starts_with("*GATE") && got[1].ends_with("implement it"));
        assert!(got[2].starts_with("```"));
    }

    #[test]
    fn mandated_statements_and_labels_are_content() {
        let doc = "# Spec\n\n## Deploy\n- Deployment MUST target GitHub Pages.\n- **Request**:\n";
        assert!(findings(T, doc, "template-text").is_empty());
    }
}
