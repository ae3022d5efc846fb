// First visit: the example is checked and everything a person should see is on screen; the
// CSP is in force; nothing leaves the origin; highlights sit exactly on their text; screenshots.
// (The editor is CodeMirror: only the lines on screen are in the DOM, so what the whole document
// holds is met by scrolling through it; see allHighlights in helpers.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allHighlights, editorSelection, editorText, gotoReady, injectInline, openPage, pageSuite, pasteText, screenshot, waitChecked } from './helpers.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'";

const env = pageSuite();

test('first load: the example is checked, with highlights, score, outline and findings', async () => {
  const { page, problems, requests, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);

  assert.match(await editorText(page), /^# Specification: Invoice PDF Renderer\n/);
  const score = Number(await page.textContent('[data-testid=score]'));
  assert.ok(score > 10 && score < 80, `a partly written example scores in between, got ${score}`);
  assert.match(await page.textContent('#detected'), /detected Technical specification \(\d+% match\)/);

  // Highlights are in the text itself, on the placeholder's exact characters.
  const highlights = page.locator('[data-testid=highlight]');
  const all = await allHighlights(page);
  assert.ok(all.length >= 20, `dozens of highlights through the document, got ${all.length}`);
  assert.ok(all.some((h) => h.point), 'and the places where missing sections belong');
  const date = highlights.filter({ hasText: /^\[Date\]$/ }).first();
  assert.ok(await date.isVisible(), 'the [Date] placeholder is highlighted on screen');
  assert.equal(await date.getAttribute('class'), 'hl sev-error rule-unfilled-placeholder');

  // The outline shows every status the example exercises.
  const statuses = await page.locator('[data-testid=section]').evaluateAll((els) => els.map((e) => e.dataset.status));
  assert.ok(statuses.length >= 40, `the tech-spec outline, got ${statuses.length} sections`);
  for (const s of ['complete', 'incomplete', 'placeholder', 'empty', 'missing']) assert.ok(statuses.includes(s), `outline shows a ${s} section`);

  // The findings list shows every kind the example is written to show.
  const rules = new Set(await page.locator('[data-testid=finding]').evaluateAll((els) => els.map((e) => e.dataset.rule)));
  for (const r of ['missing-section', 'empty-section', 'placeholder-section', 'unfilled-placeholder', 'unresolved-choice', 'needs-clarification', 'template-text', 'todo-marker']) {
    assert.ok(rules.has(r), `findings include ${r}`);
  }
  assert.equal(await page.locator('[data-testid=finding]').count(), Number((await page.textContent('#findings-count')).replace(/\D/g, '')));
  assert.match(await page.textContent('#summary'), /^\d+ errors · \d+ warnings · \d+ notes?$/);
  for (const pane of ['.topbar', '.score-pane', '.outline-pane', '.findings-pane', '.editor-foot']) {
    assert.doesNotMatch(await page.innerText(pane), /\b(null|undefined|NaN)\b|\[object /, `${pane} shows no programming leftovers`);
  }

  assert.deepEqual(problems, []);
  assert.ok(requests.every((u) => u.startsWith(env.srv.origin)), 'every request is same-origin');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded from the page origin');
  await context.close();
});

test('clicking a finding selects its range; clicking a section goes to it; hovering shows the message', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const selected = async () => (await editorSelection(page)).text;
  const scrollTop = () => page.evaluate(() => document.querySelector('#editor-scroller .cm-scroller').scrollTop);

  await page.click('[data-testid=finding][data-rule=unresolved-choice]');
  assert.equal(await selected(), '[Draft | Review | Approved | Implemented]');
  // What a person sees selected on screen is the same text.
  assert.equal(await page.evaluate(() => document.getSelection().toString()), '[Draft | Review | Approved | Implemented]');
  assert.match(await page.textContent('#caret-status'), /Choice \[Draft \| Review \| Approved \| Implemented\] is not resolved/);

  // A section far down: the editor scrolls so the heading is on screen.
  await page.locator('[data-testid=section]', { hasText: 'Glossary' }).click();
  assert.equal(await selected(), '### Glossary');
  assert.ok((await scrollTop()) > 200, 'the editor scrolled down');
  const glossary = page.locator('[data-testid=highlight]', { hasText: '[Technical Term]' });
  assert.ok(await glossary.isVisible());
  const box = await glossary.boundingBox();
  const scroller = await page.locator('#editor-scroller').boundingBox();
  assert.ok(box.y > scroller.y && box.y + box.height < scroller.y + scroller.height, 'the section is inside the visible editor');

  // A missing section: the caret goes to where it belongs (an empty selection there).
  await page.locator('[data-testid=section][data-status=missing]', { hasText: 'Error Handling' }).click();
  const caret = await editorSelection(page);
  assert.equal(caret.start, caret.end);
  assert.match((await editorText(page)).slice(caret.start, caret.start + 30), /^## Monitoring & Observability/, 'Error Handling belongs before Monitoring');
  // There, the line is marked: a bar and a + in the margin, on screen.
  const point = page.locator('.cm-line.hl-point', { hasText: /^## Monitoring & Observability$/ });
  assert.ok(await point.isVisible(), 'the insertion point is marked on screen');
  assert.match(await point.getAttribute('class'), /\bhl-point sev-error rule-missing-section\b/);
  assert.match(await page.textContent('#caret-status'), /Missing section: Error Handling/);

  // Hover over the + of that insertion point: what is missing there.
  const pb = await point.boundingBox();
  await page.mouse.move(pb.x + 14, pb.y + pb.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');
  assert.match(await page.textContent('#tooltip'), /Missing section: Error Handling/);
  await page.mouse.move(pb.x + pb.width - 5, pb.y + pb.height / 2);
  await page.waitForSelector('#tooltip', { state: 'hidden' });

  // Hover over a highlight: its message appears. (Back at the top: Ctrl+Home, as a person would.)
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+Home');
  const date = page.locator('[data-testid=highlight]', { hasText: '[Date]' }).first();
  await date.waitFor();
  const b = await date.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');
  assert.match(await page.textContent('#tooltip'), /Placeholder \[Date\] is not filled in/);

  // F8 walks the findings from the caret (at the top now).
  await page.keyboard.press('F8');
  assert.equal(await selected(), '[Date]');
  await page.keyboard.press('F8');
  assert.equal(await selected(), '[Draft | Review | Approved | Implemented]');
  await page.keyboard.press('Shift+F8');
  assert.equal(await selected(), '[Date]');

  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard and screen readers: every control is named; skip link, Tab and Enter reach and use a finding', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, textarea, input, [tabindex], [contenteditable]')]
      .filter((el) => el.getClientRects().length && el.type !== 'file')
      .filter((el) => {
        const by = el.getAttribute('aria-labelledby');
        const name =
          el.getAttribute('aria-label') ||
          (by && by.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ')) ||
          (el.labels && [...el.labels].map((l) => l.textContent).join(' ')) ||
          (el.tagName === 'SELECT' ? '' : el.textContent) ||
          el.title;
        return !name || !name.trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  // The editor is a multi-line text box with its name and its help.
  const box = page.getByRole('textbox', { name: 'Spec document (Markdown)' });
  assert.equal(await box.getAttribute('data-testid'), 'editor');
  assert.equal(await box.getAttribute('aria-multiline'), 'true');
  assert.equal(await box.getAttribute('aria-describedby'), 'editor-help');
  assert.equal(await box.getAttribute('contenteditable'), 'true');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to findings');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'finding');
  await page.keyboard.press('Enter');
  const sel = await page.evaluate(() => {
    const el = document.activeElement;
    const { editor } = window.speclintPage;
    return el.dataset.testid === 'editor' ? editor.text.slice(editor.selection.start, editor.selection.end) : `focus on ${el.tagName}`;
  });
  assert.equal(sel, '[Date]');
  assert.match(await page.textContent('#caret-status'), /Placeholder \[Date\] is not filled in/);
  // The editor is keyboard-usable: typing replaces the selection; Tab leaves it (no trap).
  await page.keyboard.type('2026-12-02');
  assert.match(await editorText(page), /\*\*Last Updated\*\*: 2026-12-02 *\n/);
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.dataset.testid), 'editor', 'Tab moves focus on');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Content-Security-Policy is in force: an injected inline script, handler, eval or style is blocked', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  assert.equal(await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content'), CSP);
  // The editor's own style rules apply under it, from a constructed stylesheet (no <style>
  // element, which the policy would block): CodeMirror's base theme lays its view out as a
  // flex column, which nothing in style.css says.
  const styles = await page.evaluate(() => ({
    elements: document.querySelectorAll('style').length,
    adopted: document.adoptedStyleSheets.length,
    column: getComputedStyle(document.querySelector('#editor-scroller .cm-editor')).flexDirection,
  }));
  assert.deepEqual(styles, { elements: 0, adopted: 1, column: 'column' });
  assert.deepEqual(problems, [], 'no violation before the injection');
  // A <script> element with inline text, really inserted into the live page, and the rest of what
  // an injection would try: none of it runs.
  const result = await injectInline(page);
  assert.deepEqual(result, { ran: [], inserted: true, styled: false });
  await page.waitForTimeout(100);
  const violations = problems.filter((p) => p.startsWith('CSP violation'));
  assert.ok(violations.some((v) => /^CSP violation: script-src(-elem)? inline$/.test(v)), `the inline <script> was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: script-src(-attr)? inline$/.test(v)), `the inline handler was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: script-src eval$/.test(v)), `the string timer (eval) was reported: ${violations}`);
  assert.ok(violations.some((v) => /^CSP violation: style-src(-elem)? inline$/.test(v)), `the inline style was reported: ${violations}`);
  const other = problems.filter((p) => !p.startsWith('CSP violation') && !/^console\.error: .*violates the following Content Security Policy directive/.test(p));
  assert.deepEqual(other, [], 'nothing else went wrong (the browser logs each blocked action as a console error)');
  // The page still works: a paste is checked (pasteText waits for its report) and highlighted.
  await pasteText(page, '# Specification: After\n\nTODO\n');
  assert.deepEqual(await page.locator('[data-testid=highlight]').allTextContents(), ['TODO']);
  await context.close();
});

test('the CSP test is sound: without the policy, the same injection runs', async () => {
  const { page, context } = await openPage(env.browser, env.srv.origin, { bypassCSP: true });
  await gotoReady(page, env.srv.origin);
  const result = await injectInline(page);
  assert.deepEqual(result, { ran: ['handler', 'inlineScript', 'javascriptUrl', 'stringTimer'], inserted: true, styled: true });
  await context.close();
});

test('highlights sit on their text: clicking inside one puts the caret in its finding, whatever the line holds', async () => {
  // The highlights are the text itself (marks around it), so they cannot drift from it; what is
  // checked is what a person relies on: the highlighted characters are the finding's, and a
  // click on one lands in it, with tabs, emoji, CJK, combining marks, long wrapped lines, and
  // at the top, the middle and the end of the document.
  const { page, problems, context } = await openPage(env.browser, env.srv.origin, { viewport: { width: 1100, height: 800 } });
  await gotoReady(page, env.srv.origin);
  await page.selectOption('[data-testid=template-picker]', 'tech-spec'); // [Name] and [Date] are its placeholders
  const tricky = [
    '# Specification: Alignment',
    '',
    '\tTabbed\t[Name]\tcolumns\t[Date]',
    'emoji 👩‍👩‍👧 flags 🇫🇷 [Name] CJK 漢字テキスト [Date] combining e\u0301',
    `https://example.com/${'a'.repeat(260)}`,
    `${'word '.repeat(70)}[Name] trailing spaces   `,
    '',
    '',
    ...Array.from({ length: 120 }, (_, i) => `- line ${i} with a [Name] and TODO`),
    '',
  ].join('\n');
  await pasteText(page, tricky);
  assert.equal(await page.evaluate(() => window.speclintPage.state.report.template.id), 'tech-spec');
  const findings = await page.evaluate(() => window.speclintPage.state.report.findings.map((f) => ({ start: f.start, end: f.end, rule: f.rule })));
  let clicked = 0;
  for (const where of [0, 0.5, 1]) {
    await page.evaluate(async (frac) => {
      const s = document.querySelector('#editor-scroller .cm-scroller');
      s.scrollTop = (s.scrollHeight - s.clientHeight) * frac;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, where);
    const box = await page.locator('#editor-scroller .cm-scroller').boundingBox();
    const marks = await page.locator('#editor-scroller [data-testid=highlight]:not(.hl-point)').evaluateAll((els, b) =>
      els
        .map((el) => ({ fid: Number(el.dataset.fid), text: el.textContent, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.top > b.y + 4 && r.bottom < b.y + b.height - 4)
        .map(({ fid, text, r }) => ({ fid, text, x: r.left + r.width / 2, y: r.top + r.height / 2 })), box);
    assert.ok(marks.length >= 3, `highlights on screen at ${where * 100}% (${marks.length})`);
    for (const m of [...marks.slice(0, 4), ...marks.slice(-2)]) {
      const f = findings[m.fid];
      assert.equal(m.text, tricky.slice(f.start, f.end), 'the highlighted characters are the finding\'s');
      await page.mouse.click(m.x, m.y);
      const { start, end } = await editorSelection(page);
      assert.equal(start, end);
      assert.ok(start >= f.start && start <= f.end, `a click on ${m.text} at ${where * 100}% puts the caret at ${start}, inside [${f.start}, ${f.end}]`);
      clicked++;
    }
  }
  // The tricky lines' placeholders are highlighted too.
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+Home');
  const top = await page.locator('#editor-scroller [data-testid=highlight]').allTextContents();
  assert.ok(top.filter((t) => t === '[Name]').length >= 3 && top.filter((t) => t === '[Date]').length >= 2, `on the tricky lines: ${top}`);
  assert.ok(clicked >= 12);
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: light and dark, desktop, medium and narrow', async () => {
  const sizes = {
    desktop: { width: 1440, height: 900 },
    medium: { width: 1024, height: 768 },
    narrow: { width: 390, height: 844 },
  };
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of Object.entries(sizes)) {
      const { page, problems, context } = await openPage(env.browser, env.srv.origin, { colorScheme, viewport });
      await gotoReady(page, env.srv.origin);
      await page.locator('[data-testid=finding][data-rule=unfilled-placeholder]').first().click();
      await waitChecked(page);
      await screenshot(page, `page-${name}-${colorScheme}`);
      if (name === 'desktop') {
        // The insertion point of missing sections, and the tooltip over a highlight.
        await page.locator('[data-testid=section][data-status=missing]', { hasText: 'Error Handling' }).click();
        const mark = page.locator('[data-testid=highlight]', { hasText: /^TBD$/ });
        const b = await mark.boundingBox();
        const box = await page.locator('#editor-scroller').boundingBox();
        assert.ok(b.y > box.y && b.y < box.y + box.height, 'the TBD near the insertion point is on screen');
        await page.mouse.move(b.x + 20, b.y + b.height / 2);
        await page.waitForSelector('#tooltip:not([hidden])');
        await screenshot(page, `page-${name}-${colorScheme}-missing-and-tooltip`);
      }
      if (name === 'narrow') {
        // (A full-page screenshot would stretch the viewport, and with it the editor's 62vh.)
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `page-${name}-${colorScheme}-top`);
      }
      // Nothing overflows the viewport sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} ${colorScheme}: the page is ${overflow}px wider than the screen`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
