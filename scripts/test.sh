#!/usr/bin/env bash
# Runs every test speclint has, from a clean clone: installs what is missing first
# (scripts/setup.sh, idempotent), then the Rust suite, lints, the wasm/npm/CLI suite and the
# page tests. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "setup"
scripts/setup.sh

step "rustfmt"
cargo fmt --check

step "clippy (native and wasm32)"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --locked -- -D warnings

step "rustdoc (no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet

step "cargo test (unit, fixtures, positions, properties, corpus accuracy, docs)"
cargo test --locked

# wasm-bindgen tests (Node and Chromium), the npm package, the CLI, consumers, the differential
# native-vs-wasm test; then the page and the <spec-lint> element in headless Chromium.
for suite in scripts/test-js.sh scripts/test-page.sh scripts/test-embed.sh; do
  step "$suite"
  "$suite"
done

step "all tests passed"
