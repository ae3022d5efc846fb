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

test('a long draft is saved a part per task, never in one write that would stall typing, and survives a reload', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await context.addInitScript(() => {
    window.__writes = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('speclint:draft')) window.__writes.push([key, value.length]);
      return setItem.call(this, key, value);
    };
  });
  await gotoReady(page, env.srv.origin);
  const example = await editorText(page);
  let long = example;
  for (let i = 1; long.length < 600_000; i++) long += `\n## Part ${i}\n\nMore of the spec, ${i}: 中文 ✅ and so on.\n`;
  await pasteText(page, long);
  await page.waitForFunction(() => localStorage.getItem('speclint:draft:parts') !== null);
  const writes = await page.evaluate(() => window.__writes);
  const { PART } = await page.evaluate(() => import('/js/storage.js').then((m) => ({ PART: m.PART })));
  assert.ok(writes.length >= Math.ceil(long.length / PART) + 1, JSON.stringify(writes));
  assert.ok(writes.every(([, n]) => n <= PART), `no write over ${PART} code units: ${JSON.stringify(writes)}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('speclint:draft')), null, 'no copy left in one piece');

  await page.reload();
  await gotoReady(page, env.srv.origin);
  assert.equal(await editorText(page), long);

  // A short draft again: one entry, the parts gone.
  await pasteText(page, '# Short\n');
  await page.waitForFunction(() => localStorage.getItem('speclint:draft') === '# Short\n');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('speclint:draft')).sort()), ['speclint:draft']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long save cut short by a newer one leaves the previous text whole', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const result = await page.evaluate(async () => {
    const { saveText, loadText, removeText } = await import('/js/storage.js');
    const a = 'A'.repeat(300_000);
    const b = 'B'.repeat(300_000);
    const out = {};
    out.first = await saveText('speclint:test', a);
    const cut = saveText('speclint:test', b); // writes its first part, then yields
    out.during = loadText('speclint:test') === a;
    const next = saveText('speclint:test', `${a}!`, { now: true }); // supersedes it, all at once
    out.cut = await cut;
    out.next = await next;
    out.after = loadText('speclint:test') === `${a}!`;
    removeText('speclint:test');
    out.left = Object.keys(localStorage).filter((k) => k.startsWith('speclint:test'));
    return out;
  });
  assert.deepEqual(result, { first: null, during: true, cut: undefined, next: null, after: true, left: [] });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long draft over the quota gets the same warning as a short one', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('speclint:draft:') && key !== 'speclint:draft:parts' && value.length > 100) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await gotoReady(page, env.srv.origin);
  await pasteText(page, `# Long\n\n${'A line of the spec.\n'.repeat(20_000)}`);
  const warning = page.locator('[data-notice="store-speclint:draft"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Browser storage is full, so your draft \([\d.]+ KB\) was not saved and will not survive a reload/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no room for a second copy, a long draft no longer than the stored one replaces it in place; a longer one is refused and the stored one kept', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const result = await page.evaluate(async () => {
    const { saveText, loadText, removeText } = await import('/js/storage.js');
    const out = {};
    out.first = await saveText('speclint:q', 'A'.repeat(300_000));
    const setItem = Storage.prototype.setItem;
    // The second slot never fits.
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('speclint:q:b')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
    const shorter = 'B'.repeat(290_000);
    out.shorter = await saveText('speclint:q', shorter);
    out.keptShorter = loadText('speclint:q') === shorter;
    out.longer = await saveText('speclint:q', 'C'.repeat(400_000));
    out.stillShorter = loadText('speclint:q') === shorter;
    out.secondSlot = Object.keys(localStorage).filter((k) => k.startsWith('speclint:q:b'));
    Storage.prototype.setItem = setItem;
    removeText('speclint:q');
    return out;
  });
  assert.deepEqual(result, { first: null, shorter: null, keptShorter: true, longer: 'Browser storage is full', stillShorter: true, secondSlot: [] });
  assert.deepEqual(problems, []);
  await context.close();
});
