// `speclint/element` and `speclint/adapters` as users get them: `npm pack` the package, install
// the tarball into a fresh project, then
//   - type-check a consumer of both subpaths with tsc --strict (the `exports` types conditions);
//   - load <spec-lint> in headless Chromium three ways: copied as the five files the README lists
//     under a plain <script type="module">, bundled by Vite, bundled by webpack (no config or
//     wasm plugin for either), and check that both elements on each page show the reports
//     check() gives in Node, with one .wasm request.
// Fixtures: tests/js/element-consumer/. Needs the built package (scripts/build.sh).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { check } from '../../npm/node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const FIXTURES = join(ROOT, 'tests/js/element-consumer');
const CHROMIUM = process.env.SPECLINT_CHROMIUM ?? '/usr/bin/chromium';

// What the README tells a wiki admin to copy for a plain script tag.
const PLAIN_FILES = ['element.js', 'browser.js', 'api.js', 'dist/speclint.js', 'dist/speclint_bg.wasm'];

const DRAFT = '# SPEC.md — Technical Specification\n\n## Architecture Overview\n\n<!--\nDescribe your system\n-->\n';
// The element's own text (a text/markdown script in page.html), with the HTML's indentation off.
const OWN = '# SPEC.md — Technical Specification\n\n## Architecture Overview\n\nOne service & one <queue>.\n\n## Tech Stack\n\nTODO\n';

let dir;
let server;
let browser;

function sh(cmd, args) {
  return execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function page(where, script) {
  return readFileSync(join(FIXTURES, 'page.html'), 'utf8').replace('__WHERE__', where).replace('__SCRIPT__', script);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'speclint-element-'));
  const [pack] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir, join(ROOT, 'npm')]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'element-consumer', private: true, type: 'module' }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, pack.filename)]);
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 'draft.md'), DRAFT);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('TypeScript: speclint/element and speclint/adapters compile with tsc --noEmit --strict', () => {
  const r = spawnSync(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('importing speclint/element in Node (server-side rendering) defines nothing and loads no wasm', () => {
  const out = sh(process.execPath, ['--input-type=module', '-e', "const m = await import('speclint/element'); console.log(typeof m.SpecLintElement, typeof customElements)"]);
  assert.equal(out.trim(), 'function undefined');
});

describe('<spec-lint> in headless Chromium', { skip: !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}` }, () => {
  before(async () => {
    // Plain: only the files the README lists, copied under static/speclint/.
    for (const f of PLAIN_FILES) {
      mkdirSync(dirname(join(dir, 'static/speclint', f)), { recursive: true });
      copyFileSync(join(dir, 'node_modules/speclint', f), join(dir, 'static/speclint', f));
    }
    writeFileSync(join(dir, 'plain.html'), page('copied files', 'type="module" src="./static/speclint/element.js"'));
    // Vite: the page and its entry in vite/, built to vite-dist/.
    mkdirSync(join(dir, 'vite'));
    writeFileSync(join(dir, 'vite/index.html'), page('Vite', 'type="module" src="./bundled.js"'));
    copyFileSync(join(dir, 'bundled.js'), join(dir, 'vite/bundled.js'));
    sh(join(BIN, 'vite'), ['build', 'vite', '--base', './', '--outDir', '../vite-dist', '--emptyOutDir', '--logLevel', 'warn']);
    copyFileSync(join(dir, 'draft.md'), join(dir, 'vite-dist/draft.md'));
    // webpack: no configuration file.
    sh(join(BIN, 'webpack'), ['./bundled.js', '--mode', 'production', '--output-path', 'webpack-dist', '--no-stats']);
    writeFileSync(join(dir, 'webpack.html'), page('webpack', 'src="./webpack-dist/main.js"'));

    server = await serve(dir);
    const { chromium } = await import(join(ROOT, 'node_modules/playwright-core/index.mjs'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  for (const [name, path] of [
    ['copied as the files the README lists, under a plain <script type="module">', '/plain.html'],
    ['bundled by Vite (no config, no wasm plugin)', '/vite-dist/index.html'],
    ['bundled by webpack 5 (no config file, no wasm loader)', '/webpack.html'],
  ]) {
    test(name, async () => {
      const p = await browser.newPage();
      const problems = [];
      const wasm = [];
      p.on('pageerror', (e) => problems.push(String(e)));
      p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      p.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
      await p.goto(`http://127.0.0.1:${server.address().port}${path}`);
      await p.waitForFunction(() => [...document.querySelectorAll('spec-lint')].every((e) => e.report || e.error), null, { timeout: 30_000 });
      const got = await p.evaluate(() => [...document.querySelectorAll('spec-lint')].map((e) => [e.id, e.error, e.report]));
      await p.close();
      assert.deepEqual(got, [
        ['text', null, check(OWN, { template: 'spec-md' })],
        ['fetched', null, check(DRAFT)],
      ]);
      assert.equal(wasm.length, 1, wasm.join('\n'));
      assert.deepEqual(problems, []);
    });
  }
});

/** A static file server for `root` on a free loopback port (.wasm as application/wasm). */
function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.md': 'text/markdown' };
  const srv = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root + sep) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}
