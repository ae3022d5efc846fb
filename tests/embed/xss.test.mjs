// <spec-lint> with the shared XSS payload corpus (tests/xss-payloads.mjs) in the document and in
// the template: the template is a URL the test server answers; the document comes from src=, a
// for= textarea, a for= contenteditable and the element's own text; payloads also sit in the
// attributes (template=, for=, min-score=), whose errors quote them. On a page without a CSP
// (the element alone must keep text inert), on the same page with one, and in the wiki demo
// (www/embed.html). Nothing may run, load, or reach another origin; everything shows as text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DANGEROUS, PAYLOADS, corpusDocument, corpusTemplate, domProbe, quotes } from '../xss-payloads.mjs';
import { check, launch, open, serve, settled, shown } from './helpers.mjs';

let server;
let browser;
const TEMPLATE = corpusTemplate();
const DOCUMENT = corpusDocument();
const EXPECTED = check(DOCUMENT, { template: TEMPLATE });
const TEMPLATE_URL = '/__xss__/template.md';
const DOCUMENT_URL = '/__xss__/document.md';
/** What the element renders into its shadow root; anything else came from user text. */
const OWN_TAGS = ['button', 'div', 'h3', 'li', 'ol', 'p', 'span', 'strong', 'ul'];

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** open() (problems recorded, /__embed__/ fixtures) plus the corpus under /__xss__/. */
async function openWithCorpus(options) {
  const opened = await open(browser, server.origin, options);
  await opened.page.route(`${server.origin}/__xss__/*.md`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = { [TEMPLATE_URL]: TEMPLATE, [DOCUMENT_URL]: DOCUMENT }[path];
    return body ? route.fulfill({ status: 200, body, contentType: 'text/markdown; charset=utf-8' }) : route.fulfill({ status: 404, body: 'not found' });
  });
  return opened;
}

/** The element's shadow text, as a user reads it (textContent: nothing in it is markup). */
const shadowText = (page, selector) => page.$eval(selector, (el) => el.shadowRoot.textContent);

async function assertInert(page, problems, baseline, allowedPaths, seen, addedTextareas = 0) {
  await page.waitForTimeout(500); // time for anything that would fire
  assert.deepEqual(problems, [], 'no dialog, console error, CSP violation or request to another origin');
  const now = await page.evaluate(domProbe, DANGEROUS);
  assert.deepEqual(now.flags, [], 'no payload set its flag');
  assert.deepEqual(now.handlers, [], 'no on* attribute, in the page or in a shadow root');
  assert.deepEqual(now.urls, [], 'no javascript: or data: URL in any attribute');
  assert.deepEqual(now.counts, { ...baseline.counts, textarea: baseline.counts.textarea + addedTextareas }, 'no element markup brings in appeared');
  const strange = now.shadowTags.filter((t) => !OWN_TAGS.includes(t));
  assert.deepEqual(strange, [], 'the shadow roots hold only the elements the element makes');
  assert.deepEqual([now.styleSheets, now.bodyShown, now.baseURI, now.location], [baseline.styleSheets, true, baseline.baseURI, baseline.location]);
  const paths = [...new Set(seen.map((u) => new URL(u).pathname))];
  assert.deepEqual(paths.filter((p) => !allowedPaths.includes(p)), [], 'only the page, the package and the URLs the attributes name were requested');
}

/** Every string of the report quoting a payload (section titles, messages) is on screen in `text`. */
function assertQuoted(text, report, { titles = true } = {}) {
  for (const q of quotes(report)) {
    const strings = [...(titles ? q.titles : []), ...q.messages];
    if (titles && q.id !== 'alias') assert.ok(strings.length > 0, `${q.id} is quoted by the report`);
    for (const s of strings) assert.ok(text.includes(s), `${q.id}: “${s}” is shown as text`);
  }
}

const PACKAGE = ['/pkg/element.js', '/pkg/browser.js', '/pkg/api.js', '/pkg/dist/speclint.js', '/pkg/dist/speclint_bg.wasm', '/favicon.ico'];

for (const fixture of ['corpus.html', 'corpus-csp.html']) {
  describe(`payloads in ${fixture}`, () => {
    test('every source against a template URL full of payloads: the report as text, nothing run', async () => {
      const { context, page, problems, seen } = await openWithCorpus();
      await page.goto(`${server.origin}/__embed__/${fixture}`);
      await page.evaluate(() => customElements.whenDefined('spec-lint'));
      const baseline = await page.evaluate(domProbe, DANGEROUS);

      // (No '.', '/' or ':' in it, or template= would take it for a URL and fetch it.)
      const bad = "<img src=x onerror=self['__xss_attribute']=alert('attribute')>";
      await page.evaluate(
        ({ doc, template, documentUrl, bad }) => {
          const host = document.getElementById('host');
          const lint = (id, attrs, text) => {
            const el = document.createElement('spec-lint');
            el.id = id;
            for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
            if (text !== undefined) el.textContent = text;
            host.append(el);
            return el;
          };
          const ta = document.createElement('textarea');
          ta.id = 'ta';
          ta.value = doc;
          const ce = document.createElement('div');
          ce.id = 'ce';
          ce.contentEditable = 'true';
          ce.style.whiteSpace = 'pre-wrap'; // CSSOM: a plain-text editor keeps its line breaks
          ce.textContent = doc;
          host.append(ta, ce);
          lint('by-src', { src: documentUrl, template });
          lint('by-src-compact', { src: documentUrl, template, compact: '' });
          lint('by-for', { for: 'ta', template });
          lint('by-ce', { for: 'ce', template });
          lint('by-text', { template }, doc);
          lint('builtin', { src: documentUrl, template: 'tech-spec' });
          lint('auto', { src: documentUrl });
          // Payloads in the attributes: each error message quotes the value, as text.
          lint('attr-template', { template: bad }, '# A\n');
          lint('attr-for', { for: bad });
          lint('attr-min', { 'min-score': bad }, '# A\n');
        },
        { doc: DOCUMENT, template: TEMPLATE_URL, documentUrl: DOCUMENT_URL, bad },
      );
      await settled(page);

      // The package's report, whichever way the document arrived.
      for (const id of ['by-src', 'by-src-compact', 'by-for', 'by-text']) {
        assert.deepEqual(await page.$eval(`#${id}`, (el) => el.report), EXPECTED, `#${id} has the package's report`);
      }
      const ceText = await page.$eval('#ce', (el) => el.innerText);
      assert.deepEqual(await page.$eval('#by-ce', (el) => el.report), check(ceText, { template: TEMPLATE }));
      assert.deepEqual(await page.$eval('#builtin', (el) => el.report), check(DOCUMENT, { template: 'tech-spec' }));
      assert.deepEqual(await page.$eval('#auto', (el) => el.report), check(DOCUMENT));

      // Shown as text: every section title and finding message, string for string.
      for (const id of ['by-src', 'by-for', 'by-text']) {
        const view = await shown(page, `#${id}`);
        assert.deepEqual(view.sections, EXPECTED.sections.map((s) => [s.title, s.status]));
        assert.deepEqual(view.findings, EXPECTED.findings.map((f) => f.message));
        const text = await shadowText(page, `#${id}`);
        assertQuoted(text, EXPECTED);
        assert.ok(text.includes(`Checked against “${EXPECTED.template.title}”`), 'the template title, as text');
      }
      assert.deepEqual((await shown(page, '#by-ce')).findings.length, EXPECTED.findings.length);
      // The compact badge opens to the same findings.
      await page.locator('#by-src-compact [part~="badge"]').click();
      assert.equal(await page.locator('#by-src-compact [part~="panel"]').isVisible(), true);
      assert.deepEqual((await shown(page, '#by-src-compact')).findings, EXPECTED.findings.map((f) => f.message));
      assertQuoted(await shadowText(page, '#by-src-compact'), EXPECTED, { titles: false }); // a panel has no outline

      const errorOf = (id) => page.$eval(`#${id}`, (el) => el.shadowRoot.querySelector('[part~="error"]').textContent);
      assert.ok((await errorOf('attr-template')).includes(`Unknown template "${bad}"`), await errorOf('attr-template'));
      assert.ok((await errorOf('attr-for')).includes(`no element with id "${bad}"`), await errorOf('attr-for'));
      assert.ok((await errorOf('attr-min')).includes(`(got "${bad}")`), await errorOf('attr-min'));

      // Typing a payload into the watched editors re-checks them; still text.
      const typed = `\nTODO ${bad}\n`;
      for (const [editor, id] of [['#ta', 'by-for'], ['#ce', 'by-ce']]) {
        const before = await page.$eval(`#${id}`, (el) => el.report.findings.length);
        await page.locator(editor).click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type(typed);
        await page.waitForFunction(([sel, n]) => document.querySelector(sel).report?.findings.length > n, [`#${id}`, before]);
        await settled(page);
        const value = await page.$eval(editor, (el) => el.value ?? el.innerText);
        assert.ok(value.endsWith(`TODO ${bad}\n`) || value.endsWith(`TODO ${bad}\n\n`), 'the payload was typed');
        assert.deepEqual(await page.$eval(`#${id}`, (el) => el.report), check(value, { template: TEMPLATE }));
      }

      await assertInert(page, problems, baseline, [`/__embed__/${fixture}`, ...PACKAGE, TEMPLATE_URL, DOCUMENT_URL], seen, 1);
      assert.equal(seen.filter((u) => u.endsWith(TEMPLATE_URL)).length, 1, 'the template URL is fetched once for every element');
      await context.close();
    });
  });
}

test('the wiki demo (www/embed.html): payloads pasted and typed into the edit form run nothing', async () => {
  const { context, page, problems, seen } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html#edit`);
  await settled(page);
  const baseline = await page.evaluate(domProbe, DANGEROUS);
  const checker = 'spec-lint[data-testid="checker"]';
  // As a paste into the textarea (one input event), then a payload typed by hand.
  await page.locator('#wpTextbox').fill(DOCUMENT);
  const expected = check(DOCUMENT, { template: 'spec-md' });
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).report?.findings.length === n, [checker, expected.findings.length]);
  await settled(page);
  assert.deepEqual(await page.$eval(checker, (el) => el.report), expected);
  assert.deepEqual((await shown(page, checker)).findings, expected.findings.slice(0, 200).map((f) => f.message));
  const text = await shadowText(page, checker);
  for (const f of expected.findings.slice(0, 200)) assert.ok(text.includes(f.message), `“${f.message}” is shown as text`);

  await page.locator('#wpTextbox').click();
  await page.keyboard.press('Control+Home');
  const bad = PAYLOADS.find((p) => p.id === 'svg_onload').text;
  await page.keyboard.type(`TODO ${bad}\n`);
  const typed = await page.inputValue('#wpTextbox');
  const after1 = check(typed, { template: 'spec-md' });
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).report?.findings.length === n, [checker, after1.findings.length]);
  await settled(page);
  assert.deepEqual(await page.$eval(checker, (el) => el.report), after1);

  const allowed = ['/embed.html', '/embed/embed.css', '/embed/embed.js', '/embed/notification-service.md', '/favicon.svg', ...PACKAGE];
  await assertInert(page, problems, baseline, allowed, seen);
  await context.close();
});
