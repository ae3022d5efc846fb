// <spec-lint>: speclint as a custom element, for wikis and sites that can add a script tag but
// not a build step. Importing this module registers the element; it can be loaded as
// `speclint/element` through a bundler or as a plain <script type="module" src=".../element.js">.
//
//   <spec-lint src="raw.md">         fetches raw Markdown (same origin, or a CORS-enabled URL)
//   <spec-lint for="editor-id">      watches a <textarea>, <input> or contenteditable; re-checks as the user types
//   <spec-lint># Title …</spec-lint>  checks its own text content
//   template="auto|spec-md|tech-spec|<URL of a template .md>"  min-score="80"  compact
//
// The engine (browser.js, and with it the .wasm) is imported on first use, with a dynamic import
// of one module URL: the browser evaluates that module once per page, so every element, and any
// script of the page importing the same browser.js, share one WebAssembly instance.
//
// Invariants: user text only ever reaches the DOM as text nodes (no innerHTML anywhere in this
// file); nothing is fetched except what the author's `src` and `template` attributes name (and the
// engine's own files); errors are shown inside the element and never thrown at the page.

const TAG = 'spec-lint';
const DEBOUNCE_MS = 250;
const MAX_FINDINGS_SHOWN = 200;

let engine = null;
/** The package API, loaded once per page on first use. */
function loadEngine() {
  engine ??= import('./browser.js').catch((e) => {
    engine = null; // a later element may retry (e.g. after a network hiccup)
    throw new Error(`speclint could not load its engine (browser.js and dist/speclint_bg.wasm next to element.js): ${e.message}`);
  });
  return engine;
}

/** Compiled templates by absolute URL, shared by every element on the page. */
const templateCache = new Map();

function loadTemplate(api, url) {
  let pending = templateCache.get(url);
  if (!pending) {
    pending = fetchText(url, 'template').then((markdown) => {
      try {
        return api.compileTemplate(markdown);
      } catch (e) {
        throw new Error(`The template at ${url} cannot be used: ${e.message}`);
      }
    });
    pending.catch(() => templateCache.delete(url)); // retry on the next check
    templateCache.set(url, pending);
  }
  return pending;
}

async function fetchText(url, what) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new Error(`Could not load the ${what} at ${url}: the request failed (offline, blocked by the page's security policy, or the server does not allow cross-origin requests).`);
  }
  if (!response.ok) {
    throw new Error(`Could not load the ${what} at ${url}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  }
  const text = await response.text();
  if (/^\s*<(!doctype\s+html|html)[\s>]/i.test(text)) {
    throw new Error(`The ${what} at ${url} is an HTML page, not raw Markdown: point the attribute at the raw file (many wikis have a "raw" or "source" link).`);
  }
  return text;
}

/** Strips the indentation the HTML source gives inline Markdown, and the blank lines around it. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\n\s*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Styles: one constructed stylesheet shared by every element's shadow root (constructed sheets
// are not inline styles, so a `style-src 'self'` policy allows them).

const CSS = String.raw`
:host { display: block; position: relative; contain: layout style; }
:host([compact]) { display: inline-block; vertical-align: middle; }
:host([hidden]) { display: none; }
[hidden] { display: none !important; }

.root {
  all: initial;
  display: block;
  color-scheme: inherit;
  font-family: var(--speclint-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif);
  font-size: var(--speclint-font-size, 0.875rem);
  line-height: 1.45;
  color: var(--speclint-color, #1c1f24);
  color: var(--speclint-color, light-dark(#1c1f24, #e5e8ec));
  --_bg: var(--speclint-background, #ffffff);
  --_bg: var(--speclint-background, light-dark(#ffffff, #1b1e23));
  --_muted: var(--speclint-muted, #5b6471);
  --_muted: var(--speclint-muted, light-dark(#5b6471, #9ba4b0));
  --_border: var(--speclint-border, #d8dce2);
  --_border: var(--speclint-border, light-dark(#d8dce2, #363b45));
  --_radius: var(--speclint-radius, 6px);
  --_good: var(--speclint-good, #1d7a3e);
  --_good: var(--speclint-good, light-dark(#1d7a3e, #5fcf86));
  --_fair: var(--speclint-fair, #9a5b00);
  --_fair: var(--speclint-fair, light-dark(#9a5b00, #f2bd4b));
  --_poor: var(--speclint-poor, #b42323);
  --_poor: var(--speclint-poor, light-dark(#b42323, #ff8a8a));
  --_none: var(--speclint-unscored, #5b6471);
  --_none: var(--speclint-unscored, light-dark(#5b6471, #9ba4b0));
  --_error: var(--speclint-error, #b42323);
  --_error: var(--speclint-error, light-dark(#b42323, #ff8a8a));
  --_warning: var(--speclint-warning, #8a5100);
  --_warning: var(--speclint-warning, light-dark(#8a5100, #f2bd4b));
  --_info: var(--speclint-info, #2456c9);
  --_info: var(--speclint-info, light-dark(#2456c9, #8fb3ff));
  --_focus: var(--speclint-focus, #2456c9);
  --_focus: var(--speclint-focus, light-dark(#2456c9, #8fb3ff));
  --_tone: var(--_none);
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.root[data-tone="good"] { --_tone: var(--_good); }
.root[data-tone="fair"] { --_tone: var(--_fair); }
.root[data-tone="poor"] { --_tone: var(--_poor); }
button { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }

/* compact: a badge that opens a panel of findings */
.badge {
  display: inline-flex; align-items: baseline; gap: 0.35em; margin: 0; cursor: pointer;
  padding: 0.15em 0.6em; border: 1px solid var(--_tone); border-radius: 999px;
  background: var(--_bg); color: var(--_tone); font-weight: 600; white-space: nowrap;
  line-height: 1.5; text-align: left;
}
.badge:hover { background: color-mix(in srgb, var(--_tone) 8%, var(--_bg)); }
.badge .label { color: var(--_muted); font-weight: 500; }
.badge .max { font-weight: 500; opacity: 0.8; }
.badge .chevron { font-size: 0.75em; color: var(--_muted); }
.panel {
  position: absolute; z-index: 10; top: calc(100% + 6px); left: 0;
  width: min(34rem, calc(100vw - 2rem)); max-height: min(28rem, 70vh); overflow: auto;
  padding: 0.75rem 0.9rem; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: var(--_radius); box-shadow: 0 6px 24px rgb(0 0 0 / 0.16);
  text-align: left; white-space: normal;
}

/* full view */
.full {
  display: block; padding: 0.8rem 0.9rem; background: var(--_bg);
  border: 1px solid var(--_border); border-radius: var(--_radius);
}
.header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.9rem; }
.score { display: inline-flex; align-items: baseline; gap: 0.1em; color: var(--_tone); font-weight: 700; }
.score .value { font-size: 2em; line-height: 1; font-variant-numeric: tabular-nums; }
.score .max { font-size: 0.95em; opacity: 0.8; }
.meter {
  flex: 1 1 8rem; min-width: 6rem; height: 6px; border-radius: 3px; overflow: hidden;
  background: color-mix(in srgb, var(--_border) 70%, transparent);
}
.meter > span { display: block; height: 100%; width: calc(var(--score, 0) * 1%); background: var(--_tone); }
.headline { flex-basis: 100%; margin: 0; }
.verdict { font-weight: 600; color: var(--_tone); }
.meta { color: var(--_muted); }
.name { white-space: nowrap; }
h3 {
  margin: 0.9rem 0 0.35rem; font-size: 0.8em; font-weight: 700; letter-spacing: 0.04em;
  text-transform: uppercase; color: var(--_muted);
}
ul, ol { list-style: none; margin: 0; padding: 0; }

.sections li { display: flex; gap: 0.45em; align-items: baseline; padding: 0.1em 0; padding-left: calc(var(--depth, 0) * 1.1em); }
.sections .icon { flex: none; width: 1.1em; text-align: center; font-weight: 700; }
.sections .title { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.sections .status { flex: none; font-size: 0.85em; color: var(--_muted); }
.sections [data-status="complete"] .icon { color: var(--_good); }
.sections [data-status="incomplete"] .icon { color: var(--_fair); }
.sections [data-status="placeholder"] .icon,
.sections [data-status="empty"] .icon,
.sections [data-status="missing"] .icon { color: var(--_poor); }
.sections [data-optional] .status::after { content: " · optional"; }

.findings li { padding: 0.4em 0; border-top: 1px solid var(--_border); overflow-wrap: anywhere; }
.findings li:first-child { border-top: 0; }
.findings .line1 { display: flex; gap: 0.5em; align-items: baseline; }
.findings .sev { flex: none; font-size: 0.75em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
.findings [data-severity="error"] .sev { color: var(--_error); }
.findings [data-severity="warning"] .sev { color: var(--_warning); }
.findings [data-severity="info"] .sev { color: var(--_info); }
.findings .pos {
  flex: none; margin: 0; padding: 0; border: 0; background: none; font-variant-numeric: tabular-nums;
  color: var(--_muted); font-size: 0.85em;
}
.findings button.pos { cursor: pointer; text-decoration: underline; text-decoration-style: dotted; }
.findings .msg { flex: 1 1 auto; min-width: 0; }
.findings .help { margin: 0.15em 0 0; color: var(--_muted); font-size: 0.92em; }
.findings .rule { white-space: nowrap; font-family: var(--speclint-mono, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace); font-size: 0.85em; }
.none, .more { margin: 0.3em 0 0; color: var(--_muted); }

.message { margin: 0; color: var(--_muted); }
.error {
  margin: 0; padding: 0.55em 0.75em; border: 1px solid var(--_error); border-radius: var(--_radius);
  background: var(--_bg); color: var(--_error); overflow-wrap: anywhere;
}
.error strong { display: block; }
:host([compact]) .error { display: inline-block; max-width: min(34rem, 100%); padding: 0.15em 0.6em; }
`;

let sheet = null;
function adoptStyles(root) {
  if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in root) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style'); // older browsers; needs style-src to allow it
    style.textContent = CSS;
    root.append(style);
  }
}

/** Makes an element; children are nodes or strings (always text nodes: never parsed as HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

const STATUS = {
  complete: ['✓', 'complete'],
  incomplete: ['◐', 'incomplete'],
  placeholder: ['○', 'placeholder only'],
  empty: ['○', 'empty'],
  missing: ['✗', 'missing'],
};

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------

const Base = globalThis.HTMLElement ?? class {}; // importable during server-side rendering

export class SpecLintElement extends Base {
  static observedAttributes = ['src', 'for', 'template', 'min-score', 'compact'];

  #shadow;
  #internals = null;
  #report = null;
  #error = null;
  #run = 0;
  #latest = Promise.resolve(null);
  #timer = 0;
  #checking = false;
  #expanded = false;
  #unwatch = null;
  #watched = null;
  #panelId = 'panel';

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#shadow);
    try {
      this.#internals = this.attachInternals();
    } catch {
      // No ElementInternals: no :state() selectors, everything else works.
    }
    this.#shadow.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.#expanded) {
        this.#toggle(false);
        this.#shadow.querySelector('.badge')?.focus();
      }
    });
  }

  /** The last Report, or null before the first check and after an error. */
  get report() {
    return this.#report;
  }

  /** The message shown for the last failed check, or null. */
  get error() {
    return this.#error;
  }

  /**
   * Checks now: re-reads the source (fetches `src` again, reads the watched editor) and resolves
   * with the Report. Rejects with the error that is also shown inside the element.
   */
  check() {
    clearTimeout(this.#timer);
    return this.#update();
  }

  connectedCallback() {
    this.#watch();
    if (document.readyState === 'loading') {
      // Parsed while the page loads: the element's own text, or the element it watches, may not
      // be in the document yet.
      this.#render();
      document.addEventListener('DOMContentLoaded', () => this.isConnected && this.#refresh(), { once: true });
    } else {
      this.#refresh();
    }
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    this.#unwatch?.();
    this.#unwatch = null;
    this.#watched = null;
    this.#toggle(false);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.isConnected || oldValue === newValue) return;
    if (name === 'compact') {
      this.#toggle(false);
      this.#render();
    } else if (name === 'min-score') {
      this.#render();
    } else {
      if (name === 'for' || name === 'src') this.#watch();
      this.#refresh();
    }
  }

  /** Checks soon (coalescing bursts of attribute changes and keystrokes). */
  #schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#refresh(), delay);
  }

  #refresh() {
    clearTimeout(this.#timer);
    this.#update().catch(() => {}); // shown inside the element; nothing to throw at the page
  }

  #update() {
    const run = ++this.#run;
    this.#checking = true;
    if (!this.#report && !this.#error) {
      this.#render();
    } else {
      // Keep showing the last result while checking again (no flicker as the user types).
      try {
        this.#internals?.states?.add('checking');
      } catch {
        // See #setState.
      }
      this.#shadow.querySelector('.root')?.setAttribute('aria-busy', 'true');
    }
    const result = (async () => {
      try {
        const api = await loadEngine();
        const [markdown, template] = await Promise.all([this.#source(), this.#template(api)]);
        if (run !== this.#run) return this.#latest;
        const report = api.check(markdown, { template });
        this.#report = report;
        this.#error = null;
        this.#checking = false;
        this.#render();
        this.dispatchEvent(new CustomEvent('speclint-report', { detail: report, bubbles: true, composed: true }));
        return report;
      } catch (e) {
        if (run !== this.#run) return this.#latest;
        this.#report = null;
        this.#error = e instanceof Error ? e.message : String(e);
        this.#checking = false;
        this.#render();
        this.dispatchEvent(new CustomEvent('speclint-error', { detail: { message: this.#error }, bubbles: true, composed: true }));
        throw e;
      }
    })();
    this.#latest = result;
    return result;
  }

  // -- sources --------------------------------------------------------------------------------

  #target() {
    const id = this.getAttribute('for');
    const root = this.getRootNode();
    return (typeof root.getElementById === 'function' ? root.getElementById(id) : null) ?? document.getElementById(id);
  }

  /** Listens to whatever the current source is, so that edits re-check. */
  #watch() {
    this.#unwatch?.();
    this.#unwatch = null;
    this.#watched = null;
    const onChange = () => this.#schedule();
    if (this.hasAttribute('src')) return;
    if (this.hasAttribute('for')) {
      const target = this.#target();
      if (!target) {
        if (document.readyState === 'loading') {
          const retry = () => this.isConnected && this.#watch();
          document.addEventListener('DOMContentLoaded', retry, { once: true });
          this.#unwatch = () => document.removeEventListener('DOMContentLoaded', retry);
        }
        return; // #source() reports the missing element
      }
      this.#watched = target;
      target.addEventListener('input', onChange);
      let observer = null;
      if (!isFormField(target)) {
        observer = new MutationObserver(onChange); // editors that change their DOM without input events
        observer.observe(target, { childList: true, characterData: true, subtree: true });
      }
      this.#unwatch = () => {
        target.removeEventListener('input', onChange);
        observer?.disconnect();
      };
      return;
    }
    const observer = new MutationObserver(onChange);
    observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#unwatch = () => observer.disconnect();
  }

  async #source() {
    const src = this.getAttribute('src');
    if (src !== null) {
      if (src.trim() === '') throw new Error('The src attribute is empty: give it the URL of a raw Markdown file.');
      return fetchText(new URL(src, document.baseURI).href, 'Markdown');
    }
    const id = this.getAttribute('for');
    if (id !== null) {
      const target = this.#target();
      if (target !== this.#watched && this.isConnected) this.#watch(); // it appeared (or was replaced) since
      if (!target) throw new Error(`There is no element with id "${id}" on this page to check (the for attribute names it).`);
      if (isFormField(target)) return target.value;
      if (target.isContentEditable) return target.innerText;
      return target.textContent ?? '';
    }
    const own = this.textContent ?? '';
    if (own.trim() === '') {
      throw new Error('Nothing to check: give <spec-lint> a src attribute (a raw Markdown URL), a for attribute (the id of a textarea or editor), or Markdown as its content.');
    }
    return dedent(own);
  }

  async #template(api) {
    const value = this.#templateValue();
    if (value === 'auto') return 'auto';
    const ids = api.templates().map((t) => t.id);
    if (ids.includes(value)) return value;
    if (!/[/.:]/.test(value)) {
      throw new Error(`Unknown template "${value}": use auto, ${ids.join(', ')}, or the URL of a template .md file.`);
    }
    return loadTemplate(api, new URL(value, document.baseURI).href);
  }

  #templateValue() {
    return (this.getAttribute('template') ?? '').trim() || 'auto';
  }

  #minScore() {
    const raw = this.getAttribute('min-score');
    if (raw === null || raw.trim() === '') return null;
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? n : NaN;
  }

  // -- rendering ------------------------------------------------------------------------------

  #setState(states) {
    const set = this.#internals?.states;
    if (!set) return;
    try {
      for (const s of ['checking', 'error', 'pass', 'fail', 'unscored']) set.delete(s);
      for (const s of states) set.add(s);
    } catch {
      // Older CustomStateSet implementations accepted only --dashed names; states are optional.
    }
  }

  #render() {
    const compact = this.hasAttribute('compact');
    const minScore = this.#minScore();
    const report = this.#report;
    let error = this.#error;
    if (!error && Number.isNaN(minScore)) error = `min-score must be a number from 0 to 100 (got "${this.getAttribute('min-score')}").`;

    let tone = 'none';
    const states = [];
    if (this.#checking) states.push('checking');
    if (error) states.push('error');
    else if (report) {
      if (report.score === null) states.push('unscored');
      else {
        if (minScore !== null) states.push(report.score >= minScore ? 'pass' : 'fail');
        const good = minScore ?? 90;
        tone = report.score >= good ? 'good' : minScore !== null || report.score < 50 ? 'poor' : 'fair';
      }
    }
    this.#setState(states);

    const root = h('div', { class: 'root', part: 'container', 'data-tone': tone, 'aria-busy': this.#checking ? 'true' : 'false' });
    if (error) {
      root.append(h('p', { class: 'error', part: 'error', role: 'alert' }, h('strong', {}, 'speclint could not check this spec'), error));
    } else if (!report) {
      root.append(h('p', { class: 'message', part: 'message', role: 'status' }, 'Checking the spec…'));
    } else if (compact) {
      this.#renderCompact(root, report, minScore);
    } else {
      root.append(h('div', { class: 'full', part: 'report' }, this.#header(report, minScore), this.#sections(report), this.#findings(report)));
    }
    const badgeHadFocus = this.#shadow.activeElement?.classList.contains('badge');
    this.#shadow.replaceChildren(...[...this.#shadow.childNodes].filter((n) => n.nodeName === 'STYLE'), root);
    if (badgeHadFocus) this.#shadow.querySelector('.badge')?.focus();
  }

  #renderCompact(root, report, minScore) {
    const issues = report.findings.length;
    const label = report.score === null ? 'not scored' : `${report.score}/100`;
    const badge = h(
      'button',
      {
        type: 'button',
        class: 'badge',
        part: 'badge',
        'aria-expanded': String(this.#expanded),
        'aria-controls': this.#panelId,
        title: `Spec completeness: ${label}, ${plural(issues, 'finding')}. Click for details.`,
      },
      h('span', { class: 'label' }, 'speclint'),
      report.score === null
        ? h('span', { class: 'figure', part: 'score' }, 'not scored')
        : h('span', { class: 'figure', part: 'score' }, h('span', { class: 'value' }, String(report.score)), h('span', { class: 'max' }, '/100')),
      h('span', { class: 'chevron', 'aria-hidden': 'true' }, this.#expanded ? '▴' : '▾'),
    );
    badge.addEventListener('click', () => this.#toggle(!this.#expanded));
    const panel = h('div', { class: 'panel', part: 'panel', id: this.#panelId, hidden: !this.#expanded }, this.#header(report, minScore), this.#findings(report));
    root.append(badge, panel);
  }

  #toggle(open) {
    if (this.#expanded === open) return;
    this.#expanded = open;
    if (open) {
      this.#outside ??= (e) => {
        if (!e.composedPath().includes(this)) this.#toggle(false);
      };
      document.addEventListener('pointerdown', this.#outside, true);
    } else if (this.#outside) {
      document.removeEventListener('pointerdown', this.#outside, true);
    }
    if (!this.isConnected) return;
    this.#render();
    const panel = this.#shadow.querySelector('.panel');
    if (open && panel) {
      // Below the badge, moved left as far as needed to stay inside the viewport.
      const left = panel.getBoundingClientRect().left;
      const overflow = left + panel.offsetWidth - (document.documentElement.clientWidth - 8);
      if (overflow > 0) panel.style.left = `${-Math.min(overflow, left - 8)}px`; // CSSOM: allowed by style-src
    }
  }

  #outside = null;

  #header(report, minScore) {
    const score =
      report.score === null
        ? h('span', { class: 'score', part: 'score' }, h('span', { class: 'value' }, '–'), h('span', { class: 'max' }, 'not scored'))
        : h('span', { class: 'score', part: 'score' }, h('span', { class: 'value' }, String(report.score)), h('span', { class: 'max' }, '/100'));
    const meter = h('span', { class: 'meter', part: 'meter', 'aria-hidden': 'true' }, h('span'));
    meter.style.setProperty('--score', String(report.score ?? 0)); // CSSOM: allowed by style-src
    const complete = report.sections.filter((s) => s.status === 'complete').length;
    const { errors, warnings, infos } = report.summary;
    let verdict = null;
    if (report.score !== null && minScore !== null) {
      verdict = report.score >= minScore ? `Meets the minimum score of ${minScore}.` : `Below the minimum score of ${minScore}.`;
    }
    const templateName = report.template.id === null ? null : report.template.id === 'custom' ? `“${report.template.title}”` : report.template.id;
    const against =
      report.score === null
        ? ['No template fits this document: set template= to the one it follows.']
        : ['Checked against ', h('span', { class: 'name' }, templateName), `${this.#templateValue() === 'auto' ? ' (detected)' : ''}: ${complete} of ${plural(report.sections.length, 'section')} complete.`];
    return h(
      'div',
      { class: 'header', part: 'header' },
      score,
      meter,
      h(
        'p',
        { class: 'headline', role: 'status' },
        verdict ? h('span', { class: 'verdict' }, verdict, ' ') : null,
        h('span', { class: 'meta' }, ...against, ' ', `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info', 'infos')}.`),
      ),
    );
  }

  #sections(report) {
    if (report.score === null || report.sections.length === 0) return null;
    const top = Math.min(...report.sections.map((s) => s.level));
    const items = report.sections.map((s) => {
      const [icon, label] = STATUS[s.status] ?? ['?', s.status];
      const li = h(
        'li',
        { part: 'section', 'data-status': s.status, 'data-optional': s.optional },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, icon),
        h('span', { class: 'title' }, s.title),
        h('span', { class: 'status' }, label),
      );
      li.style.setProperty('--depth', String(Math.max(0, s.level - top)));
      return li;
    });
    return [h('h3', {}, 'Sections'), h('ul', { class: 'sections', part: 'sections' }, items)];
  }

  #findings(report) {
    const list = report.findings;
    const heading = h('h3', {}, list.length ? `Findings (${list.length})` : 'Findings');
    if (list.length === 0) return [heading, h('p', { class: 'none' }, 'Nothing left to fill in.')];
    const target = this.hasAttribute('src') || !this.hasAttribute('for') ? null : this.#target();
    const canJump = target !== null && isFormField(target);
    const items = list.slice(0, MAX_FINDINGS_SHOWN).map((f) => {
      const where = `${f.line}:${f.column}`;
      const pos = canJump ? h('button', { type: 'button', class: 'pos', title: `Select it in the editor (line ${f.line}, column ${f.column})` }, where) : h('span', { class: 'pos' }, where);
      if (canJump) pos.addEventListener('click', () => selectIn(target, f));
      return h(
        'li',
        { part: 'finding', 'data-severity': f.severity, 'data-rule': f.rule },
        h('div', { class: 'line1' }, h('span', { class: 'sev' }, f.severity), pos, h('span', { class: 'msg' }, f.message)),
        h('p', { class: 'help' }, f.help, ' ', h('span', { class: 'rule' }, f.rule)),
      );
    });
    const more = list.length > MAX_FINDINGS_SHOWN ? h('p', { class: 'more' }, `…and ${list.length - MAX_FINDINGS_SHOWN} more.`) : null;
    return [heading, h('ol', { class: 'findings', part: 'findings' }, items), more];
  }
}

function isFormField(el) {
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
}

/** Selects a finding's range in a textarea and scrolls it into view. */
function selectIn(field, finding) {
  field.focus({ preventScroll: true });
  field.setSelectionRange(finding.start, finding.end);
  if (field instanceof HTMLTextAreaElement) {
    const lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 18;
    field.scrollTop = Math.max(0, (finding.line - 1) * lineHeight - field.clientHeight / 3);
  }
  field.scrollIntoView({ block: 'nearest' });
}

if (globalThis.customElements && !customElements.get(TAG)) customElements.define(TAG, SpecLintElement);
