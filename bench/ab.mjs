// Two builds of speclint (or of the parse-only limit, bench/pulldown-parse/pkg) on the same
// documents in one Node process: each build's wasm `check` (or `parse`) timed in alternating
// blocks (bench/measure.mjs `pairedMedian`), so a change can be judged by its speed as wasm,
// where the targets are, and not by native instruction counts alone. The
// report decoding in npm/api.js is the same for both builds and is left out.
//
//   git stash; wasm-pack build --release --target web --out-dir /tmp/before --no-pack; git stash pop
//   wasm-pack build --release --target web --out-dir /tmp/after --no-pack
//   node --no-liftoff --expose-gc bench/ab.mjs /tmp/before /tmp/after [name filter…]
//
// The inputs are the benchmark's (bench/inputs.mjs); arguments after the two folders keep those
// whose name contains one of them ("1 MB", "line"). Prints each build's median, the ratio
// (after ÷ before: below 1 is faster) with the quartiles of the per-block ratio, and the sizes.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { inputs, bytes } from './inputs.mjs';
import { pairedMedian } from './measure.mjs';

const [dirA, dirB, ...filters] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node --no-liftoff --expose-gc bench/ab.mjs <before-dir> <after-dir> [name filter…]');
  process.exit(2);
}

/** A build folder: speclint's (`speclint.js`, timed by `check`) or the parse-only limit's (`pulldown_parse.js`, timed by `parse`). */
async function load(dir) {
  const name = existsSync(join(dir, 'speclint.js')) ? 'speclint' : 'pulldown_parse';
  const glue = await import(pathToFileURL(resolve(dir, `${name}.js`)).href);
  const wasm = readFileSync(join(dir, `${name}_bg.wasm`));
  glue.initSync({ module: wasm });
  const run = name === 'speclint' ? (text) => glue.check(text, options) : (text) => glue.parse(text);
  return { name, run, raw: wasm.length, gz: gzipSync(wasm, { level: 9 }).length };
}

const options = { template: 'tech-spec' };
const [a, b] = [await load(dirA), await load(dirB)];
if (a.name !== b.name) {
  console.error(`bench/ab.mjs: ${dirA} holds ${a.name} and ${dirB} ${b.name}: compare like with like`);
  process.exit(2);
}
const chosen = inputs().filter(([name]) => filters.length === 0 || filters.some((f) => name.includes(f)));
console.log(`before ${dirA}: ${a.raw} B, ${a.gz} B gzipped; after ${dirB}: ${b.raw} B, ${b.gz} B gzipped`);
console.log('input                           bytes    before ms    after ms   after/before (block quartiles)');
for (const [name, text] of chosen) {
  const [before, after, spread] = pairedMedian(() => a.run(text), () => b.run(text), { blocks: 10, blockMs: 150 });
  // pairedMedian's per-block ratio is the second function's time over the first's: after ÷ before.
  const ratio = after.ms / before.ms;
  console.log(
    `${name.padEnd(28)} ${String(bytes(text)).padStart(8)} ${before.ms.toFixed(4).padStart(12)} ${after.ms.toFixed(4).padStart(11)}   ${ratio.toFixed(3)} (${spread.lo.toFixed(3)}–${spread.hi.toFixed(3)})`,
  );
}
