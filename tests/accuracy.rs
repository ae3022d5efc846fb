//! Accuracy against the labelled real-world corpus in `../shared/corpus/` (see its README):
//! section-status accuracy, placeholder precision and recall, and trap hits (bracket constructs
//! that are not placeholders). Prints a per-document table and totals; fails below 0.95 or on
//! any trap hit. Skips with a message when the corpus folder is absent.
//!
//! `SPECLINT_CORPUS=/path/to/corpus cargo test --test accuracy -- --nocapture` to point elsewhere.

use serde_json::Value;
use speclint::{check, compile_template, CheckOptions, Report, Status, TemplateChoice};
use std::path::{Path, PathBuf};

const PLACEHOLDER_RULES: &[&str] = &[
    "unfilled-placeholder",
    "unresolved-choice",
    "guidance-comment",
    "template-text",
    "empty-table-cell",
    "todo-marker",
    "needs-clarification",
    "unchecked-item",
];
const THRESHOLD: f64 = 0.95;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SPECLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// Byte range of a labelled text that starts on 1-based `line` (through `end_line` when given);
/// `taken` holds spans already given to earlier labels, so a text repeated on a line maps to
/// its next occurrence.
fn locate(text: &str, line: usize, needle: &str, end_line: Option<usize>, taken: &mut Vec<(usize, usize)>) -> (usize, usize) {
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let ls = starts.get(line - 1).copied().unwrap_or(text.len());
    let le = starts.get(line).copied().unwrap_or(text.len());
    let block_end = end_line.map(|e| starts.get(e).copied().unwrap_or(text.len()));
    let mut from = ls;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        if s >= le {
            break;
        }
        let span = (s, block_end.unwrap_or(s + needle.len()).max(s + needle.len()));
        if !taken.contains(&span) {
            taken.push(span);
            return span;
        }
        from = s + needle.len().max(1);
    }
    // Truncated texts (comments are labelled by their first 60 chars): use the line span.
    (ls, block_end.unwrap_or(le).max(ls))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < a.1 && a.0 < b.1 && b.0 < a.1
}

fn status_matches(label: &str, got: Status) -> bool {
    matches!(
        (label, got),
        ("present", Status::Complete | Status::Incomplete)
            | ("placeholder_only", Status::Placeholder)
            | ("empty", Status::Empty)
            | ("missing", Status::Missing)
    )
}

#[derive(Default)]
struct Totals {
    sections: usize,
    sections_ok: usize,
    labelled: usize,
    found: usize,
    flagged: usize,
    flagged_ok: usize,
    trap_hits: usize,
    traps: usize,
}

fn finding_ranges(r: &Report, only_placeholders: bool) -> Vec<((usize, usize), String)> {
    r.findings
        .iter()
        .filter(|f| !only_placeholders || PLACEHOLDER_RULES.contains(&f.rule))
        .map(|f| ((f.range.start_byte, f.range.end_byte), format!("{} L{}", f.rule, f.range.line)))
        .collect()
}

fn traps_hit(text: &str, label: &Value, r: &Report, who: &str, out: &mut Vec<String>) -> (usize, usize) {
    let traps = label["traps"].as_array().cloned().unwrap_or_default();
    let all = finding_ranges(r, false);
    let mut hits = 0;
    for t in &traps {
        let line = t["line"].as_u64().unwrap() as usize;
        let tt = t["text"].as_str().unwrap();
        let span = locate(text, line, tt, None, &mut Vec::new());
        if let Some((_, what)) = all.iter().find(|(f, _)| overlaps(*f, span)) {
            hits += 1;
            out.push(format!("    TRAP HIT ({who}) line {line} {tt:?} by {what}"));
        }
    }
    (hits, traps.len())
}

#[test]
fn corpus_accuracy() {
    let Some(dir) = corpus_dir() else {
        eprintln!("accuracy: corpus folder not found (../shared/corpus or $SPECLINT_CORPUS); skipping");
        return;
    };
    let verbose = std::env::var_os("SPECLINT_VERBOSE").is_some();
    let mut labels: Vec<PathBuf> = ["real", "synthetic", "pairs"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(dir.join(sub)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".label.json"))
        .collect();
    labels.sort();
    let mut tot = Totals::default();
    let mut wrong_auto: Vec<String> = Vec::new();
    println!("{:<48} {:>9} {:>9} {:>9} {:>6}", "document", "sections", "recall", "precision", "traps");
    for lp in &labels {
        let label: Value = serde_json::from_str(&std::fs::read_to_string(lp).unwrap()).unwrap();
        let md_path = PathBuf::from(lp.to_string_lossy().replace(".label.json", ".md"));
        let text = std::fs::read_to_string(&md_path).unwrap();
        let name = md_path.file_name().unwrap().to_string_lossy().to_string();
        let mut notes: Vec<String> = Vec::new();
        let tmpl = label["template"].as_str();
        let Some(tmpl) = tmpl else {
            // No template: run against each built-in and auto; only traps count.
            let mut hits = 0;
            let mut n = 0;
            for choice in ["auto", "spec-md", "tech-spec"] {
                let owned;
                let tc = if choice == "auto" {
                    TemplateChoice::Auto
                } else {
                    owned = speclint::builtin_template(choice).unwrap();
                    TemplateChoice::Use(owned)
                };
                let r = check(&text, &CheckOptions { template: tc, ..Default::default() }).unwrap();
                if choice == "auto" && r.template.id.is_some() {
                    notes.push(format!("    auto picked {:?} ({})", r.template.id, r.template.confidence));
                }
                let (h, t) = traps_hit(&text, &label, &r, choice, &mut notes);
                hits += h;
                n = t;
            }
            tot.trap_hits += hits;
            tot.traps += n;
            println!("{:<48} {:>9} {:>9} {:>9} {:>3}/{:<2}", name, "-", "-", "-", hits, n);
            for n in notes {
                println!("{n}");
            }
            continue;
        };
        let template_owned;
        let template = if tmpl.starts_with("templates/") {
            template_owned = compile_template(&std::fs::read_to_string(dir.join(tmpl)).unwrap()).unwrap();
            &template_owned
        } else {
            speclint::builtin_template(tmpl).unwrap()
        };
        let r = check(&text, &CheckOptions { template: TemplateChoice::Use(template), ..Default::default() }).unwrap();
        // Auto-detection among the built-ins must never pick the wrong one.
        let auto = check(&text, &CheckOptions::default()).unwrap();
        if let Some(id) = auto.template.id.as_deref() {
            if id != tmpl {
                wrong_auto.push(format!("{name}: auto picked {id} ({}), labelled {tmpl}", auto.template.confidence));
            }
        } else if !tmpl.starts_with("templates/") {
            notes.push(format!("    auto: no template ({})", auto.template.title));
        }

        // Sections, in template order.
        let ls = label["sections"].as_array().unwrap();
        let mut ok = 0;
        for (i, s) in ls.iter().enumerate() {
            let want = s["status"].as_str().unwrap();
            let th = s["template_heading"].as_str().unwrap();
            let got = r.sections.iter().find(|x| *x.title == *th).or_else(|| r.sections.get(i));
            match got {
                Some(g) if status_matches(want, g.status) => ok += 1,
                Some(g) => notes.push(format!("    section {th:?}: want {want}, got {} (heading {:?})", g.status.as_str(), g.heading)),
                None => notes.push(format!("    section {th:?}: not in report")),
            }
        }
        if ls.len() != r.sections.len() {
            notes.push(format!("    template has {} sections, label {}", r.sections.len(), ls.len()));
        }

        // Placeholders.
        let flagged = finding_ranges(&r, true);
        let mut taken = Vec::new();
        let spans: Vec<((usize, usize), &Value)> = label["placeholders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let line = p["line"].as_u64().unwrap() as usize;
                let end = p["end_line"].as_u64().map(|e| e as usize);
                (locate(&text, line, p["text"].as_str().unwrap(), end, &mut taken), p)
            })
            .collect();
        let mut found = 0;
        for (span, p) in &spans {
            if flagged.iter().any(|(f, _)| overlaps(*f, *span)) {
                found += 1;
            } else {
                notes.push(format!("    MISSED L{} {:?} ({})", p["line"], p["text"].as_str().unwrap(), p["kind"]));
            }
        }
        let mut flagged_ok = 0;
        for (f, what) in &flagged {
            if spans.iter().any(|(s, _)| overlaps(*f, *s)) {
                flagged_ok += 1;
            } else {
                let shown: String = text[f.0..f.1].chars().take(80).collect();
                notes.push(format!("    FALSE {what} {shown:?}"));
            }
        }
        let (hits, ntraps) = traps_hit(&text, &label, &r, tmpl, &mut notes);
        tot.sections += ls.len();
        tot.sections_ok += ok;
        tot.labelled += spans.len();
        tot.found += found;
        tot.flagged += flagged.len();
        tot.flagged_ok += flagged_ok;
        tot.trap_hits += hits;
        tot.traps += ntraps;
        let ratio = |a: usize, b: usize| if b == 0 { "-".to_string() } else { format!("{a}/{b}") };
        println!(
            "{:<48} {:>9} {:>9} {:>9} {:>3}/{:<2}  score {:?}",
            name,
            ratio(ok, ls.len()),
            ratio(found, spans.len()),
            ratio(flagged_ok, flagged.len()),
            hits,
            ntraps,
            r.score
        );
        if verbose || !notes.is_empty() {
            for n in notes {
                println!("{n}");
            }
        }
    }
    let acc = tot.sections_ok as f64 / tot.sections.max(1) as f64;
    let recall = tot.found as f64 / tot.labelled.max(1) as f64;
    let precision = if tot.flagged == 0 { 1.0 } else { tot.flagged_ok as f64 / tot.flagged as f64 };
    println!(
        "\nsection-status accuracy {acc:.3} ({}/{}), placeholder recall {recall:.3} ({}/{}), precision {precision:.3} ({}/{}), trap hits {} of {}",
        tot.sections_ok, tot.sections, tot.found, tot.labelled, tot.flagged_ok, tot.flagged, tot.trap_hits, tot.traps
    );
    assert!(acc >= THRESHOLD, "section-status accuracy {acc:.3} < {THRESHOLD}");
    assert!(recall >= THRESHOLD, "placeholder recall {recall:.3} < {THRESHOLD}");
    assert!(precision >= THRESHOLD, "placeholder precision {precision:.3} < {THRESHOLD}");
    assert_eq!(tot.trap_hits, 0, "findings on traps");
    assert!(wrong_auto.is_empty(), "auto-detection chose the wrong template: {wrong_auto:#?}");
}
