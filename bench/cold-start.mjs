// Cold start in headless Chromium: serves the repository's npm/ and bench/ folders plus the
// 20 KB example, loads bench/cold-start.html in a fresh browser context each time (empty HTTP
// and code caches), and prints medians over the loads as JSON for bench/run.mjs: speclint's
// package, then pulldown-cmark parse-only (the floor) the same way.
//   node bench/cold-start.mjs [loads=10]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { inputs } from './inputs.mjs';

const loads = Number(process.argv[2] ?? 10);
const root = fileURLToPath(new URL('..', import.meta.url));
const example = new Map(inputs()).get('typical 20 KB');
if (!example) {
  console.log(JSON.stringify({ skipped: 'corpus not found' }));
  process.exit(0);
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.md': 'text/markdown; charset=utf-8' };

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const send = (body, type) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  try {
    if (path === '/input/typical-20k.md') return send(example, types['.md']);
    if (!/^\/(npm|bench)\/[\w./-]+$/.test(path) || path.includes('..')) throw new Error('not served');
    send(await readFile(root + path.slice(1)), types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream');
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/bench/cold-start.html`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** `loads` page loads of the page with `query`, each in a new context, after one that warms the browser. */
async function loadsOf(query) {
  const results = [];
  for (let i = 0; i <= loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + query);
    const r = await page.waitForFunction(() => window.__coldStart, null, { timeout: 30_000 }).catch(() => null);
    if (!r) throw new Error(`no report from the page${errors.length ? `: ${errors.join('; ')}` : ''}`);
    if (i > 0) results.push(await r.jsonValue());
    await context.close();
  }
  const med = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[results.length >> 1];
  return {
    loads: results.length,
    moduleToReport: med('moduleToReport'),
    load: med('load'),
    firstCheck: med('firstCheck'),
    navigationToReport: med('navigationToReport'),
    all: results.map((r) => Math.round(r.moduleToReport * 10) / 10),
  };
}

try {
  const speclint = await loadsOf('');
  const parseOnly = await loadsOf('?parse');
  console.log(JSON.stringify({ ...speclint, parseOnly }));
} finally {
  await browser.close();
  server.close();
}
