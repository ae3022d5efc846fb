//! The report's wire format between the binding and `npm/api.js`: numbers and one string table
//! instead of objects built property by property (see the grammar below).

use crate::{Report, Severity, Span, Status};
use wasm_bindgen::JsValue;

// ---------------------------------------------------------------------------------------------
// The report's encoding. `npm/api.js` (`decodeReport`) reads it; the two must change together
// (tests/js/handoff.test.js and differential.test.js compare the decoded objects with the native
// JSON, key order included).
//
// `check` returns a JS array `[words, ends, text, confidence, wide]`:
//
// - `words`: a Uint32Array, read front to back (the grammar below). It and `ends` are views of
//   wasm memory, not copies: valid until the module next allocates, so a caller reads them
//   (or copies them, in JS) before any other call into the module;
// - `text`: every distinct string of the report that is pure ASCII, concatenated, and `wide`
//   every other one: two blocks, each decoded from UTF-8 once. Apart because a decoder reads
//   ASCII several times faster (Node 20's TextDecoder: 2.4 µs for 11.8 KB of ASCII, 25 µs for
//   as much with a few non-ASCII characters in it), and a report's few strings with any
//   (a quoted heading, a skeleton with an arrow) would otherwise slow the whole table;
// - `ends`: a Uint32Array, for each string k in order, the UTF-16 offset where it ends in its
//   block, plus WIDE = 2^31 if that block is `wide`: string k is the block's slice from the end
//   of the block's string before it (0 for its first) to that offset; a `str` word below is
//   such a k;
// - `confidence`: `report.template.confidence` (the one non-integer).
//
// Grammar of `words` (every number is one u32 word; `?` marks a value that may be null, encoded as
// the single word NONE = 0xFFFF_FFFF, which no present value starts with: on wasm32 offsets, counts
// and string indices are below 2^31):
//
//   report   = score? templateId:str? templateTitle:str nSections nFindings
//              errors warnings infos section×nSections finding×nFindings
//   section  = title:str nPath path:str×nPath level status optional points maxPoints
//              heading:str? headingRange:span? range:span? insertAt:span?
//   finding  = rule:str severity message:str help:str section? sectionTitle:str? span fix?
//   fix      = range:span text:str
//   span     = startByte endByte start end line column endLine endColumn
//   severity = 0 info | 1 warning | 2 error
//   status   = 0 complete | 1 incomplete | 2 placeholder | 3 empty | 4 missing
//   optional = 0 | 1
// ---------------------------------------------------------------------------------------------

/// The word for a null.
const NONE: u32 = u32::MAX;

/// The bit of an `ends` entry that says its string is in `wide`.
const WIDE: u32 = 1 << 31;

/// Builds the encoding described above.
struct Encoder {
    words: Vec<u32>,
    /// The pure ASCII strings, and the others (`wide`, with its length in UTF-16 units).
    text: String,
    wide: String,
    wide_units: u32,
    /// Each string's byte range in its block.
    bytes: Vec<(u32, u32)>,
    ends: Vec<u32>,
    /// By hash of the string: its index + 1 (0: empty slot) and the address it was last
    /// interned from, so repeated strings (rule ids, section titles, a rule's help, the same
    /// message over and over) are sent and decoded once.
    seen: Box<[(u32, usize); SEEN_SLOTS]>,
}

const SEEN_SLOTS: usize = 1024;

impl Encoder {
    fn num(&mut self, n: usize) {
        self.words.push(n as u32); // usize is u32 on wasm32
    }

    fn str(&mut self, s: &str) {
        let k = self.intern(s);
        self.words.push(k);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.words.push(NONE),
        }
    }

    fn span(&mut self, s: &Span) {
        let Span { start_byte, end_byte, start, end, line, column, end_line, end_column } = *s;
        for n in [start_byte, end_byte, start, end, line, column, end_line, end_column] {
            self.num(n);
        }
    }

    fn opt_span(&mut self, s: Option<&Span>) {
        match s {
            Some(s) => self.span(s),
            None => self.words.push(NONE),
        }
    }

    /// The index of `s` in the string table, adding it if it is not there yet (or its slot holds
    /// another string: then it is simply added again).
    fn intern(&mut self, s: &str) -> u32 {
        // The slot comes from the length and at most 16 bytes (the first and last 8), so long
        // strings (help texts, messages, skeletons) are not read byte by byte just to be looked
        // up; strings that share those bytes and length and differ inside only share a slot, and
        // the full comparison below tells them apart.
        let b = s.as_bytes();
        let word = |w: &[u8]| w.iter().fold(0u64, |h, &x| (h << 8) | x as u64);
        let head = word(&b[..b.len().min(8)]);
        let tail = word(&b[b.len().saturating_sub(8)..]);
        let mixed =
            (head ^ tail.rotate_left(29) ^ (b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        let hash = (mixed >> 32) as u32;
        let slot = hash as usize % SEEN_SLOTS;
        let (seen, from) = self.seen[slot];
        if let Some(k) = seen.checked_sub(1) {
            let (start, end) = self.bytes[k as usize];
            let block = if self.ends[k as usize] & WIDE == 0 { &self.text } else { &self.wide };
            let stored = block.get(start as usize..end as usize);
            // Every string interned is borrowed from the report being encoded (or 'static), which
            // nothing changes or frees while it is encoded: the same address and length are the
            // same bytes. A rule's id and help, and a section's title, are one allocation each
            // however many findings repeat them, so most hits skip the byte comparison.
            if stored.is_some_and(|t| t.len() == s.len()) && (from == s.as_ptr() as usize || stored == Some(s)) {
                self.seen[slot].1 = s.as_ptr() as usize;
                return k;
            }
        }
        let k = self.ends.len() as u32;
        if s.is_ascii() {
            // One UTF-16 unit a byte: the block's byte length is its UTF-16 length.
            let start = self.text.len() as u32;
            self.text.push_str(s);
            self.bytes.push((start, self.text.len() as u32));
            self.ends.push(self.text.len() as u32);
        } else {
            let start = self.wide.len() as u32;
            self.wide.push_str(s);
            self.bytes.push((start, self.wide.len() as u32));
            // UTF-16 length: one unit per char (every byte but continuation bytes), two for the
            // chars of four UTF-8 bytes (lead byte 0xF0 and up).
            self.wide_units += s.bytes().map(|b| (b & 0xC0 != 0x80) as u32 + (b >= 0xF0) as u32).sum::<u32>();
            self.ends.push(self.wide_units | WIDE);
        }
        self.seen[slot] = (k + 1, s.as_ptr() as usize);
        k
    }
}

fn severity_code(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn status_code(s: Status) -> usize {
    match s {
        Status::Complete => 0,
        Status::Incomplete => 1,
        Status::Placeholder => 2,
        Status::Empty => 3,
        Status::Missing => 4,
    }
}

/// The report as `[words, ends, text, confidence]` (the encoding above).
pub(super) fn encode_report(report: &Report) -> JsValue {
    let mut e = Encoder {
        words: Vec::with_capacity(16 + report.sections.len() * 40 + report.findings.len() * 24),
        text: String::with_capacity(4096),
        wide: String::new(),
        wide_units: 0,
        bytes: Vec::with_capacity(256),
        ends: Vec::with_capacity(256),
        seen: Box::new([(0, 0); SEEN_SLOTS]),
    };
    match report.score {
        Some(s) => e.num(s as usize),
        None => e.words.push(NONE),
    }
    e.opt_str(report.template.id.as_deref());
    e.str(&report.template.title);
    e.num(report.sections.len());
    e.num(report.findings.len());
    e.num(report.summary.errors);
    e.num(report.summary.warnings);
    e.num(report.summary.infos);
    for s in &report.sections {
        e.str(&s.title);
        e.num(s.path.len());
        for p in s.path.iter() {
            e.str(p);
        }
        e.num(s.level as usize);
        e.num(status_code(s.status));
        e.num(s.optional as usize);
        e.num(s.points as usize);
        e.num(s.max_points as usize);
        e.opt_str(s.heading.as_deref());
        e.opt_span(s.heading_range.as_ref());
        e.opt_span(s.range.as_ref());
        e.opt_span(s.insert_at.as_ref());
    }
    for f in &report.findings {
        e.str(f.rule);
        e.num(severity_code(f.severity));
        e.str(&f.message);
        e.str(&f.help);
        match f.section {
            Some(s) => e.num(s),
            None => e.words.push(NONE),
        }
        e.opt_str(f.section_title.as_deref());
        e.span(&f.range);
        match &f.fix {
            Some(fix) => {
                e.span(&fix.range);
                e.str(&fix.text);
            }
            None => e.words.push(NONE),
        }
    }
    let out = js_sys::Array::new_with_length(5);
    out.set(2, JsValue::from_str(&e.text));
    out.set(3, JsValue::from_f64(report.template.confidence));
    out.set(4, JsValue::from_str(&e.wide));
    // The two number arrays go to JS as views of wasm memory, not copies: a copy allocates an
    // ArrayBuffer, about 9 µs for a 20 KB report's words in Chromium (4-6% of that check).
    // `LAST` keeps their storage until the next report replaces it, and nothing here allocates
    // after the views are made (an allocation may grow the memory and detach them), so they
    // stay valid until `npm/api.js` has read them, at once and before any other call into the
    // module.
    LAST.with_borrow_mut(|last| {
        *last = (std::mem::take(&mut e.words), std::mem::take(&mut e.ends));
        // SAFETY: the views alias `last`'s buffers, which live until the next report. Between
        // here and their use in JS, Rust only drops this call's values (frees, which never grow
        // the memory): nothing allocates.
        unsafe {
            out.set(0, js_sys::Uint32Array::view(&last.0).into());
            out.set(1, js_sys::Uint32Array::view(&last.1).into());
        }
    });
    out.into()
}

thread_local! {
    /// The last report's words and ends, which the views handed to JS read.
    static LAST: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}
