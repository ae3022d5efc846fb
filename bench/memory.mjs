// Peak wasm memory for the 10 MB document, in a fresh process (a wasm memory never shrinks, so
// the measuring process must not have checked anything bigger first), and whether the package
// gives that memory back afterwards. Prints one JSON object; bench/run.mjs reads it.
//
// WebAssembly.Memory cannot be read from the package's API; the glue module that the package's
// Node entry instantiated is the same module instance imported here, and its `initSync()`
// returns the live exports (a new instance's after the package re-instantiates the module). The
// peak is read from the Memory object held from before the check, so it is that instance's even
// if the package replaces the instance right after.
import { readFileSync } from 'node:fs';
import { check } from '../npm/node.js';
import { initSync as speclintExports } from '../npm/dist/speclint.js';
import { initSync as initParse, parse } from './pulldown-parse/pkg/pulldown_parse.js';
import { inputs, bytes } from './inputs.mjs';

const options = { template: 'tech-spec', maxBytes: 64 * 2 ** 20 };
const doc = new Map(inputs());
const big = doc.get('corpus 10 MB');
const small = doc.get('typical 20 KB');
if (!big) {
  console.log(JSON.stringify({ skipped: 'corpus not found' }));
  process.exit(0);
}
const mem = () => speclintExports().memory.buffer.byteLength;

const out = { inputBytes: bytes(big), utf16Units: big.length };
out.afterLoad = mem();
check(small, options);
out.after20KB = mem();
const memory = speclintExports().memory;
check(big, options);
out.peak = memory.buffer.byteLength;
check(small, options);
out.afterSmallAgain = mem();

const p = initParse({ module: readFileSync(new URL('./pulldown-parse/pkg/pulldown_parse_bg.wasm', import.meta.url)) });
out.parseAfterLoad = p.memory.buffer.byteLength;
parse(big);
out.parsePeak = p.memory.buffer.byteLength;
console.log(JSON.stringify(out));
