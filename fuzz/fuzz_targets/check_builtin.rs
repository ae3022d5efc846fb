//! Random document against each built-in template and `auto`: no panic, every range sound,
//! score in 0–100, same input → same report.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use speclint::{builtin_template, check, CheckOptions, TemplateChoice};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for choice in ["auto", "spec-md", "tech-spec"] {
        let tc = match choice {
            "auto" => TemplateChoice::Auto,
            id => TemplateChoice::Use(builtin_template(id).unwrap()),
        };
        let opts = CheckOptions { template: tc, ..Default::default() };
        let a = check(text, &opts).expect("checking never fails on Markdown");
        let problems = common::report_problems(text, &a);
        assert!(problems.is_empty(), "{choice}: {problems:#?}");
        let b = check(text, &opts).unwrap();
        assert!(a == b, "{choice}: not deterministic");
    }
});
