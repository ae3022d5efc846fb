//! # `out-of-order-section`
//!
//! **What it finds:** a template section present in the document but placed out of the
//! template's order.
//!
//! **Why it matters:** readers who know the template look for sections in its order; it is
//! information, not an error.
//!
//! **Example:** a document with `## Deployment` before `## Security Specification` when the
//! template has them the other way round.

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::align::MatchKind;
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "out-of-order-section",
    default_severity: Severity::Info,
    phase: Phase::Outline,
    summary: "A section is present but not in the template's order.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for (ti, m) in cx.align.matches.iter().enumerate() {
        let Some(m) = m else { continue };
        if m.kind != MatchKind::OutOfOrder {
            continue;
        }
        let h = &cx.doc.headings[m.heading];
        let mut f = RawFinding::new(
            &META,
            h.range.clone(),
            format!("Section out of order: {}", cx.template.sections[ti].title),
            "Move it to where the template has it, if readers expect that order.",
        );
        f.section = Some(ti);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn reports_the_section_that_moved() {
        let t = "# Spec\n\n## A\n[x]\n\n## B\n[x]\n\n## C\n[x]\n";
        let doc = "# Spec\n\n## A\n1\n\n## C\n3\n\n## B\n2\n";
        assert_eq!(findings(t, doc, "out-of-order-section").len(), 1);
    }
}
