//! # `unresolved-choice`
//!
//! **What it finds:** a choice list from the template left as is — `[Draft | Review | Approved]`,
//! or an unbracketed list the template offers as a field value (`Client → Server / Server →
//! Client`, `draft / approved / implemented`).
//!
//! **Why it matters:** the choice is the information; leaving every option in says nothing.
//!
//! **Example:** `**Status**: [Draft | Review | Approved | Implemented]` is flagged;
//! `**Status**: Review` is not. Pipe lists the author wrote (an enum, a TypeScript union) are
//! not flagged: only lists the template ships count.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "unresolved-choice",
    default_severity: Severity::Error,
    phase: Phase::Gap,
    summary: "A choice list from the template ([Draft | Review]) still offers every option.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for r in &cx.scan.choices {
        let token = &cx.doc.text[r.clone()];
        out.push(RawFinding::new(
            &META,
            r.clone(),
            quoted("Choice ", token, " is not resolved"),
            "Keep the option that applies and delete the others.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str = "# Spec\n\n**Status**: [Draft | Review | Approved]\n**Direction**: Client → Server / Server → Client\n";

    #[test]
    fn flags_bracketed_and_bare_choices() {
        let doc = "# Spec\n\n**Status**: [Draft | Review | Approved]\n**Direction**: Client → Server / Server → Client\n";
        assert_eq!(findings(T, doc, "unresolved-choice"), vec!["[Draft | Review | Approved]", "Client → Server / Server → Client"]);
    }

    #[test]
    fn resolved_and_author_lists_pass() {
        let doc = "# Spec\n\n**Status**: Review\n**Direction**: Server → Client\n\nstate: queued | sent | failed\n";
        assert!(findings(T, doc, "unresolved-choice").is_empty());
    }
}
