#!/usr/bin/env bash
# Makes www/ runnable: builds the npm package when its inputs changed since the last build
# (scripts/build.sh, which writes npm/dist/), then copies the files the page imports into
# www/pkg/ (git-ignored), laid out as in npm/ so the package's relative imports hold:
#   www/pkg/browser.js  www/pkg/api.js  www/pkg/dist/speclint.js  www/pkg/dist/speclint_bg.wasm
#   www/pkg/element.js  (the <spec-lint> element, for www/embed.html)
# and bundles the page editor's CodeMirror 6 (scripts/page-codemirror.js, from node_modules) with
# esbuild into www/pkg/codemirror.js: one same-origin module, so the page needs no CDN and works
# offline. Assumes scripts/setup.sh has run. A re-run with nothing changed takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=npm/dist/speclint_bg.wasm
if [ ! -s "$wasm" ] || [ ! -s npm/dist/speclint.js ] \
  || [ -n "$(find src templates Cargo.toml Cargo.lock scripts/build.sh -newer "$wasm" -print -quit)" ]; then
  echo "build-page: building the package (scripts/build.sh)" >&2
  scripts/build.sh
fi

mkdir -p www/pkg/dist
copy() { cmp -s "$1" "$2" || cp "$1" "$2"; }
copy npm/browser.js www/pkg/browser.js
copy npm/api.js www/pkg/api.js
copy npm/element.js www/pkg/element.js
copy npm/dist/speclint.js www/pkg/dist/speclint.js
copy "$wasm" www/pkg/dist/speclint_bg.wasm

# The editor's CodeMirror: bundled into a temporary file, copied only when it changed (so its
# mtime, and any cache keyed on it, moves only with the bundle).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node_modules/.bin/esbuild scripts/page-codemirror.js --bundle --format=esm --minify --target=es2022 \
  --legal-comments=eof --log-level=warning \
  --banner:js='// CodeMirror 6 (@codemirror/state, view, commands and their dependencies), MIT licensed, (c) Marijn Haverbeke and others. Bundled by scripts/build-page.sh.' \
  --outfile="$tmp/codemirror.js"
copy "$tmp/codemirror.js" www/pkg/codemirror.js
