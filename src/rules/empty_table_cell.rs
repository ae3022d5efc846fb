//! # `empty-table-cell`
//!
//! **What it finds:** a table row whose value cells are all empty — the skeleton rows templates
//! ship (`| Cache | | |`) and rows an author started but never filled.
//!
//! **Why it matters:** an empty row reads as "decided nothing" for that line of the table.
//!
//! **Example:** `| Database | | |` is flagged; `| Database | PostgreSQL 16 | |` is not (a row
//! with a value and an empty Notes cell is filled), and neither is the header row.

use super::{quoted, Context, Phase, RawFinding, RuleMeta};
use crate::report::Severity;

pub static META: RuleMeta = RuleMeta {
    id: "empty-table-cell",
    default_severity: Severity::Warning,
    phase: Phase::Gap,
    summary: "A table row has a label but all of its value cells are empty.",
};

pub fn check(cx: &Context, out: &mut Vec<RawFinding>) {
    let text = cx.doc.text;
    for row in cx.doc.rows.iter().filter(|r| !r.header && r.cells.len() >= 2) {
        let cell = |i: usize| text[row.cells[i].clone()].trim();
        let label = cell(0);
        let values_empty = (1..row.cells.len()).all(|i| cell(i).is_empty());
        if values_empty && !label.is_empty() {
            out.push(RawFinding::new(
                &META,
                row.range.clone(),
                quoted("Table row ", label, " has no values"),
                "Fill in the row, or delete it if it does not apply.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const T: &str = "# Spec\n\n## Stack\n\n| Layer | Technology | Notes |\n|---|---|---|\n| Cache | | |\n";

    #[test]
    fn flags_rows_without_values() {
        let doc = "# Spec\n\n## Stack\n\n| Layer | Technology | Notes |\n|---|---|---|\n| Cache | | |\n| DB | Postgres | |\n| | | |\n";
        assert_eq!(findings(T, doc, "empty-table-cell"), vec!["| Cache | | |"]);
    }
}
