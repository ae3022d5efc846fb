//! Every input that ever crashed or broke an invariant — from fuzzing (`scripts/fuzz.sh`, whose
//! crash files land in `fuzz/artifacts/<target>/`) or from a bug report — kept as a file in
//! `tests/regressions/` and checked exactly as the fuzz target that found it checks:
//!
//! - `builtin-*.bin`: the document against auto-detection and each built-in template;
//! - `custom-*.bin`: template and document split at the first NUL byte (else in half).
//!
//! Add a crash by copying its artifact here with the right prefix and a name saying what it is.

mod common;

use speclint::{builtin_template, check, compile_template, CheckOptions, TemplateChoice};

fn sound(text: &str, opts: &CheckOptions, what: &str) {
    let a = check(text, opts).unwrap_or_else(|e| panic!("{what}: check failed: {e}"));
    let problems = common::report_problems(text, &a);
    assert!(problems.is_empty(), "{what}: {problems:#?}");
    assert!(a == check(text, opts).unwrap(), "{what}: not deterministic");
}

#[test]
fn every_regression_input_gives_a_sound_report() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        if name.starts_with("builtin-") {
            for id in ["auto", "spec-md", "tech-spec"] {
                let tc = if id == "auto" { TemplateChoice::Auto } else { TemplateChoice::Use(builtin_template(id).unwrap()) };
                sound(text, &CheckOptions { template: tc, ..Default::default() }, &format!("{name} against {id}"));
            }
        } else if name.starts_with("custom-") {
            let (template, doc) = common::split_custom_input(text);
            let Ok(t) = compile_template(template) else { continue };
            sound(doc, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }, &name);
        } else {
            panic!("{name}: regression files start with builtin- or custom-");
        }
    }
}
