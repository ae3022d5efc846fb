// Nothing is lost: the draft and the custom template survive a reload and a closed tab;
// clearing is undoable; a full or blocked storage is said out loud instead of losing the draft
// silently (for the draft and the custom template alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHighlights, editorText, gotoReady, openPage, pageSuite, pasteText, waitChecked } from './helpers.mjs';

const env = pageSuite();

const TEMPLATE = '# Runbook: [Service]\n\n## Alerts\n[Which alerts page whom]\n\n## Rollback\n[Steps]\n';

test('the draft and the custom template survive a reload and a closed tab', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nA line typed before the reload.');
  await page.selectOption('[data-testid=template-picker]', 'custom');
  await page.fill('#custom-source', TEMPLATE);
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  await waitChecked(page);
  const draft = await editorText(page);
  assert.ok(draft.endsWith('\nA line typed before the reload.'));

  await page.reload();
  await gotoReady(page, env.srv.origin);
  assert.equal(await editorText(page), draft);
  assert.equal(await page.inputValue('[data-testid=template-picker]'), 'custom');
  assert.equal(await page.inputValue('#custom-source'), TEMPLATE);
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  await waitChecked(page);
  assert.deepEqual((await page.locator('[data-testid=section] .sec-name').allTextContents()).slice(1), ['Alerts', 'Rollback']);
  assert.match(await page.textContent('#detected'), /custom: “Runbook: \[Service\]”/);
  await page.close();

  // A new tab on the same origin (the first one closed) opens the same draft.
  const tab = await context.newPage();
  await gotoReady(tab, env.srv.origin);
  assert.equal(await editorText(tab), draft);
  assert.equal(await tab.inputValue('[data-testid=template-picker]'), 'custom');
  assert.deepEqual(problems, []);
  await context.close();
});

test('clearing the document can be undone (the toast, or Ctrl+Z)', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const original = await editorText(page);

  await page.click('#clear');
  await waitChecked(page);
  assert.equal(await editorText(page), '');
  assert.match(await page.textContent('#toast'), /Cleared the document/);
  assert.equal(await page.locator('[data-testid=highlight]').count(), 0);
  assert.ok(await page.isVisible('.cm-placeholder'), 'the empty editor says what to do');
  await page.click('#toast button:text("Undo")');
  await waitChecked(page);
  assert.equal(await editorText(page), original);
  assert.ok((await allHighlights(page)).length > 10, 'the highlights are back');

  await page.click('#clear');
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await waitChecked(page);
  assert.equal(await editorText(page), original);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full browser storage shows a warning (and a way to keep the draft) instead of losing it silently', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'speclint:draft' && value.length > 100) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await gotoReady(page, env.srv.origin);
  await page.focus('[data-testid=editor]');
  await page.keyboard.type('x');
  const warning = page.locator('[data-notice="store-speclint:draft"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Browser storage is full, so your draft \([\d.]+ KB\) was not saved and will not survive a reload/);
  const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download draft' }).click()]);
  assert.equal(download.suggestedFilename(), 'tech-spec-example.md');
  const saved = await (await download.createReadStream()).toArray();
  assert.equal(Buffer.concat(saved).toString('utf8'), await editorText(page));

  // Once it fits again, the warning goes away.
  await pasteText(page, '# Short\n');
  await warning.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage the browser refuses altogether, or a custom template over the quota: a warning each, and the page works', async () => {
  // Storage blocked (privacy settings, some embedded contexts): reading it throws.
  const blocked = await openPage(env.browser, env.srv.origin);
  await blocked.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await gotoReady(blocked.page, env.srv.origin);
  assert.match(await editorText(blocked.page), /^# Specification: Invoice PDF Renderer\n/, 'the example loads');
  await blocked.page.focus('[data-testid=editor]');
  await blocked.page.keyboard.type('x');
  const warning = blocked.page.locator('[data-notice="store-speclint:draft"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /This browser does not allow the page to store anything, so your draft \([\d.]+ KB\) was not saved/);
  await waitChecked(blocked.page);
  assert.match(await blocked.page.textContent('[data-testid=score]'), /^\d+$/, 'checking works without storage');
  assert.deepEqual(blocked.problems, []);
  await blocked.context.close();

  // A custom template the quota refuses: its own warning (the draft is still saved).
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'speclint:custom-template') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await gotoReady(page, env.srv.origin);
  await page.selectOption('[data-testid=template-picker]', 'custom');
  await page.fill('#custom-source', TEMPLATE);
  const custom = page.locator('[data-notice="store-speclint:custom-template"]');
  await custom.waitFor();
  assert.match(await custom.textContent(), /Browser storage is full, so the custom template \(\d+ B\) was not saved and will not survive a reload/);
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  assert.equal(await page.locator('[data-notice="store-speclint:draft"]').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('speclint:template')), 'custom', 'the choice itself was saved');
  assert.deepEqual(problems, []);
  await context.close();
});
