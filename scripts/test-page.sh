#!/usr/bin/env bash
# The page tests: headless Debian Chromium driven by playwright-core against www/ served from
# the tests themselves (tests/page/*.test.mjs). Screenshots go to screenshots/ (git-ignored).
#   scripts/test-page.sh                        every page test
#   scripts/test-page.sh tests/page/xss.test.mjs  one file
# Assumes scripts/setup.sh has run; builds the package first when its sources changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/build-page.sh

if [ "$#" -eq 0 ]; then set -- tests/page/*.test.mjs; fi
exec node --test --test-concurrency=1 --test-reporter=spec "$@"
