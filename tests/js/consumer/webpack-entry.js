// Bundled by webpack 5 with no configuration file and no wasm plugin or loader.
import * as api from 'speclint';
import { exercise, show } from './shared.js';

show(() => exercise(api));
