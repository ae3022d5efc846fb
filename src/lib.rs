//! speclint: check a Markdown spec against its template — missing, empty and placeholder-only
//! sections, unfilled placeholders, unresolved choices, leftover guidance, prompt text, empty
//! table rows, TODOs and open questions — with a 0–100 completeness score and exact positions.
//!
//! ```
//! use speclint::{builtin_template, check, CheckOptions, TemplateChoice};
//! let spec_md = builtin_template("spec-md").unwrap();
//! let options = CheckOptions { template: TemplateChoice::Use(spec_md), ..Default::default() };
//! let report = check("# SPEC.md — Technical Specification\n\n## Architecture Overview\n", &options).unwrap();
//! assert_eq!(report.template.id.as_deref(), Some("spec-md"));
//! assert!(report.score.unwrap() < 10);
//! assert!(report.findings.iter().any(|f| f.rule == "missing-section"));
//! ```
//!
//! The pipeline (see ARCHITECTURE.md): parse once ([`doc`]) → align template sections to
//! headings ([`align`]) → scan tokens against the template's vocabulary ([`scan`]) → gap rules →
//! section status and score ([`status`]) → outline rules → [`Report`] with positions in bytes,
//! UTF-16 and line/column ([`lines`]).

// Sorting goes through `sort` and hashing through `hash` (see clippy.toml): no copy of the
// standard sorts per type, no SipHash.
#![warn(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod align;
pub mod builtins;
pub mod detect;
pub mod doc;
pub mod hash;
pub mod lines;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sort;
pub mod status;
pub mod template;
pub mod text;
pub mod tokens;

#[cfg(test)]
mod test_input;

/// The JS binding (wasm32 only); public so `tests/wasm.rs` can call it, not part of the Rust API.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use lines::Span;
pub use report::{Finding, Fix, Report, SectionResult, Severity, Status, Summary, TemplateInfo};
pub use template::Template;

use rules::{Context, Phase, RawFinding, RULES};
use std::fmt;
use std::ops::Range;

/// Default limit on input size (16 MiB); see [`CheckOptions::max_bytes`].
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Which template to check against.
#[derive(Debug, Clone, Copy, Default)]
pub enum TemplateChoice<'a> {
    /// Pick the best-fitting built-in template (or report that none fits).
    #[default]
    Auto,
    /// Pick the best fit among these.
    AutoAmong(&'a [&'a Template]),
    /// Use this template.
    Use(&'a Template),
}

/// Per-rule configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

#[derive(Debug, Clone)]
pub struct CheckOptions<'a> {
    pub template: TemplateChoice<'a>,
    /// Rule id → setting. Unknown ids are an error.
    pub rules: Vec<(String, RuleSetting)>,
    /// Inputs longer than this (in UTF-8 bytes) are refused.
    pub max_bytes: usize,
}

impl Default for CheckOptions<'_> {
    fn default() -> Self {
        CheckOptions { template: TemplateChoice::Auto, rules: Vec::new(), max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// Errors are for bad calls only; any Markdown gets a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    InputTooLarge { size: usize, max: usize },
    UnknownTemplate { id: String, valid: Vec<String> },
    TemplateWithoutHeadings,
    UnknownRule { id: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputTooLarge { size, max } => {
                write!(f, "input is {size} bytes, over the limit of {max} bytes (raise maxBytes to check it)")
            }
            Error::UnknownTemplate { id, valid } => {
                write!(
                    f,
                    "unknown template \"{id}\": use \"auto\", one of {}, or template Markdown",
                    valid.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
                )
            }
            Error::TemplateWithoutHeadings => {
                write!(f, "the template has no headings: a template needs at least one Markdown heading (# Title) to check against")
            }
            Error::UnknownRule { id } => {
                let ids: Vec<&str> = RULES.iter().map(|r| r.meta.id).collect();
                write!(f, "unknown rule \"{id}\": rules are {}", ids.join(", "))
            }
        }
    }
}

impl std::error::Error for Error {}

/// A built-in template by id, or an error listing the valid ids.
pub fn builtin_template(id: &str) -> Result<&'static Template, Error> {
    builtins::builtin(id).ok_or_else(|| Error::UnknownTemplate { id: id.to_string(), valid: builtins::ids() })
}

/// Compiles a template from Markdown (compile once, check many times).
pub fn compile_template(markdown: &str) -> Result<Template, Error> {
    Template::compile(markdown)
}

/// Chooses the best-fitting template among `candidates` (the built-ins when empty).
pub fn detect_template<'t>(markdown: &str, candidates: &[&'t Template]) -> detect::Detection<'t> {
    let doc = doc::Doc::parse(markdown);
    if candidates.is_empty() {
        let all: Vec<&'static Template> = builtins::builtins().collect();
        let d = detect::detect(&doc, &all);
        // Built-ins live for 'static, which outlives 't.
        return detect::Detection { template: d.template, confidence: d.confidence, closest: d.closest, alignment: None };
    }
    detect::detect(&doc, candidates)
}

/// Checks a document. Never fails on any Markdown; fails only on bad options or oversized input.
pub fn check(markdown: &str, options: &CheckOptions) -> Result<Report, Error> {
    if markdown.len() > options.max_bytes {
        return Err(Error::InputTooLarge { size: markdown.len(), max: options.max_bytes });
    }
    let settings = resolve_settings(&options.rules)?;
    let mut doc = doc::Doc::parse(markdown);
    let (chosen, confidence, closest) = match options.template {
        TemplateChoice::Use(t) => {
            let a = align::align(t, &doc);
            let c = detect::confidence(t, &a);
            (Some((t, a)), c, None)
        }
        TemplateChoice::Auto => {
            let builtin_refs: Vec<&Template> = builtins::builtins().collect();
            detect::detect(&doc, &builtin_refs).into_parts()
        }
        TemplateChoice::AutoAmong(list) => detect::detect(&doc, list).into_parts(),
    };
    Ok(match chosen {
        Some((t, alignment)) => run(&mut doc, t, alignment, confidence, &settings),
        None => {
            let t = empty_template();
            let alignment = align::align(t, &doc);
            let mut r = run(&mut doc, t, alignment, confidence, &settings);
            r.score = None;
            r.template = TemplateInfo {
                id: None,
                title: match closest {
                    Some((t, c)) => {
                        format!("No template fits this document (closest: {}, {}% of its sections)", t.id, (c * 100.0).round() as u32)
                    }
                    None => "No template fits this document".to_string(),
                },
                confidence: (confidence * 1000.0).round() / 1000.0,
            };
            r
        }
    })
}

/// Template used when none fits: no sections, so only generic markers are reported.
fn empty_template() -> &'static Template {
    static EMPTY: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| {
        // Not `expect`, for the reason in `builtins::compiled`.
        let Ok(mut t) = Template::compile_with_id("# (none)\n", "", "") else { unreachable!("the template has a heading") };
        t.sections.clear();
        t.align_index = align::AlignIndex::new(&t.sections);
        t
    })
}

fn resolve_settings(rules: &[(String, RuleSetting)]) -> Result<Vec<Option<Severity>>, Error> {
    let mut out: Vec<Option<Severity>> = RULES.iter().map(|r| Some(r.meta.default_severity)).collect();
    for (id, setting) in rules {
        let i = RULES.iter().position(|r| r.meta.id == id).ok_or_else(|| Error::UnknownRule { id: id.clone() })?;
        out[i] = match setting {
            RuleSetting::Off => None,
            RuleSetting::Severity(s) => Some(*s),
        };
    }
    Ok(out)
}

/// Checks `doc` against `t`. Takes the document's heading texts for the report's sections (the
/// document is not used afterwards), so they are moved rather than copied.
fn run(doc: &mut doc::Doc, t: &Template, alignment: align::Alignment, confidence: f64, settings: &[Option<Severity>]) -> Report {
    let line_owner = status::line_owners(doc, &alignment);
    let scan = scan::scan(doc, &t.vocab);
    let mut cx = Context { doc: &*doc, template: t, align: &alignment, scan: &scan, line_owner: &line_owner, states: &[] };

    let mut raw: Vec<RawFinding> = Vec::new();
    for (rule, _) in RULES.iter().zip(settings).filter(|(r, s)| r.meta.phase == Phase::Gap && s.is_some()) {
        (rule.check)(&cx, &mut raw);
    }
    dedupe_gaps(&mut raw);
    let gap_ranges: Vec<Range<usize>> = raw.iter().map(|f| f.range.clone()).collect();
    let states = status::compute(doc, t, &alignment, &scan, &line_owner, &gap_ranges);
    cx.states = &states;
    for (rule, _) in RULES.iter().zip(settings).filter(|(r, s)| r.meta.phase == Phase::Outline && s.is_some()) {
        (rule.check)(&cx, &mut raw);
    }

    let text = doc.text;
    // Missing sections side by side share one insertion point, which is also their findings'
    // range and their fixes': the last span computed is reused.
    let last_span = std::cell::Cell::new(None::<Span>);
    let span = |r: &Range<usize>| match last_span.get() {
        Some(sp) if sp.start_byte == r.start && sp.end_byte == r.end => sp,
        _ => {
            let sp = doc.lines.span(text, r.start, r.end);
            last_span.set(Some(sp));
            sp
        }
    };
    let mut sections: Vec<SectionResult> = t
        .sections
        .iter()
        .zip(&states)
        .enumerate()
        .map(|(i, (s, st))| SectionResult {
            title: s.title.clone(),
            path: s.path.clone(),
            level: s.level,
            status: st.status,
            optional: s.optional,
            points: st.points,
            max_points: st.max_points,
            // The heading's owner takes its text below; any other section matched to it copies.
            heading: st.heading.filter(|&h| alignment.owner.get(h) != Some(&Some(i))).map(|h| doc.headings[h].text.clone()),
            heading_range: st.heading.map(|h| span(&doc.headings[h].range)),
            range: st.range.as_ref().map(span),
            insert_at: st.insert_at.map(|a| span(&(a..a))),
        })
        .collect();

    // Each rule's metadata is its own static: the registry entry is found by address.
    let severity_of = |meta: &rules::RuleMeta| RULES.iter().zip(settings).find(|(r, _)| std::ptr::eq(r.meta, meta)).and_then(|(_, s)| *s);
    let mut findings: Vec<Finding> = Vec::with_capacity(raw.len());
    findings.extend(raw.into_iter().filter_map(|f| {
        let severity = severity_of(f.rule)?;
        let section = f.section.or_else(|| cx.section_at(f.range.start));
        Some(Finding {
            rule: f.rule.id,
            severity,
            message: f.message,
            help: f.help,
            section,
            section_title: section.map(|i| t.sections[i].title.clone()),
            range: span(&f.range),
            fix: f.fix.map(|(r, text)| Fix { range: span(&r), text }),
        })
    }));
    // The one std sort left (see `sort.rs`): findings come in rule order, not document order,
    // and can number tens of thousands, where the standard sort is clearly faster.
    #[allow(clippy::disallowed_methods)]
    findings.sort_unstable_by(|a, b| {
        (a.range.start_byte, a.range.end_byte)
            .cmp(&(b.range.start_byte, b.range.end_byte))
            .then_with(|| rule_order(a.rule).cmp(&rule_order(b.rule)))
            .then_with(|| a.section.cmp(&b.section))
            .then_with(|| a.message.cmp(&b.message))
    });
    let mut summary = Summary::default();
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    // A document heading has one owner: the section matched to it takes its text.
    for (i, r) in sections.iter_mut().enumerate() {
        if let Some(h) = states[i].heading.filter(|&h| alignment.owner.get(h) == Some(&Some(i))) {
            r.heading = Some(std::mem::take(&mut doc.headings[h].text));
        }
    }
    Report {
        score: Some(status::score(&states)),
        template: TemplateInfo { id: Some(t.id.clone()), title: t.title.clone(), confidence: (confidence * 1000.0).round() / 1000.0 },
        sections,
        findings,
        summary,
    }
}

fn rule_order(id: &str) -> usize {
    RULES.iter().position(|r| r.meta.id == id).unwrap_or(usize::MAX)
}

/// Drops gap findings inside a template-text block or a guidance comment (a placeholder in an
/// example block the author should delete as a whole), so each leftover is reported once.
fn dedupe_gaps(raw: &mut Vec<RawFinding>) {
    let is_container = |f: &RawFinding| matches!(f.rule.id, "template-text" | "guidance-comment");
    let mut containers: Vec<Range<usize>> = raw.iter().filter(|f| is_container(f)).map(|f| f.range.clone()).collect();
    if containers.is_empty() {
        return;
    }
    // Containers do not overlap one another (comments and line runs), so the one starting last
    // at or before a finding is the only candidate.
    doc::sort_ranges(&mut containers);
    raw.retain(|f| {
        if is_container(f) {
            return true;
        }
        let i = containers.partition_point(|c| c.start <= f.range.start);
        !(i > 0 && f.range.end <= containers[i - 1].end && f.range != containers[i - 1])
    });
}

/// Metadata of every rule, in registry order (for listings and SARIF).
pub fn rule_list() -> impl Iterator<Item = &'static rules::RuleMeta> {
    RULES.iter().map(|r| r.meta)
}
