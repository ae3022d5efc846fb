// User text is never markup: documents and templates full of script, event-handler, javascript:
// and SVG payloads execute nothing, load nothing, and are shown as the text they are, in the
// editor, the highlights, the outline, the findings and the tooltip.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoReady, launch, openPage, pasteText, serve, waitChecked } from './helpers.mjs';

let srv;
let browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const P = {
  script: '<script>window.__pwned=1;alert("script")</script>',
  img: '<img src=x onerror="window.__pwned=1;alert(\'img\')">',
  link: '[click me](javascript:window.__pwned=1;alert("link"))',
  svg: '<svg onload="window.__pwned=1;alert(\'svg\')"><script>alert("svg-script")</script></svg>',
  svgAnimate: '<svg><animate onbegin="alert(\'animate\')" attributeName="x" dur="1s"/></svg>',
  iframe: '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  breakout: '"><img src=y onerror=alert("attr")>',
  style: '<style>body{display:none}</style>',
};

// A template whose headings and placeholders are payloads, so they reach the outline, the
// finding messages (which quote the placeholder) and the tooltip.
const TEMPLATE = `# ${P.img} Template

## ${P.script}
[${P.img}]

## Links ${P.link}
[Choose | <svg onload=alert(1)>]

## ${P.svg}
<!-- ${P.iframe} -->
`;

const DOCUMENT = `# ${P.img} Template

## ${P.script}
[${P.img}]

${P.link} ${P.breakout}

## Links ${P.link}
[Choose | <svg onload=alert(1)>]

${P.svgAnimate}
${P.style}
TODO ${P.iframe}
`;

async function assertInert(page, problems, srvRequests) {
  await page.waitForTimeout(300); // time for anything that would fire (onerror, onload, animations)
  assert.deepEqual(problems, [], 'no dialog, console error, CSP violation or foreign request');
  const dom = await page.evaluate(() => ({
    pwned: window.__pwned,
    elements: [...document.querySelectorAll('img, iframe, object, embed, svg, style, a[href]:not(.skip-link)')].map((e) => e.outerHTML.slice(0, 80)),
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    styles: document.styleSheets.length,
    bodyShown: getComputedStyle(document.body).display !== 'none',
  }));
  assert.deepEqual(dom, { pwned: undefined, elements: [], scripts: ['js/app.js'], styles: 1, bodyShown: true });
  const unexpected = srvRequests.filter((u) => !/^\/(|index\.html|style\.css|favicon\.svg|js\/[a-z]+\.js|pkg\/[a-z/]+\.js|pkg\/dist\/speclint_bg\.wasm|examples\/[a-z-]+\.md)$/.test(u));
  assert.deepEqual(unexpected, [], 'the server saw no request a payload made');
}

test('a document full of payloads executes nothing and is shown as text', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await gotoReady(page, srv.origin);
  await pasteText(page, DOCUMENT);
  assert.equal(await page.inputValue('[data-testid=editor]'), DOCUMENT);
  const backdrop = await page.textContent('#backdrop');
  assert.ok(backdrop.includes(P.img) && backdrop.includes(P.svgAnimate) && backdrop.includes(P.style), 'the backdrop holds the text, as text');
  const highlights = await page.locator('[data-testid=highlight]').allTextContents();
  assert.ok(highlights.some((t) => t.includes('TODO')));
  await assertInert(page, problems, srv.requests);
  await context.close();
});

test('a template full of payloads: outline, findings, highlights and tooltip show them as text', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await gotoReady(page, srv.origin);
  await page.selectOption('[data-testid=template-picker]', 'custom');
  await page.fill('#custom-source', TEMPLATE);
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  await pasteText(page, DOCUMENT);
  await waitChecked(page);

  const outline = await page.locator('[data-testid=section]').allTextContents();
  assert.ok(outline.some((t) => t.includes(P.script)), `the outline shows the <script> heading as text: ${outline}`);
  assert.ok(outline.some((t) => t.includes(P.svg)), 'and the SVG heading');
  assert.ok(outline.some((t) => t.includes(`Links ${P.link}`)), 'and the javascript: link heading');
  const findings = await page.locator('[data-testid=finding]').allTextContents();
  assert.ok(findings.some((t) => t.includes(`[${P.img}]`)), `a finding quotes the <img> placeholder as text: ${findings.join(' | ')}`);
  assert.match(await page.textContent('#custom-status'), /Using “<img src=x onerror=/);
  assert.match(await page.textContent('#detected'), /custom: “<img src=x onerror=/);

  const mark = page.locator('[data-testid=highlight]', { hasText: `[${P.img}]` }).first();
  assert.equal(await mark.textContent(), `[${P.img}]`);
  await mark.scrollIntoViewIfNeeded();
  const b = await mark.boundingBox();
  await page.mouse.move(b.x + 5, b.y + b.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');
  assert.ok((await page.textContent('#tooltip')).includes(`[${P.img}]`), 'the tooltip quotes it as text');

  // The report export quotes it too, as text.
  await page.click('[data-testid=finding]');
  await assertInert(page, problems, srv.requests);
  await context.close();
});

test('the page code has no HTML-parsing sinks (innerHTML and friends), no eval, no inline handlers', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { WWW } = await import('./helpers.mjs');
  const files = ['index.html', ...(await readdir(join(WWW, 'js'))).map((f) => `js/${f}`)];
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
