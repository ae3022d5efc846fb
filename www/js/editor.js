// The editor: a <textarea> (the real input: caret, selection, IME, native typing undo) over a
// backdrop <div> that renders the same text, as text nodes, with <mark>s at the finding ranges.
// The textarea's background and the backdrop's text are transparent, so a person sees the
// textarea's glyphs on top of the backdrop's colored marks.
//
// Alignment rules (the classic failure of this pattern): both elements fill the same grid
// cell, with the same font, padding, line-height, tab-size, white-space, overflow-wrap and an
// always-present vertical scrollbar (so both wrap at the same width); see .editor-stack in
// style.css. The textarea scrolls itself (a browser paints only its visible lines, which
// matters at a megabyte) and the backdrop follows its scrollTop.
//
// Performance: the backdrop is split into blocks ("chunks") of CHUNK_LINES lines. An edit
// re-renders only the chunks it touches, so typing in a 1 MB document lays out a few lines of
// backdrop, not the whole document. All positions are UTF-16 code units (what the report's
// start/end are).
//
// A report with many highlights (a hundred thousand in a pasted 10 MB document) is not rendered
// in one go: creating and laying out every <mark> would hold the main thread for seconds, and
// with a text that size every frame that changes the backdrop costs a lot on its own. Beyond
// EAGER_RUNS, only the chunks on screen (and a few either side) get their marks, and scrolling
// renders the ones it reaches. Marks change no layout, so a chunk without its marks still lines
// up with the text.

const CHUNK_LINES = 50;
/** Up to this many highlight runs (about a megabyte of spec) are all rendered at once. */
const EAGER_RUNS = 20_000;
/** Beyond it, the chunks on screen and this many either side are. */
const LAZY_MARGIN = 2;
const UNDO_DEPTH = 100;
/** Undo entries keep whole texts; bound what they may hold (UTF-16 code units). */
const UNDO_CHAR_BUDGET = 40_000_000;
const ZWSP = '\u200b';

export class Editor extends EventTarget {
  /**
   * @param {{textarea: HTMLTextAreaElement, backdrop: HTMLElement}} els
   */
  constructor({ textarea, backdrop }) {
    super();
    this.ta = textarea;
    this.bd = backdrop;
    this.text = textarea.value;
    /** Incremented on every change of the text. */
    this.version = 0;
    /** @type {{start: number, end: number, el: HTMLElement, sig: string}[]} */
    this.chunks = [];
    /** Non-overlapping highlight runs, sorted: {start, end, cls, fid, first, title}. */
    this.runs = [];
    /** Whether only the chunks near the screen have their highlights (too many runs). */
    this.lazy = false;
    this.lazyFrame = 0;
    /** Our programmatic edits: {before, after, selection}. */
    this.undoStack = [];
    this.redoStack = [];
    this.installUndoKeys();
    this.renderAll();
    // Chromium fires one input event per line for a multi-line execCommand('insertText'):
    // handle them as one edit, once the command is done.
    textarea.addEventListener('input', () => {
      if (this.syncQueued) return;
      this.syncQueued = true;
      queueMicrotask(() => this.onInput());
    });
    textarea.addEventListener('scroll', () => {
      this.syncScroll();
      // Highlights for the chunks scrolled to, once per frame.
      if (this.lazy && !this.lazyFrame) {
        this.lazyFrame = requestAnimationFrame(() => {
          this.lazyFrame = 0;
          if (this.lazy) this.renderVisible();
        });
      }
    });
    // A taller editor (a resized window) shows chunks that may not have their highlights yet.
    new ResizeObserver(() => this.lazy && this.renderVisible()).observe(textarea);
  }

  syncScroll() {
    if (this.bd.scrollTop !== this.ta.scrollTop) this.bd.scrollTop = this.ta.scrollTop;
    if (this.bd.scrollLeft !== this.ta.scrollLeft) this.bd.scrollLeft = this.ta.scrollLeft;
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
    edit.programmatic = Boolean(this.programmatic);
    shiftRuns(this.runs, edit);
    this.rechunk(edit);
    this.syncScroll();
    this.dispatchEvent(new CustomEvent('edit', { detail: edit }));
  }

  /**
   * Replaces [start, end) with `text` as one undoable edit: Ctrl+Z (or undo()) restores the
   * previous text in one step, Ctrl+Shift+Z / Ctrl+Y (or redo()) brings it back. Selects
   * `select` ([start, end] in the new text) afterwards, or puts the caret after the new text.
   *
   * Programmatic edits use setRangeText plus our own undo stack: execCommand('insertText')
   * would join the browser's undo history, but Chromium lays the textarea out again for every
   * inserted line (seconds for a few hundred lines in a large document). Our entries apply
   * only while the text is exactly what the edit left (the browser undoes typing made since
   * first); setRangeText resets the browser's history of earlier typing.
   */
  replace(start, end, text, select) {
    const before = this.ta.value;
    if (before.slice(start, end) === text) return;
    this.ta.focus({ preventScroll: true });
    this.setRange(start, end, text);
    this.undoStack.push({ before, after: this.ta.value, selection: [start, end] });
    this.redoStack = [];
    let chars = 0;
    for (let i = this.undoStack.length - 1; i >= 0; i--) {
      chars += this.undoStack[i].before.length + this.undoStack[i].after.length;
      if (chars > UNDO_CHAR_BUDGET || this.undoStack.length - i > UNDO_DEPTH) {
        this.undoStack.splice(0, i + 1);
        break;
      }
    }
    if (select) this.ta.setSelectionRange(select[0], select[1]);
    this.scrollToOffset(this.ta.selectionStart);
  }

  /** Replaces the whole text (one undoable edit). */
  setText(text) {
    this.replace(0, this.text.length, text, [0, 0]);
    this.ta.scrollTop = 0;
    this.syncScroll();
  }

  /** Whether undo() would take back one of our edits now. */
  canUndo() {
    const top = this.undoStack[this.undoStack.length - 1];
    return Boolean(top) && this.ta.value === top.after;
  }

  canRedo() {
    const top = this.redoStack[this.redoStack.length - 1];
    return Boolean(top) && this.ta.value === top.before;
  }

  /** Takes back the last programmatic edit (see replace()); false when there is none to take. */
  undo() {
    if (!this.canUndo()) return false;
    const entry = this.undoStack.pop();
    this.swap(entry.after, entry.before);
    this.ta.setSelectionRange(entry.selection[0], entry.selection[1]);
    this.redoStack.push(entry);
    this.scrollToOffset(entry.selection[0]);
    return true;
  }

  redo() {
    if (!this.canRedo()) return false;
    const entry = this.redoStack.pop();
    this.swap(entry.before, entry.after);
    this.undoStack.push(entry);
    this.scrollToOffset(this.ta.selectionStart);
    return true;
  }

  /** Turns text `from` (the current value) into `to` by replacing only what differs. */
  swap(from, to) {
    const d = diff(from, to);
    this.ta.focus({ preventScroll: true });
    this.setRange(d.pos, d.pos + d.del, to.slice(d.pos, d.pos + d.ins));
  }

  setRange(start, end, text) {
    this.ta.setRangeText(text, start, end, 'end');
    this.programmatic = true;
    this.onInput();
    this.programmatic = false;
  }

  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y and the Edit menu reach our stack when it applies. */
  installUndoKeys() {
    this.ta.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const undo = key === 'z' && !e.shiftKey;
      const redo = (key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.shiftKey);
      if ((undo && this.undo()) || (redo && this.redo())) e.preventDefault();
    });
    this.ta.addEventListener('beforeinput', (e) => {
      if (e.inputType === 'historyUndo' && this.canUndo()) {
        e.preventDefault();
        this.undo();
      } else if (e.inputType === 'historyRedo' && this.canRedo()) {
        e.preventDefault();
        this.redo();
      }
    });
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
    this.lazy = this.runs.length > EAGER_RUNS;
    if (this.lazy) this.renderVisible();
    else for (let i = 0; i < this.chunks.length; i++) this.renderChunk(i);
  }

  /** Whether the highlights are rendered only near the screen (more appear on scrolling). */
  get highlightsLazy() {
    return this.lazy;
  }

  /** Renders the chunks on screen and LAZY_MARGIN either side (unchanged ones are skipped). */
  renderVisible() {
    this.syncScroll();
    const chunks = this.chunks;
    const box = this.bd.getBoundingClientRect();
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chunks[mid].el.getBoundingClientRect().bottom <= box.top) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last + 1 < chunks.length && chunks[last + 1].el.getBoundingClientRect().top < box.bottom) last++;
    const from = Math.max(0, lo - LAZY_MARGIN);
    const to = Math.min(chunks.length - 1, last + LAZY_MARGIN);
    for (let i = from; i <= to; i++) this.renderChunk(i);
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
    // What the chunk lays out (its marks' boundaries, relative to the chunk, and classes) is kept
    // apart from what only labels its marks (which finding each belongs to, and whether it is a
    // finding's first mark). An edit shifts every later chunk and, when a finding appears or
    // goes, every later finding's index: neither changes how those chunks look, and re-creating
    // them all would lay out the whole backdrop again (hundreds of ms at a megabyte). A chunk
    // whose text changed is a fresh chunk (rechunk), so equal signatures mean equal text.
    const sig = `${contentEnd - start}:${pieces.map(([s, e, run]) => `${s - start}-${e - start}-${run.cls}`).join(',')}`;
    const labels = pieces.map(([s, , run]) => `${run.fid}${run.first && s === run.start ? '*' : ''}`).join(',');
    if (sig === chunk.sig) {
      if (labels !== chunk.labels) {
        const marks = chunk.el.getElementsByTagName('mark');
        let m = 0;
        let cur = start;
        for (const [rs, re, run] of pieces) {
          if (rs < cur) continue;
          const mark = marks[m++];
          if (!mark) break;
          mark.dataset.fid = String(run.fid);
          if (run.first && rs === run.start) mark.dataset.testid = 'highlight';
          else delete mark.dataset.testid;
          cur = re;
        }
        chunk.labels = labels;
      }
      return;
    }
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
    chunk.labels = labels;
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
    const box = this.ta.getBoundingClientRect();
    if (rect.top < box.top + 8 || rect.bottom > box.bottom - 8) {
      this.ta.scrollTop += rect.top - box.top - this.ta.clientHeight / 3;
      this.syncScroll();
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
  // Compare in blocks first (substring equality is a memory compare), then by character:
  // a keystroke in the middle of a megabyte costs well under a millisecond.
  const STEP = 4096;
  let p = 0;
  while (p + STEP <= min && a.substring(p, p + STEP) === b.substring(p, p + STEP)) p += STEP;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const room = min - p;
  let s = 0;
  while (s + STEP <= room && a.substring(a.length - s - STEP, a.length - s) === b.substring(b.length - s - STEP, b.length - s)) s += STEP;
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
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
