// User text is never markup: documents and templates full of the shared payload corpus
// (tests/xss-payloads.mjs: script, event-handler, javascript:/data: URL, SVG, entity-encoded,
// breakout and directive payloads) execute nothing, load nothing, and are shown as the text they
// are, in the editor, the highlights, the outline, the findings and the tooltip. Checked with the
// page's CSP in force and, so that the page's own code is what is tested, with it bypassed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../npm/node.js';
import { DANGEROUS, PAYLOADS, PLACEHOLDERS, corpusDocument, corpusTemplate, domProbe, quotes } from '../xss-payloads.mjs';
import { allHighlights, editorText, gotoReady, openPage, pageSuite, pasteText, renderedLines, waitChecked } from './helpers.mjs';

const env = pageSuite();

const TEMPLATE = corpusTemplate();
const DOCUMENT = corpusDocument();
const EXPECTED = check(DOCUMENT, { template: TEMPLATE });

/** Files the page itself loads; a payload reaching the server would show up as anything else. */
const OWN_FILES = /^\/(|index\.html|style\.css|favicon\.svg|js\/[a-z]+\.js|pkg\/[a-z/]+\.js|pkg\/dist\/speclint_bg\.wasm|examples\/[a-z-]+\.md)$/;

async function assertInert(page, problems, baseline, from) {
  await page.waitForTimeout(500); // time for anything that would fire (onerror, onload, animations, refresh)
  assert.deepEqual(problems, [], 'no dialog, console error, CSP violation or request to another origin');
  const now = await page.evaluate(domProbe, DANGEROUS);
  assert.deepEqual(now.flags, [], 'no payload set its flag');
  assert.deepEqual(now.handlers, [], 'no on* attribute anywhere');
  assert.deepEqual(now.urls, [], 'no javascript: or data: URL in any attribute');
  assert.deepEqual(now.counts, baseline.counts, 'no element that markup brings in (img, script, svg, iframe, a, style, ...) appeared');
  assert.deepEqual(
    [now.styleSheets, now.bodyShown, now.baseURI, now.location],
    [baseline.styleSheets, true, baseline.baseURI, baseline.location],
    'no style sheet, base URL or navigation came with the text',
  );
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')));
  assert.deepEqual(scripts, ['js/app.js']);
  const unexpected = env.srv.requests.slice(from).filter((u) => !OWN_FILES.test(u));
  assert.deepEqual(unexpected, [], 'the server saw no request a payload made');
}

/** Loads the page; returns it with the DOM probe of the untouched page. */
async function ready(options) {
  const from = env.srv.requests.length;
  const opened = await openPage(env.browser, env.srv.origin, options);
  await gotoReady(opened.page, env.srv.origin);
  const baseline = await opened.page.evaluate(domProbe, DANGEROUS);
  return { ...opened, baseline, from };
}

test('the corpus is live: parsed as HTML on a page without a CSP, its payloads fire and the tests see it', async () => {
  // The control for every "nothing fired" below: the same payloads, inserted as markup where no
  // policy stops them, set their flags and open dialogs, and the probe and recorder notice.
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await page.route(`${env.srv.origin}/__bare__`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bare</title><body></body>' }));
  await page.goto(`${env.srv.origin}/__bare__`);
  await page.evaluate((payloads) => {
    for (const { text } of payloads) document.body.append(document.createRange().createContextualFragment(text));
  }, PAYLOADS);
  await page.waitForTimeout(1000);
  const probe = await page.evaluate(domProbe, DANGEROUS);
  const fired = probe.flags.map((f) => f.replace('__xss_', ''));
  for (const id of ['script', 'img_onerror', 'details_ontoggle', 'iframe_srcdoc', 'textarea_breakout', 'entity_attribute']) {
    assert.ok(fired.includes(id), `${id} fires when parsed as HTML (fired: ${fired.join(' ')})`);
  }
  assert.ok(fired.length >= 15, `most payloads fire without a click (${fired.length})`);
  assert.ok(problems.filter((p) => p.startsWith('dialog')).length >= 15, 'and open dialogs');
  assert.ok(problems.some((p) => p.startsWith('request to another origin: https://xss.invalid/')), 'and try to reach another origin');
  assert.ok(probe.handlers.length > 10 && probe.urls.length > 3 && probe.counts.img > 5, 'and the probe sees the elements they brought');
  await context.close();
});

test('a document full of payloads executes nothing and is shown as text', async () => {
  const { page, problems, context, baseline, from } = await ready();
  await pasteText(page, DOCUMENT);
  assert.equal(await editorText(page), DOCUMENT);
  // Scrolling through the editor, every line it draws is a line of the document, as text, and
  // every line of the document is drawn (so every payload is on screen as the characters it is).
  const lines = await renderedLines(page);
  const docLines = DOCUMENT.split('\n');
  assert.deepEqual([...lines].filter((l) => !docLines.includes(l)), [], 'the editor draws only the document\'s lines, as text');
  assert.deepEqual(docLines.filter((l) => !lines.has(l)), [], 'and every one of them');
  for (const { id, text } of PAYLOADS) assert.ok([...lines].some((l) => l.includes(text)), `${id} is in the editor as text`);
  const highlights = (await allHighlights(page)).map((h) => h.text);
  assert.ok(highlights.filter((t) => t === 'TODO').length >= 30, 'the TODOs next to the payloads are highlighted');
  await assertInert(page, problems, baseline, from);
  await context.close();
});

for (const [name, options] of [
  ['with the CSP in force', {}],
  ['with the CSP bypassed (the page code alone keeps it text)', { bypassCSP: true }],
]) {
  test(`a template and a document full of payloads, ${name}: outline, findings, highlights and tooltip show them as text`, async () => {
    const { page, problems, context, baseline, from } = await ready(options);
    await page.selectOption('[data-testid=template-picker]', 'custom');
    await page.fill('#custom-source', TEMPLATE);
    await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
    await pasteText(page, DOCUMENT);
    await waitChecked(page);

    // The page shows the report the package computes, string for string.
    const report = await page.evaluate(() => window.speclintPage.state.report);
    assert.deepEqual(report.findings.map((f) => f.message), EXPECTED.findings.map((f) => f.message));
    assert.deepEqual(report.sections.map((s) => [s.title, s.heading, s.status]), EXPECTED.sections.map((s) => [s.title, s.heading, s.status]));

    const outline = await page.locator('[data-testid=section]').allTextContents();
    const findings = await page.locator('[data-testid=finding] .msg').allTextContents();
    assert.deepEqual(findings.toSorted(), EXPECTED.findings.map((f) => f.message).toSorted(), 'every finding is listed, its message as text');
    // Every payload of the template and the document reaches the screen, as the characters it is.
    for (const q of quotes(EXPECTED)) {
      const strings = [...q.titles, ...q.headings, ...q.messages];
      assert.ok(strings.length > 0, `${q.id} is quoted by the report`);
      for (const s of [...q.titles, ...q.headings]) assert.ok(outline.some((t) => t.includes(s)), `the outline shows “${s}” as text`);
      for (const s of q.messages) assert.ok(findings.includes(s), `a finding shows “${s}” as text`);
    }
    assert.ok(outline.some((t) => t.includes(`Part 1: ${PAYLOADS[0].text}`)), `the outline shows the <script> heading as text: ${outline[1]}`);

    const highlights = (await allHighlights(page)).map((h) => h.text);
    for (const p of PLACEHOLDERS) assert.ok(highlights.includes(p), `${p} is highlighted, as text`);
    assert.match(await page.textContent('#custom-status'), /^Using “Payloads <img src=x onerror="top\.__xss_title=1;alert\('title'\)">”/);
    assert.match(await page.textContent('#detected'), /custom: “Payloads <img src=x onerror=/);

    // The tooltip over a highlighted payload quotes it as text.
    const placeholder = PLACEHOLDERS.find((p) => p.startsWith('[<img src=x onerror="'));
    // Its finding, clicked in the list, brings it on screen.
    const index = await page.evaluate((p) => {
      const { editor, state } = window.speclintPage;
      return state.report.findings.findIndex((f) => editor.text.slice(f.start, f.end) === p);
    }, placeholder);
    assert.ok(index >= 0, 'the placeholder is a finding');
    await page.locator(`[data-testid=finding][data-index="${index}"]`).click();
    const mark = page.locator('[data-testid=highlight]', { hasText: placeholder }).first();
    assert.equal(await mark.textContent(), placeholder);
    await mark.scrollIntoViewIfNeeded();
    const b = await mark.boundingBox();
    await page.mouse.move(b.x + 5, b.y + b.height / 2);
    await page.waitForSelector('#tooltip:not([hidden])');
    assert.ok((await page.textContent('#tooltip')).includes(placeholder.slice(0, 40)), 'the tooltip quotes it as text');

    // Selecting findings puts their text in the caret line, as text.
    await page.locator('[data-testid=finding][data-rule=unfilled-placeholder]').first().click();
    assert.match(await page.textContent('#caret-status'), /Placeholder \[<script>top\.__xss_script=1;alert\('script'\)<\/script>\] is not filled in/);
    await page.locator('[data-testid=finding][data-rule=guidance-comment]').nth(3).click();
    await assertInert(page, problems, baseline, from);
    await context.close();
  });
}

test('the page code and its editor bundle have no HTML-parsing sinks (innerHTML and friends), no eval, no inline handlers', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { WWW } = await import('./helpers.mjs');
  // The page's own code, and the editor's bundled CodeMirror (built by scripts/build-page.sh,
  // which scripts/test-page.sh runs first): it renders the document, so it is held to the same.
  const files = ['index.html', ...(await readdir(join(WWW, 'js'))).map((f) => `js/${f}`), 'pkg/codemirror.js'];
  for (const file of files) {
    const code = await readFile(join(WWW, file), 'utf8');
    for (const sink of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/, /createContextualFragment/, /DOMParser/, /srcdoc/]) {
      assert.doesNotMatch(code.replace(/^\s*\/\/.*$/gm, ''), sink, `${file} uses ${sink}`);
    }
    if (file.endsWith('.html')) {
      assert.doesNotMatch(code, /\son[a-z]+=/i, `${file} has an inline event handler`);
      assert.doesNotMatch(code, /<script(?![^>]*\bsrc=)[^>]*>/i, `${file} has an inline script`);
      assert.doesNotMatch(code, /\sstyle=/i, `${file} has an inline style`);
    }
  }
});
