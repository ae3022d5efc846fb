//! The binding's JS shape, in a real JS engine: `wasm-pack test --node` and
//! `wasm-pack test --headless --chrome` (scripts/test-js.sh runs both). A few cases, not the
//! logic: camelCase and `null`s, flat UTF-16 positions, thrown error types, the Template class.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect, JSON};
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

#[wasm_bindgen_test]
fn report_is_camel_case_with_nulls_and_flat_utf16_positions() {
    let report = wasm::check(JsValue::from_str(SPEC), template_option()).unwrap();
    assert_eq!(keys(&report), ["findings", "score", "sections", "summary", "template"]);
    assert_eq!(get(&report, "template.id").as_string().as_deref(), Some("custom"));
    assert!(get(&report, "score").as_f64().is_some());

    let findings: Array = get(&report, "findings").unchecked_into();
    let f = findings.iter().find(|f| get(f, "rule").as_string().as_deref() == Some("unfilled-placeholder")).expect("[Name] is reported");
    let expected = "column end endByte endColumn endLine fix help line message rule section sectionTitle severity start startByte";
    assert_eq!(keys(&f).join(" "), expected, "the span is flat on the finding");
    assert!(get(&f, "fix").is_null(), "None is null, not undefined");
    // start/end are UTF-16 code units: slicing the JS string gives the token back.
    let (start, end) = (get(&f, "start").as_f64().unwrap() as u32, get(&f, "end").as_f64().unwrap() as u32);
    assert_eq!(JsString::from(SPEC).slice(start, end), "[Name]");
    assert_eq!(get(&f, "startByte").as_f64(), Some(SPEC.find("[Name]").unwrap() as f64));
    // 😀 is two UTF-16 units, 中 and 文 one each: [Name] starts at column 7 of line 4.
    assert_eq!((get(&f, "line").as_f64(), get(&f, "column").as_f64()), (Some(4.0), Some(7.0)));

    let missing =
        get(&report, "sections").unchecked_into::<Array>().iter().find(|s| get(s, "status").as_string().as_deref() == Some("missing"));
    let missing = missing.expect("Goals is missing");
    assert!(get(&missing, "range").is_null());
    assert!(get(&missing, "insertAt.startByte").as_f64().is_some());
    assert_eq!(get(&missing, "maxPoints").as_f64(), Some(20.0), "a missing required section counts against the score");
}

#[wasm_bindgen_test]
fn missing_section_carries_insertion_point_and_skeleton() {
    let report = wasm::check(JsValue::from_str(SPEC), template_option()).unwrap();
    let findings: Array = get(&report, "findings").unchecked_into();
    let f = findings.iter().find(|f| get(f, "rule").as_string().as_deref() == Some("missing-section")).unwrap();
    assert_eq!(get(&f, "start").as_f64(), get(&f, "end").as_f64(), "an empty range at the insertion point");
    assert_eq!(get(&f, "fix.range.start").as_f64(), get(&f, "start").as_f64());
    assert!(get(&f, "fix.text").as_string().unwrap().contains("## "), "the fix inserts the template's heading");
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

    let as_markdown = wasm::check(JsValue::from_str(SPEC), template_option()).unwrap();
    let as_compiled = compiled.check(JsValue::from_str(SPEC), JsValue::UNDEFINED).unwrap();
    assert_eq!(JSON::stringify(&as_markdown).unwrap(), JSON::stringify(&as_compiled).unwrap(), "same report either way");

    let overridden =
        compiled.check(JsValue::from_str(SPEC), js(r#"{"rules":{"unfilled-placeholder":"off","missing-section":"warning"}}"#)).unwrap();
    let rules: Vec<String> = get(&overridden, "findings")
        .unchecked_into::<Array>()
        .iter()
        .map(|f| format!("{}:{}", get(&f, "rule").as_string().unwrap(), get(&f, "severity").as_string().unwrap()))
        .collect();
    assert_eq!(rules, ["missing-section:warning"]);
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

#[wasm_bindgen_test]
fn js_objects_are_the_rust_json() {
    use speclint::{CheckOptions, TemplateChoice};
    let t = speclint::compile_template(TEMPLATE).unwrap();
    let report = speclint::check(SPEC, &CheckOptions { template: TemplateChoice::Use(&t), ..Default::default() }).unwrap();
    // Through JSON.parse, so that serde_json's `1.0` and JS's `1` compare equal; key order counts.
    let rust = JSON::stringify(&JSON::parse(&serde_json::to_string(&report).unwrap()).unwrap()).unwrap();
    let js = JSON::stringify(&wasm::check(JsValue::from_str(SPEC), template_option()).unwrap()).unwrap();
    assert_eq!(String::from(js), String::from(rust));
}
