// The highlight backdrop after an edit: only what the edit touched is rendered again. Chunks
// further down are shifted, not re-created (re-creating them would lay out the whole backdrop
// again, hundreds of milliseconds at a megabyte), and their marks still point at the right
// findings although every finding after the edit moved to a new index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoReady, openPage, pageSuite, waitChecked } from './helpers.mjs';

const env = pageSuite();

/** Every highlight mark with its text and the finding its data-fid names. */
function marksAndFindings(page) {
  return page.evaluate(() => {
    const { editor, state } = window.speclintPage;
    return [...document.querySelectorAll('.backdrop mark.hl')].map((m) => {
      const f = state.report.findings[Number(m.dataset.fid)];
      return {
        mark: m.textContent,
        first: m.dataset.testid === 'highlight',
        fid: Number(m.dataset.fid),
        finding: f ? editor.text.slice(f.start, f.end) : null,
        kept: Boolean(m.__kept),
      };
    });
  });
}

test('an edit near the top re-renders only its chunk; later marks are kept and name the right findings', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  // Two copies of the example: several 50-line chunks, highlights in every one.
  await gotoReady(page, env.srv.origin);
  const doubled = await page.evaluate(() => window.speclintPage.editor.text + '\n' + window.speclintPage.editor.text.replace(/^# .*\n/, ''));
  await page.evaluate((t) => window.speclintPage.editor.replace(0, window.speclintPage.editor.text.length, t), doubled);
  await waitChecked(page);
  const before = await marksAndFindings(page);
  assert.ok(before.length > 60, `many marks, got ${before.length}`);

  // Tag every mark below the first chunk, then add a finding at the very top: every finding's
  // index after it grows by one, and every chunk after the first moves down by the edit.
  const tagged = await page.evaluate(() => {
    const chunks = [...document.querySelectorAll('.backdrop .chunk')];
    let n = 0;
    for (const c of chunks.slice(2)) for (const m of c.querySelectorAll('mark.hl')) (m.__kept = true), n++;
    return { n, chunks: chunks.length };
  });
  assert.ok(tagged.chunks >= 4 && tagged.n > 30, `marks to follow: ${JSON.stringify(tagged)}`);
  await page.evaluate(() => {
    const ta = document.querySelector('[data-testid=editor]');
    const pos = ta.value.indexOf('\n') + 1;
    ta.focus();
    ta.setSelectionRange(pos, pos);
  });
  await page.keyboard.type('TODO decide the owner\n');
  await waitChecked(page);

  const after = await marksAndFindings(page);
  assert.ok(after.some((m) => m.mark === 'TODO' && !m.kept), 'the new TODO is highlighted');
  assert.equal(after.filter((m) => m.kept).length, tagged.n, 'the marks below the edit are the same elements');
  // Every mark, kept or new, names a finding whose text contains the mark's text.
  const wrong = after.filter((m) => m.finding === null || !m.finding.includes(m.mark));
  assert.deepEqual(wrong, [], 'every mark points at its own finding');
  // And the kept ones did get new indices (the finding at the top pushed every later one on).
  const keptBefore = before.filter((m, i) => i >= before.length - tagged.n);
  const keptAfter = after.filter((m) => m.kept);
  assert.deepEqual(keptAfter.map((m) => m.fid), keptBefore.map((m) => m.fid + 1), 'each kept mark names its finding at its new index');
  // One "first" mark per highlighted finding.
  const firsts = after.filter((m) => m.first).map((m) => m.fid);
  assert.equal(new Set(firsts).size, firsts.length, 'no finding has two first marks');
  assert.deepEqual(new Set(firsts), new Set(after.map((m) => m.fid)), 'every highlighted finding has a first mark');
  assert.deepEqual(problems, []);
  await context.close();
});
