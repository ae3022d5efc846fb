//! No super-linear blow-ups, asserted without timing: each pathological input (the ones the
//! benchmark measures, at the benchmark's sizes: 100,000 unmatched `[`, a 1 MB line, 50,000
//! headings, 100,000 table cells, 10,000 comments, 10,000-deep nesting) is checked at that size
//! and at an eighth of it, and the work — counted as heap allocations and bytes allocated by a
//! counting allocator — may grow at most 3× faster than the input (≤ 24× for 8× the input).
//! Loops that do no allocating are not counted; for those the sizes are the bound: a quadratic
//! pass over a 1 MB input does not finish in any reasonable CI run, where this test takes
//! seconds. (Speed itself is the benchmark's job: `cargo bench --bench throughput`.)

use speclint::{builtin_template, check, CheckOptions, TemplateChoice};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

struct Counting;
static ON: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(l.size() as u64, Relaxed);
        }
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(new as u64, Relaxed);
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

fn work(text: &str) -> (u64, u64) {
    let t = builtin_template("tech-spec").unwrap();
    let opts = CheckOptions { template: TemplateChoice::Use(t), ..Default::default() };
    ALLOCS.store(0, Relaxed);
    BYTES.store(0, Relaxed);
    ON.store(true, Relaxed);
    let r = check(text, &opts).unwrap();
    ON.store(false, Relaxed);
    drop(r);
    (ALLOCS.load(Relaxed), BYTES.load(Relaxed))
}

type Gen = fn(usize) -> String;

/// (name, generator, full size parameter).
const INPUTS: &[(&str, Gen, usize)] = &[
    ("10,000-deep nested list", |n| format!("{}item\n", "- ".repeat(n)), 10_000),
    ("10,000-deep block quote", |n| format!("{}deep\n", "> ".repeat(n)), 10_000),
    ("100,000 unmatched [", |n| format!("# Spec\n\n{}\n", "[".repeat(n)), 100_000),
    ("100,000 unmatched <", |n| format!("# Spec\n\n{}\n", "<".repeat(n)), 100_000),
    ("a single 1 MB line", |n| format!("# Spec\n\n{}\n", "word [Name] `code` x ".repeat(n)), 50_000),
    ("50,000 headings", |n| (0..n).map(|i| format!("## Section {i}\n\ntext {i}\n\n")).collect(), 50_000),
    ("50,000 equal headings", |n| "## Overview\n\ntext\n\n".repeat(n), 50_000),
    (
        "table with 100,000 cells",
        |n| {
            format!(
                "# T\n\n| a | b | c | d |\n|---|---|---|---|\n{}",
                (0..n).map(|i| format!("| {i} | | x | [Name] |\n")).collect::<String>()
            )
        },
        25_000,
    ),
    ("10,000 HTML comments", |n| format!("# T\n\n{}", (0..n).map(|i| format!("<!-- note {i} -->\ntext\n")).collect::<String>()), 10_000),
];

#[test]
fn work_grows_linearly_with_input() {
    let mut failures = Vec::new();
    for (name, gen, full) in INPUTS {
        let (small, big) = (gen(full / 8), gen(*full));
        let (a1, b1) = work(&small);
        let (a8, b8) = work(&big);
        let size_ratio = big.len() as f64 / small.len() as f64;
        let (ra, rb) = (a8 as f64 / a1.max(1) as f64, b8 as f64 / b1.max(1) as f64);
        println!(
            "{name:<24} {:>9} -> {:>9} bytes ({size_ratio:.1}x): allocations {ra:.1}x, bytes allocated {rb:.1}x",
            small.len(),
            big.len()
        );
        if ra > 3.0 * size_ratio || rb > 3.0 * size_ratio {
            failures.push(format!("{name}: allocations grew {ra:.1}x and bytes {rb:.1}x for {size_ratio:.1}x the input"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
