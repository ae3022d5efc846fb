//! # `unchecked-item`
//!
//! **What it finds:** an unticked item of a checklist that the template ships to be ticked (a
//! review checklist, an execution-status list), left unticked in the document.
//!
//! **Why it matters:** the checklist is the author's own sign-off; an open box means the check
//! was not done (or the list was copied without being read).
//!
//! **Example:** `- [ ] Requirements are testable and unambiguous` copied from the template is
//! flagged; `- [x] …` is not, and neither is the author's own task list (`- [ ] Roll out to EU`),
//! which the template never had.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;
use crate::text::line_core;
use crate::text::line_similarity;

pub static META: RuleMeta = RuleMeta {
    id: "unchecked-item",
    default_severity: Severity::Warning,
    phase: Phase::Gap,
    summary: "An item of the template's checklist is still unticked.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    let list = &cx.template.vocab.checklist;
    if list.is_empty() {
        return;
    }
    let text = cx.doc.text;
    for task in cx.doc.tasks.iter().filter(|t| !t.checked) {
        let (s, e) = cx.doc.lines.line_range(text, cx.doc.lines.line_of(task.line.start));
        let core = line_core(text, s, e, &[]);
        let known = list.contains(&core) || (core.split(' ').count() >= 4 && list.iter().any(|c| line_similarity(c, &core) >= 0.85));
        if known {
            let item = text[task.line.clone()].trim_start_matches("[ ]").trim();
            out.push(RawFinding::new(
                &META,
                s + (text[s..e].len() - text[s..e].trim_start().len())..e,
                quoted("Checklist item not ticked: ", item, ""),
                "Do the check and tick the box ([x]), or fix what it points at.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str = "# Spec\n\n## Review\n\n- [ ] Requirements are testable\n- [ ] Scope is clearly bounded\n";

    #[test]
    fn flags_template_items_left_open() {
        let doc =
            "# Spec\n\n## Review\n\n- [ ] Requirements are testable\n- [x] Scope is clearly bounded\n- [ ] Roll out to the EU region\n";
        assert_eq!(findings(T, doc, "unchecked-item"), vec!["- [ ] Requirements are testable"]);
    }
}
