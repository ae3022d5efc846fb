//! # `unfilled-placeholder`
//!
//! **What it finds:** a placeholder token from the template left in the document — `[Name]`,
//! `[Date]`, `[field]: [type]` (also inside code blocks and headings), `<Feature name>`,
//! `{{owner}}`, `$ARGUMENTS`, `YYYY-MM-DD`.
//!
//! **Why it matters:** a reader (or a coding agent) takes the document literally; a bracket
//! where a value belongs is a decision nobody made.
//!
//! **Example:** with the template line `**Technical Lead**: [Name]`, the document line
//! `**Technical Lead**: [Name]` is flagged, and so is `**Technical Lead**:` with the
//! placeholder deleted but no value written; `**Technical Lead**: Priya Rao` is not, and
//! neither are brackets the template never used (`string[]`, `[1]`, `[link](url)`).

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "unfilled-placeholder",
    default_severity: Severity::Error,
    phase: Phase::Gap,
    summary: "A placeholder from the template ([Name], <slot>, {{slot}}, YYYY-MM-DD) is still in the document.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for r in &cx.scan.placeholders {
        let token = &cx.doc.text[r.clone()];
        out.push(RawFinding::new(
            &META,
            r.clone(),
            quoted("Placeholder ", token, " is not filled in"),
            "Replace it with the real value, or remove the line if it does not apply.",
        ));
    }
    for r in &cx.scan.empty_fields {
        let field = &cx.doc.text[r.clone()];
        out.push(RawFinding::new(
            &META,
            r.clone(),
            quoted("", field.trim_start_matches(['-', '*', '+', ' ']).trim_end_matches([':', '：', '*']), " has no value"),
            "Write the value after the label, or remove the line if it does not apply.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str =
        "# Spec: [Name]\n\n## Owner\n- **Lead**: [Name]\n\n## Model\n```ts\ninterface [EntityName] { [field]: [type][]; }\n```\n";

    #[test]
    fn flags_template_tokens_in_text_headings_and_code() {
        let doc = "# Spec: [Name]\n\n## Owner\n- **Lead**: [Name]\n\n## Model\n```ts\ninterface User { [field]: string[]; }\n```\n";
        assert_eq!(findings(T, doc, "unfilled-placeholder"), vec!["[Name]", "[Name]", "[field]"]);
    }

    #[test]
    fn a_repeated_bracket_is_judged_in_each_place_it_stands() {
        // `[Name]` is taught outside code only, `[field]` inside code too: the same bracket
        // again on a line, in inline code or in a code block, gets its own verdict.
        let doc =
            "# Spec: X\n\n## Owner\n- **Lead**: [Name] `[Name]` [Name] `[field]` [field]\n\n## Model\n```ts\n[Name] [field] [Name]\n```\n";
        assert_eq!(findings(T, doc, "unfilled-placeholder"), vec!["[Name]", "[Name]", "[field]", "[field]", "[field]"]);
    }

    #[test]
    fn flags_labels_left_without_a_value() {
        let doc = "# Spec: Billing\n\n## Owner\n- **Lead**:\n- **Lead**:\n  - Ana (backend)\n";
        assert_eq!(findings(T, doc, "unfilled-placeholder"), vec!["- **Lead**:"]);
    }

    #[test]
    fn ignores_links_arrays_citations_and_unknown_brackets() {
        let doc = "# Spec: Billing\n\n## Owner\n- **Lead**: [Ana](https://x.y) [1] [Assumption] `values[field]`\n\n## Model\n```ts\nlet a: string[] = [];\n```\n";
        assert!(findings(T, doc, "unfilled-placeholder").is_empty());
    }
}
