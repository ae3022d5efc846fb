//! # `empty-section`
//!
//! **What it finds:** a template section whose heading is in the document with nothing under
//! it before the next heading of the same or a higher level.
//!
//! **Why it matters:** a heading with nothing under it looks like structure but says nothing;
//! if the section does not apply, say so ("N/A — no public API").
//!
//! **Example:** `### Load Testing` directly followed by `## Deployment` is flagged.
//! `### Load Testing` followed by "N/A — covered by the staging soak test." is complete.

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::report::{Severity, Status};

pub static META: RuleMeta = RuleMeta {
    id: "empty-section",
    default_severity: Severity::Error,
    phase: Phase::Outline,
    summary: "A section's heading is present but nothing is written under it.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for (i, st) in cx.states.iter().enumerate() {
        if st.status != Status::Empty || st.max_points == 0 {
            continue;
        }
        let Some(h) = st.heading else { continue };
        let title = &cx.template.sections[i].title;
        let mut f = RawFinding::new(
            &META,
            cx.doc.headings[h].range.clone(),
            format!("Section is empty: {title}"),
            "Write this section, or state why it does not apply (\"N/A — reason\").",
        );
        f.section = Some(i);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn flags_heading_with_nothing_under_it() {
        let t = "# Spec\n\n## Load\n[Targets]\n\n## Deploy\n[How]\n";
        let doc = "# Spec\n\n## Load\n\n## Deploy\nN/A — static site, no deploy step.\n";
        assert_eq!(findings(t, doc, "empty-section"), vec!["## Load"]);
    }
}
