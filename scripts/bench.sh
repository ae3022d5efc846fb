#!/usr/bin/env bash
# The benchmark suite of issue 7 (see BENCHMARKS.md): prints throughput, sizes, cold start and
# memory figures, then every target with pass/SHORT. Not part of the tests; timings are noisy.
#
#   scripts/bench.sh                        # everything (about 10 minutes on 2 busy cores)
#   SPECLINT_BENCH_QUICK=1 scripts/bench.sh # markdownlint skips the 10 MB input (about a minute a run)
#   SPECLINT_BENCH_REMARK_10MB=1 scripts/bench.sh # remark-lint runs it too (about 6 minutes a run)
#   SPECLINT_CORPUS=/path scripts/bench.sh  # corpus folder (default ../shared/corpus)
#
# Builds what is missing or stale first: npm/dist (scripts/build.sh) and the parse-only .wasm
# (bench/pulldown-parse/pkg); installs the contenders from bench/package-lock.json. Assumes
# scripts/setup.sh has run (wasm-pack, wasm-bindgen-cli, binaryen's wasm-opt, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }

# True when $1 is missing or any file under the other arguments is newer than it.
stale() {
  local out=$1
  shift
  [ ! -e "$out" ] || [ -n "$(find "$@" -newer "$out" -type f -print -quit 2>/dev/null)" ]
}

# 1. The package's .wasm, from the working tree as it is, and the page (www/pkg) that
#    bench/responsive.mjs types into (scripts/build-page.sh rebuilds the package when stale).
if stale npm/dist/speclint_bg.wasm src templates Cargo.toml Cargo.lock; then
  say "building npm/dist (scripts/build.sh)"
  scripts/build.sh
fi
scripts/build-page.sh

# 2. pulldown-cmark parse-only as wasm: same parser version, options, profile and toolchain.
# The limit must be built exactly as speclint is: the same wasm-opt arguments on both sides.
if [ "$(grep '^wasm-opt' Cargo.toml)" != "$(grep '^wasm-opt' bench/pulldown-parse/Cargo.toml)" ]; then
  echo "bench: the wasm-opt arguments of Cargo.toml and bench/pulldown-parse/Cargo.toml differ; keep them in step" >&2
  exit 1
fi
if stale bench/pulldown-parse/pkg/pulldown_parse_bg.wasm bench/pulldown-parse/src bench/pulldown-parse/Cargo.toml bench/pulldown-parse/Cargo.lock; then
  say "building bench/pulldown-parse (wasm-pack, opt-level 3)"
  (cd bench/pulldown-parse && wasm-pack build --release --target web --out-dir pkg --no-pack 2>&1 \
    | grep -v -e 'failed to get wasm-pack version' >&2 || true)
  test -s bench/pulldown-parse/pkg/pulldown_parse_bg.wasm || { echo "bench: wasm-pack produced no bench/pulldown-parse/pkg/pulldown_parse_bg.wasm" >&2; exit 1; }
fi

# 3. markdownlint and remark-lint, exact versions from bench/package-lock.json.
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "installing the contenders (npm ci in bench/)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# 4. Native: speclint vs pulldown-cmark parse-only (benches/throughput.rs), kept for the table.
native=$(mktemp)
trap 'rm -f "$native"' EXIT
say "cargo bench --bench throughput"
cargo bench --locked --bench throughput >"$native" 2> >(grep -v -e '^\s*Compiling' -e '^\s*Finished' -e '^\s*Running' >&2)
printf '\n== native (cargo bench --bench throughput) ==\n'
cat "$native"

# 5. Everything else, in Node; ends with the targets. --no-liftoff: wasm is compiled by V8's
# optimizing tier before its first call. With the default baseline-then-tier-up, a busy machine
# starves the background tier-up thread and the first measurements ran 15x slow on baseline code.
printf '\n== speclint benchmark (bench/run.mjs) ==\n'
node --no-liftoff --expose-gc --max-old-space-size=8192 bench/run.mjs --native "$native"
