//! A fixed workload for profilers: checks one document (or a benchmark-sized corpus document)
//! against the built-in `tech-spec` template a given number of times; with `parse`, only parses
//! it (the limit); with `compile`, compiles it as a template instead.
//!
//! `cargo build --release --example profile`, then for instance
//! `valgrind --tool=callgrind target/release/examples/profile doc.md 5`.
//! The instruction counts callgrind prints are repeatable whatever else the machine is doing;
//! BENCHMARKS.md records before/after figures measured this way.
use speclint::{builtin_template, check, CheckOptions, TemplateChoice};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: profile <document.md> [times] [parse|compile]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("readable document");
    let times: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let mode = args.get(2).map_or("check", String::as_str);
    if !matches!(mode, "check" | "parse" | "compile") {
        eprintln!("profile: unknown mode {mode:?} (check, parse or compile)");
        std::process::exit(2);
    }
    let tech = builtin_template("tech-spec").expect("built-in");
    let opts = CheckOptions { template: TemplateChoice::Use(tech), max_bytes: usize::MAX, ..Default::default() };
    let mut total = 0usize;
    for _ in 0..times {
        total += match mode {
            "parse" => pulldown_cmark::Parser::new_ext(&text, speclint::doc::options()).into_offset_iter().count(),
            "compile" => speclint::Template::compile(std::hint::black_box(&text)).map_or(0, |t| t.sections.len()),
            _ => check(std::hint::black_box(&text), &opts).expect("check runs").findings.len(),
        };
    }
    println!("{total}");
}
