// The package's API over the raw wasm-bindgen exports (dist/speclint.js). The Rust binding does
// the argument checking and the conversions; this file adds only what Rust cannot do (well):
//
// - the report's objects: Rust sends a report as numbers and one string (src/wasm/encode.rs, "The
//   report's encoding"), and `decodeReport` builds the plain objects here, since setting them
//   up property by property from Rust costs several microseconds per finding;
// - recovery: the wasm is built with `panic = "abort"`, so a Rust panic (or any other trap) is a
//   `WebAssembly.RuntimeError` that leaves the instance's state half-updated. `guard` turns it
//   into an `Error` carrying the panic message and has the glue re-instantiate the module before
//   the next call;
// - `Template` objects that survive such a recovery (they recompile from their source, since the
//   compiled form lived in the discarded instance's memory), and that `check` accepts as
//   `options.template` (Rust cannot borrow one out of a plain JS value);
// - giving memory back: after a check that grew the instance past 64 MiB, the next call gets a
//   fresh instance (the same re-instantiation as recovery).
//
// Loading the .wasm is the entry module's job (node.js, browser.js, dist/inline.js): each
// instantiates the glue before anything here is called.
import * as raw from './dist/speclint.js';

/** Bumped by every recovery; a Template compiled in an older generation recompiles. */
let generation = 0;

function guard(call) {
  try {
    return call();
  } catch (e) {
    // RangeError: V8 and Safari report a wasm stack overflow as one.
    if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) throw e;
    let detail = null;
    try {
      detail = raw.__speclint_recover();
    } catch {
      // Nothing more can be done for this instance; the error below still says what happened.
    }
    generation++;
    longestInput = 0;
    const what = detail ? `Rust panic: ${detail.replace(/\s+/g, ' ')}` : `${e.name}: ${e.message}`;
    throw new Error(
      `speclint internal error (${what}). The WebAssembly module was reset and later calls work; please report this with the input that caused it.`,
      { cause: e },
    );
  }
}

/**
 * Wasm memory only grows. Before a check, if the instance holds more than RELEASE_ABOVE_BYTES
 * and this input is less than half the largest one checked since the instance began, the module
 * is re-instantiated first, so one huge document does not pin its memory for the rest of a page
 * session or CLI run (compiled `Template`s recompile themselves, as after a panic). A document
 * about as large as the largest keeps the memory it needs: re-checking it on every keystroke does
 * not grow the memory from scratch each time.
 */
const RELEASE_ABOVE_BYTES = 64 * 1024 * 1024;
/** The longest input (UTF-16 code units) checked by the current instance. */
let longestInput = 0;

function releaseIfLarge(markdown) {
  const length = typeof markdown === 'string' ? markdown.length : 0;
  if (length < longestInput / 2 && raw.__speclint_memory_bytes() > RELEASE_ABOVE_BYTES) {
    raw.__speclint_release();
    generation++;
    longestInput = 0;
  }
  longestInput = Math.max(longestInput, length);
}

export function check(markdown, options) {
  const template = options !== null && typeof options === 'object' ? options.template : undefined;
  if (template instanceof Template) return template.check(markdown, options);
  releaseIfLarge(markdown);
  return decodeReport(guard(() => raw.check(markdown, options)));
}

// Report decoding: the inverse of `encode_report` in src/wasm/encode.rs, whose comment gives the grammar.
// The objects get exactly the keys, key order and nulls of the Rust types' JSON (report.rs).

const NONE = 0xffffffff;
const WIDE = 0x80000000;
const SEVERITY = ['info', 'warning', 'error'];
const STATUS = ['complete', 'incomplete', 'placeholder', 'empty', 'missing'];

/**
 * `[words, ends, text, confidence, wide]` from the raw `check` → the `Report`. `words` and `ends` are
 * views of wasm memory, valid only until the next call into the module: read here, at once.
 */
function decodeReport([w, ends, text, confidence, wide]) {
  // Each string is in one of two blocks: `text` (pure ASCII) or `wide` (ends[k] >= WIDE).
  const strings = new Array(ends.length);
  for (let k = 0, at = 0, atWide = 0; k < ends.length; k++) {
    const end = ends[k];
    if (end < WIDE) {
      strings[k] = text.slice(at, end);
      at = end;
    } else {
      strings[k] = wide.slice(atWide, end - WIDE);
      atWide = end - WIDE;
    }
  }
  let i = 0;
  /** Reads a Span's eight numbers (a finding's span is read flat into the finding below). */
  const span = () => {
    const at = i;
    i += 8;
    return {
      startByte: w[at],
      endByte: w[at + 1],
      start: w[at + 2],
      end: w[at + 3],
      line: w[at + 4],
      column: w[at + 5],
      endLine: w[at + 6],
      endColumn: w[at + 7],
    };
  };
  const optSpan = () => (w[i] === NONE ? (i++, null) : span());
  const optStr = () => (w[i] === NONE ? (i++, null) : strings[w[i++]]);
  const optNum = () => (w[i] === NONE ? (i++, null) : w[i++]);

  const score = optNum();
  const template = { id: optStr(), title: strings[w[i++]], confidence };
  const sections = new Array(w[i++]);
  const findings = new Array(w[i++]);
  const summary = { errors: w[i++], warnings: w[i++], infos: w[i++] };
  for (let s = 0; s < sections.length; s++) {
    const title = strings[w[i++]];
    const path = new Array(w[i++]);
    for (let p = 0; p < path.length; p++) path[p] = strings[w[i++]];
    sections[s] = {
      title,
      path,
      level: w[i++],
      status: STATUS[w[i++]],
      optional: w[i++] === 1,
      points: w[i++],
      maxPoints: w[i++],
      heading: optStr(),
      headingRange: optSpan(),
      range: optSpan(),
      insertAt: optSpan(),
    };
  }
  for (let f = 0; f < findings.length; f++) {
    const rule = strings[w[i++]];
    const severity = SEVERITY[w[i++]];
    const message = strings[w[i++]];
    const help = strings[w[i++]];
    const section = optNum();
    const sectionTitle = optStr();
    const at = i;
    i += 8;
    const fix = w[i] === NONE ? (i++, null) : { range: span(), text: strings[w[i++]] };
    // One literal with every property, in the order of the Finding type: V8 makes the object
    // at its final shape at once, with no transitions as properties are added. The span's eight
    // are written out as in span(): `...span()` here made the 1 MB line's 50,013 findings take
    // 1.29x as long in Node.
    findings[f] = {
      rule,
      severity,
      message,
      help,
      section,
      sectionTitle,
      startByte: w[at],
      endByte: w[at + 1],
      start: w[at + 2],
      end: w[at + 3],
      line: w[at + 4],
      column: w[at + 5],
      endLine: w[at + 6],
      endColumn: w[at + 7],
      fix,
    };
  }
  if (i !== w.length) throw new Error(`speclint internal error: report decoding read ${i} of ${w.length} words`);
  return { score, template, sections, findings, summary };
}

const CREATE = Symbol('create');

export class Template {
  #source;
  #compiled;
  #generation;
  #info;

  /** Use `compileTemplate(markdown)`. */
  constructor(token, source, compiled) {
    if (token !== CREATE) throw new TypeError('use compileTemplate(markdown) to make a Template');
    this.#source = source;
    this.#compiled = compiled;
    this.#generation = generation;
    const sections = Object.freeze(compiled.sections.map((s) => Object.freeze({ ...s, path: Object.freeze(s.path) })));
    this.#info = { id: compiled.id, title: compiled.title, sections };
  }

  get id() {
    return this.#info.id;
  }

  get title() {
    return this.#info.title;
  }

  get sections() {
    return this.#info.sections;
  }

  /** The template Markdown this was compiled from. */
  get source() {
    return this.#source;
  }

  check(markdown, options) {
    releaseIfLarge(markdown);
    return decodeReport(guard(() => this.#current().check(markdown, options)));
  }

  /** Releases the compiled form now instead of at garbage collection; the object is unusable after. */
  free() {
    if (this.#compiled && this.#generation === generation) this.#compiled.free();
    this.#compiled = null;
  }

  [Symbol.dispose]() {
    this.free();
  }

  #current() {
    if (this.#compiled === null) throw new Error('this Template has been freed');
    if (this.#generation !== generation) {
      this.#compiled = guard(() => raw.compileTemplate(this.#source));
      this.#generation = generation;
    }
    return this.#compiled;
  }

  static [CREATE](markdown) {
    return new Template(CREATE, markdown, guard(() => raw.compileTemplate(markdown)));
  }
}

export function compileTemplate(markdown) {
  return Template[CREATE](markdown);
}

export function templates() {
  return guard(() => raw.templates());
}

export function detectTemplate(markdown) {
  return guard(() => raw.detectTemplate(markdown));
}

export function rules() {
  return guard(() => raw.rules());
}

/** Test hook, not part of the API (not in index.d.ts): panics inside the module. */
export function __speclint_test_panic() {
  return guard(() => raw.__speclint_test_panic());
}
