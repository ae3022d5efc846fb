//! The binding's JS shape, in a real JS engine: `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome` (scripts/test-js.sh runs both). A few cases, not the
//! logic: the encoded report the raw `check` returns (the package's `npm/api.js` decodes it; the
//! decoded objects are tested in tests/js: api, handoff and differential), thrown error types,
//! the Template class, the listings.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect, Uint32Array, JSON};
use speclint::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// `get(v, "a.b.0")` reads a property path.
fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| Reflect::get(&v, &JsValue::from_str(k)).expect("readable"))
}

fn keys(v: &JsValue) -> Vec<String> {
    let mut k: Vec<String> = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter().map(|k| k.as_string().unwrap()).collect();
    k.sort();
    k
}

fn error_of(r: Result<JsValue, JsValue>) -> (String, String) {
    let e = r.expect_err("the call throws");
    let name = get(&e, "name").as_string().unwrap();
    let message = get(&e, "message").as_string().unwrap();
    (name, message)
}

/// A template as Markdown (passed as `options.template`), and a document with one unfilled
/// placeholder after an emoji and CJK text, and one missing section.
const TEMPLATE: &str = "# Spec\n\n## Owner\n[Name]\n\n## Goals\nWhat do we want?\n";
const SPEC: &str = "# Spec\n\n## Owner\n😀 中文 [Name] here\n";

fn template_option() -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"template".into(), &TEMPLATE.into()).unwrap();
    o.into()
}

/// The raw `check` export's `[words, ends, text, confidence, wide]` (src/wasm/encode.rs, "The
/// report's encoding"): the words, and the two blocks of strings split into the strings.
fn encoded(r: JsValue) -> (Vec<u32>, Vec<String>, f64) {
    const WIDE: u32 = 1 << 31;
    let a: Array = r.unchecked_into();
    assert_eq!(a.length(), 5);
    // Both arrays are views of wasm memory, valid until something allocates: copy them in JS
    // before `to_vec` allocates here.
    let (words, ends) = (Uint32Array::new(&a.get(0)), Uint32Array::new(&a.get(1)));
    let (words, ends) = (words.to_vec(), ends.to_vec());
    let (text, wide): (JsString, JsString) = (a.get(2).unchecked_into(), a.get(4).unchecked_into());
    let mut strings = Vec::new();
    let (mut at, mut at_wide) = (0, 0);
    for end in ends {
        if end < WIDE {
            assert!(text.slice(at, end).as_string().is_some_and(|s| s.is_ascii()), "string {} in the ASCII block", strings.len());
            strings.push(String::from(text.slice(at, end)));
            at = end;
        } else {
            assert!(
                wide.slice(at_wide, end - WIDE).as_string().is_some_and(|s| !s.is_ascii()),
                "string {} in the wide block",
                strings.len()
            );
            strings.push(String::from(wide.slice(at_wide, end - WIDE)));
            at_wide = end - WIDE;
        }
    }
    (words, strings, a.get(3).as_f64().expect("confidence is a number"))
}

#[wasm_bindgen_test]
fn report_crosses_as_words_and_one_string_table() {
    use speclint::{CheckOptions, TemplateChoice};
    let t = speclint::compile_template(TEMPLATE).unwrap();
    let report = speclint::check(SPEC, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).unwrap();
    let (words, strings, confidence) = encoded(wasm::check(JsValue::from_str(SPEC), template_option()).unwrap());
    assert_eq!(confidence, report.template.confidence);
    // The header: score, template id and title, counts, summary.
    let str_at = |i: usize| strings[words[i] as usize].as_str();
    assert_eq!(words[0], report.score.unwrap());
    assert_eq!((str_at(1), str_at(2)), ("custom", "Spec"));
    let summary = [report.summary.errors, report.summary.warnings, report.summary.infos].map(|n| n as u32);
    assert_eq!(words[3..5], [report.sections.len() as u32, report.findings.len() as u32][..]);
    assert_eq!(words[5..8], summary[..]);
    // Each distinct string once (the emoji and CJK survive the UTF-16 offsets), rule ids included.
    let mut distinct = strings.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), strings.len(), "no string is sent twice: {strings:?}");
    assert!(strings.iter().any(|s| s == "unfilled-placeholder") && strings.iter().any(|s| s == "missing-section"));
    assert!(strings.iter().any(|s| s.contains("[Name]")), "{strings:?}");
    // The first section (Spec, level 1, present): title, path of one, level 1.
    assert_eq!((str_at(8), words[9], str_at(10), words[11]), ("Spec", 1, "Spec", 1));
}

#[wasm_bindgen_test]
fn bad_calls_throw_errors_that_name_the_problem() {
    let (name, message) = error_of(wasm::check(JsValue::from_f64(1.0), JsValue::UNDEFINED));
    assert_eq!((name.as_str(), message.as_str()), ("TypeError", "markdown must be a string (got number)"));

    let (name, message) = error_of(wasm::check(JsValue::from_str(SPEC), js(r#"{"template":42}"#)));
    assert_eq!(name, "TypeError");
    assert!(message.starts_with("options.template must be"), "{message}");

    let (name, message) = error_of(wasm::check(JsValue::from_str(SPEC), js(r#"{"template":"nope"}"#)));
    assert_eq!(name, "Error");
    assert!(message.contains("\"tech-spec\", \"spec-md\""), "lists the valid ids: {message}");

    let (_, message) = error_of(wasm::check(JsValue::from_str(SPEC), js(r#"{"maxBytes":10}"#)));
    assert!(message.contains("over the limit of 10 bytes"), "{message}");

    let (name, message) = error_of(wasm::check(JsValue::from_str(SPEC), js(r#"{"rules":{"todo-marker":"loud"}}"#)));
    assert_eq!(
        (name.as_str(), message.as_str()),
        ("TypeError", r#"options.rules["todo-marker"] must be "off", "error", "warning" or "info""#)
    );

    let (name, message) = error_of(wasm::compile_template(JsValue::from_str("no headings\n")).map(JsValue::from));
    assert_eq!(name, "Error");
    assert!(message.contains("no headings"), "{message}");
}

#[wasm_bindgen_test]
fn compiled_template_and_rule_overrides() {
    let compiled = wasm::compile_template(JsValue::from_str(TEMPLATE)).unwrap();
    assert_eq!((compiled.id().as_str(), compiled.title().as_str()), ("custom", "Spec"));
    let sections: Array = compiled.sections().unwrap().unchecked_into();
    assert_eq!(get(&sections.get(2), "path").unchecked_into::<Array>().join("/"), "Spec/Goals");

    let as_markdown = encoded(wasm::check(JsValue::from_str(SPEC), template_option()).unwrap());
    let as_compiled = encoded(compiled.check(JsValue::from_str(SPEC), JsValue::UNDEFINED).unwrap());
    assert_eq!(as_markdown, as_compiled, "same report either way");

    let (words, strings, _) = encoded(
        compiled.check(JsValue::from_str(SPEC), js(r#"{"rules":{"unfilled-placeholder":"off","missing-section":"warning"}}"#)).unwrap(),
    );
    assert_eq!(words[4..8], [1, 0, 1, 0][..], "one finding, a warning");
    assert!(strings.iter().any(|s| s == "missing-section") && !strings.iter().any(|s| s == "unfilled-placeholder"), "{strings:?}");
}

#[wasm_bindgen_test]
fn listings() {
    let templates: Array = wasm::templates().unwrap().unchecked_into();
    let ids: Vec<String> = templates.iter().map(|t| get(&t, "id").as_string().unwrap()).collect();
    assert_eq!(ids, ["tech-spec", "spec-md"]);
    assert_eq!(keys(&templates.get(0)), ["description", "id", "source", "title"]);

    let d = wasm::detect(JsValue::from_str(SPEC)).unwrap();
    assert_eq!(keys(&d), ["closest", "confidence", "id", "title"]);

    let rules: Array = wasm::rules().unwrap().unchecked_into();
    assert_eq!(keys(&rules.get(0)), ["defaultSeverity", "id", "summary"]);
    assert!(rules.length() >= 10);
}
