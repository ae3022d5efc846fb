// The real-consumer test: `npm pack` the package, install the tarball into a fresh temporary
// project, then use it the ways its users do — `npx speclint`, `import` and `require` in Node,
// TypeScript with `tsc --strict`, Vite, webpack and esbuild builds, and a plain static page —
// with the browser pages run in headless Chromium (Debian's, through playwright-core).
//
// Needs the built package (scripts/build.sh) and the root dev dependencies (vite, webpack,
// esbuild, typescript, playwright-core). The fixtures are in tests/js/consumer/.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const FIXTURES = join(ROOT, 'tests/js/consumer');
const CHROMIUM = process.env.SPECLINT_CHROMIUM ?? '/usr/bin/chromium';

let dir; // the fresh consumer project
let pack; // npm pack --json output for the tarball
let server;
let baseUrl;
let browser;

function sh(cmd, args, options = {}) {
  return execFileSync(cmd, args, { cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'speclint-consumer-'));
  [pack] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir, join(ROOT, 'npm')], { cwd: ROOT }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, pack.filename)]);
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 'draft.md'), '# SPEC.md — Technical Specification\n\n## Architecture Overview\n\n<!--\nDescribe your system\n-->\n');
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir && !process.env.SPECLINT_KEEP_CONSUMER) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  test('ships only what is needed', () => {
    const files = pack.files.map((f) => f.path).sort();
    assert.deepEqual(files, [
      'README.md',
      'adapters.d.ts',
      'adapters.js',
      'api.js',
      'browser.js',
      'cli.js',
      'cli/files.js',
      'cli/formats.js',
      'dist/inline.js',
      'dist/node.cjs',
      'dist/speclint.d.ts',
      'dist/speclint.js',
      'dist/speclint_bg.wasm',
      'element.d.ts',
      'element.js',
      'index.d.ts',
      'node.js',
      'package.json',
    ]);
    const wasm = pack.files.find((f) => f.path === 'dist/speclint_bg.wasm').size;
    console.log(`# packed ${pack.filename}: ${pack.size} bytes (unpacked ${pack.unpackedSize}; .wasm ${wasm})`);
  });
});

describe('Node', () => {
  test('npx speclint checks a file', () => {
    const r = spawnSync('npx', ['--no-install', 'speclint', '--template', 'spec-md', 'draft.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^draft\.md:\d+:\d+ {2}error +missing-section/m);
    assert.match(r.stdout, /^draft\.md {2}FAIL {2}score \d+\/100 against spec-md/m);
    assert.equal(sh('npx', ['--no-install', 'speclint', '--version']).trim(), pack.version);
  });

  test('import from an ES module', () => {
    const out = JSON.parse(sh(process.execPath, ['esm.mjs']));
    assert.equal(out.id, 'tech-spec');
    assert.ok(out.score <= 5 && out.errors > 0);
  });

  test('require from CommonJS', () => {
    assert.equal(JSON.parse(sh(process.execPath, ['cjs.cjs'])).id, 'spec-md');
  });

  test('TypeScript: a consumer compiles with tsc --noEmit --strict against the declarations', () => {
    const r = spawnSync(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('browsers (headless Chromium)', { skip: !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}` }, () => {
  before(async () => {
    sh(join(BIN, 'vite'), ['build', 'page', '--base', './', '--outDir', '../vite-dist', '--emptyOutDir', '--logLevel', 'warn']);
    sh(join(BIN, 'esbuild'), ['esbuild-entry.js', '--bundle', '--format=esm', '--outdir=esbuild-dist', '--log-level=warning']);
    sh(join(BIN, 'webpack'), ['./webpack-entry.js', '--mode', 'production', '--output-path', 'webpack-dist', '--no-stats']);
    server = await serve(dir);
    baseUrl = `http://127.0.0.1:${server.address().port}`;
    const { chromium } = await import(join(ROOT, 'node_modules/playwright-core/index.mjs'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  const expected = {
    score: 25, // Goals is missing; Owner holds its placeholder
    slice: '[Name]',
    column: 10, // 👩‍💻 is five UTF-16 units (two surrogate pairs and a joiner), then a space, 中文, a space
    templates: ['tech-spec', 'spec-md'],
    auto: 'spec-md',
    sameAfterPanic: true,
  };

  for (const [name, path] of [
    ['a Vite build (no config, no wasm plugin)', '/vite-dist/index.html'],
    ['a webpack 5 build (no config file, no wasm loader)', '/webpack.html'],
    ['an esbuild bundle of speclint/inline (no plugin)', '/esbuild.html'],
    ['a plain <script type="module"> page served as static files', '/plain.html'],
  ]) {
    test(name, async () => {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(baseUrl + path);
      await page.waitForSelector('#out[data-done]', { timeout: 30_000 });
      const result = JSON.parse(await page.textContent('#out'));
      await page.close();
      assert.equal(result.error, undefined, result.error);
      const { panic, ...rest } = result;
      assert.match(panic, /speclint internal error \(Rust panic: .*deliberate panic/);
      assert.deepEqual(rest, expected);
      assert.deepEqual(problems, []);
    });
  }

  test('Vite emitted the .wasm as its own asset', () => {
    const assets = readFileSync(join(dir, 'vite-dist/index.html'), 'utf8');
    assert.match(assets, /<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
    const js = sh('ls', ['vite-dist/assets']);
    assert.match(js, /speclint_bg-[\w-]+\.wasm/);
  });
});

/** A static file server for `root` on a free loopback port (.wasm as application/wasm). */
function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const srv = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}
