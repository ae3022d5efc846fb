// Browser and bundler entry: fetches the .wasm next to this file. Vite, webpack, Rollup and
// Parcel see `new URL('…', import.meta.url)` and ship the file with the bundle; a page that
// imports this file straight from a static server needs nothing else either. Top-level await
// makes the API ready when the import resolves. For esbuild, which leaves such URLs alone,
// import "speclint/inline" instead (the .wasm embedded in the JS).
import init from './dist/speclint.js';

await init({ module_or_path: new URL('./dist/speclint_bg.wasm', import.meta.url) });

export * from './api.js';
