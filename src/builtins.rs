//! The built-in templates, shipped verbatim in `templates/` and compiled once on first use.

use crate::template::Template;
use std::sync::OnceLock;

/// (id, description, source) of each built-in, in the order `auto` prefers them on a tie.
const SOURCES: &[(&str, &str, &str)] = &[
    (
        "tech-spec",
        "Technical specification: overview, architecture, API, data models, business logic, security, performance, operations, testing, deployment, migration.",
        include_str!("../templates/tech-spec.md"),
    ),
    (
        "spec-md",
        "SPEC.md for agent-built projects: architecture, tech stack, core concepts, data model, API design, project structure.",
        include_str!("../templates/spec-md.md"),
    ),
];

/// All built-in templates, compiled.
/// Each built-in compiled on first use, on its own: a check against one of them does not pay for
/// compiling the other (a cold start runs that compilation on the baseline wasm tier).
static COMPILED: [OnceLock<Template>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];

fn compiled(i: usize) -> &'static Template {
    COMPILED[i].get_or_init(|| {
        let (id, desc, src) = SOURCES[i];
        // Not `expect`: that would format the error with `Debug`, which links string escaping
        // and its Unicode tables into the .wasm for a message no one can see.
        let Ok(t) = Template::compile_with_id(src, id, desc) else { unreachable!("built-in templates have headings") };
        t
    })
}

/// Every built-in, in order (compiling those not compiled yet).
pub fn builtins() -> impl ExactSizeIterator<Item = &'static Template> {
    (0..SOURCES.len()).map(compiled)
}

pub fn builtin(id: &str) -> Option<&'static Template> {
    SOURCES.iter().position(|(i, _, _)| *i == id).map(compiled)
}

pub fn ids() -> Vec<String> {
    SOURCES.iter().map(|(id, _, _)| id.to_string()).collect()
}
