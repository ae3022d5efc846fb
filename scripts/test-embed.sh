#!/usr/bin/env bash
# The <spec-lint> element tests: headless Debian Chromium driven by playwright-core against www/
# (www/embed.html, the wiki demo) and the test pages in tests/embed/fixtures/, served by the page
# tests' static server. The adapters' tests are in tests/js/ (scripts/test-js.sh).
#   scripts/test-embed.sh                               every element test
#   scripts/test-embed.sh tests/embed/element.test.mjs  one file
# Assumes scripts/setup.sh has run; builds the package first when its sources changed
# (scripts/build-page.sh, which also copies npm/element.js to www/pkg/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/build-page.sh

if [ "$#" -eq 0 ]; then set -- tests/embed/*.test.mjs; fi
exec node --test --test-concurrency=1 --test-reporter=spec "$@"
