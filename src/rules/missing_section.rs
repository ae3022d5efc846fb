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
            format!("Missing section: {}", s.title),
            format!("Add a \"{}\" section here (the fix inserts the template's skeleton), or mark it N/A with a reason.", s.title),
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
    let mut body = String::new();
    for j in std::iter::once(i).chain(t.descendants(i)) {
        if j != i && cx.states[j].status != Status::Missing {
            continue;
        }
        let sk = &t.sections[j].skeleton;
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&relevel(sk, cx.align.level_offset));
    }
    let before = &cx.doc.text[..at];
    // A code block left open at the end of the document would swallow the skeleton: close it.
    // (An unclosed fence runs to the end of the document, so any that starts before `at` does.)
    let fence = cx.doc.code_blocks.iter().filter(|cb| cb.range.start < at).find_map(|cb| cb.unclosed_fence.clone());
    if let Some(marker) = fence {
        let nl = if before.ends_with('\n') { "" } else { "\n" };
        return format!("{nl}{marker}\n\n{body}");
    }
    // Likewise an HTML comment left open at the end of the document.
    let open_comment =
        cx.doc.comments.iter().any(|c| c.start < at && !cx.doc.text[c.clone()].ends_with("-->") && cx.doc.text[c.end..].trim().is_empty());
    if open_comment {
        let nl = if before.ends_with('\n') { "" } else { "\n" };
        return format!("{nl}-->\n\n{body}");
    }
    let prefix = if before.is_empty() || before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let suffix = if at < cx.doc.text.len() { "\n" } else { "" };
    format!("{prefix}{body}{suffix}")
}

fn relevel(skeleton: &str, offset: i32) -> String {
    let hashes = skeleton.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || offset == 0 {
        return skeleton.to_string();
    }
    let level = (hashes as i32 + offset).clamp(1, 6) as usize;
    format!("{}{}", "#".repeat(level), &skeleton[hashes..])
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
