//! # `todo-marker`
//!
//! **What it finds:** generic unfinished-work markers in any document, whatever the template:
//! `TODO`, `TBD`, `TBC`, `FIXME`, `XXX` (as whole uppercase words), `???`, and "Lorem ipsum".
//!
//! **Why it matters:** they are the author's own note that something is not done.
//!
//! **Example:** `**Max Retries**: TBD` and `TODO(priya): add targets` are flagged. Markers
//! inside code (`// TODO` in an example) and inside links are not.

use super::{Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;
use crate::tokens::Marker;

pub static META: RuleMeta = RuleMeta {
    id: "todo-marker",
    default_severity: Severity::Warning,
    phase: Phase::Gap,
    summary: "A TODO, TBD, FIXME, XXX, ??? or Lorem ipsum marker is in the document.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    for (m, r) in &cx.scan.markers {
        let word = &cx.doc.text[r.clone()];
        let (message, help) = match m {
            Marker::Todo => (format!("{word} marker: this part is not finished"), "Finish the part and remove the marker."),
            Marker::Questions => ("Open question marks (???) left in".to_string(), "Answer the question or record it as an open question."),
            Marker::LoremIpsum => ("Filler text (Lorem ipsum) left in".to_string(), "Replace the filler with real text."),
        };
        out.push(RawFinding::new(&META, r.clone(), message, help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn flags_markers_outside_code() {
        let doc = "# Spec\n\n**Max Retries**: TBD\nTODO(priya): targets ??? Lorem ipsum.\n`TODO` in code\n```\n// TODO\n```\n";
        assert_eq!(findings("# Spec\n", doc, "todo-marker"), vec!["TBD", "TODO", "???", "Lorem ipsum"]);
    }

    #[test]
    fn words_containing_markers_pass() {
        assert!(findings("# Spec\n", "# Spec\n\nTODOS, XXXL, TBDs, Todo list\n", "todo-marker").is_empty());
    }
}
