//! # `guidance-comment`
//!
//! **What it finds:** an HTML comment the template uses to instruct the author
//! (`<!-- Describe your system's architecture… -->`) still in the document, verbatim or
//! edited a little.
//!
//! **Why it matters:** the comment is invisible when rendered, so reviewers never see that the
//! author may have skipped the instructions; it also bloats the source an agent reads.
//!
//! **Example:** the template's `<!-- List all endpoints grouped by resource -->` left under
//! `### Endpoint Groups` is flagged, with a fix that deletes it. The author's own comments
//! (`<!-- markdownlint-disable -->`) and `<!-- speclint: … -->` directives are not.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;
use crate::template::directive_body;
use crate::text::{dice, tokens};

pub static META: RuleMeta = RuleMeta {
    id: "guidance-comment",
    default_severity: Severity::Warning,
    phase: Phase::Gap,
    summary: "A guidance comment from the template (<!-- … -->) was left in the document.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    let text = cx.doc.text;
    for c in &cx.doc.comments {
        let body = &text[c.clone()];
        if directive_body(body).is_some() {
            continue;
        }
        let toks = tokens(body);
        if toks.is_empty() {
            continue;
        }
        let best = cx.template.vocab.comments.iter().map(|t| likeness(t, &toks)).fold(0.0, f64::max);
        if best < 0.5 {
            continue;
        }
        // Delete the comment, and its line when nothing else is on it.
        let (ls, _) = cx.doc.lines.line_range(text, cx.doc.lines.line_of(c.start));
        let le_line = cx.doc.lines.line_of(c.end.saturating_sub(1).max(c.start));
        let (_, le) = cx.doc.lines.line_range(text, le_line);
        let whole_lines = text[ls..c.start].trim().is_empty() && text[c.end..le].trim().is_empty();
        let del = if whole_lines { ls..(le + 1).min(text.len()).max(le) } else { c.clone() };
        let del = if whole_lines && text[le..].starts_with("\r\n") { ls..le + 2 } else { del };
        let mut f = RawFinding::new(
            &META,
            c.clone(),
            quoted("Template guidance left in: ", body.trim_start_matches("<!--").trim_end_matches("-->"), ""),
            "Follow the guidance, then delete the comment.",
        );
        f.fix = Some((del, String::new()));
        out.push(f);
    }
}

/// How much a document comment is the template's comment: word overlap (Dice), or, for a
/// comment cut down to part of the template's (its first sentence, say), the share of its
/// distinct words that the template comment has — once it has enough words to be more than a
/// coincidence.
fn likeness(template: &[String], doc: &[String]) -> f64 {
    let overlap = dice(template, doc);
    let mut words: Vec<&str> = doc.iter().map(String::as_str).collect();
    crate::sort::sort(&mut words);
    words.dedup();
    if words.len() < 6 {
        return overlap;
    }
    let theirs: crate::hash::Set<&str> = template.iter().map(String::as_str).collect();
    let share = words.iter().filter(|w| theirs.contains(*w)).count() as f64 / words.len() as f64;
    if share >= 0.9 {
        overlap.max(share)
    } else {
        overlap
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str = "# Spec\n\n## Design\n\n<!--\nDescribe the architecture at a high level.\n-->\n";

    #[test]
    fn flags_template_comment_verbatim_or_edited() {
        let doc = "# Spec\n\n## Design\n\n<!--\nDescribe the architecture at a high level.\n-->\nReal text.\n<!-- Describe the architecture here -->\n";
        assert_eq!(findings(T, doc, "guidance-comment").len(), 2);
    }

    #[test]
    fn flags_template_comment_cut_down_to_its_first_sentence() {
        let t = "# Spec\n\n## Concepts\n\n<!--\nDefine the 2-4 most important domain concepts that every feature touches.\nThese are the mental models the entire team must share.\n\nFor each concept, explain:\n- What it is\n- Why it matters\n- How it affects the system\n-->\n";
        let doc = "# Spec\n\n## Concepts\n\n<!--\nDefine the 2-4 most important domain concepts that every feature touches.\n-->\n\nA workspace owns every record.\n<!-- the concepts matter to every team here, see the wiki -->\n";
        assert_eq!(findings(t, doc, "guidance-comment").len(), 1);
    }

    #[test]
    fn unclosed_comment_at_the_end_of_the_document() {
        for doc in [
            "# Spec\n\n## Design\n\n<!--\nDescribe the architecture at a high level.\n",
            "# Spec\r\n\r\n## Design\r\n\r\n<!--\r\nDescribe the architecture at a high level.\r\n",
        ] {
            assert_eq!(findings(T, doc, "guidance-comment").len(), 1);
        }
    }

    #[test]
    fn ignores_own_comments_and_directives() {
        let doc = "# Spec\n\n## Design\n<!-- markdownlint-disable MD013 -->\n<!-- speclint: optional -->\nReal text.\n";
        assert!(findings(T, doc, "guidance-comment").is_empty());
    }
}
