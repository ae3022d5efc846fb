// First visit: the example is checked and everything a person should see is on screen; the
// CSP is in force; nothing leaves the origin; highlights sit exactly on their text; screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoReady, injectInline, openPage, pageSuite, pasteText, screenshot, waitChecked } from './helpers.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'";

const env = pageSuite();

test('first load: the example is checked, with highlights, score, outline and findings', async () => {
  const { page, problems, requests, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);

  assert.match(await page.inputValue('[data-testid=editor]'), /^# Specification: Invoice PDF Renderer\n/);
  const score = Number(await page.textContent('[data-testid=score]'));
  assert.ok(score > 10 && score < 80, `a partly written example scores in between, got ${score}`);
  assert.match(await page.textContent('#detected'), /detected Technical specification \(\d+% match\)/);

  // Highlights are in the text itself, on the placeholder's exact characters.
  const highlights = page.locator('[data-testid=highlight]');
  assert.ok((await highlights.count()) >= 20, `dozens of highlights, got ${await highlights.count()}`);
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
  const selected = () => page.evaluate(() => {
    const ta = document.querySelector('[data-testid=editor]');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });

  await page.click('[data-testid=finding][data-rule=unresolved-choice]');
  assert.equal(await selected(), '[Draft | Review | Approved | Implemented]');
  assert.match(await page.textContent('#caret-status'), /Choice \[Draft \| Review \| Approved \| Implemented\] is not resolved/);

  // A section far down: the editor scrolls so the heading is on screen.
  await page.locator('[data-testid=section]', { hasText: 'Glossary' }).click();
  assert.equal(await selected(), '### Glossary');
  assert.ok(await page.evaluate(() => document.getElementById('editor').scrollTop > 200), 'the editor scrolled down');
  assert.equal(...(await page.evaluate(() => [document.getElementById('editor').scrollTop, document.getElementById('backdrop').scrollTop])), 'the highlights scrolled with it');
  const glossary = page.locator('[data-testid=highlight]', { hasText: '[Technical Term]' });
  assert.ok(await glossary.isVisible());
  const box = await glossary.boundingBox();
  const scroller = await page.locator('#editor-scroller').boundingBox();
  assert.ok(box.y > scroller.y && box.y + box.height < scroller.y + scroller.height, 'the section is inside the visible editor');

  // A missing section: the caret goes to where it belongs (an empty selection there).
  await page.locator('[data-testid=section][data-status=missing]', { hasText: 'Error Handling' }).click();
  const caret = await page.evaluate(() => {
    const ta = document.querySelector('[data-testid=editor]');
    return { start: ta.selectionStart, end: ta.selectionEnd, next: ta.value.slice(ta.selectionStart, ta.selectionStart + 30) };
  });
  assert.equal(caret.start, caret.end);
  assert.match(caret.next, /^## Monitoring & Observability/, 'Error Handling belongs before Monitoring');
  assert.match(await page.textContent('#caret-status'), /Missing section: Error Handling/);

  // Hover over a highlight: its message appears.
  const date = page.locator('[data-testid=highlight]', { hasText: '[Date]' }).first();
  await date.scrollIntoViewIfNeeded();
  const b = await date.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');
  assert.match(await page.textContent('#tooltip'), /Placeholder \[Date\] is not filled in/);

  // F8 walks the findings from the caret.
  await page.evaluate(() => document.querySelector('[data-testid=editor]').setSelectionRange(0, 0));
  await page.focus('[data-testid=editor]');
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
    [...document.querySelectorAll('button, select, textarea, input, [tabindex]')]
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
  assert.equal(await page.getAttribute('#editor-scroller .backdrop', 'aria-hidden'), 'true', 'the backdrop copy of the text is hidden from screen readers');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to findings');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'finding');
  await page.keyboard.press('Enter');
  const sel = await page.evaluate(() => {
    const ta = document.activeElement;
    return ta.dataset.testid === 'editor' ? ta.value.slice(ta.selectionStart, ta.selectionEnd) : `focus on ${ta.tagName}`;
  });
  assert.equal(sel, '[Date]');
  assert.match(await page.textContent('#caret-status'), /Placeholder \[Date\] is not filled in/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Content-Security-Policy is in force: an injected inline script, handler, eval or style is blocked', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  assert.equal(await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content'), CSP);
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

test('highlights are aligned with the text: the backdrop renders the same glyphs at the same places', async () => {
  // With the CSP bypassed for this test only, a style makes the backdrop's text visible; a
  // screenshot with only the backdrop's glyphs must equal one with only the textarea's.
  const { page, context } = await openPage(env.browser, env.srv.origin, { bypassCSP: true, viewport: { width: 1100, height: 800 } });
  await gotoReady(page, env.srv.origin);
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
  const shots = {};
  const base = '.backdrop mark { background: none !important; box-shadow: none !important; text-decoration: none !important; } mark.hl-point::before, mark.hl-point::after { display: none !important; } .editor-scroller { box-shadow: none !important; }';
  for (const [name, css] of [
    ['textarea', `${base} .editor-stack > textarea { color: #000 !important; caret-color: transparent !important; } .backdrop, .backdrop mark { color: transparent !important; }`],
    ['backdrop', `${base} .editor-stack > textarea { color: transparent !important; caret-color: transparent !important; } .backdrop, .backdrop mark { color: #000 !important; }`],
  ]) {
    const tag = await page.addStyleTag({ content: css });
    for (const scrollTop of [0, 1500, 1e6]) {
      await page.evaluate((y) => (document.getElementById('editor').scrollTop = y), scrollTop);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      shots[`${name}-${scrollTop}`] = (await page.locator('#editor-scroller').screenshot()).toString('base64');
    }
    await tag.evaluate((el) => el.remove());
  }
  for (const y of [0, 1500, 1e6]) {
    const diff = await page.evaluate(async ([a, b]) => {
      const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      const px = (img) => {
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const [pa, pb] = [px(ia), px(ib)];
      let differing = 0;
      let ink = 0;
      for (let i = 0; i < pa.length; i += 4) {
        const da = Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]);
        if (da > 60) differing++;
        if (pa[i] < 128) ink++;
      }
      return { differing, ink, size: [ia.width, ia.height] };
    }, [shots[`textarea-${y}`], shots[`backdrop-${y}`]]);
    assert.ok(diff.ink > 2000, `the screenshot has text in it (${diff.ink} dark pixels)`);
    assert.ok(diff.differing <= diff.ink * 0.005, `scrollTop ${y}: ${diff.differing} of ${diff.ink} glyph pixels differ between the textarea and the backdrop`);
  }
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
        const box = await page.locator('[data-testid=editor]').boundingBox();
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
