// Cold start in headless Chromium: serves the repository's npm/ and bench/ folders plus the
// 20 KB example, loads bench/cold-start.html in a fresh browser context each time (empty HTTP
// and code caches), and prints medians over the loads as JSON for bench/run.mjs: speclint's
// package, then pulldown-cmark parse-only (the floor) the same way, then an empty module (what
// importing a module and instantiating an 8-byte .wasm takes in a fresh context, before any code).
//   node bench/cold-start.mjs [loads=10]
import { launch } from '../tests/page/helpers.mjs';
import { inputs } from './inputs.mjs';
import { serveBench } from './serve.mjs';

const loads = Number(process.argv[2] ?? 10);
const example = new Map(inputs()).get('typical 20 KB');
if (!example) {
  console.log(JSON.stringify({ skipped: 'corpus not found' }));
  process.exit(0);
}
const server = await serveBench(new Map([['typical-20k.md', example]]));
const url = `${server.origin}/bench/cold-start.html`;
const browser = await launch();

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
  const empty = await loadsOf('?empty');
  console.log(JSON.stringify({ ...speclint, parseOnly, empty }));
} finally {
  await browser.close();
  server.close();
}
