// Export: the report copied as Markdown and downloaded as JSON, both matching what is on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, gotoReady, openPage, pageSuite } from './helpers.mjs';

const env = pageSuite();

test('"Copy as Markdown" puts a readable report on the clipboard', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin, { permissions: ['clipboard-read', 'clipboard-write'] });
  await gotoReady(page, env.srv.origin);
  const score = await page.textContent('[data-testid=score]');
  await page.click('#copy-report');
  await page.waitForFunction(() => /Report copied/.test(document.getElementById('toast').textContent));
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /^# speclint report: tech-spec-example\.md\n/);
  assert.ok(md.includes(`- **Score**: ${score}/100`));
  assert.match(md, /- \*\*Template\*\*: Specification: \\\[Component\/System Name\\\] \(`tech-spec`, \d+% match\)/);
  assert.match(md, /\n## Sections\n\n- \[~\] Specification: \\\[Component\/System Name\\\] — incomplete — \d+\/20\n/);
  assert.match(md, /\n  - \[ \] Error Handling — missing\n/);
  assert.match(md, /\n### Overview › Scope|\n### Scope\n/);
  assert.match(md, /- \*\*error\*\* `unfilled-placeholder` \(line 5:19\): Placeholder \\\[Date\\\] is not filled in {2}\n {2}\S/);
  const findings = await page.locator('[data-testid=finding]').count();
  assert.equal(md.match(/^- \*\*(error|warning|info)\*\* `/gm).length, findings, 'every finding is in the report');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Download JSON" saves the report as the package returns it', async () => {
  const { page, problems, context } = await openPage(env.browser, env.srv.origin);
  await gotoReady(page, env.srv.origin);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'tech-spec-example.speclint.json');
  const report = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8'));
  assert.equal(String(report.score), await page.textContent('[data-testid=score]'));
  assert.equal(report.template.id, 'tech-spec');
  assert.equal(report.findings.length, await page.locator('[data-testid=finding]').count());
  assert.equal(report.sections.length, await page.locator('[data-testid=section]').count());
  const text = await editorText(page);
  const date = report.findings.find((f) => f.rule === 'unfilled-placeholder');
  assert.equal(text.slice(date.start, date.end), '[Date]', 'positions are UTF-16 offsets into the document');
  assert.deepEqual(Object.keys(report).sort(), ['findings', 'score', 'sections', 'summary', 'template']);
  assert.ok(!('stale' in date), 'no page bookkeeping leaks into the export');
  assert.deepEqual(problems, []);
  await context.close();
});
