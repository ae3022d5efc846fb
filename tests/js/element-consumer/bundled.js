// Bundled by Vite and by webpack (no config, no wasm plugin): the element's entry alone.
import 'speclint/element';
