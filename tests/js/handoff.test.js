// The report's hand-off from Rust to JS (src/wasm/encode.rs `encode_report` → npm/api.js `decodeReport`):
// the package's objects must be the native Report's JSON exactly, key order and nulls included,
// on reports that stress the encoding: non-ASCII and astral text in every string field (messages,
// headings, titles, fix text), CRLF, many findings repeating the same strings, thousands of
// distinct strings (so the encoder's string-table slots collide), fixes and every kind of null.
// The native side is `examples/explain.rs --json` (serde_json of the Report).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { check, compileTemplate } from '../../npm/node.js';
import { nativeBinary, root } from './native.js';

const dir = mkdtempSync(join(tmpdir(), 'speclint-handoff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Equal strings, or a failure showing where they first differ (the reports are megabytes long). */
function sameText(got, expected, what) {
  if (got === expected) return;
  let at = 0;
  while (got[at] === expected[at]) at++;
  const around = (s) => s.slice(Math.max(0, at - 150), at + 150);
  assert.fail(`${what}: differs at character ${at}\n  got:      …${around(got)}…\n  expected: …${around(expected)}…`);
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');

const UNICODE_TEMPLATE = '# 计划 Plan 🚀\n\n## 负责人 Owner 👨‍👩‍👧\n[Name]\n\n## Goals — café\n[Goal one] and [Goal two]\n\n## Risks *(optional)*\n<!-- 写下风险 😀 -->\n[Risk]\n\n## Rollout 🎉\n- [ ] Staged\n- [ ] Announced\n';

const cases = [
  {
    name: 'emoji, CJK and combining marks in every string, CRLF line ends',
    template: UNICODE_TEMPLATE,
    doc: '# 计划 Plan 🚀\r\n\r\n## 负责人 Owner 👨‍👩‍👧\r\n👨‍👩‍👧 Ünïcödé 😀 [Name] 中文\r\n\r\n## Goals — cafe\u0301\r\n🎉🎉 [Goal one] — café [Goal two] TODO 🚀\r\n<!-- 写下风险 😀 -->\r\n',
  },
  { name: 'an empty document: every section missing, skeleton fixes', template: UNICODE_TEMPLATE, doc: '' },
  { name: 'no template fits: null score and id', template: 'auto', doc: 'just a line of text 😀\n' },
  {
    name: 'many findings repeating the same strings',
    template: UNICODE_TEMPLATE,
    doc: `# 计划 Plan 🚀\n\n## 负责人 Owner 👨‍👩‍👧\n${range(3000, (i) => `${i} 😀 [Name] TODO [Goal one]\n`)}`,
  },
  {
    name: 'thousands of distinct strings (sections, titles, messages, skeletons)',
    template: `# Big 表\n\n${range(3000, (i) => `## Section ${i} 第${i}节\n[Value ${i}]\n\n`)}`,
    doc: `# Big 表\n\n${range(1500, (i) => `## Section ${i * 2} 第${i * 2}节\n[Value ${i * 2}] ${i % 7 === 0 ? 'TODO' : 'done 🎉'}\n\n`)}`,
  },
  { name: 'built-in template, auto-detected', template: 'auto', doc: '# Tech Spec\n\n## Summary\n[One paragraph]\n\n## Goals\nTBD 中文\n' },
];

test('the package hands over exactly the native report (key order, nulls, text)', () => {
  const bin = nativeBinary();
  let findings = 0;
  for (const [n, c] of cases.entries()) {
    const doc = join(dir, `doc${n}.md`);
    writeFileSync(doc, c.doc);
    let template = c.template;
    let nativeTemplate = template;
    if (template.includes('\n')) {
      nativeTemplate = join(dir, `template${n}.md`);
      writeFileSync(nativeTemplate, template);
    }
    const native = spawnSync(bin, [doc, nativeTemplate, '--json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    assert.equal(native.status, 0, `${c.name}: ${native.stderr}`);
    // Through JSON.parse, so that serde_json's `1.0` and JS's `1` are the same text; comparing the
    // stringified text (not deepEqual) makes key order count, and an `undefined` would drop a key.
    const expected = JSON.stringify(JSON.parse(native.stdout));
    const got = check(c.doc, { template });
    sameText(JSON.stringify(got), expected, c.name);
    if (template.includes('\n')) {
      sameText(JSON.stringify(compileTemplate(template).check(c.doc)), expected, `${c.name}, compiled template`);
    }
    findings += got.findings.length;
  }
  assert.ok(findings > 6000, `only ${findings} findings in all`);
});

test('decoded reports are plain, independent objects', () => {
  const doc = '# 计划 Plan 🚀\n\n## 负责人 Owner 👨‍👩‍👧\n[Name] [Name]\n';
  const a = check(doc, { template: UNICODE_TEMPLATE });
  const b = check(doc, { template: UNICODE_TEMPLATE });
  assert.deepEqual(a, b);
  const [f0, f1] = a.findings;
  assert.equal(Object.getPrototypeOf(f0), Object.prototype);
  assert.equal(Object.getPrototypeOf(a.sections[0].path), Array.prototype);
  assert.notEqual(f0, f1);
  f0.message = 'changed';
  f0.fix = { changed: true };
  assert.notEqual(f1.message, 'changed', 'strings shared in the encoding are separate values');
  assert.notEqual(b.findings[0].message, 'changed');
});
