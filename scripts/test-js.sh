#!/usr/bin/env bash
# The WebAssembly, npm package and CLI tests. Assumes scripts/setup.sh has run (wasm target,
# wasm-pack, wasm-bindgen-cli, Chromium + chromedriver, root npm packages).
#
#   1. scripts/build.sh                         the package's generated files in npm/dist/
#   2. wasm-bindgen-test in Node                tests/wasm.rs: the binding's JS shape
#   3. wasm-bindgen-test in headless Chromium   same tests, Debian chromium + chromedriver
#   4. tsc --checkJs --strict tests/js/shape.js the declarations list exactly the keys the tests expect
#   5. node --test tests/js/                    API, CLI, and the packed-package consumer test
#                                               (npx, import, require, tsc, Vite, esbuild, plain page)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m-- %s\033[0m\n' "$*" >&2; }

step "build the npm package (wasm-pack, CommonJS and inline builds)"
scripts/build.sh

step "wasm-bindgen-test in Node"
wasm-pack test --node -- --test wasm

step "wasm-bindgen-test in headless Chromium"
# tests/wasm.rs does not pin a runner, so this picks the browser for the same tests.
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome -- --test wasm

step "TypeScript declarations match the values (tsc --strict --checkJs)"
tsc --noEmit --strict --allowJs --checkJs --module nodenext --target es2022 --lib es2022,dom --skipLibCheck false tests/js/shape.js

step "npm package: API, CLI, packed-package consumers (node --test)"
node --test --test-concurrency=1 tests/js/
