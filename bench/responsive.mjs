// Responsiveness of the page while it checks a 1 MB document on every keystroke (issue 7: no
// main-thread task over 50 ms). Serves www/ (scripts/build-page.sh must have run), pastes a
// 1 MiB half-written spec into the page in headless Chromium, then types into the middle of it
// key by key, as a person does, so every keystroke starts a check of the whole megabyte in the
// page's worker (the editor is CodeMirror 6, which lays out only the lines on screen). While typing and until the report for the last keystroke is shown, Chromium's
// Long Tasks API records every main-thread task over 50 ms, and Long Animation Frames (which
// also count style, layout and paint) every frame over 50 ms. The same typing into a bare
// <textarea> holding the same megabyte, in the same browser, is the floor: what the browser's
// own text editing costs at this size, with no page script at all. Prints one JSON line for
// bench/run.mjs.
//   node bench/responsive.mjs [keys=30]
import { gotoReady, launch, openPage, readRepoFile, serve, waitChecked } from '../tests/page/helpers.mjs';

const keys = Number(process.argv[2] ?? 30);
const SIZE = 1024 * 1024;

/** The tech-spec example repeated to SIZE UTF-16 code units: a half-written spec, that long. */
async function bigSpec() {
  const example = await readRepoFile('www/examples/tech-spec-example.md');
  const body = example.slice(example.indexOf('## Overview'));
  let big = example;
  for (let i = 1; big.length < SIZE; i++) big += `\n## Part ${i}\n\n${body}`;
  return big;
}

/**
 * Starts recording, in the page: long tasks (over 50 ms, any cause), and long animation frames
 * (over 50 ms, rendering included) with how much of each frame was script (page code, with any
 * layout it forced) and which script took most.
 */
function observe(page) {
  return page.evaluate(() => {
    window.__long = { tasks: [], frames: [] };
    const add = (kind, each) => {
      try {
        new PerformanceObserver((l) => l.getEntries().forEach(each)).observe({ type: kind });
        return true;
      } catch {
        return false;
      }
    };
    return {
      tasks: add('longtask', (e) => window.__long.tasks.push(e.duration)),
      frames: add('long-animation-frame', (e) => {
        const scripts = e.scripts.map((s) => ({ ms: s.duration, what: s.sourceFunctionName || s.invoker || '?' }));
        const top = scripts.sort((a, b) => b.ms - a.ms)[0];
        window.__long.frames.push({ ms: e.duration, script: scripts.reduce((t, s) => t + s.ms, 0), top: top ? top.what : null });
      }),
    };
  });
}

/**
 * Types `keys` characters into the middle of the text, one every `gap` ms: into the page's
 * editor (its caret put at the start of a line in the middle, as clicking a finding there does),
 * or, with `selector`, into that <textarea>.
 */
async function typeKeys(page, selector, gap) {
  await page.evaluate((sel) => {
    if (!sel) {
      const { editor } = window.speclintPage;
      const pos = editor.text.indexOf('\n', editor.length / 2) + 1;
      editor.select(pos, pos);
      return;
    }
    const ta = document.querySelector(sel);
    const pos = ta.value.indexOf('\n', ta.value.length / 2) + 1;
    ta.focus();
    ta.setSelectionRange(pos, pos);
  }, selector);
  const text = 'Typing while it checks. '.repeat(4).slice(0, keys);
  for (const ch of text) await page.keyboard.type(ch, { delay: gap });
}

async function collect(page) {
  // Let the last frames and entries land.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  return page.evaluate(() => window.__long);
}

const longest = (xs) => (xs.length ? Math.max(...xs) : 0);
const summary = ({ tasks, frames }) => {
  const worst = frames.reduce((w, f) => (f.script > (w?.script ?? -1) ? f : w), null);
  return {
    tasks: tasks.length,
    longestTask: longest(tasks),
    frames: frames.length,
    longestFrame: longest(frames.map((f) => f.ms)),
    // The page's own share: script time (with the layout it forced) in its worst frame.
    longestScript: worst ? worst.script : 0,
    longestScriptWhat: worst ? worst.top : null,
  };
};

const srv = await serve();
const browser = await launch();
try {
  const big = await bigSpec();
  const { page, context } = await openPage(browser, srv.origin);
  await gotoReady(page, srv.origin);
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.focus('[data-testid=editor]');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((n) => window.speclintPage.editor.length === n, big.length, { timeout: 60_000 });
  await waitChecked(page, 60_000);
  const findings = await page.evaluate(() => window.speclintPage.state.report.findings.length);
  const checkMs = await page.evaluate(() => window.speclintPage.scheduler.lastMs);

  // A keystroke every 120 ms (a fast typist): each one outlives the previous check or not,
  // whichever the machine allows; the page keeps one check in flight and the newest text queued.
  const supported = await observe(page);
  const t0 = Date.now();
  await typeKeys(page, null, 120);
  await waitChecked(page, 60_000);
  const typingMs = Date.now() - t0;
  const ours = await collect(page);
  const checks = await page.evaluate(() => window.speclintPage.scheduler.lastMs);

  const bare = await context.newPage();
  await bare.setContent('<textarea style="width:700px;height:700px;font:14px/1.6 monospace"></textarea>');
  await bare.evaluate((t) => (document.querySelector('textarea').value = t), big);
  await observe(bare);
  await typeKeys(bare, 'textarea', 120);
  const floor = await collect(bare);
  await context.close();

  console.log(
    JSON.stringify({
      bytes: Buffer.byteLength(big),
      findings,
      keys,
      checkMs,
      lastCheckMs: checks,
      typingMs,
      supported,
      page: summary(ours),
      bare: summary(floor),
    }),
  );
} finally {
  await browser.close();
  await srv.close();
}
