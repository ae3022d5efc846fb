// Bundled by Vite with no configuration and no wasm plugin.
import * as api from 'speclint';
import { exercise, show } from '../shared.js';

show(() => exercise(api));
