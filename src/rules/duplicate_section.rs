//! # `duplicate-section`
//!
//! **What it finds:** a second heading for a template section that is already present (same
//! name after normalization). Repeated instances of a slot heading (`### [Entity Name]` →
//! `### User`, `### Order`) are expected and not reported.
//!
//! **Why it matters:** two places for one topic drift apart; readers cannot tell which one is
//! current.
//!
//! **Example:** `### Edge Cases` under Requirements and again `## Edge Cases` at the end: the
//! second is flagged.

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "duplicate-section",
    default_severity: Severity::Warning,
    phase: Phase::Outline,
    summary: "A template section appears more than once.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for &(d, ti) in &cx.align.duplicates {
        let first = cx.align.matches[ti].map(|m| cx.doc.lines.line_of(cx.doc.headings[m.heading].range.start) + 1).unwrap_or(0);
        let mut f = RawFinding::new(
            &META,
            cx.doc.headings[d].range.clone(),
            format!("Duplicate section: {} (first on line {first})", cx.template.sections[ti].title),
            "Merge the two sections into one.",
        );
        f.section = Some(ti);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn flags_repeats_not_slot_instances() {
        let t = "# Spec\n\n## Edge Cases\n[Case]\n\n## Entities\n### [Entity Name]\n[Fields]\n";
        let doc = "# Spec\n\n## Edge Cases\nA.\n\n## Entities\n### User\nid\n### Order\nid\n\n## Edge Cases\nB.\n";
        assert_eq!(findings(t, doc, "duplicate-section"), vec!["## Edge Cases"]);
        assert_eq!(doc.matches("## Edge Cases").count(), 2);
    }
}
