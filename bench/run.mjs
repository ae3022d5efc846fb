// The benchmark of issue 7, Node side (scripts/bench.sh runs it; see BENCHMARKS.md):
//
//   node --no-liftoff --expose-gc --max-old-space-size=8192 bench/run.mjs [--native FILE]
//
// In this one process, warm, median of many runs, on the same documents as benches/throughput.rs:
// speclint's check() through the npm package, pulldown-cmark parse-only as wasm (the limit),
// markdownlint (default rules) and remark-lint (recommended preset). The native figures come
// from `cargo bench --bench throughput`'s output (FILE). In child processes: peak wasm memory
// and its release (bench/memory.mjs), the same check / parse-only pairs in headless Chromium, the
// page's engine (bench/throughput-chromium.mjs), cold start in headless Chromium
// (bench/cold-start.mjs), and the page typed into while it checks a 1 MB document
// (bench/responsive.mjs).
// Then sizes, and every target of the issue with pass/SHORT.
//
// Environment: SPECLINT_CORPUS (corpus folder); SPECLINT_BENCH_QUICK=1 (markdownlint skips the
// 10 MB document, about a minute a run); SPECLINT_BENCH_REMARK_10MB=1 (remark-lint runs it too,
// about 6 minutes a run: off by default, no target needs it); SPECLINT_BENCH_SLOW_RUNS (runs of a
// contender whose first pass takes over 5 s; default 1).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { check } from '../npm/node.js';
import { initSync as initParse, parse } from './pulldown-parse/pkg/pulldown_parse.js';
import { lint as markdownlint } from 'markdownlint/sync';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import { VFile } from 'vfile';
import { corpusDir, corpusText, inputs, sized, bytes, isCorpus } from './inputs.mjs';
import { median, mbps, pairedMedian } from './measure.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const quick = Boolean(process.env.SPECLINT_BENCH_QUICK);
const remark10 = Boolean(process.env.SPECLINT_BENCH_REMARK_10MB);
const slowRuns = Number(process.env.SPECLINT_BENCH_SLOW_RUNS ?? 1);
const here = (p) => new URL(p, import.meta.url);
const repo = here('..').pathname;

// ---------------------------------------------------------------------------------- contenders
const options = { template: 'tech-spec', maxBytes: 64 * 2 ** 20 };
const speclint = (text) => check(text, options);
initParse({ module: readFileSync(here('./pulldown-parse/pkg/pulldown_parse_bg.wasm')) });
const remark = unified().use(remarkParse).use(remarkPresetLintRecommended).freeze();
const remarkLint = (text) => {
  const file = new VFile(text);
  remark.runSync(remark.parse(file), file);
  return file.messages.length;
};
const mdl = (text) => markdownlint({ strings: { doc: text } }).doc.length;

const fmt = (x, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const pad = (s, n) => String(s).padStart(n);
const verdict = (ok) => (ok ? 'pass' : 'SHORT');
const log = (s = '') => console.log(s);

// ---------------------------------------------------------------------------------- native
/** Rows, linearity and pathological ratios from `cargo bench --bench throughput`'s output. */
function readNative(file) {
  if (!file) return null;
  const out = { rows: new Map(), pathological: new Map(), linear: undefined };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const row = line.match(/^(\S.*?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x$/);
    if (row) out.rows.set(row[1], { bytes: +row[2], parse: +row[3], check: +row[4] });
    const lin = line.match(/^linear: 10 MB takes ([\d.]+)x/);
    if (lin) out.linear = +lin[1];
    const path = line.match(/^\s+(\S.*?)\s+([\d.]+)x\s+(pass|SHORT)$/);
    if (path) out.pathological.set(path[1], +path[2]);
  }
  return out;
}
const native = readNative(arg('--native'));

// ---------------------------------------------------------------------------------- header
const corpus = corpusText();
const docs = inputs(corpus);
log(`speclint benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version} ${process.execArgv.filter((a) => a.startsWith('--no-')).join(' ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (at start)`);
log(corpus ? `corpus: ${corpusDir()}` : `corpus not found (${corpusDir()}; set SPECLINT_CORPUS): skipping the 20 KB, 1 MB and 10 MB inputs and every target that needs them`);
if (native) {
  for (const [name, text] of docs) {
    const n = native.rows.get(name);
    if (n && n.bytes !== bytes(text)) throw new Error(`"${name}": ${bytes(text)} bytes here but ${n.bytes} in the native bench: the inputs differ`);
  }
}

// ---------------------------------------------------------------------------------- children
function child(script, ...args) {
  try {
    return JSON.parse(execFileSync(process.execPath, [here(script).pathname, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  } catch (e) {
    return { error: String(e.message).split('\n')[0] };
  }
}
const memory = child('./memory.mjs');
const inChromium = child('./throughput-chromium.mjs');
const cold = child('./cold-start.mjs', '10');
const responsive = child('./responsive.mjs', '30');

// ---------------------------------------------------------------------------------- throughput
log('\nThroughput: MB/s (1 MB = 10^6 bytes), median of warm runs in this one Node process');
log('  check = speclint check() through the npm package, report handed to JS (template tech-spec)');
log('  parse = pulldown-cmark 0.13.6 parse-only, same options, wasm opt-level 3 (bench/pulldown-parse)');
log('  native = cargo bench --bench throughput (release, same documents)\n');
log(`${'input'.padEnd(26)} ${pad('bytes', 9)} ${pad('findings', 8)} │ ${pad('check', 7)} ${pad('parse', 7)} ${pad('ratio', 6)} ${pad('runs', 5)} │ ${pad('native check', 12)} ${pad('parse', 7)} ${pad('ratio', 6)} │ ${pad('wasm/native', 11)}`);
const wasm = new Map();
for (const [name, text] of docs) {
  const [c, p, spread] = pairedMedian(() => speclint(text), () => parse(text));
  const b = bytes(text);
  const findings = speclint(text).findings.length;
  const r = { bytes: b, checkMs: c.ms, parseMs: p.ms, check: mbps(b, c.ms), parse: mbps(b, p.ms), runs: Math.min(c.runs, p.runs), spread };
  wasm.set(name, r);
  const n = native?.rows.get(name);
  log(`${name.padEnd(26)} ${pad(b, 9)} ${pad(findings, 8)} │ ${pad(fmt(r.check), 7)} ${pad(fmt(r.parse), 7)} ${pad(fmt(r.check / r.parse, 2) + 'x', 6)} ${pad(r.runs, 5)} │ ${pad(fmt(n?.check), 12)} ${pad(fmt(n?.parse), 7)} ${pad(n ? fmt(n.check / n.parse, 2) + 'x' : '—', 6)} │ ${pad(n ? fmt(r.check / n.check, 2) + 'x' : '—', 11)}`);
}

// The same pairs in Chromium, for the page's engine (its V8 is newer than Node's).
const chromiumRows = new Map((inChromium.rows ?? []).map((r) => [r.name, r]));
log(`\nThe same check / parse pairs in headless Chromium ${inChromium.version ?? ''} (bench/throughput.html; the page's engine, for comparison: the targets are judged in Node)`);
if (inChromium.error || inChromium.skipped) log(`  not measured: ${inChromium.error ?? inChromium.skipped}`);
for (const [name, r] of chromiumRows) {
  const b = wasm.get(name).bytes;
  log(`  ${name.padEnd(24)} check ${pad(fmt(mbps(b, r.checkMs)), 7)} MB/s  parse ${pad(fmt(mbps(b, r.parseMs)), 7)} MB/s  ratio ${fmt(r.parseMs / r.checkMs, 3)}x (block pairs, middle half: ${fmt(r.spread.lo, 3)}–${fmt(r.spread.hi, 3)}x)  runs ${r.runs}`);
}

// Pathological inputs against a typical (corpus) document of the same size, through the package.
const pathological = new Map();
if (corpus) {
  for (const [name, text] of docs.filter(([n]) => !isCorpus(n))) {
    const typical = sized(corpus, bytes(text));
    // The parser's own ratio on the same pair, for scale: the check cannot beat parsing.
    const [t, tp] = pairedMedian(() => speclint(typical), () => parse(typical));
    pathological.set(name, { check: wasm.get(name).checkMs / t.ms, parse: wasm.get(name).parseMs / tp.ms });
  }
}

// Other linters on the corpus documents.
const linters = new Map();
if (corpus) {
  log('\nAgainst other linters (same process, same documents): MB/s, runs in brackets, and how many times faster speclint check() is');
  log(`${'input'.padEnd(14)} ${pad('bytes', 9)} │ ${pad('speclint', 8)} │ ${pad('markdownlint', 17)} ${pad('speclint ×', 10)} ${pad('parse ×', 8)} │ ${pad('remark-lint', 17)} ${pad('speclint ×', 10)}`);
  for (const [name, text] of docs.filter(([n]) => isCorpus(n))) {
    const b = bytes(text);
    const w = wasm.get(name);
    const big = b > 5e6;
    const slow = { minRuns: 3, budgetMs: 3000, maxRuns: 50, slowMs: 5000, slowRuns };
    const m = quick && big ? 'skipped (quick)' : median(() => mdl(text), slow);
    const rl = big && !remark10 ? 'skipped (slow)' : median(() => remarkLint(text), slow);
    const speed = (r) => (typeof r === 'string' ? undefined : mbps(b, r.ms));
    const row = { mdl: speed(m), remark: speed(rl) };
    linters.set(name, row);
    const cell = (r) => pad(typeof r === 'string' ? r : `${fmt(mbps(b, r.ms), 3)} (${r.runs})`, 17);
    const times = (a, v) => pad(v ? fmt(a / v, 0) + 'x' : '—', 10);
    log(`${name.padEnd(14)} ${pad(b, 9)} │ ${pad(fmt(w.check), 8)} │ ${cell(m)} ${times(w.check, row.mdl)} ${pad(row.mdl ? fmt(w.parse / row.mdl, 0) + 'x' : '—', 8)} │ ${cell(rl)} ${times(w.check, row.remark)}`);
  }
  log('  parse × = pulldown-cmark parse-only (wasm) against markdownlint, for scale');
  if (!remark10) log('  remark-lint skips 10 MB unless SPECLINT_BENCH_REMARK_10MB=1 (minutes a run; no target needs it)');
}

// ---------------------------------------------------------------------------------- sizes
const wasmFile = readFileSync(`${repo}npm/dist/speclint_bg.wasm`);
const wasmGz = gzipSync(wasmFile, { level: 9 }).length;
const parseGz = gzipSync(readFileSync(here('./pulldown-parse/pkg/pulldown_parse_bg.wasm')), { level: 9 }).length;
let pack;
try {
  pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: `${repo}npm`, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
} catch (e) {
  pack = { error: String(e.message).split('\n')[0] };
}
const kb = (n) => `${fmt(n / 1000)} KB`;
log('\nSize (1 KB = 1000 bytes; gzip level 9)');
log(`  npm package, packed:      ${pack.error ? pack.error : `${kb(pack.size)} (${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files)`}`);
log(`  speclint_bg.wasm:         ${kb(wasmFile.length)} raw, ${kb(wasmGz)} gzipped`);
log(`  pulldown-parse .wasm:     ${kb(parseGz)} gzipped (the parser alone, same build)`);

// ---------------------------------------------------------------------------------- cold start
log('\nCold start in headless Chromium (bench/cold-start.html, a fresh browser context per load)');
if (cold.error || cold.skipped) log(`  not measured: ${cold.error ?? cold.skipped}`);
else {
  log(`  import('npm/browser.js') to the first report of the 20 KB example: ${fmt(cold.moduleToReport)} ms median of ${cold.loads} loads`);
  log(`    of which loading the module: ${fmt(cold.load)} ms, the first check: ${fmt(cold.firstCheck)} ms (medians); all loads: ${cold.all.join(', ')} ms`);
  log(`  navigation start to that report: ${fmt(cold.navigationToReport)} ms`);
  const p = cold.parseOnly;
  log(`  pulldown-cmark parse-only the same way (the floor): ${fmt(p.moduleToReport)} ms (loading ${fmt(p.load)} ms, first parse ${fmt(p.firstCheck)} ms)`);
  const e = cold.empty;
  log(`  an empty module the same way (importing a module that instantiates an 8-byte .wasm: what the browser and server take before any code): ${fmt(e.moduleToReport)} ms`);
}

// ---------------------------------------------------------------------------------- responsiveness
log('\nThe page while typing in a 1 MB document (bench/responsive.mjs, headless Chromium)');
if (responsive.error) log(`  not measured: ${responsive.error}`);
else {
  const r = responsive;
  const ms = (x) => `${fmt(x)} ms`;
  log(`  ${r.bytes} bytes, ${r.findings} findings; the first check took ${ms(r.checkMs)} in the worker, the last ${ms(r.lastCheckMs)}`);
  log(`  ${r.keys} keystrokes, one every 120 ms, each starting a check of the whole document; until the last report was shown:`);
  log(`    page:          ${r.page.tasks} main-thread tasks over 50 ms, longest ${ms(r.page.longestTask)}; longest frame ${ms(r.page.longestFrame)}`);
  log(`                   page script in its worst frame: ${ms(r.page.longestScript)} (${r.page.longestScriptWhat ?? '—'})`);
  log(`    bare textarea: ${r.bare.tasks} tasks over 50 ms, longest ${ms(r.bare.longestTask)}; longest frame ${ms(r.bare.longestFrame)} (the same typing, no page script: the browser's own editing)`);
}

// ---------------------------------------------------------------------------------- memory
log('\nWasm memory (WebAssembly.Memory buffer byteLength, fresh process, bench/memory.mjs)');
const MiB = (n) => `${fmt(n / 2 ** 20)} MiB`;
if (memory.error || memory.skipped) log(`  not measured: ${memory.error ?? memory.skipped}`);
else {
  log(`  after loading: ${MiB(memory.afterLoad)}; after the 20 KB check: ${MiB(memory.after20KB)}`);
  log(`  after the 10 MB check (peak): ${MiB(memory.peak)} = ${fmt(memory.peak / memory.inputBytes)}x the input's ${memory.inputBytes} bytes`);
  log(`  pulldown-cmark parse-only, same document: ${MiB(memory.parsePeak)} = ${fmt(memory.parsePeak / memory.inputBytes)}x`);
  log(`  after a 20 KB check that follows: ${MiB(memory.afterSmallAgain)} (${memory.afterSmallAgain < memory.peak ? 'released' : 'not released'})`);
}

// ---------------------------------------------------------------------------------- targets
log('\nTargets (issue 7)');
const target = (what, value, ok) => log(`  ${what.padEnd(62)} ${pad(value, 9)}  ${ok === undefined ? 'not measured' : verdict(ok)}`);
for (const name of ['typical 20 KB', 'corpus 1 MB', 'corpus 10 MB']) {
  const w = wasm.get(name);
  // Three decimals: at two, a ratio of 0.497 would print as a short "0.50x".
  target(`full check >= 0.5x parse-only (wasm), ${name.replace(/^\w+ /, '')}`, w ? `${fmt(w.check / w.parse, 3)}x` : '—', w && w.check / w.parse >= 0.5);
  if (w) log(`    (per block pair, middle half: ${fmt(w.spread.lo, 3)}–${fmt(w.spread.hi, 3)}x)`);
  const c = chromiumRows.get(name);
  if (c) log(`    (in Chromium, the page's engine: ${fmt(c.parseMs / c.checkMs, 3)}x)`);
}
for (const name of ['typical 20 KB', 'corpus 1 MB', 'corpus 10 MB']) {
  const w = wasm.get(name);
  const l = linters.get(name);
  const r = w && l?.mdl ? w.check / l.mdl : undefined;
  target(`>= 150x markdownlint throughput, ${name.replace(/^\w+ /, '')}`, r ? `${fmt(r, 0)}x` : '—', r === undefined ? undefined : r >= 150);
}
const w1 = wasm.get('corpus 1 MB');
const w10 = wasm.get('corpus 10 MB');
const lin = w1 && w10 ? w10.checkMs / w1.checkMs : undefined;
target('linear: 10 MB <= 12x the 1 MB time (wasm)', lin ? `${fmt(lin)}x` : '—', lin && lin <= 12);
if (native?.linear !== undefined) target('  (native, from cargo bench)', `${fmt(native.linear)}x`, native.linear <= 12);
if (!pathological.size) target('pathological <= 3x typical of the same size', '—', undefined);
for (const [name, { check: r, parse: p }] of pathological) {
  const n = native?.pathological.get(name);
  target(`pathological <= 3x typical, ${name}`, `${fmt(r, 2)}x`, r <= 3);
  if (n !== undefined) target('  (native, from cargo bench)', `${fmt(n, 2)}x`, n <= 3);
  log(`    (pulldown-cmark parse-only alone, wasm, the same pair: ${fmt(p, 2)}x)`);
}
target('.wasm <= 110 KB gzipped', kb(wasmGz), wasmGz <= 110_000);
log(`    (pulldown-cmark parse-only alone, the same build: ${kb(parseGz)})`);
target('cold start <= 50 ms (median of 10 loads)', cold.moduleToReport ? `${fmt(cold.moduleToReport)} ms` : '—', cold.moduleToReport && cold.moduleToReport <= 50);
if (cold.parseOnly) log(`    (pulldown-cmark parse-only alone, the same way: ${fmt(cold.parseOnly.moduleToReport)} ms; an empty module: ${fmt(cold.empty.moduleToReport)} ms)`);
const rp = responsive.error ? undefined : responsive.page;
target('page, 1 MB, a check per keystroke: no main-thread task > 50 ms', rp ? `${fmt(rp.longestTask)} ms` : '—', rp && rp.longestTask <= 50);
target("  the page's own script in any frame <= 50 ms", rp ? `${fmt(rp.longestScript)} ms` : '—', rp && rp.longestScript <= 50);
if (rp) log(`    (a bare textarea, typed the same way: longest task ${fmt(responsive.bare.longestTask)} ms)`);
const peak = memory.peak ? memory.peak / memory.inputBytes : undefined;
target('peak wasm memory <= 12x input size (10 MB)', peak ? `${fmt(peak)}x` : '—', peak && peak <= 12);
const released = memory.peak ? memory.afterSmallAgain < memory.peak : undefined;
target('wasm memory released after a very large input', released === undefined ? '—' : released ? 'yes' : 'no', released);
log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
