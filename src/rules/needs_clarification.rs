//! # `needs-clarification`
//!
//! **What it finds:** open-question markers such as `[NEEDS CLARIFICATION: auth method?]`, and
//! any marker prefix the template teaches the same way (`[要明確化: …]`, `[NEEDS DECISION: …]`).
//!
//! **Why it matters:** each one is a question the spec has not answered; building from it means
//! guessing.
//!
//! **Example:** `via [NEEDS CLARIFICATION: SSO or password?]` is flagged. A mention of the
//! marker by name without a question (`No [NEEDS CLARIFICATION] markers remain`) is not.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "needs-clarification",
    default_severity: Severity::Error,
    phase: Phase::Gap,
    summary: "An open question ([NEEDS CLARIFICATION: …]) has not been answered.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for r in &cx.scan.clarifications {
        let token = &cx.doc.text[r.clone()];
        out.push(RawFinding::new(
            &META,
            r.clone(),
            quoted("Open question: ", token, ""),
            "Answer the question in the text and remove the marker.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn flags_questions_not_mentions() {
        let doc = "# Spec\n\nAuth via [NEEDS CLARIFICATION: SSO or password?].\n- [x] No [NEEDS CLARIFICATION] markers remain\n`[NEEDS CLARIFICATION: x]`\n";
        assert_eq!(findings("# Spec\n", doc, "needs-clarification"), vec!["[NEEDS CLARIFICATION: SSO or password?]"]);
    }

    #[test]
    fn learns_marker_prefixes_from_the_template() {
        let t = "# 仕様\n\n- 認証 [要明確化: 方法]\n";
        let doc = "# 仕様\n\n- 認証は [要明確化: SSO か?]\n";
        assert_eq!(findings(t, doc, "needs-clarification"), vec!["[要明確化: SSO か?]"]);
    }
}
