// The package's JS API, on the built package in npm/ (scripts/build.sh first): built-in and
// custom templates, UTF-16 positions checked by slicing the JS string, the exact shape of every
// object (against tests/js/shape.js, which tsc checks against index.d.ts), errors, recovery
// from a panic, and the CommonJS and inline builds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import * as speclint from '../../npm/node.js';
import * as shape from './shape.js';

const { check, compileTemplate, templates, detectTemplate, rules, Template } = speclint;
const TECH_SPEC = readFileSync(new URL('../../templates/tech-spec.md', import.meta.url), 'utf8');
const SPEC_MD = readFileSync(new URL('../../templates/spec-md.md', import.meta.url), 'utf8');

const TEMPLATE = `# Design Doc

## Owner
[Name]

## Goals
What do we want to achieve?

## Plan
### Milestones
[Milestone list]

## Risks *(optional)*
[Risk]
`;

const keysOf = (o) => Object.keys(o).sort();
const sorted = (k) => Object.keys(k).sort();

describe('built-in templates', () => {
  test('templates() lists them with id, title, description and source', () => {
    const list = templates();
    assert.deepEqual(
      list.map((t) => t.id),
      ['tech-spec', 'spec-md'],
    );
    for (const t of list) {
      assert.deepEqual(keysOf(t), sorted(shape.templateSummary));
      assert.ok(t.title.length > 0 && t.description.length > 20);
    }
    assert.equal(list[0].source, TECH_SPEC);
  });

  test('an untouched template scores near zero; auto-detection picks it', () => {
    for (const [id, source] of [['tech-spec', TECH_SPEC], ['spec-md', SPEC_MD]]) {
      const r = check(source);
      assert.equal(r.template.id, id);
      assert.ok(r.score <= 5, `${id} scored ${r.score}`);
      assert.ok(r.summary.errors > 0);
      assert.deepEqual(detectTemplate(source).id, id);
    }
  });

  test('an explicit id is used even when another fits better', () => {
    const r = check(SPEC_MD, { template: 'tech-spec' });
    assert.equal(r.template.id, 'tech-spec');
    assert.ok(r.findings.some((f) => f.rule === 'missing-section'));
  });

  test('a document no template fits has a null score and says so', () => {
    const r = check('# Shopping list\n\n- eggs\n- milk\n');
    assert.equal(r.score, null);
    assert.equal(r.template.id, null);
    assert.match(r.template.title, /No template fits/);
    const d = detectTemplate('# Shopping list\n');
    assert.equal(d.id, null);
    assert.deepEqual(keysOf(d), sorted(shape.detection));
  });

  test('rules() lists every rule with its default severity', () => {
    const list = rules();
    assert.ok(list.length >= 10);
    for (const r of list) assert.deepEqual(keysOf(r), sorted(shape.ruleInfo));
    assert.equal(list.find((r) => r.id === 'missing-section').defaultSeverity, 'error');
  });
});

describe('custom templates', () => {
  const doc = '# Design Doc\n\n## Owner\n[Name]\n\n## Goals\nShip the CLI.\n';

  test('compileTemplate() gives a Template usable as options.template, same as the Markdown', () => {
    const t = compileTemplate(TEMPLATE);
    assert.ok(t instanceof Template);
    assert.equal(t.id, 'custom');
    assert.equal(t.title, 'Design Doc');
    assert.equal(t.source, TEMPLATE);
    assert.deepEqual(
      t.sections.map((s) => s.path.join(' > ')),
      ['Design Doc', 'Design Doc > Owner', 'Design Doc > Goals', 'Design Doc > Plan', 'Design Doc > Plan > Milestones', 'Design Doc > Risks *(optional)*'],
    );
    assert.equal(t.sections.at(-1).optional, true);
    for (const s of t.sections) assert.deepEqual(keysOf(s), sorted(shape.templateSection));
    assert.ok(Object.isFrozen(t.sections));

    const viaObject = check(doc, { template: t });
    assert.deepEqual(viaObject, check(doc, { template: TEMPLATE }));
    assert.deepEqual(viaObject, t.check(doc));
    assert.equal(viaObject.template.id, 'custom');
    assert.deepEqual(
      viaObject.sections.map((s) => `${s.title}:${s.status}`),
      ['Design Doc:complete', 'Owner:placeholder', 'Goals:complete', 'Plan:missing', 'Milestones:missing', 'Risks *(optional)*:missing'],
    );
    const rulesFound = viaObject.findings.map((f) => f.rule);
    assert.ok(rulesFound.includes('unfilled-placeholder') && rulesFound.includes('missing-section'), rulesFound.join());
  });

  test('rule overrides turn rules off and change severities', () => {
    const r = check(doc, { template: TEMPLATE, rules: { 'unfilled-placeholder': 'off', 'placeholder-section': 'off', 'missing-section': 'warning' } });
    assert.deepEqual(
      r.findings.map((f) => `${f.rule}:${f.severity}`),
      ['missing-section:warning'],
    );
    assert.deepEqual(r.summary, { errors: 0, warnings: 1, infos: 0 });
  });

  test('a missing section is an empty range at the insertion point; its fix inserts the skeleton', () => {
    const r = check(doc, { template: TEMPLATE });
    const f = r.findings.find((x) => x.rule === 'missing-section');
    assert.equal(f.start, f.end);
    assert.equal(f.startByte, f.endByte);
    assert.equal(f.fix.range.start, f.start);
    assert.match(f.fix.text, /^\n?## Plan\n/);
    assert.match(f.fix.text, /### Milestones\n\[Milestone list\]/);
    assert.equal(r.sections[f.section].title, 'Plan');
    assert.equal(r.sections[f.section].insertAt.start, f.start);
    const fixed = doc.slice(0, f.start) + f.fix.text + doc.slice(f.end);
    assert.ok(!check(fixed, { template: TEMPLATE }).findings.some((x) => x.rule === 'missing-section'));
  });

  test('free() releases a Template; using it afterwards throws', () => {
    const t = compileTemplate(TEMPLATE);
    t.free();
    assert.throws(() => t.check(doc), /has been freed/);
  });
});

describe('positions', () => {
  // Emoji (2 UTF-16 units, 4 bytes), a ZWJ family, CJK (1 unit, 3 bytes), combining marks, CRLF.
  const template = '# 计划 Plan\n\n## 负责人 Owner\n[Name]\n\n## Goals\n[Goal one] and [Goal two]\n';
  const doc =
    '# 计划 Plan\r\n\r\n## 负责人 Owner\r\n👨‍👩‍👧 Ünïcödé 😀 [Name] 中文\r\n\r\n## Goals\r\n🎉🎉 [Goal one] — café [Goal two] TODO 🚀\r\n';

  test('start/end slice the JS string; lines, columns and bytes agree with it', () => {
    const r = check(doc, { template });
    const tokens = r.findings.map((f) => doc.slice(f.start, f.end));
    assert.deepEqual(tokens.filter((t) => t.startsWith('[')), ['[Name]', '[Goal one]', '[Goal two]']);
    assert.ok(tokens.includes('TODO'));
    for (const f of r.findings) {
      for (const [offset, line, column, byte] of [
        [f.start, f.line, f.column, f.startByte],
        [f.end, f.endLine, f.endColumn, f.endByte],
      ]) {
        const before = doc.slice(0, offset);
        const lines = before.split('\n');
        assert.equal(line, lines.length, `line of ${f.rule}`);
        assert.equal(column, lines.at(-1).length + 1, `column of ${f.rule}`);
        assert.equal(byte, Buffer.byteLength(before), `byte offset of ${f.rule}`);
      }
      assert.deepEqual(keysOf(f), sorted(shape.finding));
      // The order JSON output (the CLI's `--format json`) lists them in: what the finding says,
      // then where, then its fix.
      assert.deepEqual(Object.keys(f), [
        'rule',
        'severity',
        'message',
        'help',
        'section',
        'sectionTitle',
        'startByte',
        'endByte',
        'start',
        'end',
        'line',
        'column',
        'endLine',
        'endColumn',
        'fix',
      ]);
    }
  });

  test('lone UTF-16 surrogates are checked, and positions after them stay right', () => {
    // A lone surrogate reaches Rust as U+FFFD: one UTF-16 unit either way, so UTF-16 offsets
    // and columns still index the caller's string (byte offsets are those of the UTF-8 text).
    const lone = '# 计划 Plan\n\n## 负责人 Owner\n\uD800 x \uDFFF [Name] \uD83D\n\n## Goals\n[Goal one] and [Goal two] \uDC00TODO\n';
    const r = check(lone, { template });
    const tokens = r.findings.map((f) => lone.slice(f.start, f.end));
    assert.deepEqual(tokens.filter((t) => t.startsWith('[')), ['[Name]', '[Goal one]', '[Goal two]']);
    assert.ok(tokens.includes('TODO'));
    const name = r.findings.find((f) => lone.slice(f.start, f.end) === '[Name]');
    assert.equal(name.column, lone.split('\n')[3].indexOf('[Name]') + 1);
  });

  test('section ranges slice the document too', () => {
    const r = check(doc, { template });
    const owner = r.sections.find((s) => s.title === '负责人 Owner');
    assert.equal(doc.slice(owner.headingRange.start, owner.headingRange.end), '## 负责人 Owner');
    assert.ok(doc.slice(owner.range.start, owner.range.end).includes('😀 [Name] 中文'));
  });
});

describe('shape', () => {
  test('every object has exactly the declared keys, with null for absent values', () => {
    const r = check('# Design Doc\n\n## Owner\nAda, TODO\n', { template: TEMPLATE });
    assert.deepEqual(keysOf(r), sorted(shape.report));
    assert.deepEqual(keysOf(r.template), sorted(shape.templateInfo));
    assert.deepEqual(keysOf(r.summary), sorted(shape.summary));
    for (const s of r.sections) {
      assert.deepEqual(keysOf(s), sorted(shape.section));
      for (const k of ['headingRange', 'range', 'insertAt']) {
        if (s[k] !== null) assert.deepEqual(keysOf(s[k]), sorted(shape.span));
      }
      if (s.status === 'missing') assert.equal(s.heading, null);
    }
    const fixes = r.findings.filter((f) => f.fix !== null);
    assert.ok(fixes.length > 0);
    for (const f of fixes) {
      assert.deepEqual(keysOf(f.fix), sorted(shape.fix));
      assert.deepEqual(keysOf(f.fix.range), sorted(shape.span));
    }
    assert.ok(r.findings.some((f) => f.fix === null), 'None is null, not undefined');
    assert.equal(JSON.stringify(r).includes('undefined'), false);
  });
});

describe('errors', () => {
  const cases = [
    ['markdown not a string', () => check(42), TypeError, /^markdown must be a string \(got number\)$/],
    ['options not an object', () => check('x', 'spec-md'), TypeError, /^options must be an object \(got string\)$/],
    ['unknown option', () => check('x', { templat: 'auto' }), TypeError, /unknown option "templat"/],
    ['template of the wrong type', () => check('x', { template: 7 }), TypeError, /^options\.template must be a string/],
    ['unknown template id', () => check('x', { template: 'nope' }), Error, /unknown template "nope".*"tech-spec", "spec-md"/],
    ['rules not an object', () => check('x', { rules: ['todo-marker'] }), TypeError, /^options\.rules must be an object/],
    ['unknown rule', () => check('x', { rules: { nope: 'off' } }), Error, /unknown rule "nope": rules are unfilled-placeholder/],
    ['bad rule setting', () => check('x', { rules: { 'todo-marker': 'loud' } }), TypeError, /options\.rules\["todo-marker"\] must be/],
    ['maxBytes not a number', () => check('x', { maxBytes: '10' }), TypeError, /^options\.maxBytes must be a non-negative integer/],
    ['input over maxBytes', () => check('😀😀', { maxBytes: 7 }), Error, /input is 8 bytes, over the limit of 7 bytes/],
    ['template Markdown without headings', () => check('x', { template: 'just text\nno headings' }), Error, /the template has no headings/],
    ['compileTemplate without headings', () => compileTemplate('plain text'), Error, /the template has no headings/],
    ['compileTemplate of a non-string', () => compileTemplate(null), TypeError, /^markdown must be a string \(got null\)$/],
    ['Template constructed directly', () => new Template('# x'), TypeError, /compileTemplate/],
  ];
  for (const [name, call, type, message] of cases) {
    test(name, () => {
      assert.throws(call, (e) => e instanceof type && message.test(e.message));
    });
  }

  test('input exactly at maxBytes is checked', () => {
    assert.equal(check('😀😀', { maxBytes: 8 }).score, null);
  });
});

describe('memory', () => {
  test('after a very large input the module is re-instantiated, giving its memory back', async () => {
    const raw = await import('../../npm/dist/speclint.js');
    const big = `${TECH_SPEC}\n${'- **Owner**: [Name] wrote `code` and TODO\n'.repeat(300_000)}`;
    const r = check(big, { template: 'tech-spec' });
    assert.ok(r.findings.length > 300_000);
    // The same document again keeps the memory it needs: no fresh instance growing from scratch.
    const held = raw.__speclint_memory_bytes();
    assert.ok(held > 64 * 1024 * 1024, `memory after the large check: ${held} bytes`);
    assert.equal(check(big, { template: 'tech-spec' }).findings.length, r.findings.length);
    assert.ok(raw.__speclint_memory_bytes() >= held, `a second large check kept the instance (${held} bytes before, ${raw.__speclint_memory_bytes()} after)`);
    const small = check(TECH_SPEC, { template: 'tech-spec' });
    assert.equal(small.template.id, 'tech-spec');
    assert.ok(raw.__speclint_memory_bytes() < 16 * 1024 * 1024, `memory after a small check: ${raw.__speclint_memory_bytes()} bytes`);
    // A compiled template made before the release still works.
    const t = compileTemplate(TEMPLATE);
    check(big, { template: 'tech-spec' });
    assert.equal(t.check('# Design Doc\n\n## Owner\nAna\n').template.id, 'custom');
  });
});

describe('recovery from a panic', () => {
  test('a panic is a thrown Error, and the next calls work, including old Templates', (t) => {
    const errors = [];
    t.mock.method(console, 'error', (...args) => errors.push(args.join(' ')));
    const tmpl = compileTemplate(TEMPLATE);
    const before = check(TECH_SPEC);
    assert.throws(
      () => speclint.__speclint_test_panic(),
      (e) => e instanceof Error && /internal error \(Rust panic: .*deliberate panic/.test(e.message) && e.cause instanceof WebAssembly.RuntimeError,
    );
    assert.ok(errors.some((e) => e.includes('deliberate panic')), 'the panic hook logs to console.error');
    assert.deepEqual(check(TECH_SPEC), before);
    assert.equal(tmpl.check('# Design Doc\n').template.id, 'custom', 'a Template from before is recompiled');
    assert.throws(() => speclint.__speclint_test_panic(), /deliberate panic/);
    assert.deepEqual(check(TECH_SPEC), before, 'and again');
  });
});

describe('other builds', () => {
  test('require() gets the same API (dist/node.cjs)', () => {
    const require = createRequire(import.meta.url);
    const cjs = require('../../npm/dist/node.cjs');
    assert.deepEqual(Object.keys(cjs).sort(), Object.keys(speclint).sort());
    assert.deepEqual(cjs.check(TECH_SPEC), check(TECH_SPEC));
  });

  test('the inline build (the .wasm as base64) gives the same reports', () => {
    // In a process of its own: here the glue module is already instantiated by node.js.
    const url = new URL('../../npm/dist/inline.js', import.meta.url).href;
    const script = `const s = await import(${JSON.stringify(url)}); process.stdout.write(JSON.stringify(s.check(process.argv[1])));`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script, SPEC_MD], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), check(SPEC_MD));
  });
});
