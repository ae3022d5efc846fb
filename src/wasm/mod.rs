//! The JavaScript binding: the only module that names wasm-bindgen or js-sys.
//!
//! It converts and nothing else: JS values in (validated here, so a bad call throws a `TypeError`
//! naming the option), the core's types out. A [`Report`] crosses as numbers and one string (see
//! [`encode_report`]; `npm/api.js` `decodeReport` builds the objects from them), since building
//! it property by property costs several microseconds per finding; the small, rare outputs
//! (listings, detection, outlines) are built as plain objects with [`object`] (serde-wasm-bindgen
//! did that before, at about 20 KB of .wasm for a few calls made once per page).
//! The TypeScript for the shapes JS sees is written below, next to the conversions. The package's
//! JS wrapper (`npm/api.js`) adds the decoding, panic recovery and the `Template` dispatch on top.

use crate::{builtins, detect_template, rule_list, CheckOptions, Error, RuleSetting, Severity, Template, TemplateChoice};
use encode::encode_report;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

mod encode;

/// A plain JS object with these keys, in this order (what `JSON.stringify` and `Object.keys` show).
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in entries {
        // Cannot fail: a plain, extensible object without setters.
        let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

/// A JS array of these values.
fn array(items: impl IntoIterator<Item = JsValue>) -> JsValue {
    items.into_iter().collect::<js_sys::Array>().into()
}

/// A string, or `null` for `None`.
fn str_or_null(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

thread_local! {
    /// The last panic's message, kept for [`recover`] (wasm32 has one thread).
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs when the module is instantiated (and again after a recovery): panics are logged to
/// `console.error` with their stack, and their message is kept for [`recover`].
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|p| p.try_borrow_mut().map(|mut p| *p = Some(info.to_string())).ok());
        console_error_panic_hook::hook(info);
    }));
}

/// Called by the JS wrapper after a call trapped (`panic = "abort"` makes every panic a trap,
/// and a trap leaves Rust's state half-updated): schedules a fresh instance for the next call and
/// returns the panic message, if a panic caused the trap. Not part of the API.
#[wasm_bindgen(js_name = __speclint_recover)]
pub fn recover() -> Option<String> {
    wasm_bindgen::handler::schedule_reinit();
    LAST_PANIC.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take()))
}

/// Bytes of linear memory the instance holds. Wasm memory only grows: after a very large input
/// the JS wrapper asks for a fresh instance ([`release`]) so a long page session does not keep
/// it. Not part of the API.
#[wasm_bindgen(js_name = __speclint_memory_bytes)]
pub fn memory_bytes() -> f64 {
    core::arch::wasm32::memory_size::<0>() as f64 * 65536.0
}

/// Schedules a fresh instance (and so fresh, small memory) for the next call. Not part of the API.
#[wasm_bindgen(js_name = __speclint_release)]
pub fn release() {
    wasm_bindgen::handler::schedule_reinit();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `"error"` fails CI by default. */
export type Severity = "error" | "warning" | "info";

/** How the document fills one template section. */
export type Status = "complete" | "incomplete" | "placeholder" | "empty" | "missing";

/**
 * A range in the checked text, in three units: UTF-8 bytes, UTF-16 code units (what
 * `String.prototype.slice` takes, so `markdown.slice(start, end)` is the text), and 1-based
 * line/column with columns counted in UTF-16 code units.
 */
export interface Span {
  startByte: number;
  endByte: number;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A suggested edit: replace `range` (empty for an insertion) with `text`. */
export interface Fix {
  range: Span;
  text: string;
}

/**
 * One problem. Its position is spread on the finding itself (`start`/`end`, `line`/`column`,
 * ...); for `missing-section` it is an empty range at the insertion point and `fix.text` is the
 * template's skeleton for the section.
 */
export interface Finding extends Span {
  /** Stable rule id, e.g. `"unfilled-placeholder"`. */
  rule: string;
  severity: Severity;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  help: string;
  /** Index into `Report.sections`, or null when the text belongs to no template section. */
  section: number | null;
  sectionTitle: string | null;
  fix: Fix | null;
}

/** One template section and how the document fills it. */
export interface SectionResult {
  title: string;
  /** Titles from the top-level ancestor down to this section. */
  path: string[];
  /** Template heading level, 1–6. */
  level: number;
  status: Status;
  optional: boolean;
  points: number;
  maxPoints: number;
  /** The document heading that fills the section, as written; null when missing. */
  heading: string | null;
  headingRange: Span | null;
  /** The whole section in the document, heading to the end of its content. */
  range: Span | null;
  /** For a missing section: where its skeleton belongs. */
  insertAt: Span | null;
}

export interface TemplateInfo {
  /** `"spec-md"`, `"tech-spec"`, `"custom"`, or null when no template fits the document. */
  id: string | null;
  title: string;
  /** 0–1: how well the document's outline fits the template. */
  confidence: number;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export interface Report {
  /** Completeness 0–100, or null when no template fits the document. */
  score: number | null;
  template: TemplateInfo;
  sections: SectionResult[];
  /** Ordered by position. */
  findings: Finding[];
  summary: Summary;
}

export interface CheckOptions {
  /**
   * `"auto"` (the default: the best-fitting built-in), a built-in id, a Template from
   * `compileTemplate()`, or template Markdown.
   */
  template?: string | Template;
  /** Per-rule overrides: `"off"` or a severity. */
  rules?: Record<string, "off" | Severity>;
  /** Refuse inputs longer than this many UTF-8 bytes (default 16 MiB). */
  maxBytes?: number;
}

/** A built-in template. */
export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
  /** The template's Markdown. */
  source: string;
}

/** One section of a compiled template's outline. */
export interface TemplateSection {
  title: string;
  path: string[];
  level: number;
  optional: boolean;
}

export interface Detection {
  /** The best-fitting built-in's id, or null when none fits well enough. */
  id: string | null;
  title: string | null;
  confidence: number;
  /** The closest built-in even when none fits. */
  closest: { id: string; title: string; confidence: number } | null;
}

/**
 * Internal: what the raw `check` export returns, `[words, ends, text, confidence]`; the package's
 * `check` decodes it into a `Report` (src/wasm/encode.rs).
 */
export type EncodedReport = [Uint32Array, Uint32Array, string, number];

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  /** One sentence, for listings and SARIF. */
  summary: string;
}
"#;

/// A compiled template (compile once, check many documents).
#[wasm_bindgen(js_name = Template)]
pub struct JsTemplate(Template);

#[wasm_bindgen(js_class = Template)]
impl JsTemplate {
    /// `"custom"` for a compiled template.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id.clone()
    }

    /// The template's first heading.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.0.title.clone()
    }

    /// Checks a document against this template; `options.template` is ignored. Returns the
    /// report encoded ([`encode_report`]); `npm/api.js` decodes it.
    #[wasm_bindgen(unchecked_return_type = "EncodedReport")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        check_with(&markdown, &options, Some(&self.0))
    }

    /// The template's outline, in order.
    #[wasm_bindgen(getter, unchecked_return_type = "TemplateSection[]")]
    pub fn sections(&self) -> Result<JsValue, JsValue> {
        let t = &self.0;
        Ok(array(t.sections.iter().map(|s| {
            object(&[
                ("title", JsValue::from_str(&s.title)),
                ("path", array(s.path.iter().map(|p| JsValue::from_str(p)))),
                ("level", s.level.into()),
                ("optional", s.optional.into()),
            ])
        })))
    }
}

/// Checks a document against `options.template` (a string here; the JS wrapper sends a
/// `Template` object to [`JsTemplate::check`], since Rust cannot borrow one out of a `JsValue`).
/// Returns the report encoded ([`encode_report`]); `npm/api.js` decodes it.
#[wasm_bindgen(unchecked_return_type = "EncodedReport")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    check_with(&markdown, &options, None)
}

fn check_with(markdown: &JsValue, options: &JsValue, template: Option<&Template>) -> Result<JsValue, JsValue> {
    let markdown = string_arg(markdown, "markdown")?;
    let opts = options_object(options)?;
    let compiled; // a template given as Markdown lives here for the duration of the call
    let mut choice = TemplateChoice::Auto;
    if let Some(t) = template {
        choice = TemplateChoice::Use(t);
    } else if let Some(v) = opts.template.as_string() {
        if v != "auto" {
            choice = match crate::builtin_template(&v) {
                Ok(t) => TemplateChoice::Use(t),
                Err(_) if v.contains('\n') || v.contains('#') => {
                    compiled = crate::compile_template(&v).map_err(core_error)?;
                    TemplateChoice::Use(&compiled)
                }
                Err(e) => return Err(core_error(e)),
            };
        }
    } else if !opts.template.is_undefined() && !opts.template.is_null() {
        return Err(type_error(&format!(
            "options.template must be a string (\"auto\", a built-in id or template Markdown) or a Template from compileTemplate() (got {})",
            type_name(&opts.template)
        )));
    }
    let options = CheckOptions { template: choice, rules: opts.rules, max_bytes: opts.max_bytes };
    let report = crate::check(&markdown, &options).map_err(core_error)?;
    Ok(encode_report(&report))
}

/// Compiles a template from Markdown.
#[wasm_bindgen(js_name = compileTemplate)]
pub fn compile_template(#[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue) -> Result<JsTemplate, JsValue> {
    let markdown = string_arg(&markdown, "markdown")?;
    crate::compile_template(&markdown).map(JsTemplate).map_err(core_error)
}

/// The built-in templates.
#[wasm_bindgen(unchecked_return_type = "TemplateSummary[]")]
pub fn templates() -> Result<JsValue, JsValue> {
    Ok(array(builtins::builtins().map(|t| {
        object(&[
            ("id", t.id.as_str().into()),
            ("title", t.title.as_str().into()),
            ("description", t.description.as_str().into()),
            ("source", t.source.as_str().into()),
        ])
    })))
}

/// Which built-in template fits a document best, if any.
#[wasm_bindgen(js_name = detectTemplate, unchecked_return_type = "Detection")]
pub fn detect(#[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue) -> Result<JsValue, JsValue> {
    let markdown = string_arg(&markdown, "markdown")?;
    let d = detect_template(&markdown, &[]);
    let round = |c: f64| (c * 1000.0).round() / 1000.0;
    let closest = d.closest.map_or(JsValue::NULL, |(t, c)| {
        object(&[("id", t.id.as_str().into()), ("title", t.title.as_str().into()), ("confidence", round(c).into())])
    });
    Ok(object(&[
        ("id", str_or_null(d.template.map(|t| t.id.as_str()))),
        ("title", str_or_null(d.template.map(|t| t.title.as_str()))),
        ("confidence", round(d.confidence).into()),
        ("closest", closest),
    ]))
}

/// Every rule, in the order they run.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    Ok(array(
        rule_list().map(|r| {
            object(&[("id", r.id.into()), ("defaultSeverity", r.default_severity.as_str().into()), ("summary", r.summary.into())])
        }),
    ))
}

/// Test hook, not part of the API: panics inside the module so the tests can check that the
/// wrapper turns the trap into an Error and that the next call works.
#[wasm_bindgen(js_name = __speclint_test_panic)]
pub fn test_panic() {
    panic!("deliberate panic (speclint test hook)");
}

/// `options` after validation.
struct Opts {
    template: JsValue,
    rules: Vec<(String, RuleSetting)>,
    max_bytes: usize,
}

const OPTION_NAMES: &[&str] = &["template", "rules", "maxBytes"];

fn options_object(options: &JsValue) -> Result<Opts, JsValue> {
    let mut opts = Opts { template: JsValue::UNDEFINED, rules: Vec::new(), max_bytes: crate::DEFAULT_MAX_BYTES };
    if options.is_undefined() || options.is_null() {
        return Ok(opts);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(type_error(&format!("options must be an object (got {})", type_name(options))));
    }
    let object: &Object = options.unchecked_ref();
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(type_error(&format!("unknown option \"{key}\": options are {}", OPTION_NAMES.join(", "))));
        }
    }
    let get = |k: &str| Reflect::get(options, &JsValue::from_str(k));
    opts.template = get("template")?;
    let rules = get("rules")?;
    if !rules.is_undefined() && !rules.is_null() {
        if !rules.is_object() || js_sys::Array::is_array(&rules) {
            return Err(type_error(&format!(
                "options.rules must be an object of rule id → \"off\" | \"error\" | \"warning\" | \"info\" (got {})",
                type_name(&rules)
            )));
        }
        for entry in Object::entries(rules.unchecked_ref::<Object>()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let id = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1).as_string();
            let setting = match value.as_deref().map(|v| (v, Severity::parse(v))) {
                Some(("off", _)) => RuleSetting::Off,
                Some((_, Some(severity))) => RuleSetting::Severity(severity),
                _ => return Err(type_error(&format!("options.rules[\"{id}\"] must be \"off\", \"error\", \"warning\" or \"info\""))),
            };
            opts.rules.push((id, setting));
        }
    }
    let max = get("maxBytes")?;
    if !max.is_undefined() && !max.is_null() {
        match max.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => opts.max_bytes = n as usize,
            _ => return Err(type_error("options.maxBytes must be a non-negative integer (a number of UTF-8 bytes)")),
        }
    }
    Ok(opts)
}

fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| type_error(&format!("{name} must be a string (got {})", type_name(value))))
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn core_error(e: Error) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}
