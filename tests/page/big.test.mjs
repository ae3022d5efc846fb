// A megabyte stays responsive: checking runs in the worker, and the editor (CodeMirror) lays out
// only the lines on screen, so typing is not held up by the document's size. A 10 MB paste does
// not freeze the page: it answers while the worker checks, its report (a hundred thousand
// findings) is shown without laying out every highlight and list row at once, and the draft
// that no longer fits in localStorage is said out loud without losing what was saved before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, gotoReady, openPage, pageSuite, readRepoFile, waitChecked } from './helpers.mjs';

const env = pageSuite();

/** The tech-spec example repeated to `size` UTF-16 code units: a half-written spec, that long. */
async function bigSpec(size) {
  const example = await readRepoFile('www/examples/tech-spec-example.md');
  const body = example.slice(example.indexOf('## Overview'));
  let big = example;
  for (let i = 1; big.length < size; i++) big += `\n## Part ${i}\n\n${body}`;
  return big;
}

/**
 * Types `text` one key at a time in the middle of the document: in the page's editor (no
 * `selector`; its caret put there as clicking a finding does) or in that <textarea>. Returns
 * the median ms of keystroke→paint and (`instrument`) of the editor's update handling.
 */
async function typeAndTime(page, selector, text, instrument) {
  await page.evaluate(
    ([sel, instrument]) => {
      let target;
      if (sel) {
        target = document.querySelector(sel);
        const pos = target.value.indexOf('\n', target.value.length / 2) + 1;
        target.focus();
        target.setSelectionRange(pos, pos);
      } else {
        const { editor } = window.speclintPage;
        const pos = editor.text.indexOf('\n', editor.length / 2) + 1;
        editor.select(pos, pos);
        target = editor.dom;
      }
      window.__paint = [];
      window.__script = [];
      target.addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__paint.push(performance.now() - t0), 0));
      });
      if (instrument) {
        const editor = window.speclintPage.editor;
        const onUpdate = editor.onUpdate.bind(editor);
        editor.onUpdate = (u) => {
          const t0 = performance.now();
          onUpdate(u); // includes the page's synchronous 'edit' listeners
          if (u.docChanged) window.__script.push(performance.now() - t0);
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
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const big = await bigSpec(1024 * 1024);

  // Load it the way a paste does; the check of a megabyte happens in the worker.
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => window.speclintPage.editor.length === n, big.length);
  await waitChecked(page, 60_000);
  const findings = Number((await page.textContent('#findings-count')).replace(/\D/g, ''));
  assert.ok(findings > 1000, `a megabyte of half-written spec has thousands of findings (${findings})`);
  // What is on screen is highlighted; what is laid out is only what is on screen.
  const shown = await page.locator('#editor-scroller mark.hl').count();
  assert.ok(shown > 0 && shown < 1000, `highlights on screen: ${shown} of ${findings} findings`);
  const checkMs = await page.evaluate(() => window.speclintPage.scheduler.lastMs);

  // Type in the middle of the document. Time (1) the page's own work per keystroke (the editor's
  // update handling: the edit events, moving the report and the highlights) and (2) keystroke to
  // paint, next to the same measure for a bare <textarea> holding the same megabyte in the same
  // browser (which lays out its whole text on every edit).
  const typed = 'Typing stays fast. ';
  const ours = await typeAndTime(page, null, typed, true);
  const bare = await context.newPage();
  await bare.setContent('<textarea style="width:700px;height:700px;font:14px/1.6 monospace"></textarea>');
  await bare.evaluate((t) => (document.querySelector('textarea').value = t), big);
  const baseline = await typeAndTime(bare, 'textarea', typed, false);
  await bare.close();
  console.log(
    `# 1 MB: check ${Math.round(checkMs)} ms in the worker; per keystroke: page script median ${ours.script.toFixed(1)} ms, ` +
      `keystroke to paint median ${ours.paint.toFixed(0)} ms (a bare textarea: ${baseline.paint.toFixed(0)} ms)`,
  );
  // Timings are printed, not asserted (tests never assert timings; the benchmark does): on a
  // shared machine they swing by 2x. What is asserted is that typing works and the report follows.

  // The report catches up with the typed text.
  await waitChecked(page, 60_000);
  assert.ok((await editorText(page)).includes(typed));
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

test('a 10 MB paste does not freeze the page; the report arrives; the draft that does not fit is not lost silently', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  // A draft typed before the paste, saved (this is what must not be lost).
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nTyped before the big paste.');
  const typed = await editorText(page);
  await page.waitForFunction((t) => localStorage.getItem('speclint:draft') === t, typed);

  const big = await bigSpec(10 * 1024 * 1024);
  // A real paste, of the whole document over the old one. Reading 10 MB off the clipboard and
  // splitting it into the editor's lines take a while on their own: that part is only
  // bounded, generously.
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+a');
  const t0 = Date.now();
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => window.speclintPage.editor.length === n, big.length, { timeout: 180_000 });
  await waitChecked(page, 180_000);
  const pasteToReport = Date.now() - t0;
  assert.ok(pasteToReport < 180_000, `paste to report: ${pasteToReport} ms`);

  // The page's part, on an edit near the top (which moves every highlight after it): while the
  // worker checks the 10 MB again the page answers promptly, and receiving and showing the new
  // report holds it only briefly. Measured in the page by a timer ticking every 20 ms (its gaps
  // are the main thread's busy stretches, rendering included) and by round trips from here while
  // the check is pending. A page that checked on its main thread would answer none of them.
  await page.evaluate(() => {
    window.__ticks = [performance.now()];
    const tick = () => {
      window.__ticks.push(performance.now());
      window.__ticker = setTimeout(tick, 20);
    };
    tick();
  });
  const checkStart = await page.evaluate(() => performance.now());
  await page.evaluate(() => {
    const { editor } = window.speclintPage;
    const line2 = editor.text.indexOf('\n') + 1;
    editor.select(line2, line2);
  });
  await page.keyboard.type('x');
  const probes = [];
  for (;;) {
    const probe = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const t1 = performance.now();
          setTimeout(() => {
            const p = window.speclintPage;
            resolve({ ms: performance.now() - t1, checking: p.scheduler.inFlight || p.state.reportVersion !== p.editor.version });
          });
        }),
    );
    if (!probe.checking) break;
    probes.push(probe.ms);
  }
  await waitChecked(page, 180_000);
  await page.waitForTimeout(1000); // the frames after the report
  const gaps = await page.evaluate((from) => {
    clearTimeout(window.__ticker);
    const t = window.__ticks.filter((x) => x >= from);
    return t.slice(1).map((x, i) => x - t[i]);
  }, checkStart);
  const median = probes.length ? [...probes].sort((a, b) => a - b)[Math.floor(probes.length / 2)] : Infinity;
  const longest = Math.max(...gaps);
  const checkMs = await page.evaluate(() => window.speclintPage.scheduler.lastMs);
  console.log(
    `# 10 MB: paste to report ${pasteToReport} ms; a keystroke and its check: ${Math.round(checkMs)} ms in the worker, ` +
      `${probes.length} round trips meanwhile (median ${Math.round(median)} ms, longest ${Math.round(Math.max(...probes))} ms), ` +
      `longest main-thread stretch from the keystroke to the report shown ${Math.round(longest)} ms`,
  );
  assert.ok(probes.length >= 3, `the page answered while the worker checked (${probes.length} round trips)`);
  assert.ok(median < 1000, `answering while checking takes a moment, not seconds: median ${median} ms`);
  assert.ok(longest < 5000, `the page was never held for ${Math.round(longest)} ms`);

  // The report arrived, whole.
  const report = await page.evaluate(() => {
    const r = window.speclintPage.state.report;
    const { errors, warnings, infos } = r.summary;
    return { findings: r.findings.length, counted: errors + warnings + infos, score: r.score, template: r.template.id };
  });
  assert.equal(report.template, 'tech-spec');
  assert.equal(await page.textContent('[data-testid=score]'), String(report.score));
  // It crossed from the worker in parts: every finding the summary counts is there.
  assert.equal(report.findings, report.counted);
  assert.ok(report.findings > 50_000, `a 10 MB half-written spec has tens of thousands of findings (${report.findings})`);
  assert.equal(await page.textContent('#findings-count'), `(${report.findings})`);
  // What is laid out is bounded: the list's first rows, and the highlights near the screen.
  assert.equal(await page.locator('[data-testid=finding]').count(), 300);
  const more = page.locator('[data-testid=show-more]');
  assert.equal(await more.textContent(), `Show 1,000 more (${(report.findings - 300).toLocaleString('en-US')} not listed)`);
  const marks = await page.locator('#editor-scroller mark').count();
  assert.ok(marks > 0 && marks < 2000, `only the highlights near the screen are rendered (${marks})`);

  // Interactions stay prompt: listing more findings, clicking one (a selection in 10 MB of text),
  // scrolling to the middle (its highlights appear, on their text).
  const timed = async (what, action, until) => {
    const t0 = Date.now();
    await action();
    await page.waitForFunction(until, null, { timeout: 60_000 });
    const ms = Date.now() - t0;
    console.log(`# 10 MB: ${what} in ${ms} ms`);
    assert.ok(ms < 10_000, `${what} took ${ms} ms`);
  };
  await timed('1,000 more findings listed', () => more.click(), () => document.querySelectorAll('[data-testid=finding]').length === 1300);
  const focused = await page.evaluate(() => [...document.querySelectorAll('[data-testid=finding]')].indexOf(document.activeElement));
  assert.equal(focused, 300, 'focus moves to the first finding just listed');
  const target = await page.locator('[data-testid=finding][data-rule=unfilled-placeholder]').last().getAttribute('data-index');
  await timed(
    'a finding selected',
    () => page.locator(`[data-testid=finding][data-index="${target}"]`).click(),
    () => document.activeElement.id === 'editor',
  );
  const selected = await page.evaluate((i) => {
    const { editor, state } = window.speclintPage;
    const f = state.report.findings[i];
    return [editor.selection.start, editor.selection.end, f.start, f.end, editor.text.slice(f.start, f.end)];
  }, Number(target));
  // And it is on screen, highlighted.
  const onScreen = await page.evaluate((i) => {
    const box = document.querySelector('#editor-scroller .cm-scroller').getBoundingClientRect();
    const m = document.querySelector(`#editor-scroller mark[data-fid="${i}"]`);
    const r = m?.getBoundingClientRect();
    return Boolean(r) && r.top >= box.top && r.bottom <= box.bottom;
  }, Number(target));
  assert.ok(onScreen, 'the selected finding is highlighted on screen');
  assert.deepEqual(selected.slice(0, 2), selected.slice(2, 4));
  assert.match(selected[4], /^\[.+\]$/);
  await timed(
    'scrolled to the middle, with its highlights',
    () => page.evaluate(() => {
      const s = document.querySelector('#editor-scroller .cm-scroller');
      s.scrollTop = s.scrollHeight / 2;
    }),
    () => {
      const box = document.querySelector('#editor-scroller .cm-scroller').getBoundingClientRect();
      return [...document.querySelectorAll('#editor-scroller mark')].some((m) => {
        const r = m.getBoundingClientRect();
        return r.top > box.top && r.bottom < box.bottom;
      });
    },
  );
  const onText = await page.evaluate(() => {
    const { editor, state } = window.speclintPage;
    const box = document.querySelector('#editor-scroller .cm-scroller').getBoundingClientRect();
    const visible = [...document.querySelectorAll('#editor-scroller mark[data-testid=highlight].rule-unfilled-placeholder')].filter((m) => {
      const r = m.getBoundingClientRect();
      return r.top > box.top && r.bottom < box.bottom;
    });
    return visible.map((m) => {
      const f = state.report.findings[Number(m.dataset.fid)];
      return [m.textContent, editor.text.slice(f.start, f.end)];
    });
  });
  assert.ok(onText.length > 0, 'placeholders in the middle are highlighted');
  for (const [shown, text] of onText) assert.equal(shown, text, 'each highlight sits on its own text');

  // 10 MB of draft is over the browser's storage quota: a warning, a way to keep it, and the
  // draft saved before the paste left intact.
  const warning = page.locator('[data-notice="store-speclint:draft"]');
  await warning.waitFor({ timeout: 30_000 });
  assert.match(await warning.textContent(), /Browser storage is full, so your draft \(10\.\d MB\) was not saved and will not survive a reload/);
  assert.equal(await page.evaluate(() => localStorage.getItem('speclint:draft')), typed, 'the draft typed before is still stored');
  const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download draft' }).click()]);
  const saved = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  const line2 = big.indexOf('\n') + 1;
  const edited = `${big.slice(0, line2)}x${big.slice(line2)}`;
  assert.ok(saved === edited, `the download holds the whole document, as edited (${saved.length} of ${edited.length})`);
  assert.ok((await editorText(page)) === edited, 'and so does the editor');

  // A reload brings back the last draft that could be saved.
  await page.reload();
  await gotoReady(page, env.srv.origin);
  assert.equal(await editorText(page), typed);
  assert.deepEqual(problems, []);
  await context.close();
});

