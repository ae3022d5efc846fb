// The paste-and-check page: wires the editor, the worker that runs speclint, the panels, the
// template picker, fixes, persistence and export together. No framework; no HTML strings.
import { CheckerWorker, Scheduler } from './checker.js';
import { $, formatBytes, h } from './dom.js';
import { Editor, shiftSpan } from './editor.js';
import { download, reportToMarkdown } from './export.js';
import { FindingTooltip, Notices, Toast } from './messages.js';
import { fixLabel, plural, renderFindings, renderOutline, renderScore, SEVERITY_LABEL } from './panels.js';
import { KEYS, load, loadText, remove, removeText, save, saveText } from './storage.js';

const EXAMPLE_URL = 'examples/tech-spec-example.md';

const els = {
  scroller: $('#editor-scroller'),
  picker: $('#template-picker'),
  detected: $('#detected'),
  customPanel: $('#custom-panel'),
  customSource: $('#custom-source'),
  customStatus: $('#custom-status'),
  customFile: $('#custom-file'),
  customEdit: $('#custom-edit'),
  score: $('#score'),
  gauge: $('#gauge'),
  summary: $('#summary'),
  sectionsSummary: $('#sections-summary'),
  outline: $('#outline'),
  findings: $('#findings-list'),
  findingsCount: $('#findings-count'),
  insertMissing: $('#insert-missing'),
  removeGuidance: $('#remove-guidance'),
  caretStatus: $('#caret-status'),
  checkState: $('#check-state'),
  tooltip: $('#tooltip'),
  toast: $('#toast'),
  notices: $('#notices'),
  fileInput: $('#file-input'),
};

const notices = new Notices(els.notices);
const toast = new Toast(els.toast);
const tooltip = new FindingTooltip(els.tooltip);

const state = {
  /** Latest report; its positions follow the user's edits (see onEdit). */
  report: null,
  /** Editor version the report was computed for. */
  reportVersion: -1,
  /** Edits since recent reports: {version, pos, del, ins}. */
  edits: [],
  /** 'auto' | built-in id | 'custom'. */
  choice: load(KEYS.template) || 'auto',
  customSource: load(KEYS.customTemplate) || '',
  /** The custom template compiled: {title, sections} or {error}. */
  custom: null,
  builtins: [],
  documentName: 'document',
};

// ---- start ---------------------------------------------------------------------------------

// The worker (and its .wasm) starts loading while the draft or the example is read.
const worker = new CheckerWorker(new URL('./worker.js', import.meta.url));
const init = worker.request('init');
init.catch(() => {}); // handled below, once the editor exists

const draft = loadText(KEYS.draft);
const editor = new Editor({
  parent: els.scroller,
  text: draft ?? (await fetchText(EXAMPLE_URL).catch(() => '')),
  label: 'Spec document (Markdown)',
  describedBy: 'editor-help',
  placeholder: 'Paste a Markdown spec here, type, or drop a .md file.',
});
if (draft === null) state.documentName = 'tech-spec-example.md';
els.customSource.value = state.customSource;
const scheduler = new Scheduler(worker, currentRequest, onResult);

editor.addEventListener('edit', (e) => onEdit(e.detail));
editor.addEventListener('caret', () => updateCaretStatus());

init
  .then(({ templates }) => {
    state.builtins = templates;
    fillPicker();
    if (state.choice === 'custom') compileCustom();
    scheduler.now();
  })
  .catch((e) => {
    notices.show('worker', `The checker could not start: ${e.message}. Reload the page; if that does not help, this browser may not support WebAssembly in workers.`, 'error');
    els.summary.textContent = 'The checker could not start.';
  });

// ---- checking ------------------------------------------------------------------------------

function templateRequest() {
  if (state.choice === 'custom') {
    if (state.customSource.trim() && !state.custom?.error) return { template: { custom: state.customSource }, key: `custom:${state.customSource}` };
    return { template: 'auto', key: 'auto' };
  }
  return { template: state.choice, key: state.choice };
}

function currentRequest() {
  const { template, key } = templateRequest();
  return { text: editor.text, version: editor.version, template, key };
}

let checkingTimer = 0;
let pendingResult = null;
/**
 * Shows an answer of the worker in a task of its own: receiving a big report (the structured
 * clone of thousands of findings) and rendering it would otherwise make one main-thread task
 * of well over 50 ms at a megabyte. The newest answer wins if two arrive before it runs.
 */
function onResult(answer) {
  const queued = pendingResult !== null;
  pendingResult = answer;
  if (queued) return;
  setTimeout(() => {
    const next = pendingResult;
    pendingResult = null;
    showResult(next);
  }, 0);
}

function showResult({ version, result, error }) {
  clearTimeout(checkingTimer);
  if (error) {
    els.checkState.textContent = '';
    notices.show('check', `Checking failed: ${error.message}`, 'error');
    return;
  }
  notices.dismiss('check');
  const report = result.report;
  // The text may have changed while the worker was checking: move positions along.
  for (const edit of state.edits) if (edit.version > version) shiftReport(report, edit);
  state.edits = state.edits.filter((e) => e.version > version);
  state.report = report;
  state.reportVersion = version;
  state.detection = result.detection;
  els.checkState.textContent = `Checked in ${result.ms < 1 ? '<1' : Math.round(result.ms)} ms`;
  render();
  if (version !== editor.version) els.checkState.textContent += ' (re-checking…)';
}

function onEdit(edit) {
  // A toast announces the edit just made (it is shown after it); any later edit retires it.
  toast.hide();
  state.edits.push(edit);
  if (state.edits.length > 500) state.edits.splice(0, state.edits.length - 500);
  if (state.report) shiftReport(state.report, edit);
  tooltip.hide();
  scheduler.schedule();
  clearTimeout(checkingTimer);
  checkingTimer = setTimeout(() => (els.checkState.textContent = 'Checking…'), 400);
  saveDraftSoon();
  updateCaretStatus();
}

/** Moves every position in a report through an edit; findings it overlapped become stale. */
function shiftReport(report, edit) {
  for (const f of report.findings) {
    if (!shiftSpan(f, edit)) f.stale = true;
    if (f.fix) shiftSpan(f.fix.range, edit);
  }
  for (const s of report.sections) {
    shiftSpan(s.headingRange, edit);
    shiftSpan(s.range, edit);
    shiftSpan(s.insertAt, edit);
  }
}

// ---- rendering -----------------------------------------------------------------------------

function render() {
  const report = state.report;
  renderScore(els, report);
  renderOutline(els.outline, report, goToSection);
  renderFindings(els.findings, report, { onSelect: selectFinding, onFix: fixOne });
  els.findingsCount.textContent = report ? `(${report.findings.length})` : '';
  editor.setHighlights(
    report.findings
      .map((f, fid) => ({ start: f.start, end: f.end, severity: f.severity, fid, cls: `rule-${f.rule}`, stale: f.stale }))
      .filter((it) => !it.stale),
  );
  const missing = report.findings.filter((f) => f.rule === 'missing-section' && f.fix).length;
  const guidance = report.findings.filter((f) => f.rule === 'guidance-comment' && f.fix).length;
  els.insertMissing.disabled = missing === 0;
  els.insertMissing.textContent = missing ? `Insert ${plural(missing, 'missing section')}` : 'No missing sections';
  els.removeGuidance.hidden = guidance === 0;
  els.removeGuidance.textContent = `Remove ${plural(guidance, 'guidance comment')}`;
  renderDetected();
  updateCaretStatus();
}

function renderDetected() {
  const r = state.report;
  if (!r) return;
  const pct = (c) => `${Math.round(c * 100)}%`;
  let text;
  if (state.choice === 'auto' || (state.choice === 'custom' && (!state.customSource.trim() || state.custom?.error))) {
    const prefix = state.choice === 'custom' ? 'No usable custom template, so auto-detect: ' : '';
    if (r.template.id) text = `${prefix}detected ${templateName(r.template.id, r.template.title)} (${pct(r.template.confidence)} match)`;
    else if (state.detection?.closest) {
      const c = state.detection.closest;
      text = `${prefix}no template fits (closest: ${templateName(c.id, c.title)}, ${pct(c.confidence)})`;
    } else text = `${prefix}no template fits this document`;
  } else if (state.choice === 'custom') {
    text = `custom: “${r.template.title}” (${pct(r.template.confidence)} match)`;
  } else {
    text = `${pct(r.template.confidence)} match`;
  }
  // Only on change: it is a live region, and re-setting the same text would re-announce it.
  if (els.detected.textContent !== text) els.detected.textContent = text;
}

/** A built-in's short name: its description up to the colon ("Technical specification"). */
function templateName(id, fallback) {
  const t = state.builtins.find((b) => b.id === id);
  if (!t) return fallback ?? id;
  return t.description.split(':')[0].trim() || t.title;
}

function fillPicker() {
  const custom = els.picker.querySelector('option[value="custom"]');
  for (const t of state.builtins) {
    els.picker.insertBefore(h('option', { value: t.id, title: t.description }, `${templateName(t.id)} (${t.id})`), custom);
  }
  if (![...els.picker.options].some((o) => o.value === state.choice)) state.choice = 'auto';
  els.picker.value = state.choice;
  showCustomPanel(state.choice === 'custom' && !state.customSource.trim());
  els.customEdit.hidden = state.choice !== 'custom';
}

// ---- navigation ----------------------------------------------------------------------------

function selectFinding(i) {
  const f = state.report?.findings[i];
  if (!f) return;
  editor.select(f.start, f.end);
}

function goToSection(index) {
  const s = state.report?.sections[index];
  if (!s) return;
  if (s.headingRange) editor.select(s.headingRange.start, s.headingRange.end);
  else if (s.insertAt) editor.select(s.insertAt.start, s.insertAt.start);
}

/** Next (dir 1) or previous (-1) finding from the caret, wrapping around. */
function stepFinding(dir) {
  const findings = state.report?.findings ?? [];
  if (!findings.length) return;
  const caret = editor.selection.start;
  const order = findings.map((f, i) => i).sort((a, b) => findings[a].start - findings[b].start || a - b);
  let pick;
  if (dir > 0) pick = order.find((i) => findings[i].start > caret) ?? order[0];
  else pick = [...order].reverse().find((i) => findings[i].start < caret) ?? order[order.length - 1];
  selectFinding(pick);
}

/** Findings at the caret (innermost first). */
function findingsAt(offset) {
  const r = state.report;
  if (!r) return [];
  const hits = [];
  r.findings.forEach((f, i) => {
    if (!f.stale && f.start <= offset && offset <= f.end) hits.push({ f, i });
  });
  return hits.sort((a, b) => a.f.end - a.f.start - (b.f.end - b.f.start));
}

function updateCaretStatus() {
  if (!editor.hasFocus) return;
  const hits = findingsAt(editor.selection.start);
  for (const el of els.findings.querySelectorAll('.finding-row.current')) el.classList.remove('current');
  if (!hits.length) {
    els.caretStatus.replaceChildren();
    return;
  }
  const { f, i } = hits[0];
  els.findings.querySelector(`.finding-row[data-index="${i}"]`)?.classList.add('current');
  els.caretStatus.replaceChildren(
    h('span', { class: `sev-tag sev-${f.severity}` }, SEVERITY_LABEL[f.severity]),
    ' ',
    h('span', { class: 'msg' }, f.message),
    ' — ',
    h('span', { class: 'help' }, f.help),
    f.fix ? h('button', { type: 'button', class: 'fix-btn', onclick: () => fixOne(i) }, `${fixLabel(f)} it`) : '',
    hits.length > 1 ? h('span', { class: 'more' }, ` (+${hits.length - 1} more here)`) : '',
  );
}

// ---- fixes ---------------------------------------------------------------------------------

/** The report for exactly the current text (checking first when edits are pending). */
async function freshReport() {
  const { result } = await scheduler.fresh();
  return result.report;
}

/** Applies the fixes of the findings `pick` selects as ONE undoable edit. */
async function applyFixes(pick, describe) {
  const report = await freshReport();
  const fixes = report.findings
    .filter((f) => f.fix && pick(f))
    // At one insertion point, skeletons go in template order (a parent's sibling after the
    // parent's own sub-sections), whatever order the findings come in.
    .map((f, order) => ({ ...f.fix.range, text: f.fix.text, section: f.section ?? -1, order }))
    .sort((a, b) => a.start - b.start || a.section - b.section || a.order - b.order);
  if (!fixes.length) return;
  const text = editor.text;
  const from = fixes[0].start;
  const to = Math.max(...fixes.map((f) => f.end));
  let out = '';
  let cur = from;
  let applied = 0;
  for (const fx of fixes) {
    if (fx.start < cur) continue; // overlaps one already applied
    out += text.slice(cur, fx.start) + fx.text;
    cur = fx.end;
    applied++;
  }
  out += text.slice(cur, to);
  editor.replace(from, to, out, [from, from]);
  scheduler.now();
  toast.show(describe(applied), undoChange);
}

async function fixOne(i) {
  const old = state.report?.findings[i];
  if (!old?.fix) return;
  const fresh = state.reportVersion === editor.version && !old.stale ? state.report : await freshReport();
  // Same finding in a fresher report: same rule and message, nearest position.
  const f =
    fresh === state.report && state.reportVersion === editor.version
      ? old
      : fresh.findings
          .filter((x) => x.fix && x.rule === old.rule && x.message === old.message)
          .sort((a, b) => Math.abs(a.start - old.start) - Math.abs(b.start - old.start))[0];
  if (!f) return;
  const { start, end } = f.fix.range;
  editor.replace(start, end, f.fix.text, [start, start]);
  scheduler.now();
  const what = { 'missing-section': `Inserted “${f.sectionTitle ?? 'the section'}”.`, 'guidance-comment': 'Removed the guidance comment.', 'template-text': 'Removed the template text.' };
  toast.show(what[f.rule] ?? 'Applied the fix.', undoChange);
}

els.insertMissing.addEventListener('click', () =>
  applyFixes((f) => f.rule === 'missing-section', (n) => `Inserted ${plural(n, 'missing section')} from the template.`),
);
els.removeGuidance.addEventListener('click', () =>
  applyFixes((f) => f.rule === 'guidance-comment', (n) => `Removed ${plural(n, 'guidance comment')}.`),
);

/** The toast's Undo: takes back the change the toast announced. */
function undoChange() {
  editor.undo();
  scheduler.now();
  editor.focus();
}

// ---- template picker and custom templates ----------------------------------------------------

els.picker.addEventListener('change', () => {
  state.choice = els.picker.value;
  persist(KEYS.template, state.choice, 'the template choice');
  els.customEdit.hidden = state.choice !== 'custom';
  if (state.choice === 'custom') {
    showCustomPanel(true);
    compileCustom();
  } else {
    showCustomPanel(false);
  }
  scheduler.now();
});

els.customEdit.addEventListener('click', () => showCustomPanel(els.customPanel.hidden));
$('#custom-close').addEventListener('click', () => {
  showCustomPanel(false);
  els.picker.focus();
});

function showCustomPanel(show) {
  els.customPanel.hidden = !show;
  els.customEdit.setAttribute('aria-expanded', String(show));
  els.customEdit.textContent = show ? 'Hide custom template' : 'Edit custom template';
  if (show && document.activeElement === els.picker) els.customSource.focus();
}

let customTimer = 0;
els.customSource.addEventListener('input', () => {
  clearTimeout(customTimer);
  customTimer = setTimeout(() => setCustomSource(els.customSource.value), 250);
});

$('#custom-upload').addEventListener('click', () => els.customFile.click());
els.customFile.addEventListener('change', async () => {
  const file = els.customFile.files[0];
  els.customFile.value = '';
  if (!file) return;
  const text = await readFile(file);
  if (text === null) return;
  els.customSource.value = text;
  setCustomSource(text);
});

function setCustomSource(source) {
  state.customSource = source;
  persist(KEYS.customTemplate, source, 'the custom template');
  compileCustom();
}

/** Compiles the custom template on the spot and says what it found. */
async function compileCustom() {
  const source = state.customSource;
  if (!source.trim()) {
    state.custom = null;
    els.customStatus.textContent = 'Paste a template (any Markdown with headings) or upload one. Until then: auto-detect.';
    scheduler.now();
    return;
  }
  try {
    const compiled = await worker.request('compile', { source });
    if (source !== state.customSource) return; // superseded
    state.custom = compiled;
    els.customStatus.textContent = `Using “${compiled.title}”: ${plural(compiled.sections.length, 'section')}.`;
  } catch (e) {
    if (source !== state.customSource) return;
    state.custom = { error: e.message };
    els.customStatus.textContent = `This template cannot be used: ${e.message}`;
  }
  scheduler.now();
}

// ---- document actions ----------------------------------------------------------------------

$('#open-file').addEventListener('click', () => els.fileInput.click());
els.fileInput.addEventListener('change', async () => {
  const file = els.fileInput.files[0];
  els.fileInput.value = '';
  if (file) await openFile(file);
});

$('#example-picker').addEventListener('change', async (e) => {
  const url = e.target.value;
  e.target.value = '';
  if (!url) return;
  const text = await fetchText(url).catch(() => null);
  if (text === null) return toast.show('The example could not be loaded.');
  replaceDocument(text, url.split('/').pop());
});

$('#clear').addEventListener('click', () => {
  if (!editor.text) return;
  replaceDocument('', 'document', 'Cleared the document.');
});

function replaceDocument(text, name, message) {
  const hadText = editor.text.length > 0;
  editor.setText(text);
  state.documentName = name;
  scheduler.now();
  if (hadText) toast.show(message ?? `Loaded ${name}.`, undoChange);
}

async function openFile(file) {
  const text = await readFile(file);
  if (text !== null) replaceDocument(text, file.name);
}

async function readFile(file) {
  if (file.size > 16 * 1024 * 1024) {
    toast.show(`${file.name} is ${formatBytes(file.size)}; speclint checks documents up to 16 MB.`);
    return null;
  }
  try {
    return await file.text();
  } catch (e) {
    toast.show(`${file.name} could not be read: ${e.message}`);
    return null;
  }
}

// Dropping a file anywhere on the editor opens it (text drags still work as usual).
for (const type of ['dragenter', 'dragover']) {
  els.scroller.addEventListener(type, (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    els.scroller.classList.add('dropping');
  });
}
els.scroller.addEventListener('dragleave', () => els.scroller.classList.remove('dropping'));
els.scroller.addEventListener('drop', async (e) => {
  els.scroller.classList.remove('dropping');
  const file = e.dataTransfer?.files?.[0];
  if (!file) return;
  e.preventDefault();
  await openFile(file);
});

// ---- export --------------------------------------------------------------------------------

$('#copy-report').addEventListener('click', async () => {
  const md = reportToMarkdown(await freshReport(), { documentName: state.documentName });
  try {
    await navigator.clipboard.writeText(md);
    toast.show('Report copied as Markdown.');
  } catch {
    const dialog = $('#copy-dialog');
    const area = $('#copy-text');
    area.value = md;
    dialog.showModal();
    area.select();
  }
});

$('#download-json').addEventListener('click', async () => {
  const report = await freshReport();
  const base = state.documentName.replace(/\.[^.]*$/, '') || 'document';
  download(`${base}.speclint.json`, `${JSON.stringify(report, null, 2)}\n`);
  toast.show(`Downloaded ${base}.speclint.json.`);
});

// ---- persistence ---------------------------------------------------------------------------

let draftTimer = 0;
function saveDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraft, 400);
}

/** Saves the draft: a long one in parts, a task each, so that no write stalls typing (`now`:
 * all at once, when the page is being hidden or closed). */
function saveDraft(now = false) {
  clearTimeout(draftTimer);
  const text = editor.text;
  saveText(KEYS.draft, text, { now }).then((problem) => {
    if (problem !== undefined) reportStored(KEYS.draft, problem, text, 'your draft');
  });
}

/** Saves, and shows (or clears) a warning when the browser refuses. */
function persist(key, value, what) {
  reportStored(key, save(key, value), value, what);
}

/** Shows a warning for a value the browser did not store (`problem`), or clears it (null). */
function reportStored(key, problem, value, what) {
  if (problem) {
    const size = formatBytes(new Blob([value]).size);
    notices.show(
      `store-${key}`,
      `${problem}, so ${what} (${size}) was not saved and will not survive a reload. Keep a copy: download it or copy it elsewhere.`,
      'warning',
      key === KEYS.draft ? { label: 'Download draft', run: () => download(state.documentName.endsWith('.md') ? state.documentName : 'draft.md', editor.text, 'text/markdown') } : null,
    );
  } else {
    notices.dismiss(`store-${key}`);
  }
}

window.addEventListener('pagehide', () => saveDraft(true));
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && saveDraft(true));

// ---- tooltip -------------------------------------------------------------------------------

let hoverFrame = 0;
editor.dom.addEventListener('mousemove', (e) => {
  if (hoverFrame) return;
  hoverFrame = requestAnimationFrame(() => {
    hoverFrame = 0;
    const f = state.report?.findings[editor.findingAt(e.clientX, e.clientY)];
    if (f) tooltip.show(f, e.clientX, e.clientY);
    else tooltip.hide();
  });
});
editor.dom.addEventListener('mouseleave', () => setTimeout(() => tooltip.hide(), 50));

// ---- keyboard ------------------------------------------------------------------------------

document.addEventListener('keydown', (e) => {
  if (e.key === 'F8') {
    e.preventDefault();
    stepFinding(e.shiftKey ? -1 : 1);
  } else if (e.key === 'Escape') {
    tooltip.hide();
    toast.hide();
  }
});

// ---- helpers -------------------------------------------------------------------------------

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

// Exposed for the page tests and for curious people in the console; not an API.
window.speclintPage = { editor, state, scheduler, freshReport, clearSaved: () => (removeText(KEYS.draft), [KEYS.template, KEYS.customTemplate].forEach(remove)) };
