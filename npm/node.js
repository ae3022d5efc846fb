// Node entry (the `node` export condition): reads the .wasm shipped next to this file and
// instantiates it synchronously, so the API is ready as soon as the import resolves and no
// top-level await is needed (which lets dist/node.cjs, its CommonJS build, work with require()).
import { readFileSync } from 'node:fs';
import { initSync } from './dist/speclint.js';

initSync({ module: readFileSync(new URL('./dist/speclint_bg.wasm', import.meta.url)) });

export * from './api.js';
