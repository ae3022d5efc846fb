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

step "cargo test (unit, fixtures, positions, properties, corpus accuracy, docs)"
cargo test --locked

for suite in scripts/test-js.sh scripts/test-page.sh; do
  if [ -x "$suite" ]; then
    step "$suite"
    "$suite"
  fi
done

step "all tests passed"
