//! Native throughput: speclint's full check against pulldown-cmark parse-only (the physical
//! limit this design can approach), on corpus-assembled documents (20 KB, 1 MB, 10 MB) and on
//! generated pathological inputs. Prints medians, MB/s, ratios and pass/short for each target.
//!
//! `cargo bench --bench throughput` (reads ../shared/corpus or $SPECLINT_CORPUS; the corpus
//! inputs are skipped with a message when it is absent).

use pulldown_cmark::Parser;
use speclint::{builtin_template, check, CheckOptions, TemplateChoice};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus_text() -> Option<String> {
    let dir = std::env::var_os("SPECLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files: Vec<PathBuf> = ["real", "synthetic", "pairs"]
        .iter()
        .flat_map(|s| std::fs::read_dir(dir.join(s)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let all: String = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\n\n");
    (!all.is_empty()).then_some(all)
}

/// Whole documents from `source`, repeated until `size` bytes (cut at a line boundary).
fn sized(source: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + source.len());
    while s.len() < size {
        s.push_str(source);
        s.push_str("\n\n");
    }
    let cut = s.as_bytes()[..size].iter().rposition(|&b| b == b'\n').unwrap_or(0);
    s.truncate(cut + 1);
    s
}

fn median_time(mut f: impl FnMut()) -> Duration {
    f(); // warm
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < Duration::from_millis(800) && times.len() < 200) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn parse_only(text: &str) -> usize {
    Parser::new_ext(text, speclint::doc::options()).into_offset_iter().count()
}

fn main() {
    let tech = builtin_template("tech-spec").unwrap();
    let opts = CheckOptions { template: TemplateChoice::Use(tech), max_bytes: usize::MAX, ..Default::default() };
    let mut inputs: Vec<(String, String)> = Vec::new();
    match corpus_text() {
        Some(c) => {
            inputs.push(("typical 20 KB".into(), sized(&c, 20_000)));
            inputs.push(("corpus 1 MB".into(), sized(&c, 1_000_000)));
            inputs.push(("corpus 10 MB".into(), sized(&c, 10_000_000)));
        }
        None => println!("corpus not found (../shared/corpus or $SPECLINT_CORPUS): skipping corpus inputs"),
    }
    let mb = 1_000_000;
    inputs.push(("10,000-deep nested list".into(), format!("{}item\n", "- ".repeat(10_000))));
    inputs.push(("10,000-deep block quote".into(), format!("{}deep\n", "> ".repeat(10_000))));
    inputs.push(("100,000 unmatched [".into(), format!("# Spec\n\n{}\n", "[".repeat(100_000))));
    inputs.push(("a single 1 MB line".into(), format!("# Spec\n\n{}\n", "word [Name] `code` x ".repeat(mb / 20))));
    inputs.push(("50,000 headings".into(), (0..50_000).map(|i| format!("## Section {i}\n\ntext {i}\n\n")).collect()));
    inputs.push((
        "table with 100,000 cells".into(),
        format!(
            "# T\n\n| a | b | c | d |\n|---|---|---|---|\n{}",
            (0..25_000).map(|i| format!("| {i} | | x | [Name] |\n")).collect::<String>()
        ),
    ));
    inputs.push((
        "10,000 HTML comments".into(),
        format!("# T\n\n{}", (0..10_000).map(|i| format!("<!-- note {i} -->\ntext\n")).collect::<String>()),
    ));

    println!("{:<26} {:>10} {:>12} {:>12} {:>8}", "input", "bytes", "parse MB/s", "check MB/s", "ratio");
    let mut per_mb: Vec<(String, usize, f64)> = Vec::new();
    for (name, text) in &inputs {
        let p = median_time(|| {
            black_box(parse_only(black_box(text)));
        });
        let c = median_time(|| {
            black_box(check(black_box(text), &opts).unwrap());
        });
        let ratio = p.as_secs_f64() / c.as_secs_f64();
        println!("{:<26} {:>10} {:>12.1} {:>12.1} {:>7.2}x", name, text.len(), mbps(text.len(), p), mbps(text.len(), c), ratio);
        per_mb.push((name.clone(), text.len(), c.as_secs_f64()));
    }
    // Linearity: 10 MB against 1 MB, and each pathological input against a typical document of
    // about the same size.
    let t = |n: &str| per_mb.iter().find(|(x, _, _)| x == n).map(|(_, b, s)| (*b, *s));
    if let (Some((b1, s1)), Some((b10, s10))) = (t("corpus 1 MB"), t("corpus 10 MB")) {
        let r = s10 / s1;
        println!(
            "\nlinear: 10 MB takes {r:.1}x the 1 MB time (target <= 12x, size ratio {:.1}): {}",
            b10 as f64 / b1 as f64,
            if r <= 12.0 { "pass" } else { "SHORT" }
        );
    }
    if let Some(c) = corpus_text() {
        println!("pathological inputs against a typical document of the same size (target <= 3x):");
        for (name, bytes, secs) in per_mb.iter().filter(|(n, _, _)| !n.starts_with("corpus") && !n.starts_with("typical")) {
            let typical = sized(&c, *bytes);
            let tt = median_time(|| {
                black_box(check(black_box(&typical), &opts).unwrap());
            });
            let r = secs / tt.as_secs_f64();
            println!("  {:<26} {:>6.2}x  {}", name, r, if r <= 3.0 { "pass" } else { "SHORT" });
        }
    }
}
