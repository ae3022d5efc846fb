// No network request leaves the origin during a whole session of use: one browser tab uses every
// feature of the page in turn (templates, custom templates pasted and uploaded, files opened and
// dropped, examples, pastes including the XSS corpus, typing, navigation, fixes and undo, export,
// clearing, a reload and a second tab). Every request the page and its worker make is recorded;
// all are same-origin, and only the page's own files are asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDocument, corpusTemplate } from '../xss-payloads.mjs';
import { gotoReady, openPage, pageSuite, pasteText, readRepoFile, waitChecked } from './helpers.mjs';

const env = pageSuite();

const TEMPLATE = '# Runbook: [Service]\n\n## Alerts\n[Which alerts page whom]\n\n## Rollback\n[Steps]\n';
const OWN_FILES = /^\/(|index\.html|style\.css|favicon\.svg|js\/[a-z]+\.js|pkg\/[a-z/]+\.js|pkg\/dist\/speclint_bg\.wasm|examples\/[a-z-]+\.md)$/;

test('a whole session of use: every request stays on the origin, and asks only for the page\'s files', async () => {
  const { page, problems, requests, context } = await openPage(env.browser, env.srv.origin);
  const from = env.srv.requests.length;
  await gotoReady(page, env.srv.origin);

  // Every built-in template, then auto-detection again.
  const builtins = await page.locator('[data-testid=template-picker] option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== 'auto' && v !== 'custom'));
  assert.ok(builtins.length >= 2, `built-ins: ${builtins}`);
  for (const id of [...builtins, 'auto']) {
    await page.selectOption('[data-testid=template-picker]', id);
    await page.waitForFunction((want) => want === 'auto' || window.speclintPage.state.report?.template.id === want, id);
    await waitChecked(page);
  }

  // Navigation: a finding, a section, F8, a hover.
  await page.locator('[data-testid=finding]').first().click();
  await page.locator('[data-testid=section]').nth(3).click();
  await page.keyboard.press('F8');
  const mark = page.locator('[data-testid=highlight]').first();
  await mark.scrollIntoViewIfNeeded();
  const box = await mark.boundingBox();
  await page.mouse.move(box.x + 3, box.y + box.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');

  // Fixes and undo.
  await page.click('#insert-missing');
  await page.waitForFunction(() => /Inserted/.test(document.getElementById('toast').textContent));
  await page.click('#toast button:text("Undo")');
  await waitChecked(page);

  // Examples, files opened and dropped, pastes (the XSS corpus among them), typing, clearing.
  for (const example of ['examples/spec-md-example.md', 'examples/tech-spec-example.md']) {
    const text = await readRepoFile(`www/${example}`);
    await page.selectOption('#example-picker', example);
    await page.waitForFunction((t) => window.speclintPage.editor.text === t, text);
    await waitChecked(page);
  }
  const complete = await readRepoFile('tests/page/fixtures/complete-spec-md.md');
  await page.setInputFiles('#file-input', { name: 'complete.md', mimeType: 'text/markdown', buffer: Buffer.from(complete) });
  await page.waitForFunction(() => window.speclintPage.editor.text.startsWith('# SPEC.md'));
  await waitChecked(page);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
    return dt;
  }, '# Dropped\n\nTODO\n');
  await page.dispatchEvent('#editor-scroller', 'drop', { dataTransfer });
  await page.waitForFunction(() => window.speclintPage.editor.text.startsWith('# Dropped'));
  await pasteText(page, corpusDocument());
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nTyped at the end. ![x](https://example.com/pixel.png) <img src="https://example.com/i.png">');
  await waitChecked(page);

  // Custom templates: pasted (the XSS corpus template too), uploaded, edited.
  await page.selectOption('[data-testid=template-picker]', 'custom');
  await page.fill('#custom-source', corpusTemplate());
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  await page.setInputFiles('#custom-file', { name: 'runbook.md', mimeType: 'text/markdown', buffer: Buffer.from(TEMPLATE) });
  await page.waitForFunction(() => /Using “Runbook: \[Service\]”/.test(document.getElementById('custom-status').textContent));
  await page.click('#custom-close');
  await waitChecked(page);

  // Export: the clipboard and a download.
  await page.click('#copy-report');
  await page.waitForFunction(() => /Report copied/.test(document.getElementById('toast').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.ok(JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8')).findings.length > 0);

  // Clearing, undone; a reload; a second tab.
  await page.click('#clear');
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await waitChecked(page);
  await page.reload();
  await gotoReady(page, env.srv.origin);
  const tab = await context.newPage();
  await gotoReady(tab, env.srv.origin);
  await tab.close();

  await page.waitForTimeout(500);
  assert.deepEqual(problems, [], 'no request to another origin, no dialog, no error');
  const foreign = requests.filter((u) => new URL(u).origin !== env.srv.origin && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('/pkg/dist/speclint_bg.wasm')), 'the worker\'s requests are recorded too');
  const unexpected = env.srv.requests.slice(from).filter((u) => !OWN_FILES.test(u));
  assert.deepEqual(unexpected, [], 'the server was asked only for the page\'s own files');
  await context.close();
});
