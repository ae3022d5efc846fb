#!/usr/bin/env bash
# Installs everything speclint needs to build and test, idempotently: each step checks first
# and skips what is already there. Only crates.io, npm and Debian packages are used; nothing
# downloads a binary from anywhere else.
#
#   scripts/setup.sh          # everything (Rust wasm target, wasm-pack, wasm-bindgen-cli,
#                             # binaryen's wasm-opt, Chromium + chromedriver, npm packages)
#   SPECLINT_NO_BROWSER=1 scripts/setup.sh   # skip Chromium (build-only machines)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

WASM_PACK_VERSION=0.15.1
# wasm-pack only uses the wasm-bindgen on PATH when it matches Cargo.lock exactly; otherwise it
# would try to download one. So the version comes from the lockfile, never from a constant.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: wasm-bindgen not found in Cargo.lock" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

# 1. Rust target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, exactly the version in Cargo.lock.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # --locked can name a dependency version the registry no longer serves; fall back without it.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3. wasm-pack (the npm package of that name downloads from GitHub, so build it from crates.io).
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# 4. Chromium and chromedriver from Debian, for browser tests and the page screenshots.
if [ -z "${SPECLINT_NO_BROWSER:-}" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian chromium + chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. npm packages from the lockfile (binaryen's wasm-opt, playwright-core, typescript, ...).
#    Debian's binaryen is too old (its output fails to instantiate); npm binaryen runs on Node.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

say "ready (wasm-bindgen $WASM_BINDGEN_VERSION, wasm-pack $WASM_PACK_VERSION)"
