//! Template detection: how well a document's outline fits a template, and which of several
//! templates fits best. A document that fits none is reported as such, not checked against a
//! poor guess.

use crate::align::{align, Alignment};
use crate::doc::Doc;
use crate::template::Template;

/// Below this share of matched sections, `auto` reports that no template fits.
pub const MIN_CONFIDENCE: f64 = 0.35;

/// Share (0–1) of the template's required, named sections the document has, weighted by match
/// quality. Pure slots and optional sections do not count.
pub fn confidence(t: &Template, a: &Alignment) -> f64 {
    let mut total = 0.0;
    let mut got = 0.0;
    for (i, s) in t.sections.iter().enumerate() {
        if s.optional || s.slot.as_ref().is_some_and(|l| l.is_empty()) {
            continue;
        }
        total += 1.0;
        if let Some(m) = a.matches[i] {
            got += m.quality;
        }
    }
    if total == 0.0 { 0.0 } else { got / total }
}

/// The result of choosing among templates.
#[derive(Debug, Clone, Copy)]
pub struct Detection<'t> {
    /// The chosen template, if any fits well enough.
    pub template: Option<&'t Template>,
    pub confidence: f64,
    /// The closest template even when none fits (for the message).
    pub closest: Option<(&'t Template, f64)>,
}

pub fn detect<'t>(doc: &Doc, candidates: &[&'t Template]) -> Detection<'t> {
    let mut best: Option<(&'t Template, f64)> = None;
    for &t in candidates {
        let c = confidence(t, &align(t, doc));
        if best.is_none_or(|(_, b)| c > b) {
            best = Some((t, c));
        }
    }
    match best {
        Some((t, c)) if c >= MIN_CONFIDENCE => Detection { template: Some(t), confidence: c, closest: best },
        _ => Detection { template: None, confidence: best.map_or(0.0, |b| b.1), closest: best },
    }
}
