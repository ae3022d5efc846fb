//! Fixture tests: every `tests/fixtures/*.md` is a small document checked against the template
//! its header names; `tests/fixtures/snapshots/<name>.snap` holds the document again with each
//! finding written under the line it points at, followed by the per-section status table and
//! the score, so input and expected output read together.
//!
//! A fixture starts with a header comment, which is removed before checking:
//!
//! ```text
//! <!-- fixture
//! template: spec-md | tech-spec | custom:<file in tests/fixtures/templates/>
//! about: what the fixture shows (optional)
//! score: 100 | <=5 | >=50        (optional)
//! has: rule-id, rule-id          (optional: each must be reported)
//! never: rule-id, rule-id        (optional: none may be reported)
//! bug: what the core gets wrong  (optional, see below)
//! -->
//! ```
//!
//! A fixture with a `bug:` line shows a known core bug: its header states the right behaviour,
//! it has no snapshot, and it runs only in the `#[ignore]`d `fixtures_with_known_core_bugs`
//! (`cargo test --test fixtures -- --ignored`). Once the core is fixed, delete the `bug:` line
//! and accept the snapshot.
//!
//! Review a changed snapshot by reading it, then accept it with
//! `INSTA_UPDATE=always cargo test --test fixtures` (or write the `.snap` file by hand).

mod common;

use common::{assert_report_sound, check_with, load_template, render};
use speclint::rule_list;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[derive(Debug, Default)]
struct Header {
    template: String,
    about: String,
    score: Option<(String, u32)>,
    has: Vec<String>,
    never: Vec<String>,
    bug: Option<String>,
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Splits the header comment off a fixture: (header, document as checked).
fn split_header<'a>(path: &Path, src: &'a str) -> (Header, &'a str) {
    let name = path.display();
    let rest = src.strip_prefix("<!-- fixture\n").unwrap_or_else(|| panic!("{name}: must start with a `<!-- fixture` header"));
    let end = rest.find("-->\n").unwrap_or_else(|| panic!("{name}: header comment not closed with `-->` on its own line"));
    let mut h = Header::default();
    for line in rest[..end].lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once(':').unwrap_or_else(|| panic!("{name}: header line without a key: {line:?}"));
        let value = value.trim();
        match key.trim() {
            "template" => h.template = value.to_string(),
            "about" => h.about = value.to_string(),
            "score" => {
                let op = value.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
                let n = value[op.len()..].trim().parse().unwrap_or_else(|_| panic!("{name}: bad score {value:?}"));
                h.score = Some((op.to_string(), n));
            }
            "has" => h.has = list(value),
            "never" => h.never = list(value),
            "bug" => h.bug = Some(value.to_string()),
            other => panic!("{name}: unknown header key {other:?}"),
        }
    }
    assert!(!h.template.is_empty(), "{name}: header needs `template:`");
    for id in h.has.iter().chain(&h.never) {
        assert!(rule_list().any(|m| m.id == id), "{name}: unknown rule id {id:?} in header");
    }
    (h, &rest[end + 4..])
}

fn fixture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    paths
}

fn snapshot(name: &str, description: &str, input: &Path, rendered: &str) -> Result<(), String> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixtures_dir().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.set_input_file(input);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| settings.bind(|| insta::assert_snapshot!(name, rendered))));
    outcome.map_err(|_| format!("{name}: snapshot differs (see the .snap.new file next to it)"))
}

/// Checks a fixture's header expectations against its report; returns what failed.
fn expectation_failures(name: &str, h: &Header, r: &speclint::Report) -> Vec<String> {
    let mut failures = Vec::new();
    let rules: BTreeSet<&'static str> = r.findings.iter().map(|f| f.rule).collect();
    for id in &h.has {
        if !rules.contains(id.as_str()) {
            failures.push(format!("{name}: expected a {id} finding"));
        }
    }
    for id in &h.never {
        for f in r.findings.iter().filter(|f| f.rule == id) {
            failures.push(format!("{name}: unexpected {id} at {}:{}: {}", f.range.line, f.range.column, f.message));
        }
    }
    if let Some((op, n)) = &h.score {
        let s = r.score.expect("a score with an explicit template");
        let ok = match op.as_str() {
            "" | "=" => s == *n,
            "<=" => s <= *n,
            ">=" => s >= *n,
            _ => panic!("{name}: bad score operator {op:?}"),
        };
        if !ok {
            failures.push(format!("{name}: score {s}, expected {op}{n}"));
        }
    }
    failures
}

/// Fixtures with a `bug:` line state the right behaviour of a known core bug: they have no
/// snapshot and run here, ignored, until the core is fixed.
#[test]
#[ignore = "core bugs pinned by fixtures with a `bug:` line (none at the moment)"]
fn fixtures_with_known_core_bugs() {
    let mut failures = Vec::new();
    for path in fixture_paths() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (h, doc) = split_header(&path, &src);
        if let Some(bug) = &h.bug {
            let r = check_with(doc, &load_template(&h.template, &fixtures_dir().join("templates")));
            let found = expectation_failures(&name, &h, &r);
            if !found.is_empty() {
                failures.push(format!("{name} ({bug}):\n  {}\n{}", found.join("\n  "), render(doc, &r)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixtures_match_their_snapshots_and_expectations() {
    let templates = fixtures_dir().join("templates");
    let mut failures: Vec<String> = Vec::new();
    let mut reported: BTreeSet<&'static str> = BTreeSet::new();
    let paths = fixture_paths();
    assert!(paths.len() >= 10, "fixtures missing from {}", fixtures_dir().display());
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (h, doc) = split_header(path, &src);
        let t = load_template(&h.template, &templates);
        let r = check_with(doc, &t);
        assert_report_sound(doc, &r);
        if h.bug.is_some() {
            continue;
        }
        reported.extend(r.findings.iter().map(|f| f.rule));
        failures.extend(expectation_failures(&name, &h, &r));
        let rendered = format!("fixture: {name}.md — template {}\n{}", h.template, render(doc, &r));
        if let Err(e) = snapshot(&name, &h.about, path, &rendered) {
            failures.push(e);
        }
    }
    let unexercised: Vec<&str> = rule_list().map(|m| m.id).filter(|id| !reported.contains(id)).collect();
    if !unexercised.is_empty() {
        failures.push(format!("no fixture exercises these rules: {unexercised:?}"));
    }
    assert!(failures.is_empty(), "{} fixture failure(s):\n  {}", failures.len(), failures.join("\n  "));
}

/// The built-in templates, checked against themselves untouched, are (almost) all work left.
#[test]
fn untouched_builtin_templates_score_at_most_5() {
    for id in ["spec-md", "tech-spec"] {
        let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/{id}.md"))).unwrap();
        let t = load_template(id, Path::new(""));
        let r = check_with(&src, &t);
        assert_report_sound(&src, &r);
        let score = r.score.unwrap();
        assert!(score <= 5, "{id} untouched scores {score}");
        // Auto-detection recognizes each template as itself.
        let auto = speclint::check(&src, &Default::default()).unwrap();
        assert_eq!(auto.template.id.as_deref(), Some(id));
        assert_eq!(auto.score, Some(score));
        let rendered = format!("untouched built-in template {id}, checked against itself\n{}", render(&src, &r));
        snapshot(
            &format!("builtin-{id}-untouched"),
            "the built-in template as shipped",
            Path::new(&format!("templates/{id}.md")),
            &rendered,
        )
        .unwrap();
    }
}

#[test]
fn fixture_headers_are_stripped_exactly() {
    let src = "<!-- fixture\ntemplate: spec-md\nhas: missing-section\n-->\n# Doc\n";
    let (h, doc) = split_header(Path::new("x.md"), src);
    assert_eq!(doc, "# Doc\n");
    assert_eq!(h.template, "spec-md");
    assert_eq!(h.has, vec!["missing-section"]);
}
