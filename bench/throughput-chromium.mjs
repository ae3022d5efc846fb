// The check / parse-only pairs of bench/run.mjs on the corpus documents, measured again in
// headless Chromium (bench/throughput.html), the engine of the page and the embeddable element.
// Its V8 is newer than Node's and weighs code differently (BENCHMARKS.md, optimization log of
// 2026-12-06), so the benchmark prints both; the targets are judged in Node, as issue 7 asks.
// Prints one JSON line for bench/run.mjs.
//   node bench/throughput-chromium.mjs
import { launch } from '../tests/page/helpers.mjs';
import { inputs, isCorpus } from './inputs.mjs';
import { serveBench } from './serve.mjs';

const documents = new Map(inputs().filter(([name]) => isCorpus(name)));
if (documents.size === 0) {
  console.log(JSON.stringify({ skipped: 'corpus not found' }));
  process.exit(0);
}
const server = await serveBench(documents, { isolated: true }); // microsecond timers
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const query = [...documents.keys()].map((n) => `input=${encodeURIComponent(n)}`).join('&');
  await page.goto(`${server.origin}/bench/throughput.html?${query}`);
  const result = await page.waitForFunction(() => window.__throughput, null, { timeout: 300_000 }).catch(() => null);
  if (!result) throw new Error(`no figures from the page${errors.length ? `: ${errors.join('; ')}` : ''}`);
  const figures = await result.jsonValue();
  if (figures.error) throw new Error(figures.error);
  console.log(JSON.stringify({ version: browser.version(), rows: figures.rows }));
} finally {
  await browser.close();
  await server.close();
}
