// Peak wasm memory for the 10 MB document, in a fresh process (a wasm memory never shrinks, so
// the measuring process must not have checked anything bigger first), and whether the package
// gives that memory back afterwards. Prints one JSON object; bench/run.mjs reads it.
//
// WebAssembly.Memory cannot be read from the package's API; the glue module that the package's
// Node entry instantiated is the same module instance imported here, and its `initSync()`
// returns the live exports (including after the package re-instantiates them).
import { readFileSync } from 'node:fs';
import { check, __speclint_test_panic } from '../npm/node.js';
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
check(big, options);
out.peak = mem();
check(small, options);
out.afterSmallAgain = mem();
// The only re-instantiation the package has: api.js's recovery after a trap. Trigger it with the
// package's own test hook (its panic message goes to console.error, silenced here) to show that a
// fresh instance is what gives the memory back.
const consoleError = console.error;
console.error = () => {};
try {
  __speclint_test_panic();
} catch {
  // expected: the wrapper turns the panic into an Error and schedules a fresh instance
} finally {
  console.error = consoleError;
}
check(small, options);
out.afterReinstantiate = mem();

const p = initParse({ module: readFileSync(new URL('./pulldown-parse/pkg/pulldown_parse_bg.wasm', import.meta.url)) });
out.parseAfterLoad = p.memory.buffer.byteLength;
parse(big);
out.parsePeak = p.memory.buffer.byteLength;
console.log(JSON.stringify(out));
