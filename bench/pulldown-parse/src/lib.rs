//! pulldown-cmark parse-only as a wasm-bindgen export: the string crosses into wasm exactly as
//! it does for speclint's `check`, is parsed with speclint's parser options (src/doc.rs
//! `options()`) through the offset iterator speclint uses, and only the event count comes back.

use pulldown_cmark::{Options, Parser};
use wasm_bindgen::prelude::*;

/// Keep in step with speclint's `src/doc.rs` `options()`.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// Parses `markdown` and returns the number of events.
#[wasm_bindgen]
pub fn parse(markdown: &str) -> u32 {
    Parser::new_ext(markdown, options()).into_offset_iter().count() as u32
}
