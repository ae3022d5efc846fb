// speclint/adapters against the real editors: the results type-check where @codemirror/lint's
// Diagnostic[] and Monaco's editor.IMarkerData[] are expected (tsc --strict), CodeMirror's own
// lint state holds the diagnostics at the flagged text, and a real Monaco model (its AMD build,
// in headless Chromium) reads the flagged text back from the markers. The documents put emoji,
// CJK and a ZWJ sequence before the findings, where UTF-8, UTF-16 and code-point counts differ.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { forEachDiagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';

import { check } from '../../npm/node.js';
import { toCodeMirrorDiagnostics, toMonacoMarkers } from '../../npm/adapters.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.SPECLINT_CHROMIUM ?? '/usr/bin/chromium';

const TEMPLATE = `# Service Spec

## Owner

[Name]

## Goals

<!-- What must this service achieve? -->

## Risks

[Risk]
`;

// 👩‍💻 is five UTF-16 units (two surrogate pairs and a joiner) and 11 UTF-8 bytes; 中文 is two
// units and six bytes; 🎉 is two units and four bytes.
const DOC = `# Service Spec

## Owner

👩‍💻 中文 [Name] owns it. TODO: 🎉 confirm

## Goals

<!-- What must this service achieve? -->
`;

const report = check(DOC, { template: TEMPLATE });
const flagged = report.findings.map((f) => DOC.slice(f.start, f.end));

test('the document has findings after multi-unit characters, on their line and after it', () => {
  assert.deepEqual(
    report.findings.map((f) => f.rule),
    ['unfilled-placeholder', 'todo-marker', 'placeholder-section', 'guidance-comment', 'missing-section'],
  );
  assert.deepEqual(flagged, ['[Name]', 'TODO', '## Goals', '<!-- What must this service achieve? -->', '']);
  // 👩‍💻 (5 UTF-16 units), a space, 中文 (2), a space: [Name] starts at UTF-16 column 10.
  assert.deepEqual([report.findings[0].line, report.findings[0].column], [5, 10]);
});

describe('toCodeMirrorDiagnostics', () => {
  test('from/to are UTF-16 offsets: CodeMirror slices the flagged text', () => {
    const diagnostics = toCodeMirrorDiagnostics(report);
    let state = EditorState.create({ doc: DOC });
    state = state.update(setDiagnostics(state, diagnostics)).state;
    const seen = [];
    forEachDiagnostic(state, (d, from, to) => seen.push([d.severity, d.source, state.sliceDoc(from, to)]));
    assert.deepEqual(
      seen,
      report.findings.map((f, i) => [f.severity, 'speclint', flagged[i]]),
    );
  });

  test('message, then help on its own line; severities pass through', () => {
    const [first] = toCodeMirrorDiagnostics(report);
    const f = report.findings[0];
    assert.equal(first.message, `${f.message}\n${f.help}`);
    assert.equal(first.severity, 'error');
    assert.deepEqual(Object.keys(first).sort(), ['from', 'message', 'severity', 'source', 'to']);
  });

  test('a fix becomes an action that edits the document as the fix says', () => {
    const diagnostics = toCodeMirrorDiagnostics(report);
    for (const [i, f] of report.findings.entries()) {
      if (!f.fix) {
        assert.equal(diagnostics[i].actions, undefined);
        continue;
      }
      const [action] = diagnostics[i].actions;
      let state = EditorState.create({ doc: DOC });
      const view = { dispatch: (spec) => (state = state.update(spec).state) };
      action.apply(view, diagnostics[i].from, diagnostics[i].to);
      const expected = DOC.slice(0, f.fix.range.start) + f.fix.text + DOC.slice(f.fix.range.end);
      assert.equal(state.doc.toString(), expected, `${f.rule}: ${action.name}`);
    }
    const names = diagnostics.flatMap((d) => d.actions ?? []).map((a) => a.name);
    assert.deepEqual(names, ['Remove', 'Insert section']);
  });

  test('the action follows the diagnostic when text was inserted before it', () => {
    const i = report.findings.findIndex((f) => f.rule === 'guidance-comment');
    const d = toCodeMirrorDiagnostics(report)[i];
    let state = EditorState.create({ doc: `Intro.\n${DOC}` });
    const view = { dispatch: (spec) => (state = state.update(spec).state) };
    d.actions[0].apply(view, d.from + 7, d.to + 7); // as CodeMirror maps it through the insertion
    assert.ok(!state.doc.toString().includes('<!--'));
    assert.ok(state.doc.toString().startsWith('Intro.\n# Service Spec'));
  });

  test('options: source and no fixes', () => {
    const diagnostics = toCodeMirrorDiagnostics(report, { source: 'specs', fixes: false });
    assert.ok(diagnostics.every((d) => d.source === 'specs' && d.actions === undefined));
  });

  test('anything but a Report is refused with a message that says so', () => {
    assert.throws(() => toCodeMirrorDiagnostics('# md'), /toCodeMirrorDiagnostics: expected a speclint Report/);
    assert.throws(() => toMonacoMarkers(null), /toMonacoMarkers: expected a speclint Report/);
  });
});

describe('toMonacoMarkers', () => {
  test('1-based lines and UTF-16 columns, end exclusive', () => {
    const markers = toMonacoMarkers(report);
    const lines = DOC.split('\n');
    for (const [i, m] of markers.entries()) {
      const f = report.findings[i];
      assert.equal(m.startLineNumber, m.endLineNumber, f.rule);
      assert.equal(lines[m.startLineNumber - 1].slice(m.startColumn - 1, m.endColumn - 1), flagged[i], f.rule);
    }
    assert.deepEqual(
      markers.map((m) => [m.severity, m.code, m.source]),
      [
        [8, 'unfilled-placeholder', 'speclint'],
        [4, 'todo-marker', 'speclint'],
        [8, 'placeholder-section', 'speclint'],
        [4, 'guidance-comment', 'speclint'],
        [8, 'missing-section', 'speclint'],
      ],
    );
  });

  test('takes the severities from the MarkerSeverity it is given', () => {
    const withInfo = check(DOC, { template: TEMPLATE, rules: { 'todo-marker': 'info' } });
    const markers = toMonacoMarkers(withInfo, { Error: 'E', Warning: 'W', Info: 'I' });
    assert.deepEqual(
      markers.map((m) => m.severity),
      withInfo.findings.map((f) => ({ error: 'E', warning: 'W', info: 'I' })[f.severity]),
    );
    assert.deepEqual(new Set(markers.map((m) => m.severity)), new Set(['E', 'W', 'I']));
  });

  test('compiles with tsc --strict where the real Diagnostic[] and editor.IMarkerData[] are expected', () => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tests/js/adapters/tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  describe('in a real Monaco model (headless Chromium)', { skip: !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}` }, () => {
    let server;
    let browser;
    before(async () => {
      server = createServer(async (req, res) => {
        const path = new URL(req.url, 'http://x').pathname;
        const served = path.startsWith('/node_modules/monaco-editor/min/') || path === '/npm/adapters.js';
        const file = served ? join(ROOT, path) : null;
        try {
          const body = file ? await readFile(file) : PAGE;
          res.writeHead(200, { 'content-type': file?.endsWith('.css') ? 'text/css' : file ? 'text/javascript' : 'text/html' });
          res.end(body);
        } catch {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    test('getValueInRange of each marker is the flagged text', async () => {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => window.monaco, null, { timeout: 30_000 });
      const seen = await page.evaluate(
        async ({ doc, report }) => {
          const { toMonacoMarkers } = await import('/npm/adapters.js');
          const model = window.monaco.editor.createModel(doc, 'markdown');
          window.monaco.editor.setModelMarkers(model, 'speclint', toMonacoMarkers(report, window.monaco.MarkerSeverity));
          return window.monaco.editor
            .getModelMarkers({ owner: 'speclint' })
            .sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn)
            .map((m) => [m.severity, m.code, model.getValueInRange(m)]);
        },
        { doc: DOC, report },
      );
      await page.close();
      assert.deepEqual(errors, []);
      assert.deepEqual(
        seen,
        report.findings.map((f, i) => [f.severity === 'error' ? 8 : f.severity === 'warning' ? 4 : 2, f.rule, flagged[i]]),
      );
    });
  });
});

const PAGE = `<!doctype html><meta charset="utf-8"><title>monaco</title>
<script src="/node_modules/monaco-editor/min/vs/loader.js"></script>
<script>
  require.config({ paths: { vs: '/node_modules/monaco-editor/min/vs' } });
  require(['vs/editor/editor.main'], (monaco) => { window.monaco = monaco; });
</script>`;
