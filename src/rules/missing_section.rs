//! # `missing-section`
//!
//! **What it finds:** a required template section with no corresponding heading in the
//! document (after allowing for numbering, case, punctuation, light renaming and aliases). One
//! finding per missing subtree; the fix inserts the template's skeleton for it at the place it
//! belongs.
//!
//! **Why it matters:** a missing section is the gap reviewers miss most easily — there is
//! nothing on the page to notice.
//!
//! **Example:** a `tech-spec` document without `## Security Specification` gets a finding at
//! the end of the section before it, with the template's `## Security Specification` heading,
//! its sub-sections and their prompts as the text to insert. Optional sections (`*(optional)*`,
//! `<!-- speclint: optional -->`) are not reported, nor are sub-sections of a section that
//! answers "N/A — reason".

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;
use crate::report::Status;

pub static META: RuleMeta = RuleMeta {
    id: "missing-section",
    default_severity: Severity::Error,
    phase: Phase::Outline,
    summary: "A required section of the template is missing from the document.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    let t = cx.template;
    let missing = |i: usize| cx.states[i].status == Status::Missing;
    for i in 0..t.sections.len() {
        let s = &t.sections[i];
        if !missing(i) || s.optional || cx.states[i].answered_by_parent {
            continue;
        }
        // Report the top of a missing subtree only; its skeleton carries the rest.
        if s.parent.is_some_and(|p| missing(p) && !t.sections[p].optional) {
            continue;
        }
        let at = cx.states[i].insert_at.unwrap_or(cx.doc.text.len());
        let text = insertion_text(cx, i, at);
        let mut f = RawFinding::new(
            &META,
            at..at,
            ["Missing section: ", &s.title].concat(),
            ["Add a \"", &s.title, "\" section here (the fix inserts the template's skeleton), or mark it N/A with a reason."].concat(),
        );
        f.section = Some(i);
        f.fix = Some((at..at, text));
        out.push(f);
    }
}

/// The template text for section `i` and its missing sub-sections, with heading levels moved to
/// the document's levels and blank lines around it.
fn insertion_text(cx: &Context, i: usize, at: usize) -> String {
    let t = cx.template;
    let before = &cx.doc.text[..at];
    let nl = if before.ends_with('\n') { "" } else { "\n" };
    // A code block left open at the end of the document would swallow the skeleton: close it.
    // (An unclosed fence runs to the end of the document, so any that starts before `at` does.)
    let fence = cx.doc.code_blocks.iter().filter(|cb| cb.range.start < at).find_map(|cb| cb.unclosed_fence.as_deref());
    // Likewise an HTML comment left open at the end of the document.
    let open_comment = || {
        cx.doc.comments.iter().any(|c| c.start < at && !cx.doc.text[c.clone()].ends_with("-->") && cx.doc.text[c.end..].trim().is_empty())
    };
    let (head, closer, suffix) = if let Some(marker) = fence {
        (nl, Some(marker), "")
    } else if open_comment() {
        (nl, Some("-->"), "")
    } else {
        let prefix = if before.is_empty() || before.ends_with("\n\n") {
            ""
        } else if before.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        (prefix, None, if at < cx.doc.text.len() { "\n" } else { "" })
    };
    let sections = || std::iter::once(i).chain(t.descendants(i).filter(|&j| cx.states[j].status == Status::Missing));
    let body_len: usize = sections().map(|j| t.sections[j].skeleton.len() + 8).sum();
    let mut out = String::with_capacity(head.len() + closer.map_or(0, |c| c.len() + 2) + body_len + suffix.len());
    out.push_str(head);
    if let Some(closer) = closer {
        out.push_str(closer);
        out.push_str("\n\n");
    }
    let body_start = out.len();
    for j in sections() {
        if out.len() > body_start {
            out.push('\n');
        }
        relevel_into(&mut out, &t.sections[j].skeleton, cx.align.level_offset);
    }
    out.push_str(suffix);
    out
}

/// Appends `skeleton` with its heading level moved by `offset` (kept within 1..=6).
fn relevel_into(out: &mut String, skeleton: &str, offset: i32) {
    let hashes = skeleton.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || offset == 0 {
        out.push_str(skeleton);
        return;
    }
    let level = (hashes as i32 + offset).clamp(1, 6) as usize;
    out.extend(std::iter::repeat_n('#', level));
    out.push_str(&skeleton[hashes..]);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;
    use crate::{check, CheckOptions, Template, TemplateChoice};

    const T: &str = "# Spec\n\n## Goals\nWhat do we want?\n\n## Design\n### API\n[Endpoints]\n\n## Risks *(optional)*\n[Risk]\n";

    #[test]
    fn reports_top_of_missing_subtree_with_insertion() {
        let doc = "# Spec\n\n## Goals\nShip it.\n";
        let t = Template::compile(T).unwrap();
        let r = check(doc, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).unwrap();
        let m: Vec<_> = r.findings.iter().filter(|f| f.rule == "missing-section").collect();
        assert_eq!(m.len(), 1, "only Design (API is inside it, Risks is optional)");
        let fix = m[0].fix.as_ref().unwrap();
        assert_eq!(fix.range.start_byte, doc.len());
        assert_eq!(fix.text, "\n## Design\n\n### API\n[Endpoints]\n");
        // Inserting the skeleton removes the finding.
        let fixed = format!("{}{}", &doc[..fix.range.start_byte], fix.text);
        let r2 = check(&fixed, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).unwrap();
        assert!(r2.findings.iter().all(|f| f.rule != "missing-section"), "{:?}", r2.findings);
    }

    #[test]
    fn inserts_between_present_sections() {
        let doc = "# Spec\n\n## Design\n### API\nGET /x\n";
        let got = findings(T, doc, "missing-section");
        assert_eq!(got, vec![""]);
        let t = Template::compile(T).unwrap();
        let r = check(doc, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).unwrap();
        let f = r.findings.iter().find(|f| f.rule == "missing-section").unwrap();
        assert_eq!(f.range.start_byte, doc.find("## Design").unwrap());
        assert!(f.fix.as_ref().unwrap().text.starts_with("## Goals\nWhat do we want?\n"));
    }
}
