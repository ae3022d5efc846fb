//! # `placeholder-section`
//!
//! **What it finds:** a template section present in the document that holds only template
//! material — placeholders, guidance comments, prompt text, skeleton rows — and no content of
//! the author's (its sub-sections included).
//!
//! **Why it matters:** it looks filled at a glance and is the commonest way an unfinished spec
//! slips through review.
//!
//! **Example:** `## Tech Stack` with only the template's table of empty rows is flagged; the
//! same table with one row filled is not (it is `incomplete`, and the empty rows are flagged
//! one by one).

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::report::{Severity, Status};

pub static META: RuleMeta = RuleMeta {
    id: "placeholder-section",
    default_severity: Severity::Error,
    phase: Phase::Outline,
    summary: "A section holds only the template's placeholders and guidance, nothing written by the author.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for (i, st) in cx.states.iter().enumerate() {
        if st.status != Status::Placeholder || st.max_points == 0 {
            continue;
        }
        let Some(h) = st.heading else { continue };
        let title = &cx.template.sections[i].title;
        let mut f = RawFinding::new(
            &META,
            cx.doc.headings[h].range.clone(),
            format!("Section not written yet: {title} (only template text)"),
            "Replace the template's placeholders and guidance with this document's content.",
        );
        f.section = Some(i);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn flags_sections_with_only_template_material() {
        let t = "# Spec\n\n## Stack\n| Layer | Tech |\n|---|---|\n| DB | |\n\n## Owner\n- **Lead**: [Name]\n";
        let doc = "# Spec\n\n## Stack\n| Layer | Tech |\n|---|---|\n| DB | |\n\n## Owner\n- **Lead**: Ana\n";
        assert_eq!(findings(t, doc, "placeholder-section"), vec!["## Stack"]);
    }
}
