#!/usr/bin/env bash
# Builds speclint and serves the paste-and-check page (www/) on http://127.0.0.1:8080.
#   scripts/serve.sh              install what is missing, build if sources changed, serve
#   PORT=9000 scripts/serve.sh    another port
# Any static server works: the page needs nothing but files, with application/wasm for .wasm
# (Python's http.server sends it). Nothing is listened to beyond 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"

scripts/setup.sh
scripts/build-page.sh

printf '\n\033[1mspeclint page: http://127.0.0.1:%s/\033[0m  (Ctrl+C stops the server)\n\n' "$PORT" >&2
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www
