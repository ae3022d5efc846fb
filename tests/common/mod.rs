//! Helpers shared by the integration tests (fixtures, positions, properties): loading templates,
//! checking with an explicit template, recomputing positions from scratch, checking every
//! invariant of a [`Report`], and rendering a report inline for snapshots.
//!
//! Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use speclint::{builtin_template, check, compile_template, CheckOptions, Report, Span, Status, Template, TemplateChoice};
use std::fmt::Write as _;
use std::path::Path;

/// Loads `spec-md`, `tech-spec`, or `custom:<file>` (a file in `templates_dir`).
pub fn load_template(spec: &str, templates_dir: &Path) -> Template {
    match spec.strip_prefix("custom:") {
        Some(file) => {
            let path = templates_dir.join(file.trim());
            let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read template {}: {e}", path.display()));
            compile_template(&src).unwrap_or_else(|e| panic!("compile template {}: {e}", path.display()))
        }
        None => builtin_template(spec.trim()).unwrap_or_else(|e| panic!("{e}")).clone(),
    }
}

/// Checks `doc` against `t` with default rule settings.
pub fn check_with(doc: &str, t: &Template) -> Report {
    check(doc, &CheckOptions { template: TemplateChoice::Use(t), ..Default::default() }).expect("check succeeds")
}

/// (UTF-16 offset, 1-based line, 1-based UTF-16 column) of byte `offset`, computed without the
/// crate's line index: lines end at `\n`, columns count UTF-16 units from the line start.
pub fn position_from_scratch(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let utf16 = before.encode_utf16().count();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].encode_utf16().count() + 1;
    (utf16, line, column)
}

/// Positions of every byte offset of a text, computed once from scratch (without the crate's
/// line index): UTF-16 offset, 1-based line and 1-based UTF-16 column, or `None` inside a char.
pub struct Scratch {
    at: Vec<Option<(usize, usize, usize)>>,
    utf16: Vec<u16>,
}

impl Scratch {
    pub fn new(text: &str) -> Self {
        let mut at = vec![None; text.len() + 1];
        let (mut u, mut line, mut col) = (0usize, 1usize, 1usize);
        for (i, c) in text.char_indices() {
            at[i] = Some((u, line, col));
            u += c.len_utf16();
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += c.len_utf16();
            }
        }
        at[text.len()] = Some((u, line, col));
        Scratch { at, utf16: text.encode_utf16().collect() }
    }
}

/// Everything wrong with one span (empty when it is consistent with `text`).
pub fn span_problems(text: &str, span: &Span, what: &str) -> Vec<String> {
    span_problems_in(text, &Scratch::new(text), span, what)
}

/// [`span_problems`] with the text's positions computed once.
pub fn span_problems_in(text: &str, scratch: &Scratch, span: &Span, what: &str) -> Vec<String> {
    let mut p = Vec::new();
    let (s, e) = (span.start_byte, span.end_byte);
    if s > e || e > text.len() {
        p.push(format!("{what}: byte range {s}..{e} out of order or out of bounds (len {})", text.len()));
        return p;
    }
    let (Some((u0, l0, c0)), Some((u1, l1, c1))) = (scratch.at[s], scratch.at[e]) else {
        p.push(format!("{what}: byte range {s}..{e} not on char boundaries"));
        return p;
    };
    if (span.start, span.end) != (u0, u1) {
        p.push(format!("{what}: UTF-16 range {}..{} but the text says {u0}..{u1}", span.start, span.end));
    }
    if (span.line, span.column) != (l0, c0) {
        p.push(format!("{what}: start {}:{} but the text says {l0}:{c0}", span.line, span.column));
    }
    if (span.end_line, span.end_column) != (l1, c1) {
        p.push(format!("{what}: end {}:{} but the text says {l1}:{c1}", span.end_line, span.end_column));
    }
    let utf16 = &scratch.utf16;
    if span.start <= span.end && span.end <= utf16.len() {
        let by_utf16 = String::from_utf16(&utf16[span.start..span.end]).ok();
        if by_utf16.as_deref() != Some(&text[s..e]) {
            p.push(format!("{what}: UTF-16 slice {by_utf16:?} differs from byte slice {:?}", &text[s..e]));
        }
    } else {
        p.push(format!("{what}: UTF-16 range {}..{} out of bounds (len {})", span.start, span.end, utf16.len()));
    }
    p
}

/// Every broken invariant of a report on `text` (empty when the report is sound).
pub fn report_problems(text: &str, r: &Report) -> Vec<String> {
    let mut p = Vec::new();
    let scratch = Scratch::new(text);
    match (r.score, &r.template.id) {
        (Some(s), Some(_)) if s <= 100 => {}
        (None, None) => {}
        (score, id) => p.push(format!("score {score:?} with template {id:?}")),
    }
    if !(0.0..=1.0).contains(&r.template.confidence) {
        p.push(format!("confidence {} outside 0..1", r.template.confidence));
    }
    for (i, s) in r.sections.iter().enumerate() {
        let what = format!("section {i} ({})", s.title);
        for (name, span) in [("heading_range", &s.heading_range), ("range", &s.range), ("insert_at", &s.insert_at)] {
            if let Some(span) = span {
                p.extend(span_problems_in(text, &scratch, span, &format!("{what} {name}")));
            }
        }
        if s.points > s.max_points {
            p.push(format!("{what}: {} of {} points", s.points, s.max_points));
        }
        let missing = s.status == Status::Missing;
        if missing != s.heading.is_none() || missing != s.heading_range.is_none() || missing != s.range.is_none() {
            p.push(format!("{what}: status {:?} but heading {:?} / range {:?}", s.status, s.heading, s.range));
        }
        if missing != s.insert_at.is_some() {
            p.push(format!("{what}: status {:?} but insert_at {:?}", s.status, s.insert_at));
        }
        if let Some(a) = &s.insert_at {
            if a.start_byte != a.end_byte {
                p.push(format!("{what}: insert_at is not empty"));
            }
        }
        if s.path.last() != Some(&s.title) {
            p.push(format!("{what}: path {:?} does not end with the title", s.path));
        }
    }
    let mut last = 0;
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for (i, f) in r.findings.iter().enumerate() {
        let what = format!("finding {i} ({} {:?})", f.rule, f.message);
        p.extend(span_problems_in(text, &scratch, &f.range, &what));
        if let Some(fix) = &f.fix {
            p.extend(span_problems_in(text, &scratch, &fix.range, &format!("{what} fix")));
        }
        if f.range.start_byte < last {
            p.push(format!("{what}: findings not ordered by position"));
        }
        last = f.range.start_byte;
        match f.section {
            Some(s) if s >= r.sections.len() => p.push(format!("{what}: section {s} out of bounds")),
            Some(s) if f.section_title.as_ref() != Some(&r.sections[s].title) => {
                p.push(format!("{what}: section_title {:?} is not section {s}'s title", f.section_title))
            }
            None if f.section_title.is_some() => p.push(format!("{what}: section_title without section")),
            _ => {}
        }
        if f.rule == "missing-section" {
            let fix = f.fix.as_ref();
            if f.range.start_byte != f.range.end_byte || fix.is_none_or(|x| x.range != f.range || x.text.is_empty()) {
                p.push(format!("{what}: a missing section is an insertion with skeleton text at its range"));
            }
        }
        match f.severity {
            speclint::Severity::Error => errors += 1,
            speclint::Severity::Warning => warnings += 1,
            speclint::Severity::Info => infos += 1,
        }
        if speclint::rule_list().all(|m| m.id != f.rule) {
            p.push(format!("{what}: unknown rule id"));
        }
    }
    if (r.summary.errors, r.summary.warnings, r.summary.infos) != (errors, warnings, infos) {
        p.push(format!("summary {:?} does not count the findings ({errors}, {warnings}, {infos})", r.summary));
    }
    p
}

/// Panics with every broken invariant of `r`.
pub fn assert_report_sound(text: &str, r: &Report) {
    let p = report_problems(text, r);
    assert!(p.is_empty(), "report invariants broken:\n  {}\ntext: {text:?}", p.join("\n  "));
}

/// Display width stand-in: the prefix of a line with every character but tabs turned into a
/// space, so markers line up under the text they point at.
fn pad(prefix: &str) -> String {
    prefix.chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect()
}

/// Renders a report for review: the document with each finding under the line it points at
/// (`^^^` under the flagged text, `^` alone at an insertion point), then the section table and
/// the score.
pub fn render(doc: &str, r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "template: {} ({}), confidence {:.2}",
        r.template.id.as_deref().unwrap_or("none"),
        r.template.title,
        r.template.confidence
    );
    let _ = writeln!(out, "score: {}", r.score.map_or("none".to_string(), |s| s.to_string()));
    let _ = writeln!(out, "findings: {} errors, {} warnings, {} infos", r.summary.errors, r.summary.warnings, r.summary.infos);
    out.push_str("\n── document ──\n");
    let mut line_starts = vec![0];
    line_starts.extend(doc.match_indices('\n').map(|(i, _)| i + 1));
    let width = line_starts.len().to_string().len().max(2);
    for (n, &ls) in line_starts.iter().enumerate() {
        let le = line_starts.get(n + 1).map_or(doc.len(), |&x| x - 1);
        let line = &doc[ls..le];
        // Findings at the same place are listed in template order (the report's own order
        // among them is an implementation detail).
        let mut here: Vec<_> = r.findings.iter().filter(|f| f.range.line == n + 1).collect();
        here.sort_by_key(|f| (f.range.start_byte, f.range.end_byte, f.section, speclint::rule_list().position(|m| m.id == f.rule)));
        let last_empty = n + 1 == line_starts.len() && line.is_empty();
        if last_empty && here.is_empty() {
            break;
        }
        let shown = if last_empty {
            "(end of document)".to_string()
        } else {
            line.strip_suffix('\r').map_or(line.to_string(), |l| format!("{l}␍"))
        };
        let _ = writeln!(out, "{:>width$} | {}", n + 1, shown);
        for f in here {
            let start = f.range.start_byte - ls;
            let first_end = f.range.end_byte.min(le) - ls;
            let carets = line[start..first_end.max(start)].chars().count().max(1);
            let mut note = format!("{} {} ({}): {}", "^".repeat(carets), f.rule, f.severity.as_str(), f.message);
            if f.range.end_line > f.range.line {
                let _ = write!(note, " (through {}:{})", f.range.end_line, f.range.end_column);
            }
            if let Some(t) = &f.section_title {
                let _ = write!(note, " §{t}");
            }
            if let Some(fix) = &f.fix {
                if fix.text.is_empty() {
                    let _ = write!(
                        note,
                        " [fix: delete {}:{}–{}:{}]",
                        fix.range.line, fix.range.column, fix.range.end_line, fix.range.end_column
                    );
                } else {
                    let lines: Vec<&str> = fix.text.trim_matches('\n').lines().collect();
                    let headings: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with('#')).collect();
                    let _ = write!(note, " [fix: insert {} lines: {}]", lines.len(), headings.join(" / "));
                }
            }
            let _ = writeln!(out, "{:>width$} | {}{}", "", pad(&line[..start]), note);
        }
    }
    out.push_str("\n── sections ──\n");
    let earned: u32 = r.sections.iter().map(|s| s.points).sum();
    let possible: u32 = r.sections.iter().map(|s| s.max_points).sum();
    for s in &r.sections {
        let mut row = format!(
            "{:<11} {:>2}/{:<2} {}{} {}",
            s.status.as_str(),
            s.points,
            s.max_points,
            "  ".repeat(s.path.len() - 1),
            "#".repeat(s.level as usize),
            s.title
        );
        if s.optional {
            row.push_str("  (optional)");
        }
        if let (Some(h), Some(span)) = (&s.heading, &s.heading_range) {
            if **h != *s.title {
                let _ = write!(row, "  ← line {}: {h:?}", span.line);
            }
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
    let _ = writeln!(out, "points {earned} of {possible} → score {}", r.score.map_or("none".to_string(), |s| s.to_string()));
    out
}

/// Splits a `check_custom` fuzz input into (template, document): at the first NUL byte, else in
/// half (on a char boundary). Shared by the fuzz target and the regression test.
pub fn split_custom_input(text: &str) -> (&str, &str) {
    match text.find('\0') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => {
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text.split_at(mid)
        }
    }
}
