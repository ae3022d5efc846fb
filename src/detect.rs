//! Template detection: how well a document's outline fits a template, and which of several
//! templates fits best. A document that fits none is reported as such, not checked against a
//! poor guess.

use crate::align::{align_keyed, heading_keys, Alignment};
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
    if total == 0.0 {
        0.0
    } else {
        got / total
    }
}

/// The result of choosing among templates.
#[derive(Debug, Clone)]
pub struct Detection<'t> {
    /// The chosen template, if any fits well enough.
    pub template: Option<&'t Template>,
    pub confidence: f64,
    /// The closest template even when none fits (for the message).
    pub closest: Option<(&'t Template, f64)>,
    /// The chosen template's alignment, kept so the check does not align twice.
    pub alignment: Option<Alignment>,
}

impl<'t> Detection<'t> {
    /// (chosen template with its alignment, confidence, closest).
    #[allow(clippy::type_complexity)]
    pub fn into_parts(self) -> (Option<(&'t Template, Alignment)>, f64, Option<(&'t Template, f64)>) {
        (self.template.zip(self.alignment), self.confidence, self.closest)
    }
}

pub fn detect<'t>(doc: &Doc, candidates: &[&'t Template]) -> Detection<'t> {
    let mut best: Option<(&'t Template, f64, Alignment)> = None;
    // The document's heading keys serve every candidate.
    let keys = heading_keys(doc);
    for &t in candidates {
        let a = align_keyed(t, doc, &keys);
        let c = confidence(t, &a);
        if best.as_ref().is_none_or(|(_, b, _)| c > *b) {
            best = Some((t, c, a));
        }
    }
    match best {
        Some((t, c, a)) if c >= MIN_CONFIDENCE => Detection { template: Some(t), confidence: c, closest: Some((t, c)), alignment: Some(a) },
        Some((t, c, _)) => Detection { template: None, confidence: c, closest: Some((t, c)), alignment: None },
        None => Detection { template: None, confidence: 0.0, closest: None, alignment: None },
    }
}
