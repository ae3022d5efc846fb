// Native and WebAssembly builds must give identical reports: every fixture and every corpus
// document (../shared/corpus, skipped when absent), against auto-detection and each built-in
// template (and, for corpus pairs, their own template). The native side is
// `examples/explain.rs --json` (serde_json of the Report); the wasm side is the npm package.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, compileTemplate } from '../../npm/node.js';
import { nativeBinary, root } from './native.js';

const corpus = process.env.SPECLINT_CORPUS ?? join(root, '..', 'shared', 'corpus');

function cases() {
  const out = [];
  const fixtures = join(root, 'tests', 'fixtures');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.md')).sort()) {
    for (const t of ['auto', 'spec-md', 'tech-spec']) out.push({ doc: join(fixtures, f), template: t });
  }
  if (!existsSync(corpus)) {
    console.log(`differential: corpus not found at ${corpus}; fixtures only`);
    return out;
  }
  for (const sub of ['real', 'synthetic', 'pairs']) {
    const dir = join(corpus, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      const doc = join(dir, f);
      for (const t of ['auto', 'spec-md', 'tech-spec']) out.push({ doc, template: t });
      const label = doc.replace(/\.md$/, '.label.json');
      const own = existsSync(label) ? JSON.parse(readFileSync(label, 'utf8')).template : null;
      if (own?.startsWith('templates/')) out.push({ doc, template: join(corpus, own) });
    }
  }
  return out;
}

test('native and wasm builds give identical reports', () => {
  const bin = nativeBinary();
  const compiled = new Map();
  let n = 0;
  for (const { doc, template } of cases()) {
    const text = readFileSync(doc, 'utf8');
    const native = spawnSync(bin, [doc, template, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(native.status, 0, `${doc} ${template}: ${native.stderr}`);
    let tmpl = template;
    if (template.endsWith('.md')) {
      if (!compiled.has(template)) compiled.set(template, compileTemplate(readFileSync(template, 'utf8')));
      tmpl = compiled.get(template);
    }
    const wasm = check(text, { template: tmpl });
    assert.deepEqual(JSON.parse(JSON.stringify(wasm)), JSON.parse(native.stdout), `${doc} against ${template}`);
    n++;
  }
  assert.ok(n >= 60, `only ${n} cases`);
  console.log(`differential: ${n} document/template pairs identical`);
});
