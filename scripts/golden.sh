#!/usr/bin/env bash
# Writes the JSON report of every corpus document against every built-in template (and auto,
# and the pair's own template) to <outdir>, for checking that a pure optimization changes no
# report:  scripts/golden.sh /tmp/before; (change); scripts/golden.sh /tmp/after; diff -r ...
# Skips cleanly without ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/golden.sh <outdir>}
corpus=${SPECLINT_CORPUS:-../shared/corpus}
[ -d "$corpus" ] || { echo "golden: no corpus at $corpus, nothing to do" >&2; exit 0; }
cargo build -q --release --example explain --target-dir "${GOLDEN_TARGET:-target/golden}"
bin=${GOLDEN_TARGET:-target/golden}/release/examples/explain
mkdir -p "$out"
n=0
for doc in "$corpus"/*/*.md "$corpus"/../seeds/*.md; do
  name=$(basename "$(dirname "$doc")")-$(basename "$doc" .md)
  for t in auto spec-md tech-spec; do
    "$bin" "$doc" "$t" --json > "$out/$name.$t.json"; n=$((n+1))
  done
  for t in "$corpus"/templates/*.md; do
    "$bin" "$doc" "$t" --json > "$out/$name.$(basename "$t" .md).json"; n=$((n+1))
  done
done
# Small versions of the benchmark's generated pathological inputs.
gen=$(mktemp -d); trap 'rm -rf "$gen"' EXIT
python3 - "$gen" <<'PY'
import sys, os
d = sys.argv[1]
docs = {
  'nested-list': '- ' * 1000 + 'item\n',
  'block-quote': '> ' * 1000 + 'deep\n',
  'unmatched': '# Spec\n\n' + '[' * 2000 + '\n',
  'long-line': '# Spec\n\n' + 'word [Name] `code` x ' * 2000 + '\n',
  'headings': ''.join(f'## Heading {i}\n\ntext [Name]\n\n' for i in range(500)),
  'table': '# Spec\n\n| a | b | c | d |\n|---|---|---|---|\n' + ''.join(f'| [Name] | {i} | | x |\n' for i in range(500)),
  'comments': '# Spec\n\n' + ''.join(f'<!-- guidance {i} -->\ntext\n\n' for i in range(300)),
}
for k, v in docs.items():
    open(os.path.join(d, k + '.md'), 'w').write(v)
PY
for doc in "$gen"/*.md; do
  for t in auto tech-spec; do
    "$bin" "$doc" "$t" --json > "$out/gen-$(basename "$doc" .md).$t.json"; n=$((n+1))
  done
done
echo "golden: $n reports in $out" >&2
