// The editor: a <textarea> (the real input: caret, selection, IME, spellcheck-free typing,
// native undo) over a backdrop <div> that renders the same text, as text nodes, with <mark>s at
// the finding ranges. The textarea's background and the backdrop's text are transparent, so a
// person sees the textarea's glyphs on top of the backdrop's colored marks.
//
// Alignment rules (the classic failure of this pattern): both elements sit in the same grid
// cell, with the same font, padding, line-height, tab-size, white-space and overflow-wrap (see
// .editor-stack in style.css). The textarea never scrolls: it grows with the backdrop, whose
// text is always the textarea's text, and the scroller around both scrolls them together.
//
// Performance: the backdrop is split into blocks ("chunks") of CHUNK_LINES lines. An edit
// re-renders only the chunks it touches, so typing in a 1 MB document lays out a few lines, not
// the whole document. All positions are UTF-16 code units (what the report's start/end are).

const CHUNK_LINES = 50;
const ZWSP = '\u200b';

export class Editor extends EventTarget {
  /**
   * @param {{textarea: HTMLTextAreaElement, backdrop: HTMLElement, scroller: HTMLElement}} els
   */
  constructor({ textarea, backdrop, scroller }) {
    super();
    this.ta = textarea;
    this.bd = backdrop;
    this.sc = scroller;
    this.text = textarea.value;
    /** Incremented on every change of the text. */
    this.version = 0;
    /** @type {{start: number, end: number, el: HTMLElement, sig: string}[]} */
    this.chunks = [];
    /** Non-overlapping highlight runs, sorted: {start, end, cls, fid, first, title}. */
    this.runs = [];
    /** Fallback undo stack, used only where execCommand('insertText') is unsupported. */
    this.ownUndo = [];
    this.renderAll();
    // Chromium fires one input event per line for a multi-line execCommand('insertText'):
    // handle them as one edit, once the command is done.
    textarea.addEventListener('input', () => {
      if (this.syncQueued) return;
      this.syncQueued = true;
      queueMicrotask(() => this.onInput());
    });
    // The textarea is as tall as its text, so it has nothing to scroll; if a browser scrolls it
    // anyway (a caret moved past a stale height), put it back so the marks stay aligned.
    textarea.addEventListener('scroll', () => {
      if (textarea.scrollTop || textarea.scrollLeft) textarea.scrollTop = textarea.scrollLeft = 0;
    });
  }

  get value() {
    return this.text;
  }

  // ---- text changes -------------------------------------------------------------------

  onInput() {
    this.syncQueued = false;
    const old = this.text;
    const now = this.ta.value;
    if (old === now) return;
    const edit = diff(old, now);
    this.text = now;
    this.version++;
    edit.version = this.version;
    shiftRuns(this.runs, edit);
    this.rechunk(edit);
    this.dispatchEvent(new CustomEvent('edit', { detail: edit }));
  }

  /**
   * Replaces [start, end) with `text` as one undoable edit (Ctrl+Z / the Undo button restore the
   * previous text in one step). Selects `select` afterwards ([start, end] of the new text), or
   * leaves the caret after the inserted text.
   */
  replace(start, end, text, select) {
    const ta = this.ta;
    const before = ta.value;
    // Chromium bug: redoing an insertText whose selection reaches the end of a text ending in
    // a newline drops a line. Keep that last newline out of the selection when the new text
    // ends with one too (same result).
    if (text.endsWith('\n') && start < end && end === before.length && before.endsWith('\n')) {
      end -= 1;
      text = text.slice(0, -1);
    }
    if (start === end && text === '') return;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    let ok = false;
    try {
      ok = text === '' ? document.execCommand('delete') : document.execCommand('insertText', false, text);
    } catch {
      ok = false;
    }
    if (!ok || ta.value === before) {
      // No native editing command (or it did nothing): edit directly, keep our own undo step.
      this.ownUndo.push({ value: ta.value, selectionStart: start, selectionEnd: end });
      ta.setRangeText(text, start, end, 'end');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    }
    if (this.ta.value !== this.text) this.onInput(); // in case no input event fired
    if (select) ta.setSelectionRange(select[0], select[1]);
    this.scrollToOffset(ta.selectionStart);
  }

  /** Replaces the whole text (one undoable edit). */
  setText(text) {
    this.replace(0, this.text.length, text, [0, 0]);
    this.sc.scrollTop = 0;
  }

  /** Undo the last edit: the browser's own undo when it did the edit, else our stack. */
  undo() {
    this.ta.focus({ preventScroll: true });
    if (this.ownUndo.length) {
      const last = this.ownUndo.pop();
      this.ta.value = last.value;
      this.ta.setSelectionRange(last.selectionStart, last.selectionEnd);
      this.onInput();
      return;
    }
    document.execCommand('undo');
    if (this.ta.value !== this.text) this.onInput();
  }

  // ---- highlights ---------------------------------------------------------------------

  /**
   * Shows highlights. `items`: [{start, end, severity, fid, title, cls?}] in UTF-16 offsets of
   * the current text. Overlaps are resolved innermost-first, so a placeholder inside a flagged
   * block keeps its own color.
   */
  setHighlights(items) {
    this.runs = toRuns(items, this.text.length);
    this.renderMarks();
  }

  renderMarks() {
    for (let i = 0; i < this.chunks.length; i++) this.renderChunk(i);
  }

  /** The runs at a text offset (for the caret status line). */
  runsAt(offset) {
    return this.runs.filter((r) => r.start <= offset && (offset < r.end || r.start === r.end));
  }

  // ---- chunked backdrop ---------------------------------------------------------------

  renderAll() {
    this.chunks = [];
    const frag = document.createDocumentFragment();
    for (const [start, end] of splitChunks(this.text, 0, this.text.length)) {
      const el = document.createElement('div');
      el.className = 'chunk';
      this.chunks.push({ start, end, el, sig: null });
      frag.append(el);
    }
    this.bd.replaceChildren(frag);
    this.renderMarks();
  }

  /** Re-splits the chunks an edit touched (and their neighbours) and shifts the rest. */
  rechunk({ pos, del, ins }) {
    const chunks = this.chunks;
    const delta = ins - del;
    // Every chunk overlapping or touching [pos, pos + del] is rebuilt: a deleted newline at a
    // chunk's end merges it with the next one, a new one may split it.
    let first = chunkIndex(chunks, pos);
    if (first > 0 && chunks[first].start === pos) first--;
    let last = chunkIndex(chunks, pos + del);
    if (last < chunks.length - 1 && chunks[last].end === pos + del) last++;
    const start = chunks[first].start;
    const end = chunks[last].end + delta;
    for (let i = last + 1; i < chunks.length; i++) {
      chunks[i].start += delta;
      chunks[i].end += delta;
    }
    const fresh = splitChunks(this.text, start, end).map(([s, e]) => {
      const el = document.createElement('div');
      el.className = 'chunk';
      return { start: s, end: e, el, sig: null };
    });
    const anchor = chunks[last].el.nextSibling;
    for (let i = first; i <= last; i++) chunks[i].el.remove();
    const frag = document.createDocumentFragment();
    for (const c of fresh) frag.append(c.el);
    this.bd.insertBefore(frag, anchor);
    chunks.splice(first, last - first + 1, ...fresh);
    for (let i = first; i < first + fresh.length; i++) this.renderChunk(i);
  }

  renderChunk(i) {
    const chunk = this.chunks[i];
    const text = this.text;
    const isLast = i === this.chunks.length - 1;
    const { start, end } = chunk;
    // A block boundary already breaks the line, so the chunk's final newline is not rendered.
    const contentEnd = !isLast && text.charCodeAt(end - 1) === 10 ? end - 1 : end;
    const pieces = [];
    const runs = this.runs;
    for (let r = firstRunFrom(runs, start); r < runs.length; r++) {
      const run = runs[r];
      if (run.start > contentEnd || (run.start === contentEnd && run.end > run.start)) break;
      const rs = Math.max(run.start, start);
      const re = Math.min(run.end, contentEnd);
      if (re === rs && run.end > run.start) continue; // only the dropped newline
      pieces.push([rs, re, run]);
    }
    const sig = `${start}:${contentEnd}:${pieces.map(([s, e, run]) => `${s}-${e}-${run.cls}-${run.fid}`).join(',')}`;
    if (sig === chunk.sig && chunk.textLen === contentEnd - start) return;
    const frag = document.createDocumentFragment();
    let cur = start;
    for (const [rs, re, run] of pieces) {
      if (rs < cur) continue;
      if (rs > cur) frag.append(document.createTextNode(text.slice(cur, rs)));
      const mark = document.createElement('mark');
      mark.className = run.cls;
      mark.dataset.fid = String(run.fid);
      if (run.first && rs === run.start) mark.dataset.testid = 'highlight';
      mark.textContent = text.slice(rs, re);
      frag.append(mark);
      cur = re;
    }
    if (cur < contentEnd) frag.append(document.createTextNode(text.slice(cur, contentEnd)));
    // An empty last line would collapse at the end of a block; a zero-width space keeps it.
    if (contentEnd === start || text.charCodeAt(contentEnd - 1) === 10) frag.append(document.createTextNode(ZWSP));
    chunk.el.replaceChildren(frag);
    chunk.sig = sig;
    chunk.textLen = contentEnd - start;
  }

  // ---- positions on screen ------------------------------------------------------------

  /** Client rect of the text at `offset` (via the backdrop, which lays out the same text). */
  rectAt(offset) {
    const i = chunkIndex(this.chunks, offset);
    const chunk = this.chunks[i];
    let local = offset - chunk.start;
    const walker = document.createTreeWalker(chunk.el, NodeFilter.SHOW_TEXT);
    let node;
    let lastNode = null;
    while ((node = walker.nextNode())) {
      if (node.data === ZWSP && !node.nextSibling && node.parentNode === chunk.el) break;
      lastNode = node;
      if (local <= node.length) {
        const range = document.createRange();
        range.setStart(node, local);
        range.setEnd(node, local);
        const rects = range.getClientRects();
        if (rects.length) return rects[rects.length - 1];
        const r = range.getBoundingClientRect();
        if (r.height) return r;
        break;
      }
      local -= node.length;
    }
    if (lastNode) {
      const range = document.createRange();
      range.selectNodeContents(lastNode);
      const rects = range.getClientRects();
      if (rects.length) return rects[rects.length - 1];
    }
    return chunk.el.getBoundingClientRect();
  }

  /** Scrolls so `offset` is in view (about a third from the top) when it is not already. */
  scrollToOffset(offset) {
    const at = Math.min(offset, this.text.length);
    let rect = this.rectAt(at);
    const box = this.sc.getBoundingClientRect();
    if (rect.top < box.top + 8 || rect.bottom > box.bottom - 8) {
      this.sc.scrollTop += rect.top - box.top - this.sc.clientHeight / 3;
      rect = this.rectAt(at);
    }
    // On a narrow screen the page scrolls too: bring the line itself into the window.
    if (rect.top < 0 || rect.bottom > window.innerHeight) window.scrollBy(0, rect.top - window.innerHeight / 3);
  }

  /** Selects [start, end) in the textarea and scrolls it into view. */
  select(start, end) {
    this.ta.focus({ preventScroll: true });
    this.ta.setSelectionRange(start, end);
    this.scrollToOffset(start);
    this.dispatchEvent(new CustomEvent('caret'));
  }
}

// ---- pure helpers (exported for tests) -------------------------------------------------

/** The single edit turning `a` into `b`: common prefix and suffix. */
export function diff(a, b) {
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < min - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { pos: p, del: a.length - p - s, ins: b.length - p - s };
}

/**
 * Moves a {start, end} through an edit. Returns false when the edit overlaps it (its text
 * changed, so it is stale until the next check).
 */
export function shiftSpan(span, { pos, del, ins }) {
  if (!span) return true;
  const delta = ins - del;
  if (span.end < pos || (span.end === pos && span.start < span.end)) return true;
  if (span.start >= pos + del && !(span.start === pos && del > 0)) {
    span.start += delta;
    span.end += delta;
    return true;
  }
  // Overlap: keep it roughly in place so clicking still lands near it.
  span.start = Math.min(span.start, pos);
  span.end = Math.max(pos + ins, span.end + delta, span.start);
  return false;
}

function shiftRuns(runs, edit) {
  let w = 0;
  for (const run of runs) if (shiftSpan(run, edit)) runs[w++] = run;
  runs.length = w;
}

const RANK = { error: 3, warning: 2, info: 1 };

/** Turns possibly overlapping items into non-overlapping runs, innermost item winning. */
export function toRuns(items, textLength) {
  const markers = [];
  const spans = [];
  for (const it of items) {
    const start = Math.max(0, Math.min(it.start, textLength));
    const end = Math.max(start, Math.min(it.end, textLength));
    const base = { fid: it.fid, cls: `hl sev-${it.severity}${it.cls ? ` ${it.cls}` : ''}`, severity: it.severity };
    if (start === end) markers.push({ ...base, start, end, first: true, cls: `${base.cls} hl-point` });
    else spans.push({ ...base, start, end, len: end - start });
  }
  const runs = [];
  if (spans.length) {
    const bounds = new Set();
    for (const s of spans) bounds.add(s.start).add(s.end);
    const points = [...bounds].sort((x, y) => x - y);
    spans.sort((x, y) => x.start - y.start || y.len - x.len);
    const active = [];
    let next = 0;
    const seen = new Set();
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      while (next < spans.length && spans[next].start <= a) active.push(spans[next++]);
      let best = null;
      for (let k = active.length - 1; k >= 0; k--) {
        const s = active[k];
        if (s.end <= a) {
          active.splice(k, 1);
          continue;
        }
        if (!best || s.len < best.len || (s.len === best.len && RANK[s.severity] > RANK[best.severity])) best = s;
      }
      if (!best) continue;
      const prev = runs[runs.length - 1];
      if (prev && prev.fid === best.fid && prev.end === a) prev.end = b;
      else {
        runs.push({ start: a, end: b, fid: best.fid, cls: best.cls, first: !seen.has(best.fid) });
        seen.add(best.fid);
      }
    }
  }
  // Zero-width markers (a missing section's insertion point) go before any run starting there.
  for (const m of markers) {
    let i = firstRunFrom(runs, m.start);
    while (i < runs.length && runs[i].start < m.start) i++;
    // Inside a run: split it so the marker sits between two pieces.
    const host = i > 0 ? runs[i - 1] : null;
    if (host && host.end > m.start) {
      const tail = { ...host, start: m.start, first: false };
      host.end = m.start;
      runs.splice(i, 0, { start: m.start, end: m.start, fid: m.fid, cls: m.cls, first: true }, tail);
    } else {
      runs.splice(i, 0, { start: m.start, end: m.start, fid: m.fid, cls: m.cls, first: true });
    }
  }
  return runs;
}

/** Index of the first run whose end is >= offset (runs are sorted and do not overlap). */
function firstRunFrom(runs, offset) {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the chunk holding offset (the last chunk for offset == text length). */
function chunkIndex(chunks, offset) {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [start, end) pairs of CHUNK_LINES lines each covering text[from, to); each ends after a newline. */
export function splitChunks(text, from, to) {
  const out = [];
  let start = from;
  let lines = 0;
  let i = from;
  while (i < to) {
    const nl = text.indexOf('\n', i);
    if (nl === -1 || nl >= to) break;
    i = nl + 1;
    if (++lines === CHUNK_LINES) {
      out.push([start, i]);
      start = i;
      lines = 0;
    }
  }
  if (start < to || out.length === 0) out.push([start, to]);
  return out;
}
