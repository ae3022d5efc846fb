// The editor: a CodeMirror 6 view (www/pkg/codemirror.js, bundled from node_modules by
// scripts/build-page.sh). CodeMirror keeps the text in a tree of lines and puts in the DOM only
// the lines on screen (plus a margin), so an edit in a 1 MB document lays out a few lines, not
// the whole text as a <textarea> does (60-130 ms a keystroke at a megabyte in Chromium).
//
// Highlights are CodeMirror decorations on the text itself: a <mark class="hl sev-… rule-…">
// for every run of a finding's range (overlapping findings are cut into non-overlapping runs,
// innermost first, and runs are cut at line ends, so each finding's first piece is the one
// element that carries data-testid="highlight"), and a line decoration (class hl-point: a bar
// and a + in the left margin, drawn by style.css) where a missing section belongs. The runs
// of the whole report are kept in a sorted array; decorations are built only for the visible
// ranges, on every scroll or edit, so a report of a hundred thousand findings costs no more DOM
// (or time per keystroke) than a small one; there is no "highlighted as you scroll" mode any
// more, every report is. Between checks the runs move with the edits; one whose text an edit
// touched is dropped until the next report. All positions are UTF-16 code units, the
// report's start/end and CodeMirror's alike.
//
// The hover tooltip and the tests find a highlight's finding by its data-fid attribute (the
// finding's index in the report).
//
// Undo: CodeMirror's history. replace() (fixes, loading a file, clearing) is one isolated
// history event: one Ctrl+Z (or undo()) takes it back whole, Ctrl+Shift+Z / Ctrl+Y redoes it.
// Enter inserts a plain newline and Tab moves focus, as in a <textarea>.
//
// The page's CSP forbids inline styles: CodeMirror's own style rules go into a constructed
// stylesheet (see scripts/page-codemirror.js), the look is in style.css, and user text reaches
// the DOM only as text nodes (CodeMirror renders no HTML from the document).
//
// app.js talks to one Editor: text, version, replace/setText, select, undo/redo, highlights,
// and two events: 'edit' ({version, pos, del, ins, programmatic}, one per changed range, in
// order, each in the coordinates the previous ones left) and 'caret'.
import {
  Annotation,
  Decoration,
  EditorState,
  EditorView,
  StateEffect,
  ViewPlugin,
  history,
  historyKeymap,
  insertNewline,
  isolateHistory,
  keymap,
  placeholder,
  redo as cmRedo,
  redoDepth,
  standardKeymap,
  undo as cmUndo,
  undoDepth,
} from '../pkg/codemirror.js';

/** Marks the page's own changes (replace(), undo(), redo()) as such in the 'edit' events. */
const ours = Annotation.define();
/** Replaces every highlight: the value is toRuns()'s output for the current text. */
const setRuns = StateEffect.define();

/**
 * The highlights: all of a report's runs are kept (sorted, in text order), moved along with
 * every edit; only those in the visible part of the text become decorations. So a report
 * with a hundred thousand findings costs a sorted array, and a keystroke or a scroll builds
 * the few dozen decorations on screen.
 */
const highlighter = ViewPlugin.fromClass(
  class {
    constructor(view) {
      /** Marks: non-empty runs {start, end, fid, cls, first}, sorted, not overlapping. */
      this.marks = [];
      /** Insertion points: empty runs, sorted by position. */
      this.points = [];
      this.decorations = this.build(view);
    }

    update(u) {
      let dirty = u.viewportChanged;
      for (const tr of u.transactions) {
        for (const e of tr.effects) {
          if (!e.is(setRuns)) continue;
          this.marks = e.value.filter((r) => r.start < r.end);
          this.points = e.value.filter((r) => r.start === r.end).sort((a, b) => a.start - b.start);
          dirty = true;
        }
        if (tr.docChanged) {
          // Each changed range in the coordinates the earlier ones left (see onUpdate).
          tr.changes.iterChanges((fromA, toA, fromB, toB) => {
            const edit = { pos: fromB, del: toA - fromA, ins: toB - fromB };
            shiftRuns(this.marks, edit);
            shiftRuns(this.points, edit);
          });
          dirty = true;
        }
      }
      if (dirty) this.decorations = this.build(u.view);
    }

    /** Decorations for the runs in the visible ranges. */
    build(view) {
      const doc = view.state.doc;
      const ranges = [];
      for (const { from, to } of view.visibleRanges) {
        // Marks: one element per line piece; a finding's first piece is its "highlight".
        for (let i = firstRunFrom(this.marks, from); i < this.marks.length && this.marks[i].start <= to; i++) {
          const run = this.marks[i];
          let at = Math.max(run.start, from);
          const end = Math.min(run.end, to);
          while (at < end) {
            const line = doc.lineAt(at);
            const stop = Math.min(end, line.to);
            if (stop > at) {
              const attributes = { 'data-fid': String(run.fid) };
              if (run.first && at === run.start) attributes['data-testid'] = 'highlight';
              ranges.push(Decoration.mark({ tagName: 'mark', class: run.cls, attributes }).range(at, stop));
            }
            at = line.to + 1;
          }
        }
        // Insertion points (always at a line start): the line gets the bar.
        for (let i = firstRunFrom(this.points, from); i < this.points.length && this.points[i].start <= to; i++) {
          const run = this.points[i];
          const attributes = { 'data-fid': String(run.fid), 'data-testid': 'highlight' };
          ranges.push(Decoration.line({ class: run.cls, attributes }).range(doc.lineAt(run.start).from));
        }
      }
      return Decoration.set(ranges, true);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

export class Editor extends EventTarget {
  /**
   * @param {{parent: HTMLElement, text: string, label: string, describedBy?: string, placeholder?: string}} options
   */
  constructor({ parent, text, label, describedBy, placeholder: hint }) {
    super();
    /** Incremented on every change of the text. */
    this.version = 0;
    this.cachedText = text;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          history(),
          keymap.of([
            // A <textarea>'s Enter: a newline, no auto-indent.
            { key: 'Enter', run: insertNewline },
            // Redo on every platform, as before (CodeMirror binds it on Linux and macOS only).
            { key: 'Mod-Shift-z', run: cmRedo, preventDefault: true },
            ...historyKeymap,
            ...standardKeymap,
          ]),
          EditorView.lineWrapping,
          EditorState.tabSize.of(4),
          hint ? placeholder(hint) : [],
          EditorView.contentAttributes.of({
            id: 'editor',
            'data-testid': 'editor',
            'aria-label': label,
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
          highlighter,
          // A dropped file is the page's to open (app.js replaces the document with it);
          // CodeMirror would insert its text at the drop point.
          EditorView.domEventHandlers({ drop: (e) => Boolean(e.dataTransfer?.files?.length) }),
          EditorView.updateListener.of((u) => this.onUpdate(u)),
        ],
      }),
    });
  }

  /** The element holding the editor (for mouse events). */
  get dom() {
    return this.view.dom;
  }

  get text() {
    if (this.cachedText === null) this.cachedText = this.view.state.doc.toString();
    return this.cachedText;
  }

  get value() {
    return this.text;
  }

  /** Length of the text, in UTF-16 code units (without building the string). */
  get length() {
    return this.view.state.doc.length;
  }

  /** The main selection: {start, end} (start <= end). */
  get selection() {
    const { from, to } = this.view.state.selection.main;
    return { start: from, end: to };
  }

  get hasFocus() {
    return this.view.hasFocus;
  }

  focus() {
    this.view.focus();
  }

  // ---- text changes -------------------------------------------------------------------

  onUpdate(u) {
    if (u.docChanged) {
      this.cachedText = null;
      this.version++;
      const programmatic = Boolean(this.programmatic) || u.transactions.some((tr) => tr.annotation(ours));
      const edits = [];
      // Each changed range in the coordinates of the text the earlier ones left: where it
      // starts in the new text, what it removed and what it put there.
      u.changes.iterChanges((fromA, toA, fromB, toB) => {
        edits.push({ version: this.version, pos: fromB, del: toA - fromA, ins: toB - fromB, programmatic });
      });
      for (const edit of edits) this.dispatchEvent(new CustomEvent('edit', { detail: edit }));
    }
    if (u.selectionSet || u.focusChanged) this.dispatchEvent(new CustomEvent('caret'));
  }

  /**
   * Replaces [start, end) with `text` as one undoable edit: Ctrl+Z (or undo()) restores the
   * previous text in one step, Ctrl+Shift+Z / Ctrl+Y (or redo()) brings it back. Selects
   * `select` ([start, end] in the new text) afterwards, or puts the caret after the new text.
   * Only the part that differs is changed, so highlights on the rest stay.
   */
  replace(start, end, text, select) {
    const doc = this.view.state.doc;
    const old = doc.sliceString(start, end);
    if (old === text) return;
    const d = diff(old, text);
    const anchor = select ? select[0] : start + text.length;
    const head = select ? select[1] : anchor;
    this.view.dispatch({
      changes: { from: start + d.pos, to: start + d.pos + d.del, insert: text.slice(d.pos, d.pos + d.ins) },
      selection: { anchor, head },
      annotations: [ours.of(true), isolateHistory.of('full')],
      userEvent: 'input.replace',
    });
    this.view.dispatch({ effects: this.scrollEffect(Math.min(anchor, head)) });
    this.view.focus();
  }

  /** Replaces the whole text (one undoable edit) and goes to its top. */
  setText(text) {
    this.replace(0, this.view.state.doc.length, text, [0, 0]);
    this.view.dispatch({ effects: EditorView.scrollIntoView(0, { y: 'start', yMargin: 0 }) });
  }

  canUndo() {
    return undoDepth(this.view.state) > 0;
  }

  canRedo() {
    return redoDepth(this.view.state) > 0;
  }

  /** Takes back the last edit (a fix, a load, or typing); false when there is none. */
  undo() {
    return this.runHistory(cmUndo);
  }

  redo() {
    return this.runHistory(cmRedo);
  }

  runHistory(command) {
    this.programmatic = true;
    try {
      return command(this.view);
    } finally {
      this.programmatic = false;
    }
  }

  // ---- highlights ---------------------------------------------------------------------

  /**
   * Shows highlights. `items`: [{start, end, severity, fid, cls?}] in UTF-16 offsets of the
   * current text. Overlaps are resolved innermost-first, so a placeholder inside a flagged
   * block keeps its own color.
   */
  setHighlights(items) {
    this.view.dispatch({ effects: setRuns.of(toRuns(items, this.view.state.doc.length)) });
  }

  // ---- selection and scrolling ----------------------------------------------------------

  /**
   * A scroll effect bringing `offset` into view: about a third from the top when it is off
   * screen; when it is on screen, the smallest scroll (none, unless the page itself must
   * scroll to show the line, as on a narrow screen).
   */
  scrollEffect(offset) {
    const view = this.view;
    const box = view.scrollDOM.getBoundingClientRect();
    const rect = view.coordsAtPos(Math.min(offset, view.state.doc.length));
    const visible = rect && rect.top >= box.top + 8 && rect.bottom <= box.bottom - 8;
    return visible
      ? EditorView.scrollIntoView(offset, { y: 'nearest', yMargin: 8 })
      : EditorView.scrollIntoView(offset, { y: 'start', yMargin: Math.round(view.scrollDOM.clientHeight / 3) });
  }

  /**
   * The index of the finding drawn at the viewport point (x, y): the highlight there (the
   * innermost one), or the + of an insertion point in a line's left margin. NaN when there is
   * none.
   */
  findingAt(x, y) {
    const under = document.elementsFromPoint(x, y);
    const mark = under.find((el) => el.matches?.('mark.hl'));
    if (mark) return Number(mark.dataset.fid);
    const line = under.find((el) => el.matches?.('.cm-line.hl-point'));
    if (line && x < line.getBoundingClientRect().left + parseFloat(getComputedStyle(line).paddingLeft)) return Number(line.dataset.fid);
    return NaN;
  }

  /** Selects [start, end) and scrolls it into view. */
  select(start, end) {
    const len = this.view.state.doc.length;
    const anchor = Math.min(start, len);
    const head = Math.min(end, len);
    this.view.dispatch({ selection: { anchor, head }, effects: this.scrollEffect(anchor), userEvent: 'select' });
    this.view.focus();
    this.dispatchEvent(new CustomEvent('caret'));
  }
}

// ---- pure helpers (exported for tests) -------------------------------------------------

/** The single edit turning `a` into `b`: common prefix and suffix. */
export function diff(a, b) {
  const min = Math.min(a.length, b.length);
  // Compare in blocks first (substring equality is a memory compare), then by character.
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

/** Moves runs through an edit, dropping those whose text it changed (stale until the next check). */
function shiftRuns(runs, edit) {
  // Runs ending before the edit do not move: start where they may.
  let i = firstRunFrom(runs, edit.pos);
  let w = i;
  for (; i < runs.length; i++) if (shiftSpan(runs[i], edit)) runs[w++] = runs[i];
  runs.length = w;
}

/** Index of the first run whose end is >= offset (runs sorted by start and end, not overlapping). */
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

const RANK = { error: 3, warning: 2, info: 1 };

/**
 * Turns possibly overlapping items into non-overlapping runs, sorted, innermost item winning:
 * [{start, end, fid, cls, first}], `first` on each finding's first run. Zero-width items
 * (insertion points) come last, in their own order: they are line decorations, which need not
 * split the runs around them.
 */
export function toRuns(items, textLength) {
  const markers = [];
  const spans = [];
  for (const it of items) {
    const start = Math.max(0, Math.min(it.start, textLength));
    const end = Math.max(start, Math.min(it.end, textLength));
    const extra = it.cls ? ` ${it.cls}` : '';
    if (start === end) markers.push({ start, end, fid: it.fid, cls: `hl-point sev-${it.severity}${extra}`, first: true });
    else spans.push({ start, end, len: end - start, fid: it.fid, severity: it.severity, cls: `hl sev-${it.severity}${extra}` });
  }
  spans.sort((x, y) => x.start - y.start || y.len - x.len);
  const runs = [];
  // Most findings overlap no other: those are runs as they are. Each cluster of overlapping
  // spans is cut at every boundary inside it, and each piece goes to its innermost span.
  for (let i = 0; i < spans.length; ) {
    let j = i + 1;
    let clusterEnd = spans[i].end;
    while (j < spans.length && spans[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, spans[j++].end);
    if (j === i + 1) {
      const s = spans[i];
      runs.push({ start: s.start, end: s.end, fid: s.fid, cls: s.cls, first: true });
    } else {
      cutCluster(spans, i, j, runs);
    }
    i = j;
  }
  for (const m of markers) runs.push(m);
  return runs;
}

function cutCluster(spans, from, to, runs) {
  const bounds = new Set();
  for (let k = from; k < to; k++) bounds.add(spans[k].start).add(spans[k].end);
  const points = [...bounds].sort((x, y) => x - y);
  const active = [];
  let next = from;
  const seen = new Set();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (next < to && spans[next].start <= a) active.push(spans[next++]);
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
