// The highlights in the editor (CodeMirror decorations on the text itself): a highlight appears
// on its finding's exact text; it moves with an edit above it at once, before the next check; it
// disappears the moment its text is fixed (and stays gone once checked); undo brings it back.
// Overlapping findings are drawn innermost first, never nested; a finding over several lines is
// drawn on each of them but is one highlight. (These replace the old backdrop's tests.) Highlights are met by scrolling (only the lines on
// screen are in the DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHighlights, editorSelection, editorText, gotoReady, openPage, pageSuite, pasteText, readRepoFile, waitChecked } from './helpers.mjs';

const env = pageSuite();

/** The [Date] highlight on screen: its box, class and finding, or null. */
function dateHighlight(page) {
  return page.evaluate(() => {
    const m = [...document.querySelectorAll('#editor-scroller mark.hl')].find((el) => el.textContent === '[Date]');
    if (!m) return null;
    const r = m.getBoundingClientRect();
    const h = parseFloat(getComputedStyle(m.closest('.cm-line')).lineHeight);
    return { x: r.left, y: r.top, h, cls: m.className, fid: Number(m.dataset.fid), first: m.dataset.testid === 'highlight' };
  });
}

test('a highlight sits on its text, moves with an edit above it, disappears when fixed, and comes back on undo', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const before = await dateHighlight(page);
  assert.ok(before, 'the [Date] placeholder is highlighted on screen');
  assert.equal(before.cls, 'hl sev-error rule-unfilled-placeholder');
  assert.ok(before.first, 'and it is its finding\'s highlight');
  const finding = await page.evaluate((i) => window.speclintPage.state.report.findings[i].message, before.fid);
  assert.equal(finding, 'Placeholder [Date] is not filled in');

  // A new line typed under the title: every line below moves down one, and the highlight with
  // it, at once (before any check), still on [Date].
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('TODO decide the owner');
  const moved = await dateHighlight(page);
  assert.ok(moved, 'still highlighted right after the edit');
  assert.ok(Math.abs(moved.y - before.y - before.h) < 3, `moved down one line: ${before.y} → ${moved.y} (line ${before.h}px)`);
  assert.equal(moved.x, before.x);
  await waitChecked(page);
  const todo = page.locator('#editor-scroller .cm-line', { hasText: /^TODO decide the owner$/ }).locator('[data-testid=highlight]');
  assert.equal(await todo.count(), 1, 'the new TODO is highlighted once checked');
  assert.equal(await todo.textContent(), 'TODO');
  assert.equal(await todo.getAttribute('class'), 'hl sev-warning rule-todo-marker');
  const after = await dateHighlight(page);
  assert.ok(Math.abs(after.y - moved.y) < 1 && after.fid === before.fid + 1, 'after the check: same place, and its finding is now the one after the TODO');

  // Fixing it: select the placeholder (its finding in the list) and type the date. The
  // highlight goes as soon as its text changes, and the check agrees.
  await page.locator('[data-testid=finding]', { hasText: 'Placeholder [Date] is not filled in' }).click();
  assert.equal((await editorSelection(page)).text, '[Date]');
  await page.keyboard.type('2026-12-02');
  assert.equal(await dateHighlight(page), null, 'gone the moment its text changed');
  assert.equal(await page.locator('#editor-scroller mark.hl', { hasText: '2026' }).count(), 0);
  await waitChecked(page);
  assert.equal(await dateHighlight(page), null);
  assert.equal(await page.locator('[data-testid=finding]', { hasText: 'Placeholder [Date]' }).count(), 0);
  assert.match(await editorText(page), /\*\*Last Updated\*\*: 2026-12-02 *\n/);

  // Undo: the placeholder is back, and so is its highlight.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.speclintPage.editor.text.includes('**Last Updated**: [Date]'));
  await waitChecked(page);
  const back = await dateHighlight(page);
  assert.ok(back && Math.abs(back.y - after.y) < 1, 'the highlight is back where it was');
  assert.deepEqual(problems, []);
  await context.close();
});

test('overlapping and multi-line findings: innermost drawn, never nested; one highlight per finding, each on its text', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  // The untouched template: whole sections flagged (placeholder-section, over many lines) with
  // placeholders and guidance inside them.
  const template = await readRepoFile('templates/tech-spec.md');
  await pasteText(page, template);
  const report = await page.evaluate(() => window.speclintPage.state.report.findings.map((f) => ({ start: f.start, end: f.end, rule: f.rule })));
  const all = await allHighlights(page);
  const spans = report.map((f, i) => ({ ...f, i })).filter((f) => f.end > f.start);
  // Every finding with text is highlighted somewhere (a finding wholly covered by inner ones has
  // nothing of its own to show; none is, in the template).
  const highlighted = new Set(all.map((h) => h.fid));
  const missing = spans.filter((f) => !highlighted.has(f.i)).map((f) => `${f.rule} ${JSON.stringify(template.slice(f.start, f.end).slice(0, 40))}`);
  assert.deepEqual(missing, [], 'every finding is highlighted');
  // Each highlight is its finding's first piece: the finding's text starts with it, or (for a
  // section) its first line does.
  for (const h of all) {
    const f = report[h.fid];
    assert.ok(template.slice(f.start, f.end).startsWith(h.text), `${f.rule}: ${JSON.stringify(h.text.slice(0, 40))} opens its finding`);
  }
  assert.ok(all.some((h) => h.cls.includes('rule-placeholder-section')), 'whole sections are highlighted');
  // On screen: no highlight inside another.
  assert.equal(await page.locator('#editor-scroller mark.hl mark.hl').count(), 0, 'overlaps are cut into pieces, innermost first, not nested');
  // A placeholder inside a flagged section keeps its own color (at the top: Ctrl+Home).
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+Home');
  const inner = page.locator('#editor-scroller [data-testid=highlight]', { hasText: /^\[Component\/System Name\]$/ }).first();
  assert.match(await inner.getAttribute('class'), /^hl sev-error rule-unfilled-placeholder$/);

  // A finding over several lines (a guidance comment of the SPEC.md example), gone to from the
  // list: drawn on each of its lines, one highlight.
  await page.selectOption('#example-picker', 'examples/spec-md-example.md');
  await page.waitForFunction(() => window.speclintPage.editor.text.startsWith('# SPEC.md'));
  await waitChecked(page);
  const text = await editorText(page);
  const comments = await page.evaluate(() => window.speclintPage.state.report.findings.map((f, i) => ({ ...f, i })).filter((f) => f.rule === 'guidance-comment'));
  const multi = comments.find((f) => text.slice(f.start, f.end).split('\n').length >= 3);
  assert.ok(multi, 'the example has a multi-line guidance comment');
  await page.locator(`[data-testid=finding][data-index="${multi.i}"]`).click();
  const pieces = await page.locator(`#editor-scroller mark.hl[data-fid="${multi.i}"]`).allTextContents();
  assert.deepEqual(pieces, text.slice(multi.start, multi.end).split('\n').filter((l) => l), 'drawn on each of its lines');
  assert.equal(await page.locator(`#editor-scroller [data-testid=highlight][data-fid="${multi.i}"]`).count(), 1, 'as one highlight');
  assert.equal(await page.locator(`#editor-scroller [data-testid=highlight][data-fid="${multi.i}"]`).textContent(), '<!--');
  assert.equal((await editorSelection(page)).text, text.slice(multi.start, multi.end), 'and selected whole');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a report on a large document: only the highlights on screen are in the DOM; scrolling shows the others on their text', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const example = await editorText(page);
  const big = Array.from({ length: 40 }, (_, i) => (i === 0 ? example : example.replace(/^# .*\n/, `## Part ${i}\n`))).join('\n');
  await pasteText(page, big);
  const findings = await page.evaluate(() => window.speclintPage.state.report.findings.length);
  assert.ok(findings > 500, `${findings} findings`);
  const onScreen = () => page.evaluate(() => {
    const { editor, state } = window.speclintPage;
    return [...document.querySelectorAll('#editor-scroller mark.hl')].map((m) => {
      const f = state.report.findings[Number(m.dataset.fid)];
      return { shown: m.textContent, text: editor.text.slice(f.start, f.end) };
    });
  });
  const top = await onScreen();
  assert.ok(top.length > 0 && top.length < findings / 4, `${top.length} of ${findings} highlights are in the DOM`);
  await page.evaluate(() => {
    const s = document.querySelector('#editor-scroller .cm-scroller');
    s.scrollTop = s.scrollHeight * 0.6;
  });
  await page.waitForFunction(() => document.querySelectorAll('#editor-scroller mark.hl').length > 0 && window.speclintPage);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const middle = await onScreen();
  assert.ok(middle.length > 0, 'highlights further down appear when scrolled to');
  for (const { shown, text } of middle) assert.ok(text.includes(shown), `${JSON.stringify(shown)} is part of its finding's text`);
  assert.deepEqual(problems, []);
  await context.close();
});
