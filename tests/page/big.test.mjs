// A megabyte stays responsive: checking runs in the worker, and a keystroke re-lays out only the
// backdrop chunk it touches, so typing is not held up by the document's size.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoReady, launch, openPage, readRepoFile, serve, waitChecked } from './helpers.mjs';

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

/** Types `text` one key at a time; returns median ms of keystroke→paint and of the editor's input handling. */
async function typeAndTime(page, selector, text, instrument) {
  await page.evaluate(
    ([sel, instrument]) => {
      const ta = document.querySelector(sel);
      const pos = ta.value.indexOf('\n', ta.value.length / 2) + 1;
      ta.focus();
      ta.setSelectionRange(pos, pos);
      window.__paint = [];
      window.__script = [];
      ta.addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__paint.push(performance.now() - t0), 0));
      });
      if (instrument) {
        const editor = window.speclintPage.editor;
        const onInput = editor.onInput.bind(editor);
        editor.onInput = () => {
          const t0 = performance.now();
          onInput(); // includes the page's synchronous 'edit' listeners
          window.__script.push(performance.now() - t0);
        };
      }
    },
    [selector, instrument],
  );
  for (const ch of text) await page.keyboard.type(ch, { delay: 40 });
  await page.waitForFunction((n) => window.__paint.length === n, text.length);
  const { paint, script } = await page.evaluate(() => ({ paint: window.__paint, script: window.__script }));
  const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : 0);
  return { paint: median(paint), script: median(script) };
}

test('typing in a 1 MB document stays responsive and the report follows', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await gotoReady(page, srv.origin);
  const example = await readRepoFile('www/examples/tech-spec-example.md');
  const body = example.slice(example.indexOf('## Overview'));
  let big = example;
  for (let i = 1; big.length < 1024 * 1024; i++) big += `\n## Part ${i}\n\n${body}`;

  // Load it the way a paste does; the check of a megabyte happens in the worker.
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => document.querySelector('[data-testid=editor]').value.length === n, big.length);
  await waitChecked(page, 60_000);
  const findings = Number((await page.textContent('#findings-count')).replace(/\D/g, ''));
  assert.ok(findings > 1000, `a megabyte of half-written spec has thousands of findings (${findings})`);
  assert.ok((await page.locator('[data-testid=highlight]').count()) > 1000);
  const checkMs = await page.evaluate(() => window.speclintPage.scheduler.lastMs);

  // Type in the middle of the document. Time (1) the page's own work per keystroke (the input
  // handling: diff, backdrop chunk, moving highlights) and (2) keystroke to paint, next to the
  // same measure for a bare <textarea> holding the same megabyte in the same browser: most of
  // a keystroke's cost at this size is the browser laying out its own textarea.
  const typed = 'Typing stays fast. ';
  const ours = await typeAndTime(page, '[data-testid=editor]', typed, true);
  const bare = await context.newPage();
  await bare.setContent('<textarea style="width:700px;height:700px;font:14px/1.6 monospace"></textarea>');
  await bare.evaluate((t) => (document.querySelector('textarea').value = t), big);
  const baseline = await typeAndTime(bare, 'textarea', typed, false);
  await bare.close();
  console.log(
    `# 1 MB: check ${Math.round(checkMs)} ms in the worker; per keystroke: page script median ${ours.script.toFixed(1)} ms, ` +
      `keystroke to paint median ${ours.paint.toFixed(0)} ms (a bare textarea: ${baseline.paint.toFixed(0)} ms)`,
  );
  assert.ok(ours.script < 40, `the page's own work per keystroke: median ${ours.script} ms`);
  assert.ok(ours.paint < baseline.paint * 2 + 100, `keystroke to paint ${ours.paint} ms vs ${baseline.paint} ms for a bare textarea`);

  // The report catches up with the typed text.
  await waitChecked(page, 60_000);
  assert.ok((await page.inputValue('[data-testid=editor]')).includes(typed));
  // Highlights after the edit still sit on their text.
  const aligned = await page.evaluate(() => {
    const { editor, state } = window.speclintPage;
    return state.report.findings
      .filter((f) => f.rule === 'unfilled-placeholder' && f.message.startsWith('Placeholder ['))
      .every((f) => f.message.startsWith(`Placeholder ${editor.text.slice(f.start, f.end)} `));
  });
  assert.ok(aligned, 'every placeholder finding still points at a [placeholder]');
  assert.deepEqual(problems, []);
  await context.close();
});
