// Bundled by esbuild with no plugin: `speclint/inline` carries the .wasm inside the JS.
import * as api from 'speclint/inline';
import { exercise, show } from './shared.js';

show(() => exercise(api));
