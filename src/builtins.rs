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
pub fn builtins() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES.iter().map(|(id, desc, src)| Template::compile_with_id(src, id, desc).expect("built-in templates have headings")).collect()
    })
}

/// A built-in template by id.
pub fn builtin(id: &str) -> Option<&'static Template> {
    builtins().iter().find(|t| t.id == id)
}

/// Ids of the built-in templates.
pub fn ids() -> Vec<String> {
    SOURCES.iter().map(|(id, _, _)| id.to_string()).collect()
}
