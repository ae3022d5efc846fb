// Checking what people paste: an untouched template, a complete spec, an explicit built-in, a
// custom template pasted or uploaded in the picker (and one that cannot be used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHighlights, editorText, gotoReady, openPage, pageSuite, pasteText, readRepoFile, waitChecked } from './helpers.mjs';

const env = pageSuite();

const score = async (page) => Number(await page.textContent('[data-testid=score]'));
const statuses = (page) => page.locator('[data-testid=section]').evaluateAll((els) => els.map((e) => e.dataset.status));
const outlineTitles = (page) => page.locator('[data-testid=section] .sec-name').allTextContents();

test('the untouched tech-spec template scores near 0, with dozens of highlighted placeholders', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await pasteText(page, await readRepoFile('templates/tech-spec.md'));

  assert.ok((await score(page)) <= 5, `score ${await score(page)}`);
  assert.match(await page.textContent('#detected'), /detected Technical specification \(100% match\)/);
  // Scrolling through the document, a person meets dozens of highlighted placeholders.
  const all = await allHighlights(page);
  assert.ok(all.length >= 48, `dozens of highlights, got ${all.length}`);
  const placeholders = all.filter((h) => h.cls.split(' ').includes('rule-unfilled-placeholder')).map((h) => h.text);
  for (const token of ['[Component/System Name]', '[Date]', '[Name]']) assert.ok(placeholders.includes(token), `${token} is highlighted`);
  // Each is drawn on its own finding's text.
  const report = await page.evaluate(() => window.speclintPage.state.report.findings.map((f) => [f.start, f.end]));
  const text = await editorText(page);
  for (const h of all.filter((x) => !x.point)) assert.ok(text.slice(...report[h.fid]).startsWith(h.text), `highlight ${JSON.stringify(h.text)} is on its finding's text`);
  assert.ok((await statuses(page)).every((s) => s === 'placeholder'), 'every section is placeholder-only');
  assert.equal(await page.locator('[data-testid=section][data-status=complete]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a complete spec scores 100 with no error highlights', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await pasteText(page, await readRepoFile('tests/page/fixtures/complete-spec-md.md'));

  assert.equal(await page.textContent('[data-testid=score]'), '100');
  assert.equal(await page.locator('mark.sev-error').count(), 0);
  assert.deepEqual(await allHighlights(page), [], 'nothing is highlighted anywhere in the document');
  assert.equal(await page.locator('[data-testid=finding]').count(), 0);
  assert.match(await page.textContent('#findings-list'), /Nothing left to fill in/);
  assert.ok((await statuses(page)).every((s) => s === 'complete'));
  assert.equal(await page.textContent('#summary'), '0 errors · 0 warnings · 0 notes');
  assert.equal(await page.isDisabled('#insert-missing'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('picking a built-in template checks against it instead of the detected one', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  assert.ok((await outlineTitles(page)).includes('Purpose'));
  await page.selectOption('[data-testid=template-picker]', 'spec-md');
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'spec-md');
  await waitChecked(page);
  // Each entry shows the template's section (and the document heading filling it, if renamed).
  const entries = await page.locator('[data-testid=section]').allTextContents();
  assert.equal(entries.length, 9);
  for (const [i, title] of ['SPEC.md — Technical Specification', 'Architecture Overview', 'Tech Stack', 'Core Concepts'].entries()) {
    assert.ok(entries[i].includes(title), `outline entry ${i} is ${title}: ${entries[i]}`);
  }
  assert.ok((await score(page)) < 40, 'a tech spec checked as SPEC.md is far from complete');
  assert.ok((await statuses(page)).filter((s) => s === 'missing').length >= 5);
  assert.match(await page.textContent('#detected'), /% match/);
  assert.deepEqual(problems, []);
  await context.close();
});

const ADR_TEMPLATE = `# ADR: [Decision Title]

**Status**: [Proposed | Accepted | Superseded]

## Context
[What forces are at play? Why does this need a decision now?]

## Options
1. [Option A]
2. [Option B]

## Decision
[What we decided, in one paragraph]

## Consequences
<!-- What becomes easier, what becomes harder. -->
`;

const ADR_DRAFT = `# ADR: Store rendered invoices in object storage

**Status**: [Proposed | Accepted | Superseded]

## Context
PDFs are rendered on every download today; month-end peaks time out.

## Decision
[What we decided, in one paragraph]
`;

test('a custom template pasted in the picker is compiled on the spot and used for the next check', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await page.selectOption('[data-testid=template-picker]', 'custom');
  assert.ok(await page.isVisible('#custom-source'), 'the custom template editor opens');
  await page.fill('#custom-source', ADR_TEMPLATE);
  await page.waitForFunction(() => /Using “ADR: \[Decision Title\]”: 5 sections/.test(document.getElementById('custom-status').textContent));
  await page.waitForFunction(() => window.speclintPage.state.report?.template.id === 'custom');
  await waitChecked(page);
  assert.deepEqual((await outlineTitles(page)).slice(1), ['Context', 'Options', 'Decision', 'Consequences']);

  // The next check of a new document uses it.
  await pasteText(page, ADR_DRAFT);
  assert.deepEqual(await outlineTitles(page), ['ADR: Store rendered invoices in object storage', 'Context', 'Options', 'Decision', 'Consequences']);
  const byTitle = Object.fromEntries(
    await page.locator('[data-testid=section]').evaluateAll((els) => els.map((e) => [e.querySelector('.sec-name').textContent, e.dataset.status])),
  );
  assert.deepEqual(byTitle, {
    'ADR: Store rendered invoices in object storage': 'placeholder', // only the unresolved status
    Context: 'complete',
    Options: 'missing',
    Decision: 'placeholder',
    Consequences: 'missing',
  });
  const rules = await page.locator('[data-testid=finding]').evaluateAll((els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.includes('unresolved-choice'), 'the template taught the choice list');
  assert.ok(await page.locator('[data-testid=highlight]', { hasText: '[Proposed | Accepted | Superseded]' }).isVisible());
  assert.match(await page.textContent('#detected'), /custom: “ADR: \[Decision Title\]”/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a custom template can be uploaded; one without headings is refused with a reason', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await page.selectOption('[data-testid=template-picker]', 'custom');
  await page.setInputFiles('#custom-file', { name: 'adr.md', mimeType: 'text/markdown', buffer: Buffer.from(ADR_TEMPLATE) });
  await page.waitForFunction(() => /Using “ADR: \[Decision Title\]”/.test(document.getElementById('custom-status').textContent));
  assert.equal(await page.inputValue('#custom-source'), ADR_TEMPLATE);
  await pasteText(page, ADR_DRAFT);
  assert.equal((await outlineTitles(page)).length, 5);

  await page.fill('#custom-source', 'just a sentence, no headings');
  await page.waitForFunction(() => /cannot be used/.test(document.getElementById('custom-status').textContent));
  await waitChecked(page);
  assert.match(await page.textContent('#detected'), /No usable custom template, so auto-detect/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a .md file opened from the toolbar or dropped on the editor replaces the document (undoably)', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const original = await editorText(page);
  const complete = await readRepoFile('tests/page/fixtures/complete-spec-md.md');

  await page.setInputFiles('#file-input', { name: 'complete.md', mimeType: 'text/markdown', buffer: Buffer.from(complete) });
  await page.waitForFunction(() => window.speclintPage.editor.text.startsWith('# SPEC.md'));
  await waitChecked(page);
  assert.equal(await editorText(page), complete);
  assert.equal(await page.textContent('[data-testid=score]'), '100');
  assert.match(await page.textContent('#toast'), /Loaded complete\.md/);

  // Drop: a real DataTransfer holding a File, as a drag from the desktop delivers.
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
    return dt;
  }, ADR_DRAFT);
  // Onto the text itself: the editor leaves the file to the page (it would insert the text).
  await page.dispatchEvent('[data-testid=editor]', 'dragenter', { dataTransfer });
  await page.dispatchEvent('[data-testid=editor]', 'drop', { dataTransfer });
  await page.waitForFunction(() => window.speclintPage.editor.text.startsWith('# ADR'));
  await waitChecked(page);
  assert.equal(await editorText(page), ADR_DRAFT);

  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await waitChecked(page);
  assert.equal(await editorText(page), original);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a document no template fits: no score, and the page says why and what to do', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  await pasteText(page, '# Shopping list\n\n- milk\n- eggs\n');
  assert.equal(await page.textContent('[data-testid=score]'), '–');
  assert.match(await page.textContent('#detected'), /no template fits \(closest: Technical specification, 0%\)/);
  assert.match(await page.textContent('#sections-summary'), /No template fits this document: pick one above/);
  assert.match(await page.textContent('#outline'), /Pick one in the Template menu/);
  assert.equal(await page.locator('[data-testid=section]').count(), 0);
  assert.equal(await page.locator('[data-testid=highlight]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
