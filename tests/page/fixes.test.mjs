// Fixes: inserting the missing sections, removing guidance comments and template text; every
// one is a single edit that one Ctrl+Z (or the toast's Undo) takes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, gotoReady, openPage, pageSuite, readRepoFile, waitChecked } from './helpers.mjs';

const env = pageSuite();

const text = (page) => editorText(page);
const score = async (page) => Number(await page.textContent('[data-testid=score]'));
const count = (page, sel) => page.locator(sel).count();

async function waitText(page, predicate, arg) {
  await page.waitForFunction(predicate, arg);
  await waitChecked(page);
}

test('"Insert missing sections" makes every section present, in the right places, as one undoable edit', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const original = await text(page);
  const scoreBefore = await score(page);
  const missingBefore = await count(page, '[data-testid=section][data-status=missing]');
  assert.ok(missingBefore >= 10, `the example misses sections (${missingBefore})`);
  assert.match(await page.textContent('#insert-missing'), /^Insert 12 missing sections$/);

  await page.click('#insert-missing');
  await waitText(page, (old) => window.speclintPage.editor.text !== old, original);
  const inserted = await text(page);
  assert.equal(await count(page, '[data-testid=section][data-status=missing]'), 0, 'every section is present');
  assert.equal(await count(page, '[data-testid=finding][data-rule=missing-section]'), 0);
  assert.ok(await page.isDisabled('#insert-missing'));
  assert.match(await page.textContent('#toast'), /Inserted 12 missing sections/);
  // A section that is there earns a point even before it is written, so inserting the missing
  // sections raises the score (writing them raises it further; see the end of this test).
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid=score]').textContent) > s, scoreBefore);
  assert.ok((await score(page)) > scoreBefore, `score ${await score(page)} > ${scoreBefore}`);
  // Each skeleton sits where the template puts it.
  const at = (s) => inserted.indexOf(s);
  for (const heading of ['##### POST /api/[resource]', '### WebSocket Events', '## Business Logic', '## Error Handling', '### Health Checks', '## Testing Strategy', '## Migration & Compatibility', '### Change Log']) {
    assert.ok(at(heading) > 0, `${heading} was inserted`);
  }
  assert.ok(at('##### POST /api/[resource]') < at('### WebSocket Events') && at('### WebSocket Events') < at('## Data Models'));
  assert.ok(at('## Performance Requirements') < at('## Error Handling') && at('## Error Handling') < at('## Monitoring & Observability'));
  assert.ok(at('### Logging') < at('### Health Checks') && at('### Health Checks') < at('## Testing Strategy') && at('## Testing Strategy') < at('## Deployment'));
  // The text outside the insertions is untouched: the original lines appear in order.
  let from = 0;
  for (const line of original.split('\n')) {
    const found = inserted.indexOf(line, from);
    assert.ok(found >= 0, `original line kept in order: ${line}`);
    from = found + line.length;
  }

  // One Ctrl+Z restores the document exactly; Ctrl+Shift+Z brings the sections back.
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await waitText(page, (old) => window.speclintPage.editor.text === old, original);
  assert.equal(await count(page, '[data-testid=section][data-status=missing]'), missingBefore);
  assert.equal(await score(page), scoreBefore);
  await page.keyboard.press('Control+Shift+z');
  await waitText(page, (t) => window.speclintPage.editor.text === t, inserted);

  // The toast's Undo button does the same.
  await page.keyboard.press('Control+z');
  await waitText(page, (old) => window.speclintPage.editor.text === old, original);
  await page.click('#insert-missing');
  await waitText(page, (t) => window.speclintPage.editor.text === t, inserted);
  await page.click('#toast button:text("Undo")');
  await waitText(page, (old) => window.speclintPage.editor.text === old, original);

  // Writing an inserted section is what raises the score.
  await page.click('#insert-missing');
  await waitText(page, (t) => window.speclintPage.editor.text === t, inserted);
  const afterInsert = await score(page);
  await page.locator('[data-testid=section]', { hasText: 'Health Checks' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('\nThe /healthz endpoint checks the queue and object storage; /readyz also checks the database.');
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid=score]').textContent) > s, afterInsert);
  assert.deepEqual(problems, []);
  await context.close();
});

test('guidance comments: removed in one click, restored by one undo; loading an example is undoable too', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const techSpec = await text(page);
  await page.selectOption('#example-picker', 'examples/spec-md-example.md');
  await waitText(page, () => window.speclintPage.editor.text.startsWith('# SPEC.md'));
  const specMd = await text(page);
  assert.equal(specMd, await readRepoFile('www/examples/spec-md-example.md'));
  assert.match(await page.textContent('#detected'), /SPEC\.md/);

  const comments = await count(page, '[data-testid=finding][data-rule=guidance-comment]');
  assert.equal(comments, 2);
  assert.equal(await count(page, '[data-testid=highlight].rule-guidance-comment'), 2);
  assert.equal(await page.textContent('#remove-guidance'), 'Remove 2 guidance comments');
  await page.click('#remove-guidance');
  await waitText(page, (old) => window.speclintPage.editor.text !== old, specMd);
  assert.ok(!(await text(page)).includes('<!--'), 'no guidance comment is left');
  assert.equal(await count(page, '[data-testid=finding][data-rule=guidance-comment]'), 0);
  assert.ok(await page.isHidden('#remove-guidance'));

  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await waitText(page, (old) => window.speclintPage.editor.text === old, specMd);
  await page.keyboard.press('Control+z');
  await waitText(page, (old) => window.speclintPage.editor.text === old, techSpec);
  assert.deepEqual(problems, []);
  await context.close();
});

test('one finding fixed from its row: template text removed, a single missing section inserted', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const original = await text(page);
  const prompt = '> What is this specification for? What system/component does it define?';
  assert.ok(original.includes(prompt));

  await page.locator('.finding-row', { has: page.locator('[data-rule=template-text]') }).getByRole('button', { name: /^Remove/ }).click();
  await waitText(page, (p) => !window.speclintPage.editor.text.includes(p), prompt);
  assert.equal(await count(page, '[data-testid=finding][data-rule=template-text]'), 0);

  const row = page.locator('.finding-row', { has: page.locator('[data-rule=missing-section]', { hasText: 'Error Handling' }) });
  await row.getByRole('button', { name: /^Insert/ }).click();
  await waitText(page, () => window.speclintPage.editor.text.includes('## Error Handling'));
  const missing = await page.locator('[data-testid=section][data-status=missing]').allTextContents();
  assert.ok(!missing.some((t) => t.includes('Error Handling')), 'Error Handling is no longer missing');
  assert.ok(missing.some((t) => t.includes('Testing Strategy')), 'the others still are');

  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await waitText(page, (old) => window.speclintPage.editor.text === old, original);
  assert.deepEqual(problems, []);
  await context.close();
});
