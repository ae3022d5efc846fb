// www/embed.html, the wiki demo: the compact badge on the rendered spec shows the score the
// package computes for the raw Markdown; typing in the edit form's textarea updates the full
// checker; the .wasm is fetched and instantiated once for both elements; nothing but the page's
// own files is requested; its Content-Security-Policy blocks an inline script injected into the
// live page. The expected reports come from check() in Node, never hard-coded.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { injectInline } from '../page/helpers.mjs';
import { ROOT, check, launch, open, screenshot, serve, settled, shown } from './helpers.mjs';

let server;
let browser;
const MD = await readFile(join(ROOT, 'www/embed/notification-service.md'), 'utf8');
const BADGE = 'spec-lint[data-testid="badge"]';
const CHECKER = 'spec-lint[data-testid="checker"]';
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'";

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the badge shows the score check() gives the raw Markdown, and opens to its findings', async () => {
  const expected = check(MD); // the badge has no template attribute: auto
  assert.equal(typeof expected.score, 'number');
  const { context, page, problems } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);

  assert.equal((await shown(page, BADGE)).score, `${expected.score}/100`);
  assert.deepEqual(await page.$eval(BADGE, (el) => el.report), expected);
  assert.equal(await page.locator(`${BADGE} [part~="panel"]`).isVisible(), false);

  await page.locator(`${BADGE} [part~="badge"]`).click();
  assert.equal(await page.locator(`${BADGE} [part~="panel"]`).isVisible(), true);
  assert.equal(await page.locator(`${BADGE} [part~="badge"]`).getAttribute('aria-expanded'), 'true');
  assert.deepEqual((await shown(page, BADGE)).findings, expected.findings.map((f) => f.message));
  await screenshot(page, 'embed-badge-open');

  await page.keyboard.press('Escape');
  assert.equal(await page.locator(`${BADGE} [part~="panel"]`).isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the edit form: the checker shows the textarea\'s report, and typing updates it', async () => {
  const { context, page, problems } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html#edit`);
  await settled(page);
  const textarea = page.locator('#wpTextbox');
  assert.equal(await textarea.inputValue(), MD, 'the textarea holds the same Markdown as the raw file');

  const before = check(MD, { template: 'spec-md' });
  let view = await shown(page, CHECKER);
  assert.equal(view.score, `${before.score}/100`);
  assert.deepEqual(view.sections, before.sections.map((s) => [s.title, s.status]));
  assert.deepEqual(view.findings, before.findings.map((f) => f.message));
  assert.match(await page.textContent('#save-hint'), new RegExp(`Score ${before.score}/100, under the team's minimum of 80`));
  await screenshot(page, 'embed-edit');

  // Write the missing section at the end, as a user types it.
  await textarea.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n## Project Structure\n\ncmd/notifyd holds the service, deploy/ the manifests.\n', { delay: 5 });
  const typed = await textarea.inputValue();
  const after1 = check(typed, { template: 'spec-md' });
  assert.ok(!after1.findings.some((f) => f.rule === 'missing-section'));
  await page.waitForFunction(({ sel, score, n }) => {
    const r = document.querySelector(sel).report;
    return r && r.score === score && r.findings.length === n;
  }, { sel: CHECKER, score: after1.score, n: after1.findings.length });
  view = await shown(page, CHECKER);
  assert.equal(view.score, `${after1.score}/100`);
  assert.deepEqual(view.findings, after1.findings.map((f) => f.message));
  assert.deepEqual(view.sections.at(-1), ['Project Structure', 'complete']);

  // A TODO typed in the middle appears among the findings.
  await textarea.evaluate((ta) => ta.setSelectionRange(ta.value.indexOf('## Core Concepts'), ta.value.indexOf('## Core Concepts')));
  await page.keyboard.type('TODO: name the on-call rotation\n\n');
  const after2 = check(await textarea.inputValue(), { template: 'spec-md' });
  await page.waitForFunction(({ sel, n }) => document.querySelector(sel).report.findings.length === n, { sel: CHECKER, n: after2.findings.length });
  assert.deepEqual((await shown(page, CHECKER)).findings, after2.findings.map((f) => f.message));
  assert.equal(after2.findings.filter((f) => f.rule === 'todo-marker').length, 2);
  assert.match(await page.textContent('#save-hint'), new RegExp(`Score ${after2.score}/100`));

  // A finding's position selects its text in the textarea.
  const todo = after2.findings.find((f) => f.rule === 'todo-marker');
  await page.locator(`${CHECKER} [part~="finding"] button.pos`, { hasText: `${todo.line}:${todo.column}` }).click();
  const selected = await textarea.evaluate((ta) => ta.value.slice(ta.selectionStart, ta.selectionEnd));
  assert.equal(selected, 'TODO');

  assert.deepEqual(problems, []);
  await context.close();
});

test('two elements, one .wasm request and one instantiation; nothing leaves the origin', async () => {
  const { context, page, problems, seen } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);
  assert.equal(await page.locator('spec-lint').count(), 2);
  assert.equal(await page.evaluate(() => window.__wasm.calls), 1);
  assert.equal(seen.filter((u) => u.endsWith('.wasm')).length, 1);
  // Exactly the page's files, the package's, and the one URL an attribute names.
  const paths = [...new Set(seen.map((u) => new URL(u).pathname))].sort();
  assert.deepEqual(paths, [
    '/embed.html',
    '/embed/embed.css',
    '/embed/embed.js',
    '/embed/notification-service.md',
    '/favicon.svg',
    '/pkg/api.js',
    '/pkg/browser.js',
    '/pkg/dist/speclint.js',
    '/pkg/dist/speclint_bg.wasm',
    '/pkg/element.js',
  ]);
  assert.ok(seen.every((u) => new URL(u).origin === server.origin), seen.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a whole session in the demo (badge, editing, positions, save) requests nothing beyond its files', async () => {
  const { context, page, problems, seen } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);
  await page.locator(`${BADGE} [part~="badge"]`).click();
  await page.locator(`${BADGE} [part~="finding"]`).first().waitFor();
  await page.keyboard.press('Escape');
  await page.click('a[href="#edit"] >> nth=0');
  await page.locator('#wpTextbox').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nTODO ![pixel](https://example.com/p.png) <img src="https://example.com/i.png">\n');
  await page.waitForFunction((sel) => document.querySelector(sel).report?.findings.some((f) => f.message.startsWith('TODO')), CHECKER);
  await page.locator(`${CHECKER} [part~="finding"] button.pos`).last().click();
  await page.click('#edit-form [type=submit]');
  await page.waitForFunction(() => /This demo saves nothing/.test(document.getElementById('save-hint').textContent));
  await page.reload();
  await settled(page);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  assert.ok(seen.every((u) => new URL(u).origin === server.origin), seen.join('\n'));
  const paths = [...new Set(seen.map((u) => new URL(u).pathname))].sort();
  assert.deepEqual(paths, [
    '/embed.html',
    '/embed/embed.css',
    '/embed/embed.js',
    '/embed/notification-service.md',
    '/favicon.svg',
    '/pkg/api.js',
    '/pkg/browser.js',
    '/pkg/dist/speclint.js',
    '/pkg/dist/speclint_bg.wasm',
    '/pkg/element.js',
  ]);
  await context.close();
});

test('narrow screens: the page and the elements fit without horizontal scrolling', async () => {
  const { context, page, problems } = await open(browser, server.origin, { viewport: { width: 390, height: 844 } });
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);
  await page.locator(`${BADGE} [part~="badge"]`).click();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  const panel = await page.locator(`${BADGE} [part~="panel"]`).boundingBox();
  assert.ok(panel.x >= 0 && panel.x + panel.width <= 390, JSON.stringify(panel));
  await screenshot(page, 'embed-narrow');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the demo\'s Content-Security-Policy blocks an injected inline script, handler, eval and style; the elements keep working', async () => {
  const { context, page, problems } = await open(browser, server.origin);
  await page.goto(`${server.origin}/embed.html#edit`);
  await settled(page);
  assert.equal(await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content'), CSP);
  const result = await injectInline(page);
  assert.deepEqual(result, { ran: [], inserted: true, styled: false }, 'the <script> was in the page, and did not run');
  await page.waitForTimeout(100);
  const violations = problems.filter((p) => p.startsWith('CSP violation'));
  assert.ok(violations.some((v) => /^CSP violation: script-src(-elem)? inline$/.test(v)), `the inline <script> was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: script-src(-attr)? inline$/.test(v)), `the inline handler was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: script-src eval$/.test(v)), `the string timer (eval) was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: style-src(-elem)? inline$/.test(v)), `the inline style was reported: ${violations}`);
  const other = problems.filter((p) => !p.startsWith('CSP violation') && !/^console\.error: .*violates the following Content Security Policy directive/.test(p));
  assert.deepEqual(other, [], 'nothing else went wrong (the browser logs each blocked action as a console error)');

  // Under that policy the elements still check: typing updates the checker, the badge opens.
  await page.locator('#wpTextbox').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('TODO: after the injection\n');
  const expected = check(await page.inputValue('#wpTextbox'), { template: 'spec-md' });
  await page.waitForFunction(({ sel, n }) => document.querySelector(sel).report?.findings.length === n, { sel: CHECKER, n: expected.findings.length });
  assert.deepEqual(await page.$eval(CHECKER, (el) => el.report), expected);
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);
  await page.locator(`${BADGE} [part~="badge"]`).click();
  assert.equal(await page.locator(`${BADGE} [part~="panel"]`).isVisible(), true);
  await context.close();
});

test('the demo\'s CSP test is sound: without the policy, the same injection runs', async () => {
  const { context, page } = await open(browser, server.origin, { bypassCSP: true });
  await page.goto(`${server.origin}/embed.html`);
  await settled(page);
  assert.deepEqual(await injectInline(page), { ran: ['handler', 'inlineScript', 'javascriptUrl', 'stringTimer'], inserted: true, styled: true });
  await context.close();
});
