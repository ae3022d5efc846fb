//! # `renamed-section`
//!
//! **What it finds:** a document heading that was matched to a template section although its
//! name differs (beyond numbering, case and punctuation): `## Architecture` for
//! `## Architecture Overview`, `### Events & Webhooks` for `### Webhook/Event Contracts`.
//!
//! **Why it matters:** it is information, not an error: it shows which heading speclint took
//! for which section, so a wrong guess is visible at once.
//!
//! **Example:** `## Architecture` → "Architecture matches the template section Architecture
//! Overview".

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::align::MatchKind;
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "renamed-section",
    default_severity: Severity::Info,
    phase: Phase::Outline,
    summary: "A heading was matched to a template section with a different name.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for (ti, m) in cx.align.matches.iter().enumerate() {
        let Some(m) = m else { continue };
        if m.kind != MatchKind::Renamed {
            continue;
        }
        let h = &cx.doc.headings[m.heading];
        let mut f = RawFinding::new(
            &META,
            h.range.clone(),
            format!("\"{}\" is taken as the template section \"{}\"", h.text, cx.template.sections[ti].title),
            "Nothing to do if that is right; otherwise rename the heading.",
        );
        f.section = Some(ti);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn reports_light_renames_only() {
        let t = "# Spec\n\n## Architecture Overview\n[Text]\n\n## Webhook/Event Contracts\n[Events]\n";
        let doc = "# Spec\n\n## Architecture\nMonolith.\n\n## Events & Webhooks\nnone\n\n## Budget\n1k\n";
        assert_eq!(findings(t, doc, "renamed-section"), vec!["## Architecture", "## Events & Webhooks"]);
    }
}
