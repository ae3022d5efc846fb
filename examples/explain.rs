//! Prints a check report in a readable form, for developing rules:
//! `cargo run --example explain -- <document.md> [template-id|template.md|auto] [--json]`
//! With `--json`, prints the Report exactly as serialized (the native side of the native-vs-wasm
//! differential test, tests/js/differential.test.js).
use speclint::{check, compile_template, CheckOptions, TemplateChoice};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    args.retain(|a| a != "--json");
    let Some(doc_path) = args.first() else {
        eprintln!("usage: explain <document.md> [template-id|template.md]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(doc_path).expect("readable document");
    let owned;
    let choice = match args.get(1) {
        None => TemplateChoice::Auto,
        Some(a) if a == "auto" => TemplateChoice::Auto,
        Some(t) if t.ends_with(".md") => {
            owned = compile_template(&std::fs::read_to_string(t).expect("readable template")).expect("template compiles");
            TemplateChoice::Use(&owned)
        }
        Some(id) => TemplateChoice::Use(speclint::builtin_template(id).expect("known template")),
    };
    let r = check(&text, &CheckOptions { template: choice, ..Default::default() }).expect("check runs");
    if json {
        println!("{}", serde_json::to_string(&r).expect("reports serialize"));
        return;
    }
    println!("template {:?} ({}), score {:?}", r.template.id, r.template.confidence, r.score);
    for s in &r.sections {
        println!("  {:<11} {:>2}/{:<2} {}{}", s.status.as_str(), s.points, s.max_points, "  ".repeat(s.path.len() - 1), s.title);
    }
    for f in &r.findings {
        println!("{}:{}:{} {} {} {}", doc_path, f.range.line, f.range.column, f.severity.as_str(), f.rule, f.message);
    }
}
