//! Random template against random document: the input is split at the first NUL byte (or in
//! half) into template Markdown and document. Templates without headings must be refused with
//! an error; everything else must give a sound, deterministic report.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use speclint::{check, compile_template, CheckOptions, TemplateChoice};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (template, doc) = common::split_custom_input(text);
    let Ok(t) = compile_template(template) else { return };
    let opts = CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() };
    let a = check(doc, &opts).expect("checking never fails on Markdown");
    let problems = common::report_problems(doc, &a);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(a == check(doc, &opts).unwrap(), "not deterministic");
});
