//! What a check returns: the [`Report`] with its per-section results and [`Finding`]s.
//! These types are the product's contract; the JS binding and the CLI serialize them as they are
//! (camelCase field names). Text that comes from the template (section titles and paths) is an
//! `Arc<str>` shared with the compiled [`Template`](crate::Template), and fixed advice is a
//! `Cow<'static, str>`: a check copies neither, and both read as `&str` and serialize as plain
//! strings.

use crate::lines::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// How bad a finding is. `Error` fails CI by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// State of one template section in the checked document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Real content, no placeholders left.
    Complete,
    /// Real content, but placeholders, guidance or markers remain.
    Incomplete,
    /// Only template text, guidance or placeholders.
    Placeholder,
    /// Nothing at all before the next heading of the same or a higher level.
    Empty,
    /// No heading corresponds to this template section.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Incomplete => "incomplete",
            Status::Placeholder => "placeholder",
            Status::Empty => "empty",
            Status::Missing => "missing",
        }
    }
}

/// Which template the document was checked against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    /// Built-in id (`spec-md`, `tech-spec`), `custom` for a compiled template, or `None` when
    /// auto-detection found no template that fits.
    pub id: Option<String>,
    /// The template's title (its first heading), or a sentence saying none matched.
    pub title: String,
    /// 0–1: how well the document's outline fits the template (1 for an explicit choice that
    /// matches perfectly).
    pub confidence: f64,
}

/// One template section and how the document fills it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionResult {
    /// The template heading text (shared with the template: read it as a `&str`).
    pub title: Arc<str>,
    /// Titles from the top-level ancestor down to this section (shared with the template).
    pub path: Arc<[Arc<str>]>,
    /// Template heading level (1–6).
    pub level: u8,
    pub status: Status,
    /// Whether the template marks the section as optional.
    pub optional: bool,
    /// Points earned toward the score.
    pub points: u32,
    /// Points possible (0 for sections with nothing of their own to fill, and for optional
    /// sections that are absent).
    pub max_points: u32,
    /// The document heading that fills this section, as written.
    pub heading: Option<String>,
    /// Range of the document heading line(s).
    pub heading_range: Option<Span>,
    /// Range of the whole section in the document (heading to the end of its content).
    pub range: Option<Span>,
    /// For a missing section: where its skeleton belongs.
    pub insert_at: Option<Span>,
}

/// A suggested edit: replace `range` (empty for an insertion) with `text`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    pub range: Span,
    pub text: String,
}

/// One problem found in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable rule id, e.g. `unfilled-placeholder`.
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it (most rules' advice is a fixed sentence, borrowed rather than copied).
    pub help: Cow<'static, str>,
    /// Index into [`Report::sections`] of the template section this belongs to.
    pub section: Option<usize>,
    /// Title of that section (for readers of JSON output; shared with the template).
    pub section_title: Option<Arc<str>>,
    /// Where it is (for `missing-section`: an empty range at the insertion point). Serialized
    /// flat onto the finding (`start`, `end`, `line`, `column`, ..., `startByte`, `endByte`),
    /// the shape JS consumers and the CLI's JSON read.
    #[serde(flatten)]
    pub range: Span,
    /// Suggested edit, when there is an obvious one (insert a skeleton, delete a comment).
    pub fix: Option<Fix>,
}

/// The result of checking one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Completeness 0–100, or `None` when no template fits the document.
    pub score: Option<u32>,
    pub template: TemplateInfo,
    /// One entry per template section, in template order.
    pub sections: Vec<SectionResult>,
    /// Every finding, ordered by position.
    pub findings: Vec<Finding>,
    /// Counts of findings per severity.
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}
